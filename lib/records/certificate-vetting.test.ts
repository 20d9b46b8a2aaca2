/**
 * A certificate of disposal holds no content but names what was disposed of (its title), so it
 * is read within the reader's vetting, as the record itself was: a records manager vetted to BPSS
 * (OFFICIAL only) lists the OFFICIAL certificate and not the OFFICIAL-SENSITIVE one; Janet (MV)
 * lists both. The rank is the database's, generated from the certificate's marking text.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { listDisposalCertificates } from "./list-disposal-certificates";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOfId = async (userId: string) => policyCtx(db, await buildActor(db, userId));

async function certificate(marking: string, title: string) {
  const [row] = await db
    .insert(t.disposalCertificates)
    .values({ agencyId: s.agencyId("DCP"), itemType: "document", itemId: randomUUID(), title, spaceName: "Operation Kestrel", marking, labelReference: "CRM-01", labelName: "Crime file", outcome: "deleted", disposedAt: new Date(), keepUntil: new Date(Date.now() + 86_400_000) })
    .returning();
  return row!;
}

describe(`certificates within vetting (${testEngine})`, () => {
  it("derives each certificate's rank from its marking, and lists only those within the reader's vetting", async () => {
    const tag = randomBytes(3).toString("hex");
    const official = await certificate("OFFICIAL", `Press lines ${tag}`);
    const sensitive = await certificate("OFFICIAL-SENSITIVE PERSONAL DATA", `Witness list ${tag}`);
    const unknown = await certificate("RESTRICTED", `Old marking ${tag}`);
    const ranks = await Promise.all([official, sensitive, unknown].map(async (c) => (await db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.id, c.id)))[0]!.markingRank));
    expect(ranks).toEqual([1, 2, null]);

    const bpss = await buildUser(db, { agencyId: s.agencyId("DCP"), roles: ["records_manager"], vettingLevel: "BPSS", jobTitle: "Records Officer" });
    const titlesFor = async (userId: string) => (await listDisposalCertificates(await ctxOfId(userId), { q: tag })).items.map((c) => c.title).sort();
    expect(await titlesFor(bpss.id)).toEqual([`Press lines ${tag}`]);
    expect(await titlesFor(s.userId("janet.okafor@dcp.example"))).toEqual([`Press lines ${tag}`, `Witness list ${tag}`]);
  });
});
