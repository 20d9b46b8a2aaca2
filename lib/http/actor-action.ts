/**
 * The one wrapper every signed-in server action goes through (conventions.md §4): it resolves the
 * actor (server actions are public POST endpoints, so nothing is assumed), validates the input
 * with zod, runs the operation, and turns errors into `{ ok: false, error }` with a code.
 * Unexpected errors are logged with the request id; the person sees a generic message.
 */
import "server-only";
import type { z } from "zod";
import { AppError, heldErrorFromDatabase } from "../errors";
import type { PolicyCtx } from "../context";
import { policyContext } from "../auth/get-actor";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Runs `operation` for the signed-in actor with validated input. */
export async function actorAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  operation: (ctx: PolicyCtx, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const ctx = await policyContext();
  if (!ctx) return { ok: false, error: { code: "unauthenticated", message: "Your session has ended. Please sign in again." } };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: "invalid_input", message: parsed.error.issues[0]?.message ?? "Invalid input" } };
  }
  try {
    return { ok: true, data: await operation(ctx, parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
    const held = heldErrorFromDatabase(err);
    if (held) return { ok: false, error: { code: held.code, message: held.message } };
    console.error(`[${ctx.requestId}] action failed`, err);
    return { ok: false, error: { code: "internal", message: `Something went wrong (reference ${ctx.requestId}).` } };
  }
}
