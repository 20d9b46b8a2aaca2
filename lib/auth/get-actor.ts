/**
 * The entry point every page, action and route handler uses to learn who is acting. It reads the
 * encrypted session cookie, then asks the database whether that session, user and agency still
 * stand (resolve-actor.ts): a cookie alone never proves anything.
 */
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env } from "../env";
import { database } from "../database";
import type { Ctx, PolicyCtx } from "../context";
import { buildAbility } from "../authz/build-ability";
import { newRequestId, REQUEST_ID_HEADER } from "../http/request-id";
import type { Actor } from "./actor";
import { authSecret } from "./secret";
import { sessionCookie } from "./cookies";
import { resolveActor } from "./resolve-actor";

/** The session token in this request's cookie, if it decrypts. */
async function sessionTokenFromCookie(): Promise<string | null> {
  const { name } = sessionCookie();
  const raw = (await cookies()).get(name)?.value;
  if (!raw) return null;
  const payload = await decode({ token: raw, secret: authSecret(), salt: name }).catch(() => null);
  return typeof payload?.sid === "string" ? payload.sid : null;
}

/** The signed-in person for this request, or null. Cached for the duration of one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await sessionTokenFromCookie();
  if (!token) return null;
  const { db } = await database();
  return resolveActor(db, token, new Date(), { idleMinutes: env().sessionIdleMinutes });
});

/** This request's id (set by server.ts), or a fresh one. */
export async function requestId(): Promise<string> {
  return (await headers()).get(REQUEST_ID_HEADER) ?? newRequestId();
}

/** The request context, signed in or not. */
export const requestContext = cache(async (): Promise<Ctx> => {
  const [actor, { db }, id] = await Promise.all([getActor(), database(), requestId()]);
  return { actor, db, requestId: id, now: new Date() };
});

/** The signed-in request context with the actor's ability (built once per request), or null. */
export const policyContext = cache(async (): Promise<PolicyCtx | null> => {
  const ctx = await requestContext();
  if (!ctx.actor) return null;
  return { ...ctx, actor: ctx.actor, ability: await buildAbility(ctx.db, ctx.actor, ctx.now) };
});

/** The request context of a signed-in person; anyone else is sent to the sign-in page. */
export async function requireActorContext(): Promise<PolicyCtx> {
  const ctx = await policyContext();
  if (!ctx) redirect("/signin");
  return ctx;
}
