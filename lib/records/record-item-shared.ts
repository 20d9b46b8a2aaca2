/**
 * What the labelling operations share (issue 8): loading an item (document, file or submission)
 * as the RecordItem policy subject, loading a label of a file plan, computing and storing an
 * item's clock from its label (through the pure lib/records/retention-clock.ts), the automatic
 * labelling of new content (a rule, else the space's default) and the restart of clear periods.
 * The threat: a label (and so a disposal date) set by someone without the authority, a record's
 * or a regulatory record's label quietly removed, or the records function revealing an item to
 * someone who may not know it exists (an item neither readable nor a record of theirs is 404).
 */
import { and, desc, eq, isNull, ne, or, sql, type SQL, inArray } from "drizzle-orm";
import { z } from "zod";
import { documents, files, forms, formVersions, recordItems, retentionEvents, retentionEventTypes, retentionLabels, retentionRules, spaceRetentionDefaults, submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { AppAbility } from "@/policies/ability";
import type { SubjectFields } from "@/policies/catalogue";
import { AppError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject, fileSubject, submissionSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { addPeriod, clockStart, isDay, ukDay, type ClockLabel } from "./retention-clock";

export const ITEM_TYPES = ["document", "file", "submission"] as const;
export type RecordItemType = (typeof ITEM_TYPES)[number];
export const ZItemType = z.enum(ITEM_TYPES, { message: "The item type is document, file or submission" });
/** A YYYY-MM-DD calendar day. */
export const ZDay = (what: string) => z.string().trim().refine(isDay, { message: `${what} must be a real day written YYYY-MM-DD` });

export type RecordItemRow = typeof recordItems.$inferSelect;

/** A label as the labelling operations need it: its clock, kind and what its event is. */
export type LabelFacts = {
  id: string;
  agencyId: string;
  reference: string;
  name: string;
  trigger: "created" | "modified" | "labelled" | "event";
  periodYears: number;
  periodMonths: number;
  periodDays: number;
  isClearPeriod: boolean;
  action: "delete" | "review" | "relabel";
  recordKind: "none" | "record" | "regulatory";
  eventTypeId: string | null;
  eventTypeName: string | null;
  eventComputed: string | null;
  retiredAt: Date | null;
};

/** An item as the records functions see it: its place, owner, marking and dates, never its content. */
export type ItemFacts = {
  itemType: RecordItemType;
  itemId: string;
  title: string;
  spaceId: string;
  owningAgencyId: string;
  markingRank: number;
  createdAt: Date;
  updatedAt: Date;
  /** For submissions: the form's key (the labelling rules match on it). */
  formKey: string | null;
  /** Whether the actor may read the item itself (its own marked-content policy). */
  canReadItem: boolean;
};

/** A regulatory record's label: nobody removes or replaces it, records managers included (Purview's rule). */
export class RegulatoryRecordError extends AppError {
  constructor(message = "This item is a regulatory record: its label cannot be removed or replaced by anyone") {
    super("regulatory_record", message, 409);
  }
}

/** Whether the actor is one of the records managers of an agency (who alone manage its file plan). */
export function isRecordsManagerOf(ability: AppAbility, agencyId: string): boolean {
  return can(ability, "update", "FilePlan", { agencyId });
}

/** The RecordItem policy subject of an item (with the reviewers at its current stage, if any). */
export function recordItemSubject(item: Pick<ItemFacts, "owningAgencyId" | "spaceId" | "markingRank">, currentReviewerIds: string[] = []): SubjectFields["RecordItem"] {
  return { owningAgencyId: item.owningAgencyId, spaceId: item.spaceId, markingRank: item.markingRank, currentReviewerIds };
}

const labelSelection = {
  id: retentionLabels.id,
  agencyId: retentionLabels.agencyId,
  reference: retentionLabels.reference,
  name: retentionLabels.name,
  trigger: retentionLabels.trigger,
  periodYears: retentionLabels.periodYears,
  periodMonths: retentionLabels.periodMonths,
  periodDays: retentionLabels.periodDays,
  isClearPeriod: retentionLabels.isClearPeriod,
  action: retentionLabels.action,
  recordKind: retentionLabels.recordKind,
  eventTypeId: retentionLabels.eventTypeId,
  eventTypeName: retentionEventTypes.name,
  eventComputed: retentionEventTypes.computed,
  retiredAt: retentionLabels.retiredAt,
};

/** A label by id, whatever its agency (callers check the agency), or null. */
export async function loadLabel(ctx: Pick<PolicyCtx, "db">, labelId: string): Promise<LabelFacts | null> {
  if (!isUuid(labelId)) return null;
  const [row] = await ctx.db.select(labelSelection).from(retentionLabels).leftJoin(retentionEventTypes, eq(retentionEventTypes.id, retentionLabels.eventTypeId)).where(eq(retentionLabels.id, labelId)).limit(1);
  return row ?? null;
}

/** Labels by id, whatever their agency, in one read. */
export async function loadLabels(ctx: Pick<PolicyCtx, "db">, labelIds: string[]): Promise<Map<string, LabelFacts>> {
  const ids = labelIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select(labelSelection).from(retentionLabels).leftJoin(retentionEventTypes, eq(retentionEventTypes.id, retentionLabels.eventTypeId)).where(inArray(retentionLabels.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A label of this agency's file plan that may be applied now; a clear error otherwise (another
 * agency's label reads as no label at all, so nothing is learnt of their file plan).
 */
export async function applicableLabel(ctx: Pick<PolicyCtx, "db">, labelId: string, agencyId: string): Promise<LabelFacts> {
  const label = await loadLabel(ctx, labelId);
  if (!label || label.agencyId !== agencyId) throw new InvalidInputError("There is no such label in the file plan of the item's agency");
  if (label.retiredAt) throw new InvalidInputError(`The label "${label.name}" is retired and can no longer be applied`);
  return label;
}

/** The item (document, file or submission) by type and id, or null when there is none. */
async function loadItem(ctx: PolicyCtx, itemType: RecordItemType, itemId: string): Promise<ItemFacts | null> {
  if (!isUuid(itemId)) return null;
  if (itemType === "document") {
    const [d] = await ctx.db.select().from(documents).where(eq(documents.id, itemId)).limit(1);
    if (!d) return null;
    return { itemType, itemId, title: d.title, spaceId: d.spaceId, owningAgencyId: d.owningAgencyId, markingRank: d.markingRank, createdAt: d.createdAt, updatedAt: d.updatedAt, formKey: null, canReadItem: can(ctx.ability, "read", "Document", documentSubject(d)) };
  }
  if (itemType === "file") {
    const [f] = await ctx.db.select().from(files).where(eq(files.id, itemId)).limit(1);
    if (!f) return null;
    return { itemType, itemId, title: f.name, spaceId: f.spaceId, owningAgencyId: f.owningAgencyId, markingRank: f.markingRank, createdAt: f.createdAt, updatedAt: f.updatedAt, formKey: null, canReadItem: can(ctx.ability, "read", "File", fileSubject(f)) };
  }
  const [row] = await ctx.db
    .select({ s: submissions, formKey: forms.key, formTitle: forms.title })
    .from(submissions)
    .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(eq(submissions.id, itemId))
    .limit(1);
  if (!row) return null;
  const s = row.s;
  return { itemType, itemId, title: row.formTitle, spaceId: s.spaceId, owningAgencyId: s.owningAgencyId, markingRank: s.markingRank, createdAt: s.createdAt, updatedAt: s.updatedAt, formKey: row.formKey, canReadItem: can(ctx.ability, "read", "Submission", submissionSubject(s)) };
}

/** The reviewers named at a record's current stage (the label's stage and those added to the item). */
async function currentReviewers(ctx: PolicyCtx, record: RecordItemRow): Promise<string[]> {
  if (record.state !== "in_review" || record.reviewStage === null) return [];
  const [label] = await ctx.db.select({ stages: retentionLabels.reviewStages }).from(retentionLabels).where(eq(retentionLabels.id, record.labelId));
  return [...(label?.stages[record.reviewStage - 1]?.reviewerIds ?? []), ...(record.addedReviewers[String(record.reviewStage)] ?? [])];
}

export type RecordTarget = { item: ItemFacts; record: RecordItemRow | null; label: LabelFacts | null; subject: SubjectFields["RecordItem"] };

/**
 * An item with its label row (locked for update when asked, inside a transaction): 404 unless the
 * actor may read the item itself or its record (a records manager of its agency, a space owner).
 */
export async function loadRecordTarget(ctx: PolicyCtx, itemType: RecordItemType, itemId: string, options: { forUpdate?: boolean } = {}): Promise<RecordTarget> {
  const item = await loadItem(ctx, itemType, itemId);
  if (!item) throw new NotFoundError();
  const query = ctx.db.select().from(recordItems).where(and(eq(recordItems.itemType, itemType), eq(recordItems.itemId, itemId))).limit(1);
  const [record] = options.forUpdate ? await query.for("update") : await query;
  const subject = recordItemSubject(item, record ? await currentReviewers(ctx, record) : []);
  if (!item.canReadItem && !can(ctx.ability, "read", "RecordItem", subject)) throw new NotFoundError();
  return { item, record: record ?? null, label: record ? await loadLabel(ctx, record.labelId) : null, subject };
}

/** A label's clock facts for retention-clock. */
export function clockLabel(label: LabelFacts): ClockLabel {
  return {
    trigger: label.trigger,
    period: { years: label.periodYears, months: label.periodMonths, days: label.periodDays },
    isClearPeriod: label.isClearPeriod,
    computedEvent: label.eventComputed === "subject_100th_birthday" ? "subject_100th_birthday" : null,
  };
}

/**
 * The latest day the label's event was raised for this item (for its subject reference, or its
 * space), so that an item labelled after its case was closed starts its clock at once.
 */
async function raisedEventOn(ctx: Pick<PolicyCtx, "db">, label: LabelFacts, item: { owningAgencyId: string; spaceId: string }, subjectReference: string | null): Promise<string | null> {
  if (label.trigger !== "event" || !label.eventTypeId || label.eventComputed) return null;
  const scope = subjectReference ? or(eq(retentionEvents.spaceId, item.spaceId), eq(retentionEvents.subjectReference, subjectReference)) : eq(retentionEvents.spaceId, item.spaceId);
  const [row] = await ctx.db
    .select({ on: retentionEvents.occurredOn })
    .from(retentionEvents)
    .where(and(eq(retentionEvents.agencyId, item.owningAgencyId), eq(retentionEvents.eventTypeId, label.eventTypeId), scope))
    .orderBy(desc(retentionEvents.occurredOn))
    .limit(1);
  return row?.on ?? null;
}

/** The clock of an item under a label: the day it starts (null while it waits for its event) and the day it is due. */
export async function computeClock(
  ctx: Pick<PolicyCtx, "db">,
  label: LabelFacts,
  item: Pick<ItemFacts, "owningAgencyId" | "spaceId" | "createdAt" | "updatedAt">,
  facts: { labelledAt: Date; subjectReference: string | null; subjectDateOfBirth: string | null },
): Promise<{ clockStartedOn: string | null; dueOn: string | null }> {
  const eventOn = await raisedEventOn(ctx, label, item, facts.subjectReference);
  const start = clockStart(clockLabel(label), { createdAt: item.createdAt, modifiedAt: item.updatedAt, labelledAt: facts.labelledAt, eventOn, subjectDateOfBirth: facts.subjectDateOfBirth });
  return { clockStartedOn: start, dueOn: start === null ? null : addPeriod(start, clockLabel(label).period) };
}

/**
 * Puts the label on the item (replacing any label it had, with a fresh clock and out of any
 * review), computing its clock; returns the stored row.
 */
export async function storeLabel(
  ctx: PolicyCtx,
  item: Pick<ItemFacts, "itemType" | "itemId" | "spaceId" | "owningAgencyId" | "createdAt" | "updatedAt">,
  label: LabelFacts,
  how: { appliedHow: "manual" | "rule" | "space_default" | "relabel"; labelledBy: string | null; subjectReference: string | null; subjectDateOfBirth: string | null },
): Promise<RecordItemRow> {
  const clock = await computeClock(ctx, label, item, { labelledAt: ctx.now, subjectReference: how.subjectReference, subjectDateOfBirth: how.subjectDateOfBirth });
  const values = {
    labelId: label.id,
    appliedHow: how.appliedHow,
    labelledBy: how.labelledBy,
    labelledAt: ctx.now,
    subjectReference: how.subjectReference,
    subjectDateOfBirth: how.subjectDateOfBirth,
    clockStartedOn: clock.clockStartedOn,
    dueOn: clock.dueOn,
    state: "retained" as const,
    reviewStage: null,
    addedReviewers: {},
    reviewStartedAt: null,
    updatedAt: ctx.now,
  };
  const [row] = await ctx.db
    .insert(recordItems)
    .values({ itemType: item.itemType, itemId: item.itemId, spaceId: item.spaceId, owningAgencyId: item.owningAgencyId, ...values })
    .onConflictDoUpdate({ target: [recordItems.itemType, recordItems.itemId], set: values })
    .returning();
  return row!;
}

/** A label's period added to a day held in SQL (years and months first, clamped to the month's end as addPeriod does, then days). */
export function dueSql(start: SQL): SQL {
  return sql`((${start})::date + make_interval(years => ${retentionLabels.periodYears}::int, months => ${retentionLabels.periodMonths}::int))::date + ${retentionLabels.periodDays}`;
}

/**
 * A clear period (review group 2: "review after a 10-year clear period") restarts whenever new
 * information about the subject is recorded. Accord records new information on a subject when
 * an item bearing the subject's reference is labelled, or an item is given that reference: then
 * every other clear-period item of the same agency with that reference whose clock is running
 * (and not already in review) restarts today, set-based; the item itself keeps the clock its own
 * label gives it. Returns how many restarted.
 */
export async function restartClearPeriods(ctx: PolicyCtx, agencyId: string, subjectReference: string | null, exceptRecordId: string): Promise<number> {
  if (!subjectReference) return 0;
  const today = ukDay(ctx.now);
  const restarted = await ctx.db
    .update(recordItems)
    .set({ clockStartedOn: today, dueOn: sql`${dueSql(sql`${today}`)}`, updatedAt: ctx.now })
    .from(retentionLabels)
    .where(
      and(
        eq(retentionLabels.id, recordItems.labelId),
        eq(retentionLabels.isClearPeriod, true),
        eq(recordItems.owningAgencyId, agencyId),
        eq(recordItems.subjectReference, subjectReference),
        sql`${recordItems.clockStartedOn} IS NOT NULL`,
        eq(recordItems.state, "retained"),
        ne(recordItems.id, exceptRecordId),
      ),
    )
    .returning({ id: recordItems.id });
  return restarted.length;
}

/**
 * Labels a new item automatically, in its creator's transaction: the agency's rule for the item
 * type (for a submission, a rule for its form's key first), else the space's default label (only
 * a label of the item's own agency: a partner's content in the space keeps to its own file plan).
 * Not a decision of the creator, so it needs no records permission; recorded as "record.label".
 */
export async function labelNewItem(ctx: PolicyCtx, itemType: RecordItemType, row: { id: string; spaceId: string; owningAgencyId: string; createdAt: Date; updatedAt: Date }, formKey: string | null = null): Promise<RecordItemRow | null> {
  const item = { itemType, itemId: row.id, spaceId: row.spaceId, owningAgencyId: row.owningAgencyId, createdAt: row.createdAt, updatedAt: row.updatedAt, formKey };
  const formMatch = item.itemType === "submission" && item.formKey ? or(isNull(retentionRules.formKey), eq(retentionRules.formKey, item.formKey)) : isNull(retentionRules.formKey);
  const [rule] = await ctx.db
    .select({ labelId: retentionRules.labelId })
    .from(retentionRules)
    .innerJoin(retentionLabels, eq(retentionLabels.id, retentionRules.labelId))
    .where(and(eq(retentionRules.agencyId, item.owningAgencyId), eq(retentionRules.itemType, item.itemType), formMatch, isNull(retentionLabels.retiredAt), eq(retentionLabels.agencyId, item.owningAgencyId)))
    .orderBy(sql`${retentionRules.formKey} IS NULL`, retentionRules.createdAt)
    .limit(1);
  let appliedHow: "rule" | "space_default" = "rule";
  let labelId = rule?.labelId;
  if (!labelId) {
    const [byDefault] = await ctx.db
      .select({ labelId: spaceRetentionDefaults.labelId })
      .from(spaceRetentionDefaults)
      .innerJoin(retentionLabels, eq(retentionLabels.id, spaceRetentionDefaults.labelId))
      .where(and(eq(spaceRetentionDefaults.spaceId, item.spaceId), eq(retentionLabels.agencyId, item.owningAgencyId), isNull(retentionLabels.retiredAt)))
      .limit(1);
    labelId = byDefault?.labelId;
    appliedHow = "space_default";
  }
  if (!labelId) return null;
  const label = (await loadLabel(ctx, labelId))!;
  const stored = await storeLabel(ctx, item, label, { appliedHow, labelledBy: null, subjectReference: null, subjectDateOfBirth: null });
  await recordAudit(ctx, { action: "record.label", subjectType: item.itemType, subjectId: item.itemId, spaceId: item.spaceId, details: { labelId: label.id, label: label.reference, appliedHow, dueOn: stored.dueOn } });
  return stored;
}

/** What an item's page shows of its retention. */
export type ItemRetentionView = {
  itemType: RecordItemType;
  itemId: string;
  /** `action`: what happens when it falls due (deleted, reviewed, relabelled). */
  label: { id: string; reference: string; name: string; recordKind: "none" | "record" | "regulatory"; action: "delete" | "review" | "relabel" } | null;
  appliedHow: string | null;
  subjectReference: string | null;
  subjectDateOfBirth: string | null;
  clockStartedOn: string | null;
  dueOn: string | null;
  state: string | null;
  /** While the clock waits: the name of the event it waits for ("Case closed"). */
  waitingForEvent: string | null;
  permissions: { canLabel: boolean; canRemove: boolean; canSetSubject: boolean };
};

/** The view of an item's retention, with what the actor may do to it. */
export function retentionView(ctx: PolicyCtx, target: { item: ItemFacts; subject: SubjectFields["RecordItem"] }, record: RecordItemRow | null, label: LabelFacts | null): ItemRetentionView {
  const canUpdate = can(ctx.ability, "update", "RecordItem", target.subject);
  const isManager = canUpdate && isRecordsManagerOf(ctx.ability, target.item.owningAgencyId);
  const kind = label?.recordKind ?? "none";
  const isRestricted = record?.state === "restricted";
  const mayChange = isRestricted ? false : kind === "none" ? canUpdate : kind === "record" ? isManager : false;
  return {
    itemType: target.item.itemType,
    itemId: target.item.itemId,
    label: record && label ? { id: label.id, reference: label.reference, name: label.name, recordKind: label.recordKind, action: label.action } : null,
    appliedHow: record?.appliedHow ?? null,
    subjectReference: record?.subjectReference ?? null,
    subjectDateOfBirth: record?.subjectDateOfBirth ?? null,
    clockStartedOn: record?.clockStartedOn ?? null,
    dueOn: record?.dueOn ?? null,
    state: record?.state ?? null,
    waitingForEvent: record && label && record.clockStartedOn === null ? (label.eventComputed === "subject_100th_birthday" ? `${label.eventTypeName ?? "the subject's 100th birthday"} (needs the subject's date of birth)` : label.eventTypeName) : null,
    permissions: { canLabel: mayChange, canRemove: record !== null && mayChange, canSetSubject: record !== null && isManager },
  };
}

/**
 * An item restricted instead of erased (DPA 2018 s.47) by its disposal review keeps that outcome:
 * labelling it again would put it back on a schedule (and the sweep could then delete what the
 * review decided to keep), removing its label would drop the record of the restriction. 409.
 */
export function assertNotRestricted(target: RecordTarget): void {
  if (target.record?.state === "restricted") {
    throw new ConflictError("This item was restricted instead of erased (DPA 2018 s.47) by its disposal review: its label can no longer be changed or removed");
  }
}

/**
 * Whether the actor may change the label the item has now (replace it, remove it, or apply it
 * again with another subject, which gives it a fresh clock); throws the clear error when not.
 */
export function assertLabelChangeable(ctx: PolicyCtx, target: RecordTarget): void {
  if (target.label?.recordKind === "regulatory") throw new RegulatoryRecordError();
  if (target.label?.recordKind === "record" && !isRecordsManagerOf(ctx.ability, target.item.owningAgencyId)) {
    throw new ForbiddenError("This item is a record: only a records manager can replace or remove its label");
  }
}
