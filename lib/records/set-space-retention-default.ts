/**
 * Sets (or clears) a space's default retention label: new content of the space gets it (unless a
 * labelling rule applies first; lib/records/record-item-shared.ts labelNewItem). For the records
 * managers of the space's agency and the space's owners, with a label of that agency's file plan.
 * With `applyToExisting`, every item of the space that has no label yet (documents, files and
 * submissions of the label's agency, within the actor's reach by the same policy) is labelled
 * too, in one set-based statement per item type. Audited as "record.space_default".
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { documents, files, retentionEvents, spaceRetentionDefaults, spaces, submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import { RANKS } from "@/policies/markings";
import { documentRecordItemColumns, fileRecordItemColumns, submissionRecordItemColumns } from "../authz/columns";
import { rowsOf } from "@/db/client";
import { ForbiddenError, NotFoundError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../spaces/get-space";
import { applicableLabel, recordItemSubject, type LabelFacts, type RecordItemType } from "./record-item-shared";
import { addPeriod, ukDay } from "./retention-clock";
import { requestRetentionSweep } from "../jobs/sweep-signal";
import { enqueueGraphSpaceLabels } from "../graph/enqueue-graph-sync";

export const ZSetSpaceRetentionDefault = z.object({
  spaceId: z.string(),
  /** null: the space has no default label any more (items keep the labels they have). */
  labelId: z.string({ message: "Choose a label, or none" }).min(1, "Choose a label, or none").nullable(),
  applyToExisting: z.boolean({ message: "applyToExisting is true or false" }).default(false),
});

export type SpaceRetentionDefaultResult = { spaceId: string; labelId: string | null; labelled: { document: number; file: number; submission: number } };

/** The space as a records subject: what its records managers and owners may label. */
export function spaceRecordSubject(space: { id: string; ownerAgencyId: string }) {
  return recordItemSubject({ owningAgencyId: space.ownerAgencyId, spaceId: space.id, markingRank: RANKS.OFFICIAL });
}

/** The space, when the actor may see it or label its content; NotFoundError otherwise. */
export async function spaceForRecords(ctx: PolicyCtx, spaceId: string): Promise<typeof spaces.$inferSelect> {
  if (!isUuid(spaceId)) throw new NotFoundError();
  const [space] = await ctx.db.select().from(spaces).where(eq(spaces.id, spaceId)).limit(1);
  if (!space) throw new NotFoundError();
  if (!can(ctx.ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId }) && !can(ctx.ability, "update", "RecordItem", spaceRecordSubject(space))) throw new NotFoundError();
  return space;
}

/** Sets the default; returns it and how many existing items were labelled. */
export async function setSpaceRetentionDefault(ctx: PolicyCtx, raw: z.input<typeof ZSetSpaceRetentionDefault>): Promise<SpaceRetentionDefaultResult> {
  const input = parseInput(ZSetSpaceRetentionDefault, raw);
  const result = await inTransaction(ctx, async (tx) => {
    const space = await spaceForRecords(tx, input.spaceId);
    if (!can(tx.ability, "update", "RecordItem", spaceRecordSubject(space))) throw new ForbiddenError("Only a records manager or the owner of the space can set its default label");
    const labelled = { document: 0, file: 0, submission: 0 };
    if (input.labelId === null) {
      await tx.db.delete(spaceRetentionDefaults).where(eq(spaceRetentionDefaults.spaceId, space.id));
    } else {
      const label = await applicableLabel(tx, input.labelId, space.ownerAgencyId);
      await tx.db
        .insert(spaceRetentionDefaults)
        .values({ spaceId: space.id, labelId: label.id, setBy: tx.actor.userId, setAt: tx.now })
        .onConflictDoUpdate({ target: spaceRetentionDefaults.spaceId, set: { labelId: label.id, setBy: tx.actor.userId, setAt: tx.now } });
      if (input.applyToExisting) {
        const eventOn = await spaceEventOn(tx, label, space.id);
        labelled.document = await labelUnlabelled(tx, "document", label, space.id, eventOn);
        labelled.file = await labelUnlabelled(tx, "file", label, space.id, eventOn);
        labelled.submission = await labelUnlabelled(tx, "submission", label, space.id, eventOn);
      }
    }
    if (labelled.document + labelled.file > 0) await enqueueGraphSpaceLabels(tx, space.id); // issue 9
    await recordAudit(tx, { action: "record.space_default", subjectType: "space", subjectId: space.id, spaceId: space.id, details: { labelId: input.labelId, applyToExisting: input.applyToExisting, labelled } });
    return { spaceId: space.id, labelId: input.labelId, labelled };
  });
  // Existing content labelled under a period that has already run is due now.
  if (result.labelled.document + result.labelled.file + result.labelled.submission > 0) requestRetentionSweep();
  return result;
}

