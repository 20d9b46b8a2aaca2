-- DPA 2018 s.47 (issue 8): content a disposal review restricted instead of erasing. Kept, and
-- refused to everyone by the policy (policies/rules/documents.ts, files.ts, submissions.ts).
-- And the rank of a certificate's marking, derived from its canonical text, so that a certificate
-- (its title) is read only within the reader's vetting.
ALTER TABLE "documents" ADD COLUMN "is_restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "is_restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "is_restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "disposal_certificates" ADD COLUMN "marking_rank" smallint GENERATED ALWAYS AS (CASE WHEN marking LIKE 'TOP SECRET%' THEN 4 WHEN marking LIKE 'SECRET%' THEN 3 WHEN marking LIKE 'OFFICIAL-SENSITIVE%' THEN 2 WHEN marking LIKE 'OFFICIAL%' THEN 1 END) STORED;