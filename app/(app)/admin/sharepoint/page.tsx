import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getGraphConnection } from "@/lib/graph/get-graph-connection";
import { getGraphSyncOverview } from "@/lib/graph/get-graph-sync-overview";
import { can } from "@/policies/authorize";
import { ConnectionForm } from "./connection-form";
import { SyncOverview } from "./sync-overview";

export const metadata = { title: "SharePoint" };

/**
 * SharePoint sync (issue 9): the agency's connection to its tenant, its test, the queue and the
 * Graph calls. Agency administrators change and run it; auditors and records managers read it
 * (policies/rules/sync.ts); for anyone else the page does not exist.
 */
export default async function SharePointPage() {
  const ctx = await requireActorContext();
  if (!can(ctx.ability, "read", "SyncConnection", { agencyId: ctx.actor.agency.id })) notFound();
  const [{ connection, canEdit }, overview] = await Promise.all([getGraphConnection(ctx), getGraphSyncOverview(ctx)]);
  return (
    <>
      <h1>SharePoint sync for {ctx.actor.agency.name}</h1>
      <p className="meta">
        Accord mirrors each space&apos;s documents and files into a folder of one SharePoint library. Accord stays the source: a change made in SharePoint comes back as a
        version to review, never silently.
      </p>
      <ConnectionForm connection={connection} canEdit={canEdit} />
      {connection && <SyncOverview initial={overview} />}
    </>
  );
}
