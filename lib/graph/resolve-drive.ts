/**
 * From a connection's site address to the ids Graph works with: the site by path
 * (`/sites/{hostname}:{path}`), then its default library (`/sites/{id}/drive`) or the library of
 * the given name (`/sites/{id}/drives`). Kept on the connection once found.
 */
import { eq } from "drizzle-orm";
import { graphConnections } from "@/db/schema";
import type { Ctx } from "../context";
import type { GraphSession } from "./graph-session";
import { GraphCallError } from "./graph-errors";
import type { GraphConnectionRow } from "./connection-shared";

type Drive = { id: string; name: string; quota?: { total?: number; remaining?: number; used?: number; state?: string } };

/** The site's id. */
export async function resolveSite(session: GraphSession, row: Pick<GraphConnectionRow, "siteHostname" | "sitePath">): Promise<{ id: string; displayName: string }> {
  const path = row.sitePath.split("/").map(encodeURIComponent).join("/");
  const { body } = await session.request<{ id: string; displayName?: string; name?: string }>({ method: "GET", url: `/sites/${row.siteHostname}:${path}` });
  return { id: body.id, displayName: body.displayName ?? body.name ?? row.sitePath };
}

/** The library to sync into: the site's default, or the one named. A name no library has is a 404 GraphCallError. */
export async function resolveLibrary(session: GraphSession, siteId: string, driveName: string): Promise<Drive> {
  if (driveName === "") return (await session.request<Drive>({ method: "GET", url: `/sites/${siteId}/drive` })).body;
  const { body } = await session.request<{ value: Drive[] }>({ method: "GET", url: `/sites/${siteId}/drives` });
  const drive = body.value.find((d) => d.name.toLowerCase() === driveName.toLowerCase());
  if (!drive) throw new GraphCallError(`The site has no library named "${driveName}"`, { status: 404, codes: ["itemNotFound", "libraryNotFound"] });
  return drive;
}

/** The connection's drive id, resolved (and stored) when not yet known. */
export async function ensureDrive(ctx: Ctx, session: GraphSession, row: GraphConnectionRow): Promise<string> {
  if (row.driveId) return row.driveId;
  const site = await resolveSite(session, row);
  const drive = await resolveLibrary(session, site.id, row.driveName);
  await ctx.db.update(graphConnections).set({ siteId: site.id, driveId: drive.id }).where(eq(graphConnections.agencyId, row.agencyId));
  row.siteId = site.id;
  row.driveId = drive.id;
  return drive.id;
}
