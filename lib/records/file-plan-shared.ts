/**
 * What the file plan operations share (issue 8; domain.md §5): the access check every one makes,
 * the label's input rules, the view of a label as the API and the pages show it, and the refusal
 * that carries every field's problem (`error.issues`, so that the page shows each beside its
 * control). The threat: a schedule shortened or a review bypassed by someone without the records
 * manager's authority, or one agency's file plan showing through to another.
 *
 * Who sees what is the policy's (policies/rules/records.ts): an agency's records managers,
 * auditors and administrators read its file plan, its records managers change it. When the policy
 * says no, the answer depends on whose file plan it is: another agency's does not exist to the
 * actor (404, as a missing label), while their own agency's file plan is no secret within it, so
 * a refusal there is 403 (visible but forbidden).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { disposalCertificates, disposalDecisions, recordItems, retentionEventTypes, retentionLabels, retentionRules, spaceRetentionDefaults, users, type ReviewStage } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere, type ColumnMap } from "@/policies/to-sql";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import type { Ctx, PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import { userColumns } from "../authz/columns";
import { describePeriod } from "./retention-clock";

export type LabelRow = typeof retentionLabels.$inferSelect;
export type EventTypeRow = typeof retentionEventTypes.$inferSelect;
export type RuleRow = typeof retentionRules.$inferSelect;

/** Where the FilePlan's one field lives in each of the file plan's tables. */
export const labelColumns: ColumnMap<"FilePlan"> = { agencyId: { column: retentionLabels.agencyId } };
export const eventTypeColumns: ColumnMap<"FilePlan"> = { agencyId: { column: retentionEventTypes.agencyId } };
export const ruleColumns: ColumnMap<"FilePlan"> = { agencyId: { column: retentionRules.agencyId } };

/** The bounds of a label's period: far beyond any schedule (group 1 is a century), far below overflow. */
export const PERIOD_MAX = { years: 150, months: 1800, days: 36500 } as const;
export const REVIEW_STAGES_MAX = 5;
export const STAGE_REVIEWERS_MAX = 20;
/** A bound on one answer: far above any real file plan. */
export const FILE_PLAN_MAX = 1000;

const FORBIDDEN_READ = "Only your agency's records managers, auditors and administrators see its file plan";
const FORBIDDEN_CHANGE = "Only your agency's records managers change its file plan";

/**
 * Throws unless the actor may do `action` to the file plan of `agencyId`: 404 for another
 * agency's (it does not exist to them), 403 for their own.
 */
export function authorizeFilePlan(ctx: PolicyCtx, action: "read" | "create" | "update" | "delete", agencyId: string): void {
  const plan = { agencyId };
  if (!can(ctx.ability, "read", "FilePlan", plan)) {
    if (agencyId !== ctx.actor.agency.id) throw new NotFoundError();
    throw new ForbiddenError(FORBIDDEN_READ);
  }
  if (action !== "read" && !can(ctx.ability, action, "FilePlan", plan)) throw new ForbiddenError(FORBIDDEN_CHANGE);
}

/** What the actor may do to their agency's file plan, as booleans for the pages. */
export function filePlanPermissions(ctx: PolicyCtx): { canManage: boolean } {
  const plan = { agencyId: ctx.actor.agency.id };
  return { canManage: can(ctx.ability, "create", "FilePlan", plan) && can(ctx.ability, "update", "FilePlan", plan) };
}

/** A field's problem, `path` as the API names the field ("period.years", "reviewStages.0.reviewerIds"). */
export type FieldIssue = { path: string; message: string };

/** The input refused, every field's problem listed (`issues`), the first as the message. */
export function invalidFields(issues: FieldIssue[]): InvalidInputError {
  const first = issues[0]?.message ?? "The input is not valid";
  return new InvalidInputError(issues.length > 1 ? `${first} (and ${issues.length - 1} more: see each field)` : first, { issues });
}

/** Parses with the schema, refusing with every problem in `issues` (not only the first). */
export function parseFields<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidFields(parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.filter((p) => typeof p !== "symbol").join("."), message: i.message })));
}

