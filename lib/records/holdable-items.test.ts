/**
 * The hold page's picker (lib/records/list-holdable-items.ts): Janet, DCP's records manager, sees
 * every document, file and submission of a DCP space she is not a member of, as metadata; items
 * restricted under DPA s.47 are not offered; another agency's space is 404 to her; people who may
 * not place holds (Priya, who owns the space; Alex of Dorset) get 403.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, buildDocument, buildSpace, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ForbiddenError, NotFoundError } from "../errors";
import { listHoldableItems } from "./list-holdable-items";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

describe(`the items a hold may be placed on (${testEngine})`, () => {
  it("lists a space's items to its agency's records manager, without restricted ones", async () => {
    const space = s.spaceId("Operation Kestrel");
    const kept = await buildDocument(db, { spaceId: space, title: `Custody record ${randomBytes(3).toString("hex")}` });
    const restricted = await buildDocument(db, { spaceId: space, title: "Restricted statement", isRestricted: true });
    const { space: listed, items } = await listHoldableItems(await ctxOf("janet.okafor@dcp.example"), { spaceId: space });
    expect(listed.name).toBe("Operation Kestrel");
    const ids = items.map((i) => i.itemId);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(restricted.id);
    expect(items.find((i) => i.itemId === kept.id)).toMatchObject({ itemType: "document", title: kept.title, marking: kept.marking });
  });

  it("answers 404 for another agency's space and 403 to those who may not place holds", async () => {
    const dorset = await buildSpace(db, { ownerAgencyId: s.agencyId("DOR") });
    await expect(listHoldableItems(await ctxOf("janet.okafor@dcp.example"), { spaceId: dorset.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listHoldableItems(await ctxOf("janet.okafor@dcp.example"), { spaceId: "not-a-space" })).rejects.toBeInstanceOf(NotFoundError);
    for (const email of ["priya.shah@dcp.example", "alex.morgan@dor.example"]) {
      await expect(listHoldableItems(await ctxOf(email), { spaceId: s.spaceId("Operation Kestrel") })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
