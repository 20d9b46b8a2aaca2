/**
 * Freezing, reopening and archiving: a frozen space is read-only for everyone, its owner included,
 * until an owner reopens it; an archived space leaves everyone's list but stays readable to its
 * members (records management). Only owners change the status; every change is audited.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, documents, spaceMembers, spaces } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { documentSubject } from "../authz/columns";
import { getDocument } from "../documents/get-document";
import { remarkDocument } from "../documents/remark-document";
import { ForbiddenError, NotFoundError } from "../errors";
import { addSpaceMember } from "./add-space-member";
import { changeMemberRole } from "./change-member-role";
import { createSpace } from "./create-space";
import { getSpace } from "./get-space";
import { listMySpaces } from "./list-my-spaces";
import { removeSpaceMember } from "./remove-space-member";
import { setSpaceStatus } from "./set-space-status";

const NOW = new Date("2026-12-01T10:00:00Z");
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
const JANET = "janet.okafor@dcp.example";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string, now = NOW) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const eventsOf = (ctx: PolicyCtx) => db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
const statusOf = async (spaceId: string) => (await db.select({ status: spaces.status }).from(spaces).where(eq(spaces.id, spaceId)))[0]!.status;

/** Operation Heron: Priya owns it; Tom is a member, Janet (records manager) a reader, Alex a guest; one DCP document. */
async function heron() {
  const { id: spaceId } = await createSpace(await ctxOf(PRIYA), {
    name: "Operation Heron",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL",
    agreementIds: [s.agreementId("ISA-SW-001")],
  });
  const owner = await ctxOf(PRIYA);
  await addSpaceMember(owner, { spaceId, userId: s.userId(TOM), role: "member" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(JANET), role: "reader" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(ALEX), role: "guest" });
  const doc = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Heron briefing" });
  return { spaceId, doc };
}

/** Which document actions the person has on the document now, as the policy answers. */
async function documentActions(email: string, doc: typeof documents.$inferSelect) {
  const { ability } = await ctxOf(email);
  const subject = documentSubject(doc);
  return (["read", "update", "create", "remark", "share", "delete"] as const).filter((a) => can(ability, a, "Document", subject));
}

