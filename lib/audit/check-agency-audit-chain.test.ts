/** The audit trail page's check: DCP's administrator sees DCP's chain intact; others are refused. */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { ForbiddenError } from "../errors";
import { checkAgencyAuditChain } from "./check-agency-audit-chain";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

describe("checkAgencyAuditChain", () => {
  it("gives Sam, DCP's administrator, DCP's chain: the seeded scenario's events, intact", async () => {
    const chain = await checkAgencyAuditChain(await ctxOf("sam.patel@dcp.example"));
    expect(chain).toMatchObject({ chainKey: s.agencyId("DCP"), intact: true, firstBreak: null });
    expect(chain.rows).toBeGreaterThan(0);
    expect(chain.lastSeq).toBe(chain.rows);
  });

  it("refuses an investigator and a partner agency's practitioner", async () => {
    await expect(checkAgencyAuditChain(await ctxOf("priya.shah@dcp.example"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(checkAgencyAuditChain(await ctxOf("helen.carter@cc.example"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
