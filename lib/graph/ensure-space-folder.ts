/**
 * The folder a space's content lives in, in its owning agency's drive: made on first use, named
 * after the space. A name taken by something else in the library (a folder people made by hand, a
 * space of the same name) is not reused: Graph renames ours ("Kestrel 1"), and the mapping keeps
 * the folder's id, so a later rename in SharePoint does not lose it.
 */
import { eq } from "drizzle-orm";
import { graphSpaceFolders, spaces } from "@/db/schema";
import type { Ctx } from "../context";
import type { GraphSession } from "./graph-session";
import { GraphCallError } from "./graph-errors";
import { sharePointName } from "./drive-item";
import type { DriveItem } from "./drive-item";

/** The space's folder id in `driveId`, made when there is none (or the one known was deleted in SharePoint). */
export async function ensureSpaceFolder(ctx: Ctx, session: GraphSession, input: { agencyId: string; spaceId: string; driveId: string }): Promise<string> {
  const [known] = await ctx.db.select().from(graphSpaceFolders).where(eq(graphSpaceFolders.spaceId, input.spaceId)).limit(1);
  if (known && known.driveId === input.driveId) {
    try {
      await session.request({ method: "GET", url: `/drives/${input.driveId}/items/${known.remoteId}?$select=id,name,deleted` });
      return known.remoteId;
    } catch (err) {
      if (!(err instanceof GraphCallError && err.status === 404)) throw err;
      // Deleted in SharePoint: make it again.
    }
  }
  const [space] = await ctx.db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, input.spaceId)).limit(1);
  const name = sharePointName(space?.name ?? "Accord space", "Accord space");
  const { body } = await session.request<DriveItem>({
    method: "POST",
    url: `/drives/${input.driveId}/root/children`,
    body: { name, folder: {}, "@microsoft.graph.conflictBehavior": "rename" },
  });
  const values = { agencyId: input.agencyId, driveId: input.driveId, remoteId: body.id, name: body.name, createdAt: ctx.now };
  await ctx.db.insert(graphSpaceFolders).values({ spaceId: input.spaceId, ...values }).onConflictDoUpdate({ target: graphSpaceFolders.spaceId, set: values });
  return body.id;
}
