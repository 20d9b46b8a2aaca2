/**
 * "Test connection" (agency administrators): tries each thing the sync needs, in order, and says
 * what works and what does not: a token from Entra ID (a wrong secret, client or tenant is named
 * as such), the site, the library (with its free space), and writing to it (a folder made and
 * deleted). The outcome is kept on the connection and audited with the Graph request-ids.
 */
import { eq } from "drizzle-orm";
import { graphCalls, graphConnections, type GraphConnectionTest, type GraphConnectionTestStep } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { sessionFor, unsafeLoadConnection } from "./connection-shared";
import { describeGraphError, GraphCallError } from "./graph-errors";
import { resolveLibrary, resolveSite } from "./resolve-drive";
import type { DriveItem } from "./drive-item";
import { formatBytes } from "../files/format-bytes";

/** Runs the test; returns each step's outcome. */
export async function testGraphConnection(ctx: PolicyCtx): Promise<GraphConnectionTest> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "administer", "SyncConnection", { agencyId })) throw new ForbiddenError("Only the agency's administrators can test its SharePoint connection");
  const row = await unsafeLoadConnection(ctx.db, agencyId);
  if (!row) throw new NotFoundError("The agency has no SharePoint connection yet: save one first");
  const session = sessionFor(ctx.db, row);
  const steps: GraphConnectionTestStep[] = [];
  const lastRequestId = () => session.calls.at(-1)?.requestId ?? null;
  const fail = (step: GraphConnectionTestStep["step"], err: unknown) => steps.push({ step, ok: false, message: describeGraphError(err).message, requestId: err instanceof GraphCallError ? err.requestId : lastRequestId() });
  let siteId: string | null = null;
  let driveId: string | null = null;

  try {
    await session.acquireToken();
    steps.push({ step: "token", ok: true, message: `Entra ID issued the app a token for tenant ${row.tenantId}.`, requestId: null });
  } catch (err) {
    fail("token", err);
  }
  if (steps.at(-1)?.ok) {
    try {
      const site = await resolveSite(session, row);
      siteId = site.id;
      steps.push({ step: "site", ok: true, message: `Found the site "${site.displayName}".`, requestId: lastRequestId() });
    } catch (err) {
      if (err instanceof GraphCallError && err.status === 404) steps.push({ step: "site", ok: false, message: `There is no site at https://${row.siteHostname}${row.sitePath} (or the app may not see it): check the address.`, requestId: err.requestId });
      else fail("site", err);
    }
  }
  if (siteId) {
    try {
      const drive = await resolveLibrary(session, siteId, row.driveName);
      driveId = drive.id;
      const remaining = drive.quota?.remaining;
      const isFull = remaining !== undefined && remaining <= 0;
      const space = remaining === undefined ? "" : isFull ? " It is full: uploads will be refused until space is freed." : ` ${formatBytes(remaining)} free.`;
      steps.push({ step: "drive", ok: !isFull, message: `Found the library "${drive.name}".${space}`, requestId: lastRequestId() });
    } catch (err) {
      if (err instanceof GraphCallError && err.status === 404) steps.push({ step: "drive", ok: false, message: row.driveName ? `The site has no library named "${row.driveName}".` : "The site has no default document library.", requestId: err.requestId });
      else fail("drive", err);
    }
  }
  if (driveId) {
    try {
      const { body } = await session.request<DriveItem>({ method: "POST", url: `/drives/${driveId}/root/children`, body: { name: `Accord connection test ${ctx.now.getTime()}`, folder: {}, "@microsoft.graph.conflictBehavior": "rename" } });
      await session.request({ method: "DELETE", url: `/drives/${driveId}/items/${body.id}` });
      steps.push({ step: "write", ok: true, message: "Accord can write to the library (a test folder was made and deleted).", requestId: lastRequestId() });
    } catch (err) {
      fail("write", err);
    }
  }
  const test: GraphConnectionTest = { ok: steps.length === 4 && steps.every((s) => s.ok), steps };
  const calls = session.drainCalls();
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(graphConnections)
      .set({ lastTest: test, lastTestedAt: tx.now, ...(siteId ? { siteId } : {}), ...(driveId ? { driveId } : {}) })
      .where(eq(graphConnections.agencyId, agencyId));
    if (calls.length > 0) await tx.db.insert(graphCalls).values(calls.map((c) => ({ ...c, agencyId, actorUserId: tx.actor.userId })));
    await recordAudit(tx, {
      action: "graph.connection.test",
      outcome: test.ok ? "success" : "failure",
      subjectType: "sync_connection",
      subjectId: agencyId,
      details: { steps: steps.map((s) => ({ step: s.step, ok: s.ok, requestId: s.requestId })) },
    });
  });
  return test;
}
