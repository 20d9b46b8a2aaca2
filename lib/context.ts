/**
 * The request context every lib operation takes as its first argument: who is acting, the
 * database (or the open transaction), the request id for the audit trail, and the clock.
 */
import type { Db } from "@/db/client";
import type { Actor } from "./auth/actor";
import type { AppAbility } from "@/policies/ability";

export type Ctx = {
  db: Db;
  actor: Actor | null;
  requestId: string;
  now: Date;
};

/** A context that is known to have a signed-in actor. */
export type ActorCtx = Ctx & { actor: Actor };

/** Runs `fn` in one transaction, with the context's db replaced by the transaction. */
export function inTransaction<C extends Ctx, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Db }));
}

/** A signed-in context with the actor's ability: what every policy-checked operation takes. */
export type PolicyCtx = ActorCtx & { ability: AppAbility };
