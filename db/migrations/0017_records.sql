-- Records management (issue 8): the file plan (retention labels, event types), labels on items
-- and their clocks, rules and space defaults, events raised, holds, disposal decisions and the
-- certificates kept as proof of disposal.
CREATE TYPE "public"."disposal_decision_kind" AS ENUM('approve', 'extend', 'relabel', 'add_reviewers');--> statement-breakpoint
CREATE TYPE "public"."hold_kind" AS ENUM('cpia', 'public_inquiry', 'court_order', 'other');--> statement-breakpoint
CREATE TYPE "public"."record_item_type" AS ENUM('document', 'file', 'submission');--> statement-breakpoint
CREATE TYPE "public"."record_kind" AS ENUM('none', 'record', 'regulatory');--> statement-breakpoint
CREATE TYPE "public"."record_state" AS ENUM('retained', 'in_review', 'approved', 'disposed', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."retention_action" AS ENUM('delete', 'review', 'relabel');--> statement-breakpoint
CREATE TYPE "public"."retention_trigger" AS ENUM('created', 'modified', 'labelled', 'event');--> statement-breakpoint
CREATE TABLE "disposal_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"item_type" "record_item_type" NOT NULL,
	"item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"space_id" uuid,
	"space_name" text NOT NULL,
	"marking" text NOT NULL,
	"label_reference" text NOT NULL,
	"label_name" text NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text NOT NULL,
	"disposed_at" timestamp with time zone NOT NULL,
	"disposed_by" uuid,
	"keep_until" timestamp with time zone NOT NULL,
	CONSTRAINT "disposal_certificates_outcome" CHECK ("disposal_certificates"."outcome" IN ('deleted', 'restricted'))
);
--> statement-breakpoint
CREATE TABLE "disposal_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_item_id" uuid NOT NULL,
	"stage" smallint NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" "disposal_decision_kind" NOT NULL,
	"comment" text NOT NULL,
	"new_due_on" date,
	"new_label_id" uuid,
	"added_reviewer_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposal_decisions_comment" CHECK (char_length(btrim("disposal_decisions"."comment")) > 0),
	CONSTRAINT "disposal_decisions_extend" CHECK (("disposal_decisions"."decision" = 'extend') = ("disposal_decisions"."new_due_on" IS NOT NULL)),
	CONSTRAINT "disposal_decisions_relabel" CHECK (("disposal_decisions"."decision" = 'relabel') = ("disposal_decisions"."new_label_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "hold_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hold_id" uuid NOT NULL,
	"space_id" uuid,
	"item_type" "record_item_type",
	"item_id" uuid,
	CONSTRAINT "hold_scopes_one" CHECK (("hold_scopes"."space_id" IS NOT NULL AND "hold_scopes"."item_type" IS NULL AND "hold_scopes"."item_id" IS NULL) OR ("hold_scopes"."space_id" IS NULL AND "hold_scopes"."item_type" IS NOT NULL AND "hold_scopes"."item_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "hold_kind" NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	"release_reason" text,
	CONSTRAINT "holds_release_reason" CHECK (("holds"."released_at" IS NULL) = ("holds"."release_reason" IS NULL)),
	CONSTRAINT "holds_reason" CHECK (char_length(btrim("holds"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "record_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_type" "record_item_type" NOT NULL,
	"item_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"label_id" uuid NOT NULL,
	"applied_how" text NOT NULL,
	"labelled_by" uuid,
	"labelled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"subject_reference" text,
	"subject_date_of_birth" date,
	"clock_started_on" date,
	"due_on" date,
	"state" "record_state" DEFAULT 'retained' NOT NULL,
	"review_stage" smallint,
	"added_reviewers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_items_applied_how" CHECK ("record_items"."applied_how" IN ('manual', 'rule', 'space_default', 'relabel')),
	CONSTRAINT "record_items_review_stage" CHECK (("record_items"."state" = 'in_review') = ("record_items"."review_stage" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "retention_event_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"computed" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_event_types_computed" CHECK ("retention_event_types"."computed" IS NULL OR "retention_event_types"."computed" = 'subject_100th_birthday')
);
--> statement-breakpoint
CREATE TABLE "retention_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"event_type_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"subject_reference" text,
	"space_id" uuid,
	"item_count" integer DEFAULT 0 NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_events_scope" CHECK ("retention_events"."subject_reference" IS NOT NULL OR "retention_events"."space_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "retention_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"authority" text DEFAULT '' NOT NULL,
	"citation" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"period_years" smallint DEFAULT 0 NOT NULL,
	"period_months" smallint DEFAULT 0 NOT NULL,
	"period_days" integer DEFAULT 0 NOT NULL,
	"trigger" "retention_trigger" NOT NULL,
	"event_type_id" uuid,
	"is_clear_period" boolean DEFAULT false NOT NULL,
	"action" "retention_action" NOT NULL,
	"relabel_to_id" uuid,
	"review_stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record_kind" "record_kind" DEFAULT 'none' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "retention_labels_period_non_negative" CHECK ("retention_labels"."period_years" >= 0 AND "retention_labels"."period_months" >= 0 AND "retention_labels"."period_days" >= 0),
	CONSTRAINT "retention_labels_event" CHECK (("retention_labels"."trigger" = 'event') = ("retention_labels"."event_type_id" IS NOT NULL)),
	CONSTRAINT "retention_labels_relabel" CHECK (("retention_labels"."action" = 'relabel') = ("retention_labels"."relabel_to_id" IS NOT NULL)),
	CONSTRAINT "retention_labels_review_stages" CHECK (("retention_labels"."action" = 'review') = (jsonb_array_length("retention_labels"."review_stages") BETWEEN 1 AND 5))
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"label_id" uuid NOT NULL,
	"item_type" "record_item_type" NOT NULL,
	"form_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_rules_form_key" CHECK ("retention_rules"."form_key" IS NULL OR "retention_rules"."item_type" = 'submission')
);
--> statement-breakpoint
CREATE TABLE "space_retention_defaults" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"label_id" uuid NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disposal_certificates" ADD CONSTRAINT "disposal_certificates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_certificates" ADD CONSTRAINT "disposal_certificates_disposed_by_users_id_fk" FOREIGN KEY ("disposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_decisions" ADD CONSTRAINT "disposal_decisions_record_item_id_record_items_id_fk" FOREIGN KEY ("record_item_id") REFERENCES "public"."record_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_decisions" ADD CONSTRAINT "disposal_decisions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_decisions" ADD CONSTRAINT "disposal_decisions_new_label_id_retention_labels_id_fk" FOREIGN KEY ("new_label_id") REFERENCES "public"."retention_labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hold_scopes" ADD CONSTRAINT "hold_scopes_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hold_scopes" ADD CONSTRAINT "hold_scopes_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_items" ADD CONSTRAINT "record_items_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_items" ADD CONSTRAINT "record_items_owning_agency_id_agencies_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_items" ADD CONSTRAINT "record_items_label_id_retention_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."retention_labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_items" ADD CONSTRAINT "record_items_labelled_by_users_id_fk" FOREIGN KEY ("labelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_event_types" ADD CONSTRAINT "retention_event_types_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_event_types" ADD CONSTRAINT "retention_event_types_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_events" ADD CONSTRAINT "retention_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_events" ADD CONSTRAINT "retention_events_event_type_id_retention_event_types_id_fk" FOREIGN KEY ("event_type_id") REFERENCES "public"."retention_event_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_events" ADD CONSTRAINT "retention_events_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_events" ADD CONSTRAINT "retention_events_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_labels" ADD CONSTRAINT "retention_labels_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_labels" ADD CONSTRAINT "retention_labels_event_type_id_retention_event_types_id_fk" FOREIGN KEY ("event_type_id") REFERENCES "public"."retention_event_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_labels" ADD CONSTRAINT "retention_labels_relabel_to_id_retention_labels_id_fk" FOREIGN KEY ("relabel_to_id") REFERENCES "public"."retention_labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_labels" ADD CONSTRAINT "retention_labels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_label_id_retention_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."retention_labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_retention_defaults" ADD CONSTRAINT "space_retention_defaults_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_retention_defaults" ADD CONSTRAINT "space_retention_defaults_label_id_retention_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."retention_labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_retention_defaults" ADD CONSTRAINT "space_retention_defaults_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disposal_certificates_item_idx" ON "disposal_certificates" USING btree ("item_type","item_id");--> statement-breakpoint
CREATE INDEX "disposal_certificates_agency_idx" ON "disposal_certificates" USING btree ("agency_id","disposed_at");--> statement-breakpoint
CREATE INDEX "disposal_certificates_keep_idx" ON "disposal_certificates" USING btree ("keep_until");--> statement-breakpoint
CREATE INDEX "disposal_decisions_item_idx" ON "disposal_decisions" USING btree ("record_item_id");--> statement-breakpoint
CREATE INDEX "hold_scopes_hold_idx" ON "hold_scopes" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "hold_scopes_space_idx" ON "hold_scopes" USING btree ("space_id");--> statement-breakpoint
CREATE INDEX "hold_scopes_item_idx" ON "hold_scopes" USING btree ("item_type","item_id");--> statement-breakpoint
CREATE INDEX "holds_agency_idx" ON "holds" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_items_item_idx" ON "record_items" USING btree ("item_type","item_id");--> statement-breakpoint
CREATE INDEX "record_items_due_idx" ON "record_items" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "record_items_label_idx" ON "record_items" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "record_items_subject_idx" ON "record_items" USING btree ("owning_agency_id","subject_reference");--> statement-breakpoint
CREATE INDEX "record_items_space_idx" ON "record_items" USING btree ("space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_event_types_key_idx" ON "retention_event_types" USING btree ("agency_id","key");--> statement-breakpoint
CREATE INDEX "retention_events_agency_idx" ON "retention_events" USING btree ("agency_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_labels_reference_idx" ON "retention_labels" USING btree ("agency_id","reference");--> statement-breakpoint
CREATE INDEX "retention_rules_agency_idx" ON "retention_rules" USING btree ("agency_id");--> statement-breakpoint
-- An item deleted (by its owner, or by a disposal) takes its label row with it: the proof of a
-- disposal is its certificate, written in the same transaction before the content goes.
CREATE FUNCTION record_items_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM record_items WHERE item_type = TG_ARGV[0]::record_item_type AND item_id = OLD.id;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER documents_record_items_forget AFTER DELETE ON documents FOR EACH ROW EXECUTE FUNCTION record_items_forget('document');--> statement-breakpoint
CREATE TRIGGER files_record_items_forget AFTER DELETE ON files FOR EACH ROW EXECUTE FUNCTION record_items_forget('file');--> statement-breakpoint
CREATE TRIGGER submissions_record_items_forget AFTER DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION record_items_forget('submission');--> statement-breakpoint
-- Nothing under a hold that stands is deleted, whatever asks: the operations refuse it with a
-- clear error first; this is the database's own refusal behind them (and behind a space's
-- deletion cascading to its content).
CREATE FUNCTION refuse_delete_when_held() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id
    WHERE h.released_at IS NULL
      AND (hs.space_id = OLD.space_id OR (hs.item_type = TG_ARGV[0]::record_item_type AND hs.item_id = OLD.id))
  ) THEN
    RAISE EXCEPTION 'this % is under a hold and cannot be deleted', TG_ARGV[0] USING ERRCODE = 'P0001', HINT = 'accord:held';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER documents_refuse_delete_when_held BEFORE DELETE ON documents FOR EACH ROW EXECUTE FUNCTION refuse_delete_when_held('document');--> statement-breakpoint
CREATE TRIGGER files_refuse_delete_when_held BEFORE DELETE ON files FOR EACH ROW EXECUTE FUNCTION refuse_delete_when_held('file');--> statement-breakpoint
CREATE TRIGGER submissions_refuse_delete_when_held BEFORE DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION refuse_delete_when_held('submission');
--> statement-breakpoint
-- A space under a hold is not deleted either (its hold scope would otherwise go with it first).
CREATE FUNCTION refuse_space_delete_when_held() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id WHERE h.released_at IS NULL AND hs.space_id = OLD.id) THEN
    RAISE EXCEPTION 'this space is under a hold and cannot be deleted' USING ERRCODE = 'P0001', HINT = 'accord:held';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER spaces_refuse_delete_when_held BEFORE DELETE ON spaces FOR EACH ROW EXECUTE FUNCTION refuse_space_delete_when_held();
