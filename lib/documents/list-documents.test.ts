/** Listing documents: filtered in SQL by the policy, paged by a stable cursor, no query when nothing is allowed. */
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, buildDocument, buildMembership, buildSpace, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { listDocuments } from "./list-documents";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const titles = async (email: string, spaceId?: string) => (await listDocuments(await ctxOf(email), { spaceId })).items.map((d) => d.title).sort();

describe("listDocuments", () => {
  it.each([
    ["priya.shah@dcp.example", ["Agency contact list", "Induction guide", "Investigation log", "Press lines", "Strategy meeting minutes"]],
    ["alex.morgan@dor.example", ["Investigation log", "Press lines"]],
    ["helen.carter@cc.example", ["Agency contact list", "Strategy meeting minutes"]],
    ["aisha.rahman@rcht.example", ["Agency contact list", "Strategy meeting minutes"]],
    ["ben.lowe@cc.example", ["Agency contact list"]],
    ["mark.ellis@dcp.example", ["Induction guide", "Press lines"]],
    ["sam.patel@dcp.example", ["Induction guide"]],
  ])("lists for %s exactly %j", async (email, expected) => {
    expect(await titles(email)).toEqual(expected);
  });

  it("ANDs its own filter with the policy's: Alex asking for the MASH space gets nothing", async () => {
    expect(await titles("alex.morgan@dor.example", s.spaceId("Cornwall MASH: referral 2026-0412"))).toEqual([]);
    expect(await titles("priya.shah@dcp.example", s.spaceId("Operation Kestrel"))).toEqual(["Investigation log", "Press lines"]);
  });

  it("issues no query at all when the actor may read no document", async () => {
    const loner = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const ctx = await policyCtx(db, await buildActor(db, loner.id));
    const select = vi.spyOn(ctx.db, "select");
    expect(await listDocuments(ctx, {})).toEqual({ items: [], nextCursor: null });
    expect(select).not.toHaveBeenCalled();
  });

  it("pages newest first with a cursor that neither skips nor repeats rows sharing a timestamp", async () => {
    const user = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const space = await buildSpace(db, { ownerAgencyId: s.agencyId("DCP") });
    await buildMembership(db, { spaceId: space.id, userId: user.id });
    const at = new Date("2026-05-01T10:00:00Z");
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await buildDocument(db, { spaceId: space.id, updatedAt: i < 4 ? at : new Date(at.getTime() + i * 1000) }));
    const ctx = await policyCtx(db, await buildActor(db, user.id));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(ctx, { spaceId: space.id, limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual([made[6]!.id, made[5]!.id, made[4]!.id]);
  });

  it("rejects a limit outside 1-100", async () => {
    const ctx = await ctxOf("priya.shah@dcp.example");
    await expect(listDocuments(ctx, { limit: 0 })).rejects.toThrow();
    await expect(listDocuments(ctx, { limit: 101 })).rejects.toThrow();
  });
});
