/**
 * What the route tests share: the seeded demo database (handed to the file's stand-in for
 * `@/lib/database`, which each test file mocks itself because vitest hoists mocks per file), a
 * personal access token per persona for `Authorization: Bearer`, and the pieces of a Next.js route
 * call. Test tooling, not the app.
 */
import { beforeAll } from "vitest";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { Db } from "@/db/client";
import type { PolicyCtx } from "@/lib/context";
import { createAccessToken } from "@/lib/tokens/create-access-token";

export const BASE = "http://localhost:3000";
export const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** A route handler's second argument. */
export const params = <P,>(p: P) => ({ params: Promise.resolve(p) });

export type RouteTestKit = {
  /** A persona's policy context, built afresh. */
  ctxOf(email: string): Promise<PolicyCtx>;
  /** The persona's bearer header (their token is made before the file's tests). */
  bearer(email: string): { authorization: string };
};

/**
 * Opens the seeded database for the file, puts it in `stand.db` (the file's database stand-in)
 * and hands it to `receive`, and makes a token for each of `emails` before the tests run.
 */
export function routeTestKit(stand: { db: unknown }, emails: readonly string[], receive: (opened: { db: Db; scenario: SeededScenario }) => void): RouteTestKit {
  let db: Db;
  let s: SeededScenario;
  openSeededDatabaseForFile((opened) => {
    db = opened.db;
    s = opened.scenario;
    stand.db = opened.db;
    receive(opened);
  });
  const tokens = new Map<string, string>();
  const ctxOf = async (email: string): Promise<PolicyCtx> => policyCtx(db, await buildActor(db, s.userId(email)));
  beforeAll(async () => {
    for (const email of emails) tokens.set(email, (await createAccessToken(await ctxOf(email), { name: "route test" })).token);
  });
  return { ctxOf, bearer: (email) => ({ authorization: `Bearer ${tokens.get(email)!}` }) };
}
