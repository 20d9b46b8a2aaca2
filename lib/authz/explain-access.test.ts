/** Explain access: the steps agree with the ability's verdict, and only about one's own agency. */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { NotFoundError } from "../errors";
import { explainAccess } from "./explain-access";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

describe("explainAccess", () => {
  it("tells Sam that Mark cannot read the investigation log because his vetting has expired", async () => {
    const result = await explainAccess(await ctxOf("sam.patel@dcp.example"), {
      userId: s.userId("mark.ellis@dcp.example"),
      documentId: s.documentId("Investigation log"),
    });
    expect(result.verdicts.read).toBe(false);
    const failed = result.steps.filter((step) => !step.isMet);
    expect(failed.map((f) => f.check)).toEqual(["Vetting opens the marking"]);
    expect(failed[0]!.detail).toMatch(/expired 2025-06-30/);
  });

  it("tells Sam that Priya can read it, every step met", async () => {
    const result = await explainAccess(await ctxOf("sam.patel@dcp.example"), {
      userId: s.userId("priya.shah@dcp.example"),
      documentId: s.documentId("Investigation log"),
    });
    expect(result.verdicts).toMatchObject({ read: true, remark: true, share: true });
    expect(result.steps.every((step) => step.isMet)).toBe(true);
  });

  it("agrees with the ability for every DCP person and every document of DCP's spaces", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    const people = ["priya.shah@dcp.example", "tom.hughes@dcp.example", "mark.ellis@dcp.example", "janet.okafor@dcp.example", "sam.patel@dcp.example"];
    const docs = ["Investigation log", "Press lines", "Strategy meeting minutes", "Agency contact list", "Induction guide"];
    for (const email of people) {
      for (const title of docs) {
        const r = await explainAccess(sam, { userId: s.userId(email), documentId: s.documentId(title) });
        expect(r.steps.every((step) => step.isMet), `${email} / ${title}`).toBe(r.verdicts.read);
      }
    }
  });

  it("will not explain a person of another agency, nor to someone who is not an administrator", async () => {
    await expect(
      explainAccess(await ctxOf("sam.patel@dcp.example"), { userId: s.userId("alex.morgan@dor.example"), documentId: s.documentId("Press lines") }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      explainAccess(await ctxOf("priya.shah@dcp.example"), { userId: s.userId("tom.hughes@dcp.example"), documentId: s.documentId("Press lines") }),
    ).rejects.toThrow();
  });
});
