/**
 * Tells the person whose change it was that it could not reach SharePoint: when a delivery fails
 * for good (a refusal they or an administrator must act on: a wrong secret, no permission, a
 * record lock, their own access gone) or SharePoint refuses it for want of space (507, retried,
 * but a person must free space). Called by the delivery in the transaction that records the
 * failure (lib/graph/deliver-graph-outbox.ts), so it exists exactly when the failure does. Once
 * per change and reason: the retries of the same change for the same reason tell nobody again. A
 * change Accord made itself (a scheduled disposal) names no person and tells nobody. The
 * notification names the item by id only; its title shows only to whoever may read it then.
 */
import type { Ctx } from "../context";
import { notifyPeople } from "./notify-people";

/** The failure reasons a person is told of even though the change is still retried. */
const TOLD_WHILE_RETRYING = new Set(["quota"]);

/** True when this outcome of a delivery is one the person who caused it is told of. */
export function isSyncFailureToTell(outcome: "failed" | "retry", code: string): boolean {
  return outcome === "failed" || TOLD_WHILE_RETRYING.has(code);
}

/** Notifies the actor of an outbox row of its failure; returns how many were told (0 or 1). */
export async function notifySyncFailure(ctx: Ctx, input: { outboxId: number; actorUserId: string | null; itemType: "document" | "file"; itemId: string; spaceId: string; code: string }): Promise<number> {
  if (!input.actorUserId) return 0;
  const created = await notifyPeople(ctx, [
    {
      recipientId: input.actorUserId,
      kind: "sync-failed",
      spaceId: input.spaceId,
      subjectType: input.itemType,
      subjectId: input.itemId,
      dedupeKey: `sync-failed:${input.outboxId}:${input.code}`,
    },
  ]);
  return created.length;
}