/** The latest day the label's (raised) event happened for the space, which starts clocks at once. */
async function spaceEventOn(ctx: PolicyCtx, label: LabelFacts, spaceId: string): Promise<string | null> {
  if (label.trigger !== "event" || !label.eventTypeId || label.eventComputed) return null;
  const [row] = await ctx.db
    .select({ on: retentionEvents.occurredOn })
    .from(retentionEvents)
    .where(and(eq(retentionEvents.agencyId, label.agencyId), eq(retentionEvents.eventTypeId, label.eventTypeId), eq(retentionEvents.spaceId, spaceId)))
    .orderBy(desc(retentionEvents.occurredOn))
    .limit(1);
  return row?.on ?? null;
}

const TABLES = {
  document: { table: documents, columns: documentRecordItemColumns },
  file: { table: files, columns: fileRecordItemColumns },
  submission: { table: submissions, columns: submissionRecordItemColumns },
} as const;

/**
 * Labels, in one INSERT … SELECT, every item of this type in the space that has no label, is of
 * the label's agency and that the actor may label; returns how many.
 */
async function labelUnlabelled(ctx: PolicyCtx, itemType: RecordItemType, label: LabelFacts, spaceId: string, eventOn: string | null): Promise<number> {
  const { table, columns } = TABLES[itemType];
  const allowed = accessibleWhere(ctx.ability, "update", "RecordItem", columns);
  if (!allowed) return 0;
  const period = { years: label.periodYears, months: label.periodMonths, days: label.periodDays };
  const today = ukDay(ctx.now);
  let start: SQL;
  let due: SQL;
  const fromInstant = (at: SQL) => {
    start = sql`(${at} AT TIME ZONE 'Europe/London')::date`;
    due = sql`((${start} + make_interval(years => ${period.years}::int, months => ${period.months}::int))::date + ${period.days}::int)`;
  };
  if (label.trigger === "created") fromInstant(sql`${table.createdAt}`);
  else if (label.trigger === "modified") fromInstant(sql`${table.updatedAt}`);
  else {
    // Labelled today, or an event raised for the space already; a 100th birthday needs a date of birth no new row has.
    const day = label.trigger === "labelled" ? today : eventOn;
    start = day === null ? sql`NULL::date` : sql`${day}::date`;
    due = day === null ? sql`NULL::date` : sql`${addPeriod(day, period)}::date`;
  }
  const result = await ctx.db.execute(sql`
    INSERT INTO record_items (item_type, item_id, space_id, owning_agency_id, label_id, applied_how, labelled_by, labelled_at, clock_started_on, due_on, updated_at)
    SELECT ${itemType}::record_item_type, ${table.id}, ${table.spaceId}, ${table.owningAgencyId}, ${label.id}::uuid, 'space_default', ${ctx.actor.userId}::uuid, ${ctx.now.toISOString()}::timestamptz, ${start!}, ${due!}, ${ctx.now.toISOString()}::timestamptz
    FROM ${table}
    WHERE ${table.spaceId} = ${spaceId}::uuid
      AND ${table.owningAgencyId} = ${label.agencyId}::uuid
      AND NOT EXISTS (SELECT 1 FROM record_items ri WHERE ri.item_type = ${itemType}::record_item_type AND ri.item_id = ${table.id})
      AND ${allowed}
    ON CONFLICT (item_type, item_id) DO NOTHING
    RETURNING item_id`);
  return rowsOf(result).length;
}
