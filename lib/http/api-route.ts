/**
 * The one wrapper every /api/v1 route handler goes through (conventions.md §4): it resolves the
 * actor from a personal access token (`Authorization: Bearer acc_pat_…`) or, failing that, the
 * session cookie; builds their ability; runs the handler; and turns errors into JSON
 * `{ error: { code, message } }` with the right status. Invisible things are 404 like missing
 * ones; unexpected errors are logged with the request id and answered generically.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { AppError } from "../errors";
import type { PolicyCtx } from "../context";
import { database } from "../database";
import { buildAbility } from "../authz/build-ability";
import { policyContext, requestId } from "../auth/get-actor";
import { resolveTokenActor } from "../tokens/resolve-token-actor";

type Handler<P> = (ctx: PolicyCtx, req: NextRequest, params: P) => Promise<unknown>;

/** JSON error body in the API's one shape. */
export function apiError(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status });
}

async function apiContext(req: NextRequest): Promise<PolicyCtx | null> {
  const header = req.headers.get("authorization");
  if (header === null) return policyContext();
  // A request that presents a token is judged by the token alone, never by a cookie beside it.
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return null;
  const { db } = await database();
  const now = new Date();
  const actor = await resolveTokenActor(db, match[1]!, now);
  if (!actor) return null;
  return { db, actor, requestId: await requestId(), now, ability: await buildAbility(db, actor, now) };
}

/** Wraps a handler that returns a JSON-serialisable body. */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<NextResponse> => {
    let ctx: PolicyCtx | null = null;
    try {
      ctx = await apiContext(req);
      if (!ctx) {
        return NextResponse.json(
          { error: { code: "unauthenticated", message: "Sign in, or send a valid personal access token" } },
          { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="accord"' } },
        );
      }
      const body = await handler(ctx, req, await context.params);
      return NextResponse.json(body);
    } catch (err) {
      if (err instanceof AppError) return apiError(err.status, err.code, err.message);
      if (err instanceof ZodError) return apiError(400, "invalid_input", err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const id = ctx?.requestId ?? "unknown";
      console.error(`[${id}] API request failed`, err);
      return apiError(500, "internal", `Something went wrong (reference ${id}).`);
    }
  };
}
