/**
 * Sets an agency's SharePoint connection (its administrators only: 403 for anyone else; nobody
 * reaches another agency's). The secret is sealed before it is stored and never returned; leaving
 * it blank on a change keeps the stored one. Saving a new connection, or pointing it at another
 * site or library, queues every document and file of the agency's spaces for upload (the mirror
 * starts from what Accord holds); the folders and remote state of an earlier site are forgotten.
 * New credentials for the same place queue again what failed because the old ones were refused.
 * Audited as "graph.connection.save" (never with the secret), in the same transaction.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { graphConnections, graphItems, graphOutbox, graphSpaceFolders } from "@/db/schema";
import type { Db } from "@/db/client";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { sealSecret } from "./connection-secret";
import { parseSiteUrl, toConnectionView, unsafeLoadConnection, type GraphConnectionView } from "./connection-shared";
import { enqueueAgencyBackfill } from "./enqueue-graph-sync";
import { requestGraphDelivery } from "./graph-signal";

// A tenant is a GUID or a verified domain; a client (application) id is a GUID.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+|[a-z0-9][a-z0-9-]{1,62})$/i;

export const ZSaveGraphConnection = z.object({
  tenantId: z.string({ message: "Give the tenant id" }).trim().min(1, "Give the tenant id").max(200).regex(TENANT, "The tenant id is a GUID or the tenant's domain (contoso.onmicrosoft.com)"),
  clientId: z.string({ message: "Give the client (application) id" }).trim().min(1, "Give the client (application) id").max(100),
  authKind: z.enum(["secret", "certificate"], { message: "Choose a client secret or a certificate" }).default("secret"),
  /** Blank: keep the stored secret (or key). */
  clientSecret: z.string().max(10_000, "The secret is too long").default(""),
  certificateThumbprint: z.string().trim().max(128).default(""),
  siteUrl: z.string({ message: "Give the SharePoint site's address" }).trim().min(1, "Give the SharePoint site's address").max(500),
  driveName: z.string().trim().max(200, "A library name has at most 200 characters").default(""),
});
export type SaveGraphConnectionInput = z.input<typeof ZSaveGraphConnection>;

type Issue = { path: string; message: string };

function parse(raw: unknown): z.infer<typeof ZSaveGraphConnection> {
  const parsed = ZSaveGraphConnection.safeParse(raw ?? {});
  const issues: Issue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  if (parsed.success) {
    const d = parsed.data;
    if (!GUID.test(d.clientId)) issues.push({ path: "clientId", message: "The client (application) id is a GUID, such as 11111111-2222-3333-4444-555555555555" });
    if (!parseSiteUrl(d.siteUrl)) issues.push({ path: "siteUrl", message: "Give the site's https address, such as https://contoso.sharepoint.com/sites/Accord" });
    if (d.authKind === "certificate" && !/^[0-9a-f]{64}$/i.test(d.certificateThumbprint)) issues.push({ path: "certificateThumbprint", message: "Give the certificate's SHA-256 thumbprint (64 hexadecimal characters)" });
    if (d.authKind === "certificate" && d.clientSecret !== "" && !d.clientSecret.includes("PRIVATE KEY")) issues.push({ path: "clientSecret", message: "For a certificate, paste its private key in PEM form" });
  }
  if (issues.length > 0) {
    const message = issues.length === 1 ? issues[0]!.message : `${issues[0]!.message} (and ${issues.length - 1} more: see each field)`;
    throw new InvalidInputError(message, { issues });
  }
  return parsed.data!;
}

