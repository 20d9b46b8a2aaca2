import { randomUUID } from "node:crypto";
import type { Ctx } from "../context";

/** The context the sync jobs run in: no actor (each delivery is authorized for its own person). */
export function graphSyncContext(db: Ctx["db"], now: Date = new Date()): Ctx {
  return { db, actor: null, requestId: `graph-sync-${randomUUID()}`, now };
}
