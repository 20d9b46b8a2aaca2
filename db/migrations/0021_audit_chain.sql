-- The audit trail hash-chained per agency (issue 10, DPA 2018 s.62, ASVS v5.0.0-16.4.3): each event
-- carries its link number, the previous link's hash and its own, set by a trigger so that every
-- way of writing an event (recordAudit, changeWithAudit, INSERT … SELECT in the sweeps) is chained.
-- lib/audit/verify-audit-chain.ts recomputes the hashes independently.
CREATE TABLE "audit_chain_heads" (
	"chain_key" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_idx" ON "audit_events" USING btree (coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid),"chain_seq");
--> statement-breakpoint
-- The canonical JSON of an event, exactly as lib/audit/canonical-json.ts writes it (jsonb's own
-- key order and spacing), including its link to the row before; the hash is its SHA-256.
CREATE OR REPLACE FUNCTION audit_event_hash(e audit_events) RETURNS text AS $$
  SELECT encode(sha256(convert_to(jsonb_build_object(
    'seq', e.chain_seq, 'prev', e.prev_hash, 'id', e.id,
    'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'requestId', e.request_id, 'actorUserId', e.actor_user_id, 'agencyId', e.agency_id,
    'action', e.action, 'outcome', e.outcome, 'subjectType', e.subject_type, 'subjectId', e.subject_id,
    'spaceId', e.space_id, 'markingBefore', e.marking_before, 'markingAfter', e.marking_after,
    'justification', e.justification, 'details', e.details)::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- Each new event joins its agency's chain (the nil UUID: events with no agency). The head row is
-- locked by the upsert until the inserting transaction ends, so two events never take the same
-- link; events of different agencies do not wait for each other.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger AS $$
DECLARE
  k uuid := coalesce(NEW.agency_id, '00000000-0000-0000-0000-000000000000'::uuid);
  head_seq bigint;
  head_hash text;
BEGIN
  INSERT INTO audit_chain_heads AS h (chain_key, seq, hash) VALUES (k, 0, '')
    ON CONFLICT (chain_key) DO UPDATE SET seq = h.seq
    RETURNING h.seq, h.hash INTO head_seq, head_hash;
  NEW.chain_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := audit_event_hash(NEW);
  UPDATE audit_chain_heads SET seq = NEW.chain_seq, hash = NEW.hash WHERE chain_key = k;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Events written before the chain existed join it in the order they were written.
DO $$
DECLARE
  r audit_events;
  k uuid;
  s bigint;
  h text;
BEGIN
  ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    k := coalesce(r.agency_id, '00000000-0000-0000-0000-000000000000'::uuid);
    SELECT seq, hash INTO s, h FROM audit_chain_heads WHERE chain_key = k;
    IF NOT FOUND THEN
      s := 0;
      h := '';
    END IF;
    r.chain_seq := s + 1;
    r.prev_hash := h;
    r.hash := audit_event_hash(r);
    UPDATE audit_events SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (k, r.chain_seq, r.hash)
      ON CONFLICT (chain_key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
  END LOOP;
  ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain
  BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
-- The chain's head is changed only by the trigger: nothing may delete or rewind it.
CREATE OR REPLACE FUNCTION audit_chain_heads_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq OR NEW.chain_key <> OLD.chain_key THEN
    RAISE EXCEPTION 'audit_chain_heads only moves forward';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_forward_only
  BEFORE UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only();