/** Saves the connection; returns it as administrators see it. */
export async function saveGraphConnection(ctx: PolicyCtx, raw: SaveGraphConnectionInput | unknown): Promise<GraphConnectionView> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "update", "SyncConnection", { agencyId })) throw new ForbiddenError("Only the agency's administrators can set its SharePoint connection");
  const input = parse(raw);
  const site = parseSiteUrl(input.siteUrl)!;
  const existing = await unsafeLoadConnection(ctx.db, agencyId);
  if (!existing && input.clientSecret === "") {
    const message = input.authKind === "secret" ? "Give the client secret" : "Paste the certificate's private key";
    throw new InvalidInputError(message, { issues: [{ path: "clientSecret", message }] });
  }
  // New credentials: what failed because Entra ID or Graph refused the old ones is worth sending again.
  const isNewCredentials = !!existing && (input.clientSecret !== "" || existing.clientId !== input.clientId || existing.authKind !== input.authKind || (existing.certificateThumbprint ?? "") !== (input.authKind === "certificate" ? input.certificateThumbprint.toLowerCase() : ""));
  const isNewPlace = !existing || existing.siteHostname !== site.hostname || existing.sitePath !== site.path || existing.driveName !== input.driveName || existing.tenantId !== input.tenantId;

  const saved = await inTransaction(ctx, async (tx) => {
    const values = {
      tenantId: input.tenantId,
      clientId: input.clientId,
      authKind: input.authKind,
      secretEncrypted: input.clientSecret !== "" ? sealSecret(input.clientSecret) : existing!.secretEncrypted,
      certificateThumbprint: input.authKind === "certificate" ? input.certificateThumbprint.toLowerCase() : null,
      siteHostname: site.hostname,
      sitePath: site.path,
      driveName: input.driveName,
      updatedBy: tx.actor.userId,
      updatedAt: tx.now,
      // A new place is resolved again by the next test or delivery, and enumerated from the start.
      ...(isNewPlace ? { siteId: null, driveId: null, deltaLink: null, deltaAt: null, lastTest: null, lastTestedAt: null } : {}),
    };
    const [row] = await tx.db
      .insert(graphConnections)
      .values({ agencyId, ...values, createdBy: tx.actor.userId, createdAt: tx.now })
      .onConflictDoUpdate({ target: graphConnections.agencyId, set: values })
      .returning();
    let queued = 0;
    if (isNewPlace) {
      await tx.db.delete(graphSpaceFolders).where(eq(graphSpaceFolders.agencyId, agencyId));
      await tx.db
        .update(graphItems)
        .set({ driveId: null, remoteId: null, remoteName: null, eTag: null, cTag: null, syncedVersion: null, remoteLabel: null, status: "pending", lastError: null, lastErrorCode: null, updatedAt: tx.now })
        .where(and(eq(graphItems.agencyId, agencyId), sql`${graphItems.status} <> 'removed'`));
      queued = await enqueueAgencyBackfill(tx, agencyId);
    } else if (isNewCredentials) {
      queued = await rearmCredentialFailures(tx.db, agencyId, tx.now);
    }
    await recordAudit(tx, {
      action: existing ? "graph.connection.update" : "graph.connection.create",
      subjectType: "sync_connection",
      subjectId: agencyId,
      details: { tenantId: input.tenantId, clientId: input.clientId, authKind: input.authKind, siteUrl: `https://${site.hostname}${site.path}`, driveName: input.driveName, secretChanged: input.clientSecret !== "", queued },
    });
    return row!;
  });
  requestGraphDelivery();
  return toConnectionView(saved);
}

/** The failures that say the credentials were wrong (graph-errors.ts's codes): the only ones new credentials can mend. */
const CREDENTIAL_FAILURES = ["wrong_secret", "unknown_client", "unknown_tenant", "unauthenticated", "access_denied"];

/**
 * Puts the agency's changes that failed on its credentials back in the queue, due now, as a
 * person's Retry would (retry-graph-sync.ts): a change whose item already has a newer one pending
 * is retired instead, keeping the outbox's one pending change per item and kind. Returns how many
 * were queued again.
 */
async function rearmCredentialFailures(db: Db, agencyId: string, now: Date): Promise<number> {
  const rows = await db
    .update(graphOutbox)
    .set({
      state: sql`CASE WHEN EXISTS (SELECT 1 FROM graph_outbox p WHERE p.item_type = ${graphOutbox.itemType} AND p.item_id = ${graphOutbox.itemId} AND p.kind = ${graphOutbox.kind} AND p.state = 'pending' AND p.id <> ${graphOutbox.id}) THEN 'done'::graph_outbox_state ELSE 'pending'::graph_outbox_state END`,
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now,
    })
    .where(and(eq(graphOutbox.agencyId, agencyId), eq(graphOutbox.state, "failed"), inArray(graphOutbox.lastErrorCode, CREDENTIAL_FAILURES)))
    .returning({ state: graphOutbox.state });
  await db
    .update(graphItems)
    .set({ status: "pending", lastError: null, lastErrorCode: null, updatedAt: now })
    .where(and(eq(graphItems.agencyId, agencyId), eq(graphItems.status, "failed"), inArray(graphItems.lastErrorCode, CREDENTIAL_FAILURES)));
  return rows.filter((r) => r.state === "pending").length;
}
