/** Personal access tokens: shown once, stored hashed, owner-only, and dead once revoked or expired. */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessTokens, users } from "@/db/schema";
import { buildActor, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { NotFoundError } from "../errors";
import { createAccessToken } from "./create-access-token";
import { revokeAccessToken } from "./revoke-access-token";
import { listAccessTokens } from "./list-access-tokens";
import { resolveTokenActor } from "./resolve-token-actor";
import { hashToken } from "./hash-token";
import { setUserStatus } from "../users/set-user-status";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (userId: string, now?: Date) => policyCtx(db, await buildActor(db, userId), now);

describe("personal access tokens", () => {
  it("stores only a hash, lists without the secret, and resolves to its owner", async () => {
    const helen = await ctxOf(s.userId("helen.carter@cc.example"));
    const { id, token } = await createAccessToken(helen, { name: "MASH export" });
    expect(token).toMatch(/^acc_pat_[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.select().from(accessTokens).where(eq(accessTokens.id, id));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(8));
    const listed = await listAccessTokens(helen);
    expect(listed.map((t) => t.name)).toEqual(["MASH export"]);
    expect(JSON.stringify(listed)).not.toContain(token.slice(8));
    const actor = await resolveTokenActor(db, token, new Date());
    expect(actor).toMatchObject({ userId: s.userId("helen.carter@cc.example"), agency: { code: "CC" } });
  });

  it("refuses garbage, revoked and expired tokens", async () => {
    const user = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const ctx = await ctxOf(user.id);
    const { id, token } = await createAccessToken(ctx, { name: "short", expiresInDays: 1 });
    expect(await resolveTokenActor(db, "acc_pat_nonsense", new Date())).toBeNull();
    expect(await resolveTokenActor(db, token.toUpperCase(), new Date())).toBeNull();
    expect(await resolveTokenActor(db, token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
    expect(await resolveTokenActor(db, token, new Date())).not.toBeNull();
    await revokeAccessToken(ctx, { tokenId: id });
    expect(await resolveTokenActor(db, token, new Date())).toBeNull();
  });

  it("stops working when its owner is disabled", async () => {
    const user = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const { token } = await createAccessToken(await ctxOf(user.id), { name: "t" });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    expect(await resolveTokenActor(db, token, new Date())).toBeNull();
  });

  it("stays dead after an administrator disables and re-enables its owner", async () => {
    const user = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const { token } = await createAccessToken(await ctxOf(user.id), { name: "t" });
    const sam = await ctxOf(s.userId("sam.patel@dcp.example"));
    await setUserStatus(sam, { userId: user.id, status: "disabled" });
    await setUserStatus(sam, { userId: user.id, status: "active" });
    expect(await resolveTokenActor(db, token, new Date())).toBeNull();
  });

  it("hides one person's tokens from another: revoking someone else's is a 404", async () => {
    const { id } = await createAccessToken(await ctxOf(s.userId("tom.hughes@dcp.example")), { name: "tom's" });
    const sam = await ctxOf(s.userId("sam.patel@dcp.example"));
    await expect(revokeAccessToken(sam, { tokenId: id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listAccessTokens(sam)).map((t) => t.id)).not.toContain(id);
    const [row] = await db.select().from(accessTokens).where(eq(accessTokens.id, id));
    expect(row!.revokedAt).toBeNull();
  });

  it("refuses a nameless token", async () => {
    await expect(createAccessToken(await ctxOf(s.userId("tom.hughes@dcp.example")), { name: "  " })).rejects.toThrow(/name/);
  });
});
