/**
 * The activity feed: what happened in a space, newest first, in words, and permission-trimmed: an
 * entry about a document the reader cannot read is left out for them (not redacted), so the feed
 * never reveals that the document exists or what was done to it.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { remarkDocument } from "../documents/remark-document";
import { NotFoundError } from "../errors";
import { addSpaceMember } from "./add-space-member";
import { attestSpaceAccess } from "./attest-space-access";
import { changeMemberRole } from "./change-member-role";
import { createSpace } from "./create-space";
import { listSpaceActivity } from "./list-space-activity";
import { removeSpaceMember } from "./remove-space-member";
import { setSpaceStatus } from "./set-space-status";

const PRIYA = "priya.shah@dcp.example";
const MASH = "Cornwall MASH: referral 2026-0412";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

// Each step a minute after the last, so that the feed's order is the order of events.
let clock = new Date("2026-12-01T09:00:00Z").getTime();
const tick = () => new Date((clock += 60_000));
const ctxOf = async (email: string, now = tick()) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const feedOf = async (email: string, spaceId: string) =>
  (await listSpaceActivity(await ctxOf(email), { spaceId })).map((e) => `${e.actorName ?? "?"} ${e.summary}`);

describe("listSpaceActivity", () => {
  it("tells the story of a space's lifecycle, newest first", async () => {
    const { id: spaceId } = await createSpace(await ctxOf(PRIYA), {
      name: "Operation Heron",
      ceilingMarking: "OFFICIAL-SENSITIVE",
      defaultMarking: "OFFICIAL",
      agreementIds: [s.agreementId("ISA-SW-001")],
    });
    await addSpaceMember(await ctxOf(PRIYA), { spaceId, userId: s.userId("alex.morgan@dor.example"), role: "guest" });
    await addSpaceMember(await ctxOf(PRIYA), { spaceId, userId: s.userId("tom.hughes@dcp.example"), role: "member" });
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId("tom.hughes@dcp.example"), role: "reader" });
    await attestSpaceAccess(await ctxOf(PRIYA), { spaceId });
    await removeSpaceMember(await ctxOf("tom.hughes@dcp.example"), { spaceId, userId: s.userId("tom.hughes@dcp.example") });
    await setSpaceStatus(await ctxOf(PRIYA), { spaceId, status: "frozen" });

    const expected = [
      "DS Priya Shah froze the space",
      "PC Tom Hughes left the space",
      "DS Priya Shah confirmed who needs access",
      "DS Priya Shah changed the role of PC Tom Hughes to reader",
      "DS Priya Shah added PC Tom Hughes as member",
      "DS Priya Shah added DC Alex Morgan as guest under ISA-SW-001",
      "DS Priya Shah created the space",
    ];
    expect(await feedOf(PRIYA, spaceId)).toEqual(expected);
    // Everyone with standing sees the same story: none of it is about a document.
    expect(await feedOf("alex.morgan@dor.example", spaceId)).toEqual(expected);
    // The limit keeps the newest.
    expect((await listSpaceActivity(await ctxOf(PRIYA), { spaceId, limit: 2 })).map((e) => e.action)).toEqual(["space.freeze", "space.member_leave"]);
  });

  it("leaves out, for Ben (BPSS), the re-marking of the strategy meeting minutes he cannot read, and shows it to those who can", async () => {
    const spaceId = s.spaceId(MASH);
    const minutes = s.documentId("Strategy meeting minutes");
    // Ben is named a recipient, so that only his vetting (BPSS: OFFICIAL) keeps the minutes from him.
    const recipients = ["priya.shah@dcp.example", "helen.carter@cc.example", "aisha.rahman@rcht.example", "ben.lowe@cc.example"].map((e) => s.userId(e));
    await remarkDocument(await ctxOf(PRIYA), { documentId: minutes, marking: "OFFICIAL-SENSITIVE PERSONAL DATA RECIPIENTS ONLY", recipientIds: recipients });
    // A re-marking he can read: a new OFFICIAL note given the PERSONAL DATA descriptor (ISA-CC-014 allows it).
    const note = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Referral note" });
    await remarkDocument(await ctxOf(PRIYA), { documentId: note.id, marking: "OFFICIAL PERSONAL DATA" });

    const minutesEntry = "DS Priya Shah changed the marking of “Strategy meeting minutes” to OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA";
    const noteEntry = "DS Priya Shah changed the marking of “Referral note” to OFFICIAL PERSONAL DATA";
    expect(await feedOf(PRIYA, spaceId)).toEqual([noteEntry, minutesEntry]);
    expect(await feedOf("helen.carter@cc.example", spaceId)).toEqual([noteEntry, minutesEntry]);
    expect(await feedOf("aisha.rahman@rcht.example", spaceId)).toEqual([noteEntry, minutesEntry]);
    const ben = await feedOf("ben.lowe@cc.example", spaceId);
    expect(ben).toEqual([noteEntry]);
    expect(ben.join(" ")).not.toContain("Strategy meeting minutes");
  });

  it("an entry disappears for someone who loses the document after it was written", async () => {
    const spaceId = s.spaceId(MASH);
    const doc = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Contact sheet v2" });
    await remarkDocument(await ctxOf(PRIYA), { documentId: doc.id, marking: "OFFICIAL PERSONAL DATA" });
    expect((await feedOf("ben.lowe@cc.example", spaceId)).filter((e) => e.includes("Contact sheet v2"))).toHaveLength(1);
    // Raised above what Ben's vetting opens: both entries about it are gone for him.
    await remarkDocument(await ctxOf(PRIYA), { documentId: doc.id, marking: "OFFICIAL-SENSITIVE PERSONAL DATA" });
    expect((await feedOf("ben.lowe@cc.example", spaceId)).filter((e) => e.includes("Contact sheet v2"))).toEqual([]);
    expect((await feedOf("helen.carter@cc.example", spaceId)).filter((e) => e.includes("Contact sheet v2"))).toHaveLength(2);
  });

  it("is not found for anyone without standing in the space (Alex, for the MASH space), as for a space that does not exist", async () => {
    await expect(listSpaceActivity(await ctxOf("alex.morgan@dor.example"), { spaceId: s.spaceId(MASH) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listSpaceActivity(await ctxOf(PRIYA), { spaceId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
