import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandin, json, type TestStandin } from "./testing";

type DeltaItem = { id: string; name: string; deleted?: unknown; cTag?: string; lastModifiedBy?: { user?: { displayName: string } } };

let t: TestStandin;
beforeAll(async () => {
  t = await startTestStandin({ pageSize: 2 });
});
afterAll(() => t.s.close());

async function drain(url: string): Promise<{ items: DeltaItem[]; deltaLink: string; pages: number }> {
  const items: DeltaItem[] = [];
  let pages = 0;
  for (let next: string | undefined = url; ; ) {
    const page = await json(await t.g("GET", next!));
    items.push(...page.value);
    pages++;
    if (page["@odata.deltaLink"]) return { items, deltaLink: page["@odata.deltaLink"], pages };
    next = page["@odata.nextLink"];
    expect(next?.startsWith(t.s.graphUrl)).toBe(true);
  }
}

describe("delta", () => {
  it("enumerates, then reports API and remote changes, deletions, token=latest and 410 resync", async () => {
    const mk = (name: string) => t.g("POST", `/drives/${t.driveId}/root/children`, { json: { name, folder: {} } });
    const kestrel = await json(await mk("Kestrel"));
    const f = await json(await t.g("PUT", `/drives/${t.driveId}/items/${kestrel.id}:/Press lines.docx:/content`, { body: "v1" }));
    await mk("Other");

    const first = await drain(`/drives/${t.driveId}/root/delta`);
    expect(first.pages).toBeGreaterThan(1);
    const names = first.items.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(["root", "Kestrel", "Press lines.docx", "Other"]));
    expect(names.indexOf("Kestrel")).toBeLessThan(names.indexOf("Press lines.docx")); // parents first
    expect(first.deltaLink.startsWith(`${t.s.graphUrl}/drives/${t.driveId}/root/delta?token=`)).toBe(true);

    // Nothing changed: empty round.
    const quiet = await drain(first.deltaLink);
    expect(quiet.items).toEqual([]);

    // A user edits in SharePoint; the app deletes a folder.
    const edited = t.s.remote.editContent(t.driveId, f.id, Buffer.from("v2 from the press office"), "Jo Bloggs");
    expect(edited.eTag).not.toBe(f.eTag);
    expect(edited.cTag).not.toBe(f.cTag);
    expect(edited.lastModifiedBy).toBe("Jo Bloggs");
    const other = t.s.remote.findByPath(t.driveId, "/Other")!;
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${other.id}`)).status).toBe(204);
    const round2 = await drain(quiet.deltaLink);
    const changed = round2.items.find((i) => i.id === f.id)!;
    expect(changed.cTag).toBe(edited.cTag);
    expect(changed.lastModifiedBy?.user?.displayName).toBe("Jo Bloggs");
    const gone = round2.items.find((i) => i.id === other.id)!;
    expect(gone.deleted).toEqual({ state: "deleted" });

    // token=latest skips the enumeration.
    const latest = await json(await t.g("GET", `/drives/${t.driveId}/root/delta?token=latest`));
    expect(latest.value).toEqual([]);
    t.s.remote.rename(t.driveId, f.id, "Press lines (final).docx");
    const afterLatest = await drain(latest["@odata.deltaLink"]);
    expect(afterLatest.items.map((i) => i.name)).toEqual(["Press lines (final).docx"]);

    // Expired tokens → 410 resyncRequired with a Location for a fresh enumeration.
    t.s.remote.expireDeltaTokens(t.driveId);
    const r = await t.g("GET", afterLatest.deltaLink);
    expect(r.status).toBe(410);
    const body = await json(r);
    expect(body.error).toMatchObject({ code: "resyncRequired", innerError: { code: "resyncApplyDifferences" } });
    expect(r.headers.get("location")).toBe(`${t.s.graphUrl}/drives/${t.driveId}/root/delta`);
    expect((await t.g("GET", `/drives/${t.driveId}/root/delta?token=garbage`)).status).toBe(410);
    const fresh = await drain(r.headers.get("location")!);
    expect(fresh.items.map((i) => i.name)).toContain("Press lines (final).docx");
  });
});

describe("retention labels", () => {
  it("applies (201 then 200), locks, refuses deletes and edits with 423, and guards record removal", async () => {
    const f = await json(await t.g("PUT", `/drives/${t.driveId}/root:/MG11 statement.docx:/content`, { body: "statement" }));
    const label = `/drives/${t.driveId}/items/${f.id}/retentionLabel`;
    const none = await t.g("GET", label);
    expect(none.status).toBe(404);
    const unknown = await t.g("PATCH", label, { json: { name: "No such label" } });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.code).toBe("invalidRequest");

    const first = await t.g("PATCH", label, { json: { name: "Crime file – Group 3 – 6 years after case closed" } });
    expect(first.status).toBe(201);
    const fj = await json(first);
    expect(fj.retentionSettings).toMatchObject({ behaviorDuringRetentionPeriod: "retain", isDeleteAllowed: false, isRecordLocked: false });
    expect(fj.labelAppliedBy).toEqual({ application: { id: "6a1b2c3d-0000-4000-8000-00000000dc01", displayName: "6a1b2c3d-0000-4000-8000-00000000dc01" } });
    const second = await t.g("PATCH", label, { json: { name: "Review group 1 – 100 years" } });
    expect(second.status).toBe(200);
    expect((await json(await t.g("GET", label))).name).toBe("Review group 1 – 100 years");

    // "retain" forbids deletion.
    const del = await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}`);
    expect(del.status).toBe(423);
    expect((await json(del)).error).toMatchObject({ code: "notAllowed", innerError: { code: "lockMismatch" } });
    // Removing a non-record label is allowed, then deletion works … after we check record locks.
    expect((await t.g("DELETE", label)).status).toBe(204);
    t.s.remote.setRecordLocked(t.driveId, f.id, true);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}`)).status).toBe(423);
    expect((await t.g("PUT", `/drives/${t.driveId}/items/${f.id}/content`, { body: "edit" })).status).toBe(423);
    t.s.remote.setRecordLocked(t.driveId, f.id, false);

    // A record label: starts locked; locking/unlocking and removal need Sites.FullControl.All.
    const rec = await t.g("PATCH", label, { json: { name: "MG11 witness statements" } });
    expect(rec.status).toBe(201);
    expect((await json(rec)).retentionSettings).toMatchObject({ behaviorDuringRetentionPeriod: "retainAsRecord", isRecordLocked: true });
    expect(t.s.remote.get(t.driveId, f.id)?.retentionLabel).toEqual({ name: "MG11 witness statements", isRecordLocked: true });
    expect((await t.g("PATCH", label, { json: { retentionSettings: { isRecordLocked: false } } })).status).toBe(403);
    expect((await t.g("DELETE", label)).status).toBe(403);
    expect((await t.g("PUT", `/drives/${t.driveId}/items/${f.id}/content`, { body: "edit" })).status).toBe(423);
  });

  it("lets a FullControl app unlock records, never removes regulatory records, and can answer {} for no label", async () => {
    const s = await startTestStandin({
      emptyLabelStatus: 200,
      lockedStatus: 403,
      tenants: [{ tenantId: "dcp-tenant", clientId: "records-app", clientSecret: "s", roles: ["Sites.FullControl.All"] }],
    });
    try {
      const f = await json(await s.g("PUT", `/drives/${s.driveId}/root:/record.pdf:/content`, { body: "r" }));
      const label = `/drives/${s.driveId}/items/${f.id}/retentionLabel`;
      const empty = await s.g("GET", label);
      expect(empty.status).toBe(200);
      expect(await json(empty)).toEqual({});
      expect((await s.g("PATCH", label, { json: { name: "MG11 witness statements" } })).status).toBe(201);
      const unlock = await s.g("PATCH", label, { json: { retentionSettings: { isRecordLocked: false } } });
      expect(unlock.status).toBe(200);
      expect((await json(unlock)).retentionSettings.isRecordLocked).toBe(false);
      expect((await s.g("PUT", `/drives/${s.driveId}/items/${f.id}/content`, { body: "edited while unlocked" })).status).toBe(200);
      const locked = await s.g("PATCH", label, { json: { retentionSettings: { isRecordLocked: true } } });
      expect((await json(locked)).retentionSettings.isRecordLocked).toBe(true);
      expect((await s.g("DELETE", `/drives/${s.driveId}/items/${f.id}`)).status).toBe(403); // lockedStatus 403
      expect((await s.g("DELETE", label)).status).toBe(204); // FullControl may remove a record label

      expect((await s.g("PATCH", label, { json: { name: "Regulatory record" } })).status).toBe(201); // no label at this point
      const rm = await s.g("DELETE", label);
      expect(rm.status).toBe(403);
      expect((await json(rm)).error.code).toBe("notAllowed");
      expect((await s.g("PATCH", label, { json: { retentionSettings: { isRecordLocked: false } } })).status).toBe(403);
    } finally {
      await s.s.close();
    }
  });
});
