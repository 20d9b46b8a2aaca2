/**
 * Raises a retention event ("Case closed" on 2020-03-01) for a set of an agency's labelled items:
 * every item with a subject reference (a URN), or every item in a space. The clocks of those
 * whose label is triggered by that event type start on the day it happened (due: that day plus
 * the label's period), in one set-based statement; items of other labels are untouched, as are
 * items past retention (in review or beyond) and items above the records manager's vetting (the
 * same policy, compiled to SQL). For the agency's records managers; the event row keeps how many
 * clocks it started. Audited as "retention_event.raise".
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordItems, retentionEvents, retentionEventTypes, retentionLabels, spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import { recordItemColumns } from "../authz/columns";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../spaces/get-space";
import { dueSql, ZDay } from "./record-item-shared";
import { parseFields } from "./file-plan-shared";
import { ukDay } from "./retention-clock";
import { requestRetentionSweep } from "../jobs/sweep-signal";

export const ZRaiseRetentionEvent = z
  .object({
    eventTypeId: z.string({ message: "Choose an event type" }).min(1, "Choose an event type"),
    occurredOn: ZDay("The day the event happened"),
    description: z.string().trim().max(1000, "A description has at most 1000 characters").default(""),
    subjectReference: z.string().trim().min(1, "Enter a subject reference").max(100, "A subject reference has at most 100 characters").optional(),
    spaceId: z.string().min(1, "Choose a space").optional(),
  })
  .refine((v) => (v.subjectReference === undefined) !== (v.spaceId === undefined), { message: "Raise the event either for a subject reference or for a space" });

export type RetentionEventView = { id: string; eventTypeId: string; occurredOn: string; subjectReference: string | null; spaceId: string | null; itemCount: number };

/** Raises the event; returns it with how many clocks it started. */
export async function raiseRetentionEvent(ctx: PolicyCtx, raw: z.input<typeof ZRaiseRetentionEvent>): Promise<RetentionEventView> {
  // Every field's problem in `issues`, so that the events page shows each beside its control.
  const input = parseFields(ZRaiseRetentionEvent, raw);
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "create", "RetentionEvent", { agencyId })) throw new ForbiddenError("Only a records manager can raise retention events");
  if (input.occurredOn > ukDay(ctx.now)) {
    const message = "An event cannot be raised for a day in the future";
    throw new InvalidInputError(message, { issues: [{ path: "occurredOn", message }] });
  }
  const raised = await inTransaction(ctx, async (tx) => {
    const [eventType] = isUuid(input.eventTypeId)
      ? await tx.db.select().from(retentionEventTypes).where(and(eq(retentionEventTypes.id, input.eventTypeId), eq(retentionEventTypes.agencyId, agencyId), isNull(retentionEventTypes.computed))).limit(1)
      : [];
    // Another agency's event type, or a computed one (a 100th birthday comes from the date of birth), is no event type to raise.
    if (!eventType) {
      const message = "Unknown event type: choose one of your agency's event types that is raised by hand";
      throw new InvalidInputError(message, { issues: [{ path: "eventTypeId", message }] });
    }
    if (input.spaceId !== undefined) {
      // Only the agency's own spaces: another agency's space is no space of its records (404, as unknown).
      const [space] = isUuid(input.spaceId) ? await tx.db.select({ id: spaces.id }).from(spaces).where(and(eq(spaces.id, input.spaceId), eq(spaces.ownerAgencyId, agencyId))).limit(1) : [];
      if (!space) throw new NotFoundError("There is no such space");
    }
    const allowed = accessibleWhere(tx.ability, "update", "RecordItem", recordItemColumns);
    let itemCount = 0;
    if (allowed) {
      const scope = input.spaceId !== undefined ? eq(recordItems.spaceId, input.spaceId) : eq(recordItems.subjectReference, input.subjectReference!);
      const triggered = tx.db.select({ id: retentionLabels.id }).from(retentionLabels).where(and(eq(retentionLabels.agencyId, agencyId), eq(retentionLabels.trigger, "event"), eq(retentionLabels.eventTypeId, eventType.id)));
      const started = await tx.db
        .update(recordItems)
        .set({ clockStartedOn: input.occurredOn, dueOn: sql`${dueSql(sql`${input.occurredOn}`)}`, updatedAt: tx.now })
        .from(retentionLabels)
        .where(and(eq(retentionLabels.id, recordItems.labelId), inArray(recordItems.labelId, triggered), eq(recordItems.owningAgencyId, agencyId), eq(recordItems.state, "retained"), scope, allowed))
        .returning({ id: recordItems.id });
      itemCount = started.length;
    }
    const [event] = await tx.db
      .insert(retentionEvents)
      .values({ agencyId, eventTypeId: eventType.id, occurredOn: input.occurredOn, description: input.description, subjectReference: input.subjectReference ?? null, spaceId: input.spaceId ?? null, itemCount, raisedBy: tx.actor.userId, raisedAt: tx.now })
      .returning();
    await recordAudit(tx, {
      action: "retention_event.raise",
      subjectType: "retention_event",
      subjectId: event!.id,
      spaceId: input.spaceId,
      details: { eventType: eventType.key, occurredOn: input.occurredOn, subjectReference: input.subjectReference ?? null, itemCount },
    });
    return { id: event!.id, eventTypeId: eventType.id, occurredOn: input.occurredOn, subjectReference: event!.subjectReference, spaceId: event!.spaceId, itemCount };
  });
  // Clocks started in the past may already have run out: the sweep looks now, not in an hour.
  if (raised.itemCount > 0) requestRetentionSweep();
  return raised;
}
