/**
 * What the connection operations share: the view of a connection an administrator sees (never its
 * secret), and the way a stored connection becomes a Graph session.
 */
import { eq } from "drizzle-orm";
import { graphConnections, type GraphConnectionTest } from "@/db/schema";
import type { Db } from "@/db/client";
import { openSecret } from "./connection-secret";
import { GraphSession } from "./graph-session";

export type GraphConnectionRow = typeof graphConnections.$inferSelect;

/** A connection as its administrators see it: everything but the secret (only whether one is stored). */
export type GraphConnectionView = {
  agencyId: string;
  tenantId: string;
  clientId: string;
  authKind: "secret" | "certificate";
  hasSecret: boolean;
  certificateThumbprint: string | null;
  siteUrl: string;
  driveName: string;
  siteId: string | null;
  driveId: string | null;
  lastTest: GraphConnectionTest | null;
  lastTestedAt: string | null;
  throttledUntil: string | null;
  updatedAt: string;
};

/** The view of a stored connection. */
export function toConnectionView(row: GraphConnectionRow): GraphConnectionView {
  return {
    agencyId: row.agencyId,
    tenantId: row.tenantId,
    clientId: row.clientId,
    authKind: row.authKind,
    hasSecret: row.secretEncrypted !== "",
    certificateThumbprint: row.certificateThumbprint,
    siteUrl: `https://${row.siteHostname}${row.sitePath}`,
    driveName: row.driveName,
    siteId: row.siteId,
    driveId: row.driveId,
    lastTest: row.lastTest ?? null,
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    throttledUntil: row.throttledUntil?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The stored connection of an agency, or null. Unchecked: callers have authorized (or are the sync itself). */
export async function unsafeLoadConnection(db: Db, agencyId: string): Promise<GraphConnectionRow | null> {
  const [row] = await db.select().from(graphConnections).where(eq(graphConnections.agencyId, agencyId)).limit(1);
  return row ?? null;
}

/** A Graph session for a stored connection; a Retry-After it meets is kept on the connection for other instances. */
export function sessionFor(db: Db, row: GraphConnectionRow): GraphSession {
  const session = new GraphSession({
    agencyId: row.agencyId,
    tenantId: row.tenantId,
    clientId: row.clientId,
    authKind: row.authKind,
    secret: openSecret(row.secretEncrypted),
    certificateThumbprint: row.certificateThumbprint,
    // A new secret (sealed with a fresh IV each time) or settings: a fresh MSAL client.
    version: `${row.updatedAt.toISOString()}|${row.tenantId}|${row.clientId}|${row.secretEncrypted.slice(-24)}`,
    throttledUntil: row.throttledUntil,
  });
  session.onThrottle = (until) => {
    db.update(graphConnections)
      .set({ throttledUntil: until })
      .where(eq(graphConnections.agencyId, row.agencyId))
      .catch((err: unknown) => console.error("[graph] could not keep the throttle window", err));
  };
  return session;
}

/** The site URL's host and server-relative path ("https://x.sharepoint.com/sites/A" → ["x.sharepoint.com", "/sites/A"]). */
export function parseSiteUrl(raw: string): { hostname: string; path: string } | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.search || url.hash || url.username || url.password) return null;
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, "");
  if (!/^\/(sites|teams)\/[^/]+$/.test(path)) return null;
  return { hostname: url.host, path };
}
