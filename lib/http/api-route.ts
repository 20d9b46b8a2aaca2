/**
 * The one wrapper every /api/v1 route handler goes through (conventions.md §4): it resolves the
 * actor from a personal access token (`Authorization: Bearer acc_pat_…`) or, failing that, the
 * session cookie; builds their ability; runs the handler; and turns errors into JSON
 * `{ error: { code, message } }` with the right status. Invisible things are 404 like missing
 * ones; unexpected errors are logged with the request id and answered generically. A route that
 * asks for it (`{ requireSameOrigin: true }`) refuses a change made on the strength of the cookie
 * alone unless it comes from Accord's own pages (its Origin), so that another site cannot make a
 * signed-in browser upload or delete (CSRF: a multipart POST is a "simple" cross-site request).
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { AppError, ConflictError, InvalidInputError, heldErrorFromDatabase } from "../errors";
import type { PolicyCtx } from "../context";
import { database } from "../database";
import { env } from "../env";
import { buildAbility } from "../authz/build-ability";
import { policyContext, requestId } from "../auth/get-actor";
import { resolveTokenActor } from "../tokens/resolve-token-actor";

type Handler<P> = (ctx: PolicyCtx, req: NextRequest, params: P) => Promise<unknown>;

/** A handler that makes its own Response (a download, a status other than 200). */
export type RawHandler<P> = (ctx: PolicyCtx, req: NextRequest, params: P) => Promise<Response>;

/** JSON error body in the API's one shape. */
export function apiError(status: number, code: string, message: string, details?: Record<string, unknown>): NextResponse {
  return NextResponse.json({ error: { ...details, code, message } }, { status });
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

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a cookie-authenticated request may change something: browsers name the page that
 * sent it in Origin (and, lately, Sec-Fetch-Site), which must be Accord itself. Token requests
 * carry no ambient credential, so they are not subject to this.
 */
function isSameOriginWrite(req: NextRequest): boolean {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization")) return true;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return site === "same-origin";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return origin === new URL(env().publicUrl).origin || (host !== null && new URL(origin).host === host);
  } catch {
    return false;
  }
}

/** How a route is guarded beyond resolving the caller. */
export type ApiRouteOptions = {
  /** Refuse cookie-authenticated POST/PUT/PATCH/DELETE from anywhere but Accord's own pages (403 cross_origin). */
  requireSameOrigin?: boolean;
};

/**
 * Resolves the caller and runs `run` for them: 401 without a valid session or token, 403 for a
 * cookie-authenticated write from another origin where the route asks for that check, errors as
 * the API's JSON body. Every wrapper below (and lib/http/api-binary-route.ts) goes through it.
 */
export async function runApiRequest(req: NextRequest, run: (ctx: PolicyCtx) => Promise<Response>, options: ApiRouteOptions = {}): Promise<Response> {
  let ctx: PolicyCtx | null = null;
  try {
    ctx = await apiContext(req);
    if (!ctx) {
      return NextResponse.json(
        { error: { code: "unauthenticated", message: "Sign in, or send a valid personal access token" } },
        { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="accord"' } },
      );
    }
    if (options.requireSameOrigin && !isSameOriginWrite(req)) return apiError(403, "cross_origin", "This request did not come from Accord's own pages");
    return await run(ctx);
  } catch (err) {
    if (err instanceof AppError) return apiError(err.status, err.code, err.message, err instanceof ConflictError || err instanceof InvalidInputError ? err.details : undefined);
    if (err instanceof ZodError) return apiError(400, "invalid_input", err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    // The database refused to delete held content (a cascade reaching it): 409, not 500.
    const held = heldErrorFromDatabase(err);
    if (held) return apiError(held.status, held.code, held.message);
    const id = ctx?.requestId ?? "unknown";
    console.error(`[${id}] API request failed`, err);
    return apiError(500, "internal", `Something went wrong (reference ${id}).`);
  }
}

/** Wraps a handler that makes its own Response (a download, a 201); errors still answer in the API's JSON shape. */
export function apiRawRoute<P = Record<string, never>>(handler: RawHandler<P>, options: ApiRouteOptions = {}) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> =>
    runApiRequest(req, async (ctx) => handler(ctx, req, await context.params), options);
}

/** Wraps a handler that returns a JSON-serialisable body. */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: ApiRouteOptions = {}) {
  return apiRawRoute<P>(async (ctx, req, params) => NextResponse.json(await handler(ctx, req, params)), options);
}
