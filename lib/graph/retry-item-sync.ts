/**
 * "Retry" on a document's or file's own page: whoever may change the item (a document's editors;
 * for a file, whoever may delete it, as files have no other change) sends it to SharePoint again
 * as their own change, so it is authorized for them at delivery. A failed outbox row of the item
 * is retired in favour of the new one. Audited as "graph.sync.retry". Invisible items are 404.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { ForbiddenError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getDocument } from "../documents/get-document";
import { getFile } from "../files/get-file";
import { enqueueGraphSync } from "./enqueue-graph-sync";

export const ZRetryItemSync = z.object({ itemType: z.enum(["document", "file"], { message: "Name a document or a file" }), itemId: z.string().max(100) });

/** Queues the item's upload again, now, for the actor. */
export async function retryItemSync(ctx: PolicyCtx, raw: z.input<typeof ZRetryItemSync>): Promise<{ queued: boolean }> {
  const input = parseInput(ZRetryItemSync, raw);
  const item =
    input.itemType === "document"
      ? await getDocument(ctx, { documentId: input.itemId }).then((d) => ({ id: d.id, spaceId: d.space.id, mayChange: d.permissions.canUpdate }))
      : await getFile(ctx, { fileId: input.itemId }).then((f) => ({ id: f.id, spaceId: f.spaceId, mayChange: f.permissions.canDelete }));
  if (!item.mayChange) throw new ForbiddenError("You may not change this item, so you cannot send it to SharePoint again");
  const queued = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`UPDATE graph_outbox SET state = 'done', done_at = ${tx.now.toISOString()}::timestamptz, last_error = 'Retried by ' || ${tx.actor.name}
      WHERE item_type = ${input.itemType}::graph_item_type AND item_id = ${item.id}::uuid AND state = 'failed'`);
    await tx.db.execute(sql`UPDATE graph_items SET status = 'pending', last_error = NULL, last_error_code = NULL WHERE item_type = ${input.itemType}::graph_item_type AND item_id = ${item.id}::uuid AND status IN ('failed', 'removed')`);
    const ok = await enqueueGraphSync(tx, { itemType: input.itemType, itemId: item.id, spaceId: item.spaceId, kind: "upload" });
    // A change that still waits (a full library, 5xx: retried with backoff) is the one enqueued
    // into; a person's Retry means now, not at the end of its backoff.
    await tx.db.execute(sql`UPDATE graph_outbox SET next_attempt_at = ${tx.now.toISOString()}::timestamptz, attempts = 0
      WHERE item_type = ${input.itemType}::graph_item_type AND item_id = ${item.id}::uuid AND state = 'pending' AND kind = 'upload'`);
    await recordAudit(tx, { action: "graph.sync.retry", subjectType: input.itemType, subjectId: item.id, spaceId: item.spaceId, details: { queued: ok } });
    return ok;
  });
  return { queued };
}
