/**
 * The retention events an agency has raised (issue 8), newest first (the latest 50): what was
 * raised, for which space or subject reference, the day it happened, who raised it and how many
 * clocks it started. For the agency's records managers and auditors (the policy's "read
 * RetentionEvent", compiled to SQL); 403 for anyone else, with nothing queried. A space is named
 * only when the agency owns it: another agency's space name is not the records function's to show.
 */
import { and, desc, eq } from "drizzle-orm";
import { retentionEvents, retentionEventTypes, spaces, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere, type ColumnMap } from "@/policies/to-sql";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";

/** Where the RetentionEvent subject's field lives (kept here while records management is built beside lib/authz/columns.ts). */
export const retentionEventColumns: ColumnMap<"RetentionEvent"> = { agencyId: { column: retentionEvents.agencyId } };

export const RETENTION_EVENTS_LISTED = 50;

export type RetentionEventSummary = {
  id: string;
  eventType: { id: string; name: string };
  occurredOn: string;
  description: string;
  subjectReference: string | null;
  /** null when raised for a subject reference (or for a space since deleted); name null for a space the agency does not own. */
  space: { id: string; name: string | null } | null;
  itemCount: number;
  raisedBy: string | null;
  raisedAt: string;
};

/** The agency's latest retention events, newest first. */
export async function listRetentionEvents(ctx: PolicyCtx): Promise<RetentionEventSummary[]> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "read", "RetentionEvent", { agencyId })) throw new ForbiddenError("Only the agency's records managers and auditors can see its retention events");
  const policy = accessibleWhere(ctx.ability, "read", "RetentionEvent", retentionEventColumns);
  if (!policy) return [];
  const rows = await ctx.db
    .select({
      id: retentionEvents.id,
      eventTypeId: retentionEventTypes.id,
      eventTypeName: retentionEventTypes.name,
      occurredOn: retentionEvents.occurredOn,
      description: retentionEvents.description,
      subjectReference: retentionEvents.subjectReference,
      spaceId: retentionEvents.spaceId,
      spaceName: spaces.name,
      itemCount: retentionEvents.itemCount,
      raisedBy: users.name,
      raisedAt: retentionEvents.raisedAt,
    })
    .from(retentionEvents)
    .innerJoin(retentionEventTypes, eq(retentionEventTypes.id, retentionEvents.eventTypeId))
    .leftJoin(spaces, and(eq(spaces.id, retentionEvents.spaceId), eq(spaces.ownerAgencyId, agencyId)))
    .leftJoin(users, and(eq(users.id, retentionEvents.raisedBy), eq(users.agencyId, agencyId)))
    .where(and(policy, eq(retentionEvents.agencyId, agencyId)))
    .orderBy(desc(retentionEvents.raisedAt), desc(retentionEvents.id))
    .limit(RETENTION_EVENTS_LISTED);
  return rows.map((r) => ({
    id: r.id,
    eventType: { id: r.eventTypeId, name: r.eventTypeName },
    occurredOn: r.occurredOn,
    description: r.description,
    subjectReference: r.subjectReference,
    space: r.spaceId ? { id: r.spaceId, name: r.spaceName } : null,
    itemCount: r.itemCount,
    raisedBy: r.raisedBy,
    raisedAt: r.raisedAt.toISOString(),
  }));
}
