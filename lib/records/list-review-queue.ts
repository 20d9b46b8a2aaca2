/**
 * The disposal review queue (issue 8): the items in review that the actor may decide now: those
 * whose current stage names them, and, for the agency's records managers, every item in review
 * within their vetting. Never an item under a hold (it leaves the queue while the hold stands).
 * Each shows what identifies it (title, type, space, marking), its label, due day, stage and the
 * decisions made so far in this review; never its content. Showing the titles of
 * OFFICIAL-SENSITIVE items is audited as a consultation, as My work and notifications do.
 *
 * The policy decides each row (`review` on RecordItem, whose subject needs the content's marking
 * and the stage's reviewers, both computed from joins): the SQL narrows to items in review, not
 * held, of the actor's agency (the only agency whose records any rule lets them review), and
 * ability.can() decides every row; the page is bounded.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { disposalDecisions, recordItems, retentionLabels, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import { RANKS } from "@/policies/markings";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { userColumns } from "../authz/columns";
import { labelColumns } from "./file-plan-shared";
import { isNotHeldSql, recordItemSubject, selectRecordItems, stageReviewerIds, type LoadedRecordItem } from "./disposal-shared";

/** The most items the queue shows at once (oldest due first). */
export const REVIEW_QUEUE_MAX = 500;

export const ZListReviewQueue = z.object({
  limit: z.coerce.number({ message: "limit must be a whole number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(REVIEW_QUEUE_MAX, `limit must be at most ${REVIEW_QUEUE_MAX}`).default(200),
});
export type ListReviewQueueInput = z.input<typeof ZListReviewQueue>;

export type ReviewQueueDecision = { stage: number; reviewer: string; decision: string; comment: string; at: string };

export type ReviewQueueItem = {
  id: string;
  itemType: "document" | "file" | "submission";
  itemId: string;
  title: string;
  space: { id: string; name: string };
  marking: string;
  markingRank: number;
  label: { id: string; reference: string; name: string };
  dueOn: string | null;
  stage: number;
  stageCount: number;
  stageName: string;
  /** The people who review the current stage. */
  reviewers: { id: string; name: string }[];
  reviewStartedAt: string | null;
  decisions: ReviewQueueDecision[];
};

/**
 * What the decision forms offer: the labels of the agency's file plan in use (for relabelling;
 * only to those the policy lets read the file plan) and the agency's active people the actor may
 * see (for adding reviewers). Empty when the queue is.
 */
export type ReviewQueueOptions = { labels: { id: string; reference: string; name: string }[]; people: { id: string; name: string }[] };

export type ReviewQueue = { items: ReviewQueueItem[]; options: ReviewQueueOptions };

/** The items in review the actor may decide, oldest due first. */
export async function listReviewQueue(ctx: PolicyCtx, raw: ListReviewQueueInput = {}): Promise<ReviewQueue> {
  const input = parseInput(ZListReviewQueue, raw);
  // No rule lets the actor review anything: no rows, no query.
  if (!ctx.ability.can("review", "RecordItem")) return { items: [], options: { labels: [], people: [] } };
  // Items whose current stage names the actor come first, so that someone who reviews only those
  // is never crowded out of their page by items others review.
  const me = sql`jsonb_build_array(${ctx.actor.userId}::text)`;
  const namesMe = sql`(COALESCE(${retentionLabels.reviewStages} -> (${recordItems.reviewStage} - 1) -> 'reviewerIds', '[]'::jsonb) @> ${me} OR COALESCE(${recordItems.addedReviewers} -> (${recordItems.reviewStage}::text), '[]'::jsonb) @> ${me})`;
  const candidates = await selectRecordItems(ctx, and(eq(recordItems.state, "in_review"), eq(recordItems.owningAgencyId, ctx.actor.agency.id), isNotHeldSql))
    .orderBy(desc(namesMe), asc(recordItems.dueOn), asc(recordItems.id))
    .limit(input.limit * 2);
  const mine: LoadedRecordItem[] = candidates
    .filter((c) => c.title !== null && can(ctx.ability, "review", "RecordItem", recordItemSubject(c)))
    .slice(0, input.limit)
    .sort((a, b) => (a.item.dueOn ?? "").localeCompare(b.item.dueOn ?? "") || a.item.id.localeCompare(b.item.id));
  if (mine.length === 0) return { items: [], options: { labels: [], people: [] } };

  const ids = mine.map((m) => m.item.id);
  const decisionRows = await ctx.db
    .select({ decision: disposalDecisions, reviewer: users.name })
    .from(disposalDecisions)
    .innerJoin(users, eq(users.id, disposalDecisions.reviewerId))
    .where(inArray(disposalDecisions.recordItemId, ids))
    .orderBy(asc(disposalDecisions.createdAt));
  const reviewerIds = [...new Set(mine.flatMap((m) => stageReviewerIds(m.label.reviewStages, m.item.reviewStage, m.item.addedReviewers)))];
  const names = new Map(reviewerIds.length ? (await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, reviewerIds))).map((u) => [u.id, u.name]) : []);

  const items = mine.map((m): ReviewQueueItem => {
    const stage = m.item.reviewStage ?? 1;
    const startedAt = m.item.reviewStartedAt;
    return {
      id: m.item.id,
      itemType: m.item.itemType,
      itemId: m.item.itemId,
      title: m.title ?? "",
      space: { id: m.item.spaceId, name: m.spaceName },
      marking: m.marking ?? "",
      markingRank: m.markingRank ?? 0,
      label: { id: m.label.id, reference: m.label.reference, name: m.label.name },
      dueOn: m.item.dueOn,
      stage,
      stageCount: m.label.reviewStages.length,
      stageName: m.label.reviewStages[stage - 1]?.name ?? `Stage ${stage}`,
      reviewers: stageReviewerIds(m.label.reviewStages, stage, m.item.addedReviewers).map((id) => ({ id, name: names.get(id) ?? "" })),
      reviewStartedAt: startedAt?.toISOString() ?? null,
      decisions: decisionRows
        .filter((d) => d.decision.recordItemId === m.item.id && (startedAt === null || d.decision.createdAt >= startedAt))
        .map((d) => ({ stage: d.decision.stage, reviewer: d.reviewer, decision: d.decision.decision, comment: d.decision.comment, at: d.decision.createdAt.toISOString() })),
    };
  });

  const sensitive = items.filter((i) => i.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, {
      action: "record.review_queue_read",
      subjectType: "user",
      subjectId: ctx.actor.userId,
      markingBefore: sensitive.reduce((a, b) => (b.markingRank > a.markingRank ? b : a)).marking,
      details: { sensitiveRecordItemIds: sensitive.map((s) => s.id) },
    });
  }
  return { items, options: await decisionOptions(ctx) };
}

async function decisionOptions(ctx: PolicyCtx): Promise<ReviewQueueOptions> {
  const agencyId = ctx.actor.agency.id;
  const readablePlan = accessibleWhere(ctx.ability, "read", "FilePlan", labelColumns);
  const labels = readablePlan
    ? await ctx.db
        .select({ id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name })
        .from(retentionLabels)
        .where(and(readablePlan, eq(retentionLabels.agencyId, agencyId), isNull(retentionLabels.retiredAt)))
        .orderBy(asc(retentionLabels.reference))
    : [];
  const readablePeople = accessibleWhere(ctx.ability, "read", "User", userColumns);
  const people = readablePeople
    ? await ctx.db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(readablePeople, eq(users.agencyId, agencyId), eq(users.status, "active")))
        .orderBy(asc(users.name))
    : [];
  return { labels, people };
}
