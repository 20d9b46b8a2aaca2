-- A published form version never changes and is never deleted on its own: submissions were made
-- against it and must always be read with the exact questions they answered. A draft may change
-- (and becomes published once, by setting status and published_at together). Deleting the whole
-- form (cascading from forms) is left to the operations, which refuse it while submissions exist.
CREATE OR REPLACE FUNCTION form_versions_refuse_published_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
    RAISE EXCEPTION 'form version % is published and cannot change', OLD.id;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.form_id <> OLD.form_id THEN
    RAISE EXCEPTION 'a form version cannot move to another form';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER form_versions_published_immutable
  BEFORE UPDATE ON form_versions
  FOR EACH ROW EXECUTE FUNCTION form_versions_refuse_published_change();
