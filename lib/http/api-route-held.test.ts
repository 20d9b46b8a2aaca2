/**
 * A deletion that reaches the database's refusal of held content (a cascade from a space, a path
 * that did not ask first: the triggers of 0017_records.sql) answers 409 "held" with a clear
 * message through the API wrapper, not 500, and the space is still there.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import * as t from "@/db/schema";
import { buildSpace, type SeededScenario } from "@/db/factories";
import type { Db } from "@/db/client";
import { BASE, routeTestKit } from "./testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const { runApiRequest } = await import("./api-route");
const { createHold } = await import("../records/create-hold");

const JANET = "janet.okafor@dcp.example";
let db: Db;
let s: SeededScenario;
const { bearer, ctxOf } = routeTestKit(stand, [JANET], (opened) => {
  db = opened.db;
  s = opened.scenario;
});

describe("the API wrapper and the database's refusal of held content", () => {
  it("answers 409 held for a cascade the database refuses, and the space is still there", async () => {
    const space = await buildSpace(db, { ownerAgencyId: s.agencyId("DCP") });
    await createHold(await ctxOf(JANET), { name: "Kestrel inquiry", kind: "public_inquiry", reason: "Moratorium", spaceIds: [space.id] });
    const response = await runApiRequest(new NextRequest(`${BASE}/api/v1/spaces/${space.id}`, { method: "DELETE", headers: bearer(JANET) }), async () => {
      await db.delete(t.spaces).where(eq(t.spaces.id, space.id));
      return new Response(null, { status: 204 });
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "held", message: "This space is under a hold and cannot be deleted, nor can anything that contains it" });
    expect(await db.select({ id: t.spaces.id }).from(t.spaces).where(eq(t.spaces.id, space.id))).toHaveLength(1);
  });
});