const text = (what: string, max: number) =>
  z
    .string({ message: `${what} must be text` })
    .trim()
    .max(max, `${what} has at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), `${what} cannot contain control characters`);
const periodPart = (unit: string, max: number) =>
  z
    .number({ message: `The number of ${unit} must be a number` })
    .int(`The number of ${unit} must be a whole number`)
    .min(0, "A retention period cannot be negative")
    .max(max, `A retention period has at most ${max} ${unit}`);
const id = (message: string) => z.string({ message }).refine(isUuid, message);

export const ZReviewStage = z.object({
  name: text("A stage's name", 100).pipe(z.string().min(1, "Give the stage a name")),
  reviewerIds: z
    .array(id("A reviewer must be a person of your agency"), { message: "Name the stage's reviewers" })
    .min(1, "Name at least one reviewer for the stage")
    .max(STAGE_REVIEWERS_MAX, `A stage has at most ${STAGE_REVIEWERS_MAX} reviewers`)
    .refine((ids) => new Set(ids).size === ids.length, "A reviewer is named twice at this stage"),
});

/** A label's fields as the file plan holds them; the cross-field rules are in labelIssues(). */
export const ZLabelFields = z.strictObject(
  {
  reference: text("A reference", 60).pipe(z.string().min(1, "Give the label a reference (its line in the file plan, e.g. RRD-03)")),
  name: text("A name", 200).pipe(z.string().min(1, "Give the label a name")),
  category: text("A category", 100).default(""),
  authority: text("An authority", 300).default(""),
  citation: text("A citation", 300).default(""),
  description: text("A description", 2000).default(""),
  period: z.object(
    { years: periodPart("years", PERIOD_MAX.years).default(0), months: periodPart("months", PERIOD_MAX.months).default(0), days: periodPart("days", PERIOD_MAX.days).default(0) },
    { message: "Give the retention period as { years, months, days }" },
  ),
  trigger: z.enum(["created", "modified", "labelled", "event"], { message: "Choose what starts the clock: created, modified, labelled or event" }),
  eventTypeId: id("Unknown event type: choose one of your agency's event types").nullable().default(null),
  isClearPeriod: z.boolean({ message: "Clear period must be true or false" }).default(false),
  action: z.enum(["delete", "review", "relabel"], { message: "Choose what happens at the end: delete, review or relabel" }),
  relabelToId: id("Choose the label to relabel to from your agency's file plan").nullable().default(null),
  reviewStages: z.array(ZReviewStage, { message: "Give the review stages as a list" }).default([]),
  recordKind: z.enum(["none", "record", "regulatory"], { message: "Choose whether the label declares a record: none, record or regulatory" }).default("none"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `A label has no field ${issue.keys.map((k) => `"${k}"`).join(", ")}` : "Send the label as a JSON object") },
);
export type LabelFields = z.infer<typeof ZLabelFields>;

/** The rules between fields, each as the field it is about and why (no database needed). */
function crossFieldIssues(f: LabelFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const isZero = f.period.years === 0 && f.period.months === 0 && f.period.days === 0;
  if (isZero && f.trigger !== "event") issues.push({ path: "period", message: "A period of zero is only allowed for a label triggered by an event (the item is then due on the event itself)" });
  if (f.trigger === "event" && f.eventTypeId === null) issues.push({ path: "eventTypeId", message: "A label triggered by an event needs its event type" });
  if (f.trigger !== "event" && f.eventTypeId !== null) issues.push({ path: "eventTypeId", message: "Only a label triggered by an event names an event type" });
  if (f.action === "review" && f.reviewStages.length === 0) issues.push({ path: "reviewStages", message: "A disposal review needs at least one stage, with its reviewers" });
  if (f.reviewStages.length > REVIEW_STAGES_MAX) issues.push({ path: "reviewStages", message: `A disposal review has at most ${REVIEW_STAGES_MAX} stages` });
  if (f.action !== "review" && f.reviewStages.length > 0) issues.push({ path: "reviewStages", message: "Only a label ending in a disposal review has review stages" });
  if (f.action === "relabel" && f.relabelToId === null) issues.push({ path: "relabelToId", message: "Choose the label to relabel to at the end of the period" });
  if (f.action !== "relabel" && f.relabelToId !== null) issues.push({ path: "relabelToId", message: "Only a label ending in a relabelling names another label" });
  return issues;
}

/**
 * Every problem with a label's fields for the actor's agency: the rules between fields, then
 * what only the database knows (the event type, the label to relabel to, the reviewers are the
 * agency's own). `selfId` is the label being changed (it may not relabel to itself).
 */
export async function labelIssues(ctx: PolicyCtx, f: LabelFields, selfId: string | null): Promise<FieldIssue[]> {
  const issues = crossFieldIssues(f);
  const agencyId = ctx.actor.agency.id;
  if (f.eventTypeId !== null && f.trigger === "event") {
    const [type] = await ctx.db.select({ id: retentionEventTypes.id }).from(retentionEventTypes).where(and(eq(retentionEventTypes.id, f.eventTypeId), eq(retentionEventTypes.agencyId, agencyId)));
    if (!type) issues.push({ path: "eventTypeId", message: "Unknown event type: choose one of your agency's event types" });
  }
  if (f.relabelToId !== null && f.action === "relabel") {
    if (f.relabelToId === selfId) issues.push({ path: "relabelToId", message: "A label cannot relabel to itself: choose another label" });
    else {
      const [target] = await ctx.db.select({ retiredAt: retentionLabels.retiredAt }).from(retentionLabels).where(and(eq(retentionLabels.id, f.relabelToId), eq(retentionLabels.agencyId, agencyId)));
      if (!target) issues.push({ path: "relabelToId", message: "Choose the label to relabel to from your agency's file plan" });
      else if (target.retiredAt) issues.push({ path: "relabelToId", message: "That label is retired: choose one in use" });
    }
  }
  const reviewerIds = [...new Set(f.reviewStages.flatMap((s) => s.reviewerIds))];
  if (reviewerIds.length > 0) {
    const found = await ctx.db.select({ id: users.id }).from(users).where(and(inArray(users.id, reviewerIds), eq(users.agencyId, agencyId), eq(users.status, "active")));
    const known = new Set(found.map((u) => u.id));
    f.reviewStages.forEach((stage, i) => {
      if (stage.reviewerIds.some((r) => !known.has(r))) issues.push({ path: `reviewStages.${i}.reviewerIds`, message: `A reviewer at stage ${i + 1} is not an active person of your agency` });
    });
  }
  return issues;
}

/** The label's row as its input fields (for a change: the current values the change is merged into). */
export function labelFieldsOf(row: LabelRow): LabelFields {
  return {
    reference: row.reference,
    name: row.name,
    category: row.category,
    authority: row.authority,
    citation: row.citation,
    description: row.description,
    period: { years: row.periodYears, months: row.periodMonths, days: row.periodDays },
    trigger: row.trigger,
    eventTypeId: row.eventTypeId,
    isClearPeriod: row.isClearPeriod,
    action: row.action,
    relabelToId: row.relabelToId,
    reviewStages: row.reviewStages,
    recordKind: row.recordKind,
  };
}

/** The columns a label's fields are stored in. */
export function labelValues(f: LabelFields) {
  return {
    reference: f.reference,
    name: f.name,
    category: f.category,
    authority: f.authority,
    citation: f.citation,
    description: f.description,
    periodYears: f.period.years,
    periodMonths: f.period.months,
    periodDays: f.period.days,
    trigger: f.trigger,
    eventTypeId: f.trigger === "event" ? f.eventTypeId : null,
    isClearPeriod: f.isClearPeriod,
    action: f.action,
    relabelToId: f.action === "relabel" ? f.relabelToId : null,
    reviewStages: f.action === "review" ? f.reviewStages.map((s): ReviewStage => ({ name: s.name, reviewerIds: s.reviewerIds })) : [],
    recordKind: f.recordKind,
  };
}

/** A label of the file plan as the API and the pages show it. */
export type RetentionLabelView = {
  id: string;
  reference: string;
  name: string;
  category: string;
  authority: string;
  citation: string;
  description: string;
  period: { years: number; months: number; days: number };
  /** The period in words ("6 years", "no time"). */
  periodText: string;
  trigger: LabelRow["trigger"];
  eventType: { id: string; key: string; name: string; computed: string | null } | null;
  isClearPeriod: boolean;
  action: LabelRow["action"];
  relabelTo: { id: string; reference: string; name: string } | null;
  reviewStages: { name: string; reviewers: { id: string; name: string }[] }[];
  recordKind: LabelRow["recordKind"];
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
};

/** The views of label rows, with their event types, relabel targets and reviewers' names (three queries at most, whatever the count). */
export async function labelViews(ctx: Ctx, rows: LabelRow[]): Promise<RetentionLabelView[]> {
  const typeIds = [...new Set(rows.map((r) => r.eventTypeId).filter((v): v is string => v !== null))];
  const targetIds = [...new Set(rows.map((r) => r.relabelToId).filter((v): v is string => v !== null))];
  const reviewerIds = [...new Set(rows.flatMap((r) => r.reviewStages.flatMap((s) => s.reviewerIds)))];
  const types = typeIds.length === 0 ? [] : await ctx.db.select({ id: retentionEventTypes.id, key: retentionEventTypes.key, name: retentionEventTypes.name, computed: retentionEventTypes.computed }).from(retentionEventTypes).where(inArray(retentionEventTypes.id, typeIds));
  const targets = targetIds.length === 0 ? [] : await ctx.db.select({ id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name }).from(retentionLabels).where(inArray(retentionLabels.id, targetIds));
  const people = reviewerIds.length === 0 ? [] : await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, reviewerIds));
  const typeById = new Map(types.map((t) => [t.id, t]));
  const targetById = new Map(targets.map((t) => [t.id, t]));
  const nameById = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const period = { years: r.periodYears, months: r.periodMonths, days: r.periodDays };
    return {
      id: r.id,
      reference: r.reference,
      name: r.name,
      category: r.category,
      authority: r.authority,
      citation: r.citation,
      description: r.description,
      period,
      periodText: describePeriod(period),
      trigger: r.trigger,
      eventType: r.eventTypeId ? (typeById.get(r.eventTypeId) ?? null) : null,
      isClearPeriod: r.isClearPeriod,
      action: r.action,
      relabelTo: r.relabelToId ? (targetById.get(r.relabelToId) ?? null) : null,
      reviewStages: r.reviewStages.map((s) => ({ name: s.name, reviewers: s.reviewerIds.map((id) => ({ id, name: nameById.get(id) ?? "Unknown person" })) })),
      recordKind: r.recordKind,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
    };
  });
}

/** The label, when it is one the actor may `action` (404 when missing or another agency's, 403 as authorizeFilePlan says). */
export async function findLabel(ctx: PolicyCtx, labelId: unknown, action: "read" | "update" | "delete"): Promise<LabelRow> {
  if (typeof labelId !== "string" || !isUuid(labelId)) throw new NotFoundError();
  const [row] = await ctx.db.select().from(retentionLabels).where(eq(retentionLabels.id, labelId)).limit(1);
  if (!row) throw new NotFoundError();
  authorizeFilePlan(ctx, action, row.agencyId);
  return row;
}

/** How much refers to a label: labelled items, rules, space defaults, other labels relabelling to it, review decisions, certificates of disposal. */
export async function labelUsage(ctx: Ctx, label: Pick<LabelRow, "id" | "agencyId" | "reference">): Promise<LabelUsage> {
  // One after another: inside a transaction the statements share one connection anyway.
  const items = await ctx.db.$count(recordItems, eq(recordItems.labelId, label.id));
  const rules = await ctx.db.$count(retentionRules, eq(retentionRules.labelId, label.id));
  const spaceDefaults = await ctx.db.$count(spaceRetentionDefaults, eq(spaceRetentionDefaults.labelId, label.id));
  const relabelledFrom = await ctx.db.$count(retentionLabels, eq(retentionLabels.relabelToId, label.id));
  const decisions = await ctx.db.$count(disposalDecisions, eq(disposalDecisions.newLabelId, label.id));
  // A certificate names its label by reference (it outlives the items): the label it cites stays in the plan, retired.
  const certificates = await ctx.db.$count(disposalCertificates, and(eq(disposalCertificates.agencyId, label.agencyId), eq(disposalCertificates.labelReference, label.reference)));
  return { items, rules, spaceDefaults, relabelledFrom, decisions, certificates };
}

export type LabelUsage = { items: number; rules: number; spaceDefaults: number; relabelledFrom: number; decisions: number; certificates: number };

/** The active people of the actor's agency, by name: those a review stage may name. */
export async function reviewerCandidates(ctx: PolicyCtx): Promise<{ id: string; name: string; jobTitle: string }[]> {
  authorizeFilePlan(ctx, "read", ctx.actor.agency.id);
  const readable = accessibleWhere(ctx.ability, "read", "User", userColumns);
  if (!readable) return [];
  return ctx.db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(and(readable, eq(users.agencyId, ctx.actor.agency.id), eq(users.status, "active")))
    .orderBy(asc(users.name), asc(users.id));
}
