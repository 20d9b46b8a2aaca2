/**
 * What the disposal sweep, the review queue, review decisions and disposal share (issue 8): the
 * hold condition, who reviews an item at its current stage, the policy's view of an item
 * (RecordItem: agency, space, marking rank of the content, current reviewers) and the item's
 * metadata (title, type, space, marking, label). The threat: an item disposed, or its review
 * decided, by someone the policy does not name, or while a hold stands; so every path reads the
 * item through here and asks the policy with the same subject.
 *
 * The hold condition is holds-shared.ts's heldCondition(), the same rule as the database's
 * refuse_delete_when_held() trigger (migration 0017), which stays the last word.
 */
import { and, eq, not, sql, type SQL } from "drizzle-orm";
import { documents, files, forms, formVersions, recordItems, retentionLabels, spaces, submissions, type ReviewStage } from "@/db/schema";
import type { SubjectFields } from "@/policies/catalogue";
import type { Ctx } from "../context";
import { computeClock, type LabelFacts } from "./record-item-shared";
import { heldCondition } from "./holds-shared";

/** True (in SQL) when no standing hold covers the record_items row: neither its space nor the item. */
export const isNotHeldSql: SQL = not(heldCondition());

/** The same condition over record_items under another name in the query (`FROM record_items ri`). */
export function notHeldAs(alias: "ri"): SQL {
  const t = sql.identifier(alias);
  return not(heldCondition(sql`${t}.item_type`, sql`${t}.item_id`, sql`${t}.space_id`));
}

/** The reviewers of a stage for one item: the label's named reviewers plus those added to the item at that stage. */
export function stageReviewerIds(stages: ReviewStage[], stage: number | null, added: Record<string, string[]>): string[] {
  if (stage === null || stage < 1 || stage > stages.length) return [];
  return [...new Set([...(stages[stage - 1]?.reviewerIds ?? []), ...(added[String(stage)] ?? [])])];
}

/** The item's content as the records functions see it: never its body, only what identifies it. */
const contentTitle = sql<string | null>`COALESCE(${documents.title}, ${files.name}, ${forms.title})`;
const contentMarking = sql<string | null>`COALESCE(${documents.marking}, ${files.marking}, ${submissions.marking})`;
const contentMarkingRank = sql<number | null>`COALESCE(${documents.markingRank}, ${files.markingRank}, ${submissions.markingRank})`;
const contentCreatedAt = sql<string | null>`COALESCE(${documents.createdAt}, ${files.createdAt}, ${submissions.createdAt})`;
const contentUpdatedAt = sql<string | null>`COALESCE(${documents.updatedAt}, ${files.updatedAt}, ${submissions.updatedAt})`;

/** The columns the records functions read of an item, its content and its label. */
const itemFields = {
  item: recordItems,
  label: retentionLabels,
  spaceName: spaces.name,
  title: contentTitle,
  marking: contentMarking,
  markingRank: contentMarkingRank,
  contentCreatedAt,
  contentUpdatedAt,
};

/** One item as loaded: its row, its label, and what identifies its content. */
export type LoadedRecordItem = {
  item: typeof recordItems.$inferSelect;
  label: typeof retentionLabels.$inferSelect;
  spaceName: string;
  title: string | null;
  marking: string | null;
  markingRank: number | null;
  /** The content's creation and last change (as the driver returns them: a timestamp's text or a Date). */
  contentCreatedAt: string | Date | null;
  contentUpdatedAt: string | Date | null;
};

/** The record items matching `where`, each with its label, space name and content's title and marking. */
export function selectRecordItems(ctx: Ctx, where: SQL | undefined) {
  return ctx.db
    .select(itemFields)
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .innerJoin(spaces, eq(spaces.id, recordItems.spaceId))
    .leftJoin(documents, and(eq(recordItems.itemType, "document"), eq(documents.id, recordItems.itemId)))
    .leftJoin(files, and(eq(recordItems.itemType, "file"), eq(files.id, recordItems.itemId)))
    .leftJoin(submissions, and(eq(recordItems.itemType, "submission"), eq(submissions.id, recordItems.itemId)))
    .leftJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .leftJoin(forms, eq(forms.id, formVersions.formId))
    .where(where);
}

