/**
 * Sends a failed or waiting change again now (agency administrators, from the sync page): the
 * outbox row is pending again with its attempts reset. It is still authorized at delivery for the
 * person whose change it is. Audited as "graph.sync.retry".
 */
import { and, eq, sql } from "drizzle-orm";
import { graphOutbox } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { requestGraphDelivery } from "./graph-signal";

/** Puts the row back in the queue, due now. */
export async function retryGraphSync(ctx: PolicyCtx, input: { outboxId: number | string }): Promise<{ outboxId: number }> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "administer", "SyncConnection", { agencyId })) throw new ForbiddenError("Only the agency's administrators can retry its SharePoint sync");
  const id = Number(input.outboxId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(graphOutbox)
      .set({
        // One pending change per item and kind (the outbox's unique index): if a newer one waits, it carries this one.
        state: sql`CASE WHEN EXISTS (SELECT 1 FROM graph_outbox p WHERE p.item_type = ${graphOutbox.itemType} AND p.item_id = ${graphOutbox.itemId} AND p.kind = ${graphOutbox.kind} AND p.state = 'pending' AND p.id <> ${graphOutbox.id}) THEN 'done'::graph_outbox_state ELSE 'pending'::graph_outbox_state END`,
        attempts: 0,
        nextAttemptAt: tx.now,
        updatedAt: tx.now,
      })
      .where(and(eq(graphOutbox.id, id), eq(graphOutbox.agencyId, agencyId), sql`${graphOutbox.state} <> 'done'`))
      .returning({ id: graphOutbox.id, itemType: graphOutbox.itemType, itemId: graphOutbox.itemId, spaceId: graphOutbox.spaceId });
    if (!row) throw new NotFoundError("There is no such change waiting in the queue");
    await tx.db.execute(sql`UPDATE graph_connections SET throttled_until = NULL WHERE agency_id = ${agencyId}::uuid AND throttled_until < ${tx.now.toISOString()}::timestamptz`);
    await recordAudit(tx, { action: "graph.sync.retry", subjectType: row.itemType, subjectId: row.itemId, spaceId: row.spaceId, details: { outboxId: id } });
  });
  requestGraphDelivery();
  return { outboxId: id };
}
