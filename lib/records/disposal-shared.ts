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
import { and, desc, eq, not, or, sql, type SQL } from "drizzle-orm";
import { documents, files, forms, formVersions, recordItems, retentionEvents, retentionEventTypes, retentionLabels, spaces, submissions, type ReviewStage } from "@/db/schema";
import type { SubjectFields } from "@/policies/catalogue";
import type { Ctx } from "../context";
import { clockStart, dueOn } from "./retention-clock";
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
export const contentTitle = sql<string | null>`COALESCE(${documents.title}, ${files.name}, ${forms.title})`;
export const contentMarking = sql<string | null>`COALESCE(${documents.marking}, ${files.marking}, ${submissions.marking})`;
export const contentMarkingRank = sql<number | null>`COALESCE(${documents.markingRank}, ${files.markingRank}, ${submissions.markingRank})`;
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

type LabelRow = typeof retentionLabels.$inferSelect;

/**
 * The clock of an item under a label it is given now (a relabelling at the end of a period, or a
 * reviewer's relabel decision): when it starts and when the item falls due, from the label's
 * trigger (the content's creation or last change, the labelling, now, or the label's event:
 * the latest raised for the item's subject or space, or the subject's 100th birthday).
 */
export async function clockUnderLabel(ctx: Ctx, loaded: LoadedRecordItem, label: LabelRow): Promise<{ clockStartedOn: string | null; dueOn: string | null }> {
  let eventOn: string | null = null;
  if (label.trigger === "event" && label.eventTypeId) {
    const [eventType] = await ctx.db.select().from(retentionEventTypes).where(eq(retentionEventTypes.id, label.eventTypeId)).limit(1);
    if (eventType && eventType.computed === null) {
      const matches = loaded.item.subjectReference
        ? or(eq(retentionEvents.subjectReference, loaded.item.subjectReference), eq(retentionEvents.spaceId, loaded.item.spaceId))
        : eq(retentionEvents.spaceId, loaded.item.spaceId);
      const [event] = await ctx.db
        .select({ occurredOn: retentionEvents.occurredOn })
        .from(retentionEvents)
        .where(and(eq(retentionEvents.agencyId, loaded.item.owningAgencyId), eq(retentionEvents.eventTypeId, label.eventTypeId), matches))
        .orderBy(desc(retentionEvents.occurredOn))
        .limit(1);
      eventOn = event?.occurredOn ?? null;
    }
    const computed = eventType?.computed === "subject_100th_birthday" ? "subject_100th_birthday" : null;
    return clockOf(label, loaded, eventOn, computed, ctx.now);
  }
  return clockOf(label, loaded, eventOn, null, ctx.now);
}

function clockOf(label: LabelRow, loaded: LoadedRecordItem, eventOn: string | null, computedEvent: "subject_100th_birthday" | null, now: Date) {
  const asDate = (v: string | Date | null) => (v === null ? now : new Date(v));
  const clockLabel = { trigger: label.trigger, period: { years: label.periodYears, months: label.periodMonths, days: label.periodDays }, isClearPeriod: label.isClearPeriod, computedEvent };
  const facts = { createdAt: asDate(loaded.contentCreatedAt), modifiedAt: asDate(loaded.contentUpdatedAt), labelledAt: now, eventOn, subjectDateOfBirth: loaded.item.subjectDateOfBirth };
  return { clockStartedOn: clockStart(clockLabel, facts), dueOn: dueOn(clockLabel, facts) };
}

/** The label's name for people: "REF – Name". */
export function labelText(label: { reference: string; name: string }): string {
  return `${label.reference} – ${label.name}`;
}
