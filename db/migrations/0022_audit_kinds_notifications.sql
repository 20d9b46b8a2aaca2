-- Issue 10: each audit event names its DPA 2018 s.62 operation (kind); an agency may require a
-- justification before its people open or export content from a classification upwards; the new
-- notification kinds (mention, reply, access expiring, sync failed) and each person's choices.
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notification_preferences_kind_known" CHECK (kind IN ('card-assigned', 'card-due-soon', 'card-overdue', 'briefing-published', 'record-review-due', 'comment-mention', 'comment-reply', 'access-expiring', 'sync-failed'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_known";--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "justification_from" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_justification_from_known" CHECK ("agencies"."justification_from" IS NULL OR "agencies"."justification_from" IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET'));--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_kind_known" CHECK ("audit_events"."kind" IS NULL OR "audit_events"."kind" IN ('collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_known" CHECK (kind IN ('card-assigned', 'card-due-soon', 'card-overdue', 'briefing-published', 'record-review-due', 'comment-mention', 'comment-reply', 'access-expiring', 'sync-failed'));
--> statement-breakpoint
-- The kind joins the hashed canonical JSON, only when it is set: an event chained before this
-- migration (no kind) keeps the hash it was given, so the chain stays verifiable across it.
CREATE OR REPLACE FUNCTION audit_event_hash(e audit_events) RETURNS text AS $$
  SELECT encode(sha256(convert_to((jsonb_build_object(
    'seq', e.chain_seq, 'prev', e.prev_hash, 'id', e.id,
    'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'requestId', e.request_id, 'actorUserId', e.actor_user_id, 'agencyId', e.agency_id,
    'action', e.action, 'outcome', e.outcome, 'subjectType', e.subject_type, 'subjectId', e.subject_id,
    'spaceId', e.space_id, 'markingBefore', e.marking_before, 'markingAfter', e.marking_after,
    'justification', e.justification, 'details', e.details)
    || CASE WHEN e.kind IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('kind', e.kind) END)::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
