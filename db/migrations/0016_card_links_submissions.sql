-- A card can link to a form submission of its space, as to a document or a file: one more
-- nullable target, unique per card, removed with the submission, and the one-target check now
-- counting three columns (exactly one set).
ALTER TABLE "card_links" DROP CONSTRAINT "card_links_one_target";--> statement-breakpoint
ALTER TABLE "card_links" ADD COLUMN "submission_id" uuid;--> statement-breakpoint
ALTER TABLE "card_links" ADD CONSTRAINT "card_links_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_links_card_submission_idx" ON "card_links" USING btree ("card_id","submission_id");--> statement-breakpoint
ALTER TABLE "card_links" ADD CONSTRAINT "card_links_one_target" CHECK (num_nonnulls("card_links"."document_id", "card_links"."file_id", "card_links"."submission_id") = 1);