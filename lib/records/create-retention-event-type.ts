/**
 * Adds an event type to the actor's agency's file plan (issue 8): a kind of event whose raising
 * starts the clocks of the labels it triggers ("Case closed", "Conviction"), or a computed one
 * whose day comes from the item itself (`computed: "subject_100th_birthday"`, from the subject's
 * date of birth, for review group 1). A key the agency already uses is 409. For the agency's
 * records managers only (403 for the rest of the agency). Audited as "retention_event_type.create".
 */
import { retentionEventTypes } from "@/db/schema";
import { z } from "zod";
import { ConflictError, isUniqueViolation } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { authorizeFilePlan, parseFields, type EventTypeRow } from "./file-plan-shared";

export const COMPUTED_EVENTS = ["subject_100th_birthday"] as const;

export const ZCreateRetentionEventType = z.strictObject(
  {
    key: z.string({ message: "A key must be text" }).trim().regex(/^[a-z0-9-]{2,64}$/, "An event type's key is 2 to 64 lowercase letters, digits and hyphens (e.g. case-closed)"),
    name: z.string({ message: "A name must be text" }).trim().min(1, "Give the event type a name").max(200, "An event type's name has at most 200 characters"),
    description: z.string({ message: "A description must be text" }).trim().max(2000, "A description has at most 2000 characters").default(""),
    computed: z.enum(COMPUTED_EVENTS, { message: 'The only computed event is "subject_100th_birthday" (from the subject\'s date of birth); leave it out for an event raised by hand' }).nullable().default(null),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `An event type has no field ${issue.keys.map((k) => `"${k}"`).join(", ")}` : "Send the event type as a JSON object") },
);

export type RetentionEventTypeView = { id: string; key: string; name: string; description: string; computed: string | null; createdAt: string };

/** The view of an event type row. */
export function eventTypeView(r: EventTypeRow): RetentionEventTypeView {
  return { id: r.id, key: r.key, name: r.name, description: r.description, computed: r.computed, createdAt: r.createdAt.toISOString() };
}

/** Creates the event type; returns it. */
export async function createRetentionEventType(ctx: PolicyCtx, raw: unknown): Promise<RetentionEventTypeView> {
  authorizeFilePlan(ctx, "create", ctx.actor.agency.id);
  const input = parseFields(ZCreateRetentionEventType, raw);
  const conflict = () => new ConflictError(`Your file plan already has an event type with the key "${input.key}": choose another`, { issues: [{ path: "key", message: `Your file plan already has an event type with the key "${input.key}"` }] });
  try {
    const row = await inTransaction(ctx, async (tx) => {
      authorizeFilePlan(tx, "create", tx.actor.agency.id);
      const [created] = await tx.db
        .insert(retentionEventTypes)
        .values({ agencyId: tx.actor.agency.id, key: input.key, name: input.name, description: input.description, computed: input.computed, createdBy: tx.actor.userId, createdAt: tx.now })
        .onConflictDoNothing()
        .returning();
      if (!created) throw conflict();
      await recordAudit(tx, { action: "retention_event_type.create", subjectType: "retention_event_type", subjectId: created.id, details: { key: input.key, name: input.name, computed: input.computed } });
      return created;
    });
    return eventTypeView(row);
  } catch (err) {
    if (!(err instanceof ConflictError) && isUniqueViolation(err)) throw conflict();
    throw err;
  }
}
