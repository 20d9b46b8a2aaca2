/**
 * An identity asserted by agency A's identity provider only ever becomes a user of agency A, and
 * only through a verified e-mail (first sign-in) or a link made with the same issuer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { accounts, agencies, auditEvents, users } from "@/db/schema";
import { buildAgency, buildUser, seededScenario, testCtx, type SeededScenario } from "@/db/factories";
import { resolveFederatedIdentity, type FederatedIdentity } from "./resolve-federated-identity";

const DCP_ISSUER = "https://idp.dcp.example";

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;
let subjects = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
});
afterAll(async () => {
  await handle?.close();
});

/** An identity from DCP's provider with a fresh subject. */
function dcpIdentity(overrides: Partial<FederatedIdentity> = {}): FederatedIdentity {
  subjects += 1;
  return {
    providerId: "dcp-idp",
    agencyCode: "DCP",
    issuer: DCP_ISSUER,
    subject: `subject-${subjects}`,
    email: null,
    isEmailVerified: true,
    ...overrides,
  };
}

async function resolve(identity: FederatedIdentity) {
  const ctx = testCtx(db);
  const result = await resolveFederatedIdentity(ctx, identity);
  const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
  return { result, events };
}

async function linksOf(identity: Pick<FederatedIdentity, "providerId" | "subject">) {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.provider, identity.providerId), eq(accounts.providerAccountId, identity.subject)));
}

/** Asserts a refusal with `reason`, audited as a failed sign-in, and that no link was made. */
async function expectRefused(identity: FederatedIdentity, reason: string, linksBefore = 0) {
  const { result, events } = await resolve(identity);
  expect(result).toEqual({ ok: false, reason });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    action: "auth.sign_in",
    outcome: "failure",
    details: { provider: identity.providerId, reason, issuer: identity.issuer, subject: identity.subject },
  });
  expect(await linksOf(identity)).toHaveLength(linksBefore);
  return events[0]!;
}

describe("resolveFederatedIdentity", () => {
  it("links a first sign-in by the verified e-mail of a user of the provider's agency, and audits it", async () => {
    const tomId = scenario.userId("tom.hughes@dcp.example");
    const identity = dcpIdentity({ email: " Tom.Hughes@DCP.example " });
    const { result, events } = await resolve(identity);
    expect(result).toEqual({ ok: true, userId: tomId, agencyId: scenario.agencyId("DCP"), isNewLink: true });

    const links = await linksOf(identity);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ userId: tomId, issuer: DCP_ISSUER, type: "oidc" });

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "identity.link",
      outcome: "success",
      actorUserId: tomId,
      agencyId: scenario.agencyId("DCP"),
      subjectType: "user",
      subjectId: tomId,
      details: { provider: "dcp-idp", issuer: DCP_ISSUER, subject: identity.subject },
    });
  });

  it("resolves the same subject again through the link, whatever e-mail it now carries", async () => {
    const janetId = scenario.userId("janet.okafor@dcp.example");
    const identity = dcpIdentity({ email: "janet.okafor@dcp.example" });
    expect((await resolve(identity)).result).toMatchObject({ ok: true, userId: janetId, isNewLink: true });

    for (const email of [null, "someone.else@dcp.example"]) {
      const { result, events } = await resolve({ ...identity, email, isEmailVerified: false });
      expect(result).toEqual({ ok: true, userId: janetId, agencyId: scenario.agencyId("DCP"), isNewLink: false });
      expect(events).toHaveLength(0);
    }
    expect(await linksOf(identity)).toHaveLength(1);
  });

  it("never makes a user of another agency out of an identity from DCP's provider", async () => {
    // Alex is a Dorset officer: DCP's provider asserting his e-mail must not sign anyone in as him.
    const identity = dcpIdentity({ email: "alex.morgan@dor.example" });
    const event = await expectRefused(identity, "unlinked");
    expect(event.actorUserId).toBeNull();
    expect(await db.select().from(accounts).where(eq(accounts.userId, scenario.userId("alex.morgan@dor.example")))).toHaveLength(0);
  });

  it("refuses a link to a user of another agency even if one exists", async () => {
    // A link row that should never have been made (say, by an earlier bug or a manual edit).
    const identity = dcpIdentity();
    const alexId = scenario.userId("alex.morgan@dor.example");
    await db.insert(accounts).values({ userId: alexId, type: "oidc", provider: identity.providerId, providerAccountId: identity.subject, issuer: DCP_ISSUER });
    const event = await expectRefused(identity, "agency_mismatch", 1);
    expect(event.actorUserId).toBe(alexId);
  });

  it("does not link a second subject at the same provider to an already linked person", async () => {
    // A recycled address or a re-created account at the provider is somebody else.
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const first = dcpIdentity({ email: user.email });
    expect((await resolve(first)).result).toMatchObject({ ok: true, userId: user.id, isNewLink: true });
    const event = await expectRefused(dcpIdentity({ email: user.email }), "already_linked");
    expect(event.actorUserId).toBe(user.id);
    // The original identity still works, and a first sign-in at another provider of the agency links.
    expect((await resolve(first)).result).toMatchObject({ ok: true, userId: user.id, isNewLink: false });
    expect((await resolve(dcpIdentity({ providerId: "dcp-entra", email: user.email }))).result).toMatchObject({
      ok: true,
      userId: user.id,
      isNewLink: true,
    });
  });

  it("refuses an unverified e-mail", async () => {
    await expectRefused(dcpIdentity({ email: "mark.ellis@dcp.example", isEmailVerified: false }), "unlinked");
  });

  it("refuses an e-mail that belongs to nobody", async () => {
    await expectRefused(dcpIdentity({ email: "nobody@dcp.example" }), "unlinked");
  });

  it("refuses an unlinked identity without an e-mail", async () => {
    await expectRefused(dcpIdentity({ email: null }), "unlinked");
  });

  it("refuses an existing link asserted by a different issuer", async () => {
    const identity = dcpIdentity({ email: "priya.shah@dcp.example" });
    expect((await resolve(identity)).result).toMatchObject({ ok: true, isNewLink: true });
    const event = await expectRefused({ ...identity, issuer: "https://evil.example" }, "issuer_mismatch", 1);
    expect(event.actorUserId).toBe(scenario.userId("priya.shah@dcp.example"));
  });

  it("refuses a disabled user on first sign-in", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP"), status: "disabled" });
    const event = await expectRefused(dcpIdentity({ email: user.email }), "user_disabled");
    expect(event.actorUserId).toBe(user.id);
  });

  it("refuses a disabled user through an existing link", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const identity = dcpIdentity({ email: user.email });
    expect((await resolve(identity)).result).toMatchObject({ ok: true, userId: user.id });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    await expectRefused(identity, "user_disabled", 1);
  });

  it("refuses a provider whose agency is unknown or suspended", async () => {
    await expectRefused(dcpIdentity({ agencyCode: "NOPE", email: "tom.hughes@dcp.example" }), "agency_unavailable");

    const agency = await buildAgency(db, { status: "suspended" });
    const user = await buildUser(db, { agencyId: agency.id });
    await expectRefused(dcpIdentity({ providerId: "suspended-idp", agencyCode: agency.code, email: user.email }), "agency_unavailable");
    // Reinstated, the same person can sign in.
    await db.update(agencies).set({ status: "active" }).where(eq(agencies.id, agency.id));
    const { result } = await resolve(dcpIdentity({ providerId: "suspended-idp", agencyCode: agency.code, email: user.email }));
    expect(result).toMatchObject({ ok: true, userId: user.id, agencyId: agency.id });
  });
});
