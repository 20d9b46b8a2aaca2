-- Disposal review (issue 8): DPA 2018 s.47 "restrict instead of erase" as a reviewer's decision,
-- and the content-free notification that an item waits for someone's disposal review.
ALTER TYPE "public"."disposal_decision_kind" ADD VALUE 'restrict';--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_known";--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_known" CHECK (kind IN ('card-assigned', 'card-due-soon', 'card-overdue', 'briefing-published', 'record-review-due'));