describe("setSpaceStatus", () => {
  it("freezing makes the space read-only for everyone, its owner included; reopening gives writing back", async () => {
    const { spaceId, doc } = await heron();
    expect(await documentActions(PRIYA, doc)).toEqual(["read", "update", "create", "remark", "share", "delete"]);
    expect(await documentActions(TOM, doc)).toEqual(["read", "update", "create", "remark"]);
    expect(await documentActions(ALEX, doc)).toEqual(["read", "update"]);

    const ctx = await ctxOf(PRIYA);
    await setSpaceStatus(ctx, { spaceId, status: "frozen" });
    expect(await statusOf(spaceId)).toBe("frozen");
    expect(await eventsOf(ctx)).toEqual([
      expect.objectContaining({
        action: "space.freeze",
        actorUserId: s.userId(PRIYA),
        subjectType: "space",
        subjectId: spaceId,
        spaceId,
        details: { before: "active", after: "frozen" },
      }),
    ]);

    // Nobody updates, creates, re-marks or shares; everybody still reads.
    expect(await documentActions(PRIYA, doc)).toEqual(["read"]);
    expect(await documentActions(TOM, doc)).toEqual(["read"]);
    expect(await documentActions(ALEX, doc)).toEqual(["read"]);
    // The records manager keeps disposal, which records management needs on closed spaces.
    expect(await documentActions(JANET, doc)).toEqual(["read", "delete"]);
    for (const email of [PRIYA, TOM, ALEX]) {
      await expect(getDocument(await ctxOf(email), { documentId: doc.id }), email).resolves.toMatchObject({
        permissions: { canUpdate: false, canRemark: false, canShare: false },
      });
    }
    // The operation refuses too, and the row is unchanged.
    await expect(remarkDocument(await ctxOf(PRIYA), { documentId: doc.id, marking: "OFFICIAL-SENSITIVE" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.select().from(documents).where(eq(documents.id, doc.id)))[0]!.marking).toBe("OFFICIAL");

    const frozen = await getSpace(await ctxOf(PRIYA), { spaceId });
    expect(frozen.status).toBe("frozen");
    expect(frozen.permissions).toEqual({
      canUpdate: false,
      canShare: false,
      canAdminister: true,
      canAddMembers: false,
      canLeave: true,
      canCreateDocuments: false,
    });
    expect((await getSpace(await ctxOf(TOM), { spaceId })).permissions).toMatchObject({ canCreateDocuments: false, canAdminister: false });
    // Still listed: a frozen space is closed, not gone.
    expect((await listMySpaces(await ctxOf(TOM))).find((sp) => sp.id === spaceId)).toMatchObject({ status: "frozen" });

    // Nobody can be added; access can still be reduced.
    await expect(addSpaceMember(await ctxOf(PRIYA), { spaceId, userId: s.userId("mark.ellis@dcp.example"), role: "member" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "reader" });
    await removeSpaceMember(await ctxOf(PRIYA), { spaceId, userId: s.userId(ALEX) });

    // Priya reopens it.
    const reopen = await ctxOf(PRIYA);
    await setSpaceStatus(reopen, { spaceId, status: "active" });
    expect(await eventsOf(reopen)).toEqual([expect.objectContaining({ action: "space.unfreeze", details: { before: "frozen", after: "active" } })]);
    expect(await documentActions(PRIYA, doc)).toEqual(["read", "update", "create", "remark", "share", "delete"]);
    await expect(remarkDocument(await ctxOf(PRIYA), { documentId: doc.id, marking: "OFFICIAL-SENSITIVE" })).resolves.toEqual({ marking: "OFFICIAL-SENSITIVE" });
  });

  it("archiving takes the space out of everyone's list, while its members can still open it and read its documents", async () => {
    const { spaceId, doc } = await heron();
    const ctx = await ctxOf(PRIYA);
    await setSpaceStatus(ctx, { spaceId, status: "archived" });
    expect(await eventsOf(ctx)).toEqual([expect.objectContaining({ action: "space.archive", spaceId, details: { before: "active", after: "archived" } })]);

    for (const email of [PRIYA, TOM, ALEX]) {
      const member = await ctxOf(email);
      expect((await listMySpaces(member)).map((sp) => sp.id), email).not.toContain(spaceId);
      expect((await getSpace(member, { spaceId })).status, email).toBe("archived");
      await expect(getDocument(member, { documentId: doc.id }), email).resolves.toMatchObject({ title: "Heron briefing" });
    }
    expect(await documentActions(TOM, doc)).toEqual(["read"]);
    // Priya can bring it back.
    await setSpaceStatus(await ctxOf(PRIYA), { spaceId, status: "active" });
    expect((await listMySpaces(await ctxOf(TOM))).map((sp) => sp.id)).toContain(spaceId);
  });

  it("setting the status the space already has changes and audits nothing", async () => {
    const { spaceId } = await heron();
    const ctx = await ctxOf(PRIYA);
    await setSpaceStatus(ctx, { spaceId, status: "active" });
    expect(await eventsOf(ctx)).toEqual([]);
  });

  describe("only owners change the status", () => {
    async function expectRefused(email: string, spaceId: string, status: "frozen" | "archived" | "active", error: new (...args: never[]) => Error) {
      const before = await statusOf(spaceId);
      const ctx = await ctxOf(email);
      await expect(setSpaceStatus(ctx, { spaceId, status })).rejects.toBeInstanceOf(error);
      expect(await statusOf(spaceId)).toBe(before);
      expect(await eventsOf(ctx)).toEqual([]);
    }

    it.each([
      ["a member (Tom)", TOM, ForbiddenError],
      ["a reader (Janet)", JANET, ForbiddenError],
      ["a guest (Alex)", ALEX, ForbiddenError],
      ["someone outside the space (Helen)", "helen.carter@cc.example", NotFoundError],
      ["the agency administrator, who is not a member (Sam)", "sam.patel@dcp.example", NotFoundError],
    ])("%s is refused, for freezing, archiving and reopening", async (_label, email, error) => {
      const { spaceId } = await heron();
      await expectRefused(email, spaceId, "frozen", error);
      await expectRefused(email, spaceId, "archived", error);
      await setSpaceStatus(await ctxOf(PRIYA), { spaceId, status: "frozen" });
      await expectRefused(email, spaceId, "active", error);
    });

    it("a former owner who stepped down cannot reopen it", async () => {
      const { spaceId } = await heron();
      await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
      await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(PRIYA), role: "member" });
      await expectRefused(PRIYA, spaceId, "frozen", ForbiddenError);
      expect(
        (await db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, spaceId))).find((m) => m.userId === s.userId(PRIYA))?.role,
      ).toBe("member");
    });
  });
});
