/**
 * The demo with SharePoint (npm run demo:graph, ACCORD_GRAPH_STANDIN=true): the local Graph
 * stand-in runs inside Accord and Devon & Cornwall Police is connected to it at start-up (unless an
 * administrator already set a connection), so a newcomer sees documents reach "SharePoint" and
 * can watch the queue on /admin/sharepoint. Never used with a real tenant.
 */
import { eq } from "drizzle-orm";
import { agencies, graphConnections } from "@/db/schema";
import type { Db } from "@/db/client";
import { inTransaction } from "../context";
import { recordAudit } from "../audit/record-audit";
import { sealSecret } from "./connection-secret";
import { enqueueAgencyBackfill } from "./enqueue-graph-sync";
import { graphSyncContext } from "./graph-sync-context";

/** The stand-in's demo tenant (graph-standin/default-config.ts). */
export const DEMO_CONNECTION = { agencyCode: "DCP", tenantId: "dcp-tenant", clientId: "6a1b2c3d-0000-4000-8000-00000000dc01", clientSecret: "accord-demo-secret", siteHostname: "dcpolice.sharepoint.com", sitePath: "/sites/Accord" };

/** Connects the demo agency to the stand-in when it has no connection; true when it did. */
export async function connectDemoStandin(db: Db): Promise<boolean> {
  const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, DEMO_CONNECTION.agencyCode)).limit(1);
  if (!agency) return false;
  const [existing] = await db.select({ agencyId: graphConnections.agencyId }).from(graphConnections).where(eq(graphConnections.agencyId, agency.id)).limit(1);
  if (existing) return false;
  await inTransaction(graphSyncContext(db), async (tx) => {
    await tx.db.insert(graphConnections).values({
      agencyId: agency.id,
      tenantId: DEMO_CONNECTION.tenantId,
      clientId: DEMO_CONNECTION.clientId,
      secretEncrypted: sealSecret(DEMO_CONNECTION.clientSecret),
      siteHostname: DEMO_CONNECTION.siteHostname,
      sitePath: DEMO_CONNECTION.sitePath,
    });
    const queued = await enqueueAgencyBackfill(tx, agency.id);
    await recordAudit(tx, { action: "graph.connection.create", subjectType: "sync_connection", subjectId: agency.id, agencyId: agency.id, details: { demo: true, queued } });
  });
  return true;
}
