/**
 * Access reviews that are due within 14 days or overdue, for the spaces the actor administers
 * (owners) or, for agency administrators, every space of their agency.
 */
import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { spaceColumns } from "../authz/columns";

export type AttestationDue = { spaceId: string; name: string; dueAt: string; isOverdue: boolean };

const SOON_DAYS = 14;

/** Spaces whose access review is due soon or overdue, most urgent first. */
export async function listAttestationsDue(ctx: PolicyCtx): Promise<AttestationDue[]> {
  const administered = accessibleWhere(ctx.ability, "administer", "Space", spaceColumns);
  const isAdmin = ctx.ability.can("administer", "User");
  const scope = or(administered ?? undefined, isAdmin ? eq(spaces.ownerAgencyId, ctx.actor.agency.id) : undefined);
  if (!administered && !isAdmin) return [];
  const dueAt = sql<Date>`${spaces.lastAttestedAt} + make_interval(days => ${spaces.attestationIntervalDays}::int)`;
  const rows = await ctx.db
    .select({ spaceId: spaces.id, name: spaces.name, dueAt })
    .from(spaces)
    // The instant goes as ISO text: postgres-js cannot bind a Date inside a raw sql fragment.
    .where(and(scope, ne(spaces.status, "archived"), sql`${dueAt} <= ${new Date(ctx.now.getTime() + SOON_DAYS * 86_400_000).toISOString()}::timestamptz`))
    .orderBy(asc(dueAt));
  return rows.map((r) => {
    const due = new Date(r.dueAt);
    // Overdue from the instant it falls due, as guests are suspended (policies/rules/spaces.ts).
    return { spaceId: r.spaceId, name: r.name, dueAt: due.toISOString(), isOverdue: due.getTime() <= ctx.now.getTime() };
  });
}