/** Loads record items by id. */
export async function loadRecordItems(ctx: Ctx, ids: string[]): Promise<LoadedRecordItem[]> {
  if (ids.length === 0) return [];
  // One array parameter, however many ids (a sweep's batch is hundreds).
  return selectRecordItems(ctx, sql`${recordItems.id} = ANY(${sql.param(ids)}::uuid[])`);
}

/** What a disposal needs of an item (a LoadedRecordItem has it all): who, where, what, under which label. */
export type DisposalItem = {
  item: Pick<LoadedRecordItem["item"], "id" | "itemType" | "itemId" | "spaceId" | "owningAgencyId" | "reviewStartedAt">;
  label: Pick<LoadedRecordItem["label"], "id" | "reference" | "name" | "reviewStages">;
  spaceName: string;
  title: string | null;
  marking: string | null;
  markingRank: number | null;
};

/**
 * Loads record items by id with only what a disposal needs: the same joins as loadRecordItems, a
 * quarter of its columns (a sweep's batch reads hundreds of items at a time).
 */
export async function loadDisposalItems(ctx: Ctx, ids: string[]): Promise<DisposalItem[]> {
  if (ids.length === 0) return [];
  return ctx.db
    .select({
      item: { id: recordItems.id, itemType: recordItems.itemType, itemId: recordItems.itemId, spaceId: recordItems.spaceId, owningAgencyId: recordItems.owningAgencyId, reviewStartedAt: recordItems.reviewStartedAt },
      label: { id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name, reviewStages: retentionLabels.reviewStages },
      spaceName: spaces.name,
      title: contentTitle,
      marking: contentMarking,
      markingRank: contentMarkingRank,
    })
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .innerJoin(spaces, eq(spaces.id, recordItems.spaceId))
    .leftJoin(documents, and(eq(recordItems.itemType, "document"), eq(documents.id, recordItems.itemId)))
    .leftJoin(files, and(eq(recordItems.itemType, "file"), eq(files.id, recordItems.itemId)))
    .leftJoin(submissions, and(eq(recordItems.itemType, "submission"), eq(submissions.id, recordItems.itemId)))
    .leftJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .leftJoin(forms, eq(forms.id, formVersions.formId))
    .where(sql`${recordItems.id} = ANY(${sql.param(ids)}::uuid[])`);
}

/**
 * The policy's view of a record item. Content whose marking cannot be read (it is gone) gets rank
 * -1, which no rule allows: fail closed.
 */
export function recordItemSubject(loaded: LoadedRecordItem): SubjectFields["RecordItem"] {
  const { item, label } = loaded;
  return {
    owningAgencyId: item.owningAgencyId,
    spaceId: item.spaceId,
    markingRank: loaded.markingRank ?? -1,
    currentReviewerIds: item.state === "in_review" ? stageReviewerIds(label.reviewStages, item.reviewStage, item.addedReviewers) : [],
  };
}

/**
 * The clock of an item under a label it is given now (a relabelling at the end of a period, or a
 * reviewer's relabel decision): computeClock's, from the item's content, labelled now.
 */
export function clockUnderLabel(ctx: Ctx, loaded: LoadedRecordItem, label: LabelFacts): Promise<{ clockStartedOn: string | null; dueOn: string | null }> {
  const asDate = (v: string | Date | null) => (v === null ? ctx.now : new Date(v));
  const { item } = loaded;
  return computeClock(
    ctx,
    label,
    { owningAgencyId: item.owningAgencyId, spaceId: item.spaceId, createdAt: asDate(loaded.contentCreatedAt), updatedAt: asDate(loaded.contentUpdatedAt) },
    { labelledAt: ctx.now, subjectReference: item.subjectReference, subjectDateOfBirth: item.subjectDateOfBirth },
  );
}

