/**
 * An agency's SharePoint connection as its administrators, auditors and records managers see it
 * (never the secret); null when there is none. 403 for anyone else.
 */
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";
import { toConnectionView, unsafeLoadConnection, type GraphConnectionView } from "./connection-shared";

export type GraphConnectionPage = { connection: GraphConnectionView | null; canEdit: boolean };

/** The actor's agency's connection, with whether they may change it. */
export async function getGraphConnection(ctx: PolicyCtx): Promise<GraphConnectionPage> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "read", "SyncConnection", { agencyId })) throw new ForbiddenError("Only the agency's administrators, auditors and records managers can see its SharePoint connection");
  const row = await unsafeLoadConnection(ctx.db, agencyId);
  return { connection: row ? toConnectionView(row) : null, canEdit: can(ctx.ability, "update", "SyncConnection", { agencyId }) };
}
