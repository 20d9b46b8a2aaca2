// Sites and drives lookup (§1): by path, by composite id, default library, drive list.
import { fail, type Ctx, type Reply } from "./http-util";
import { requireFilesRole, type Env } from "./env";
import type { Site } from "./state";
import { routeDrive } from "./routes-items";

function visibleSite(env: Env, ctx: Ctx, site: Site | undefined): Site {
  const auth = requireFilesRole(ctx);
  // Tenant isolation: another tenant's site looks exactly like a missing one.
  if (!site || site.tenantId !== auth.tenantId) throw fail(404, "itemNotFound", "Requested site could not be found");
  return site;
}

const norm = (p: string) => p.replace(/\/+$/, "").toLowerCase();

/** Routes everything under /sites. */
export async function routeSites(env: Env, ctx: Ctx, rest: string): Promise<Reply> {
  const { store } = env;
  let site: Site | undefined;
  let tail: string;
  const byPath = /^\/([^/:]+):(\/[^:]*)(?::(\/.*)?)?$/.exec(rest);
  if (byPath) {
    const host = decodeURIComponent(byPath[1]!).toLowerCase();
    const path = norm(decodeURIComponent(byPath[2]!));
    site = [...store.sites.values()].find((s) => s.config.hostname.toLowerCase() === host && norm(s.config.path) === path && s.tenantId === ctx.auth?.tenantId);
    tail = byPath[3] ?? "";
  } else {
    const m = /^\/([^/]+)(\/.*)?$/.exec(rest);
    if (!m) throw fail(400, "invalidRequest", "Invalid site address.");
    const id = decodeURIComponent(m[1]!);
    tail = m[2] ?? "";
    if (id === "root") site = [...store.sites.values()].find((s) => s.tenantId === ctx.auth?.tenantId);
    else site = store.sites.get(id);
  }
  site = visibleSite(env, ctx, site);
  if (tail === "" || tail === "/") {
    if (ctx.method !== "GET") throw fail(405, "invalidRequest", "Method not allowed.");
    return { status: 200, json: env.ser.site(site) };
  }
  if (tail === "/drives") {
    return { status: 200, json: { "@odata.context": `${env.graphUrl}/$metadata#drives`, value: site.driveIds.map((d) => env.ser.drive(store.drive(d), false)) } };
  }
  const drive = /^\/drive(\/.*)?$/.exec(tail);
  if (drive) return routeDrive(env, ctx, store.drive(site.driveIds[0]!), drive[1] ?? "");
  const drives = /^\/drives\/([^/]+)(\/.*)?$/.exec(tail);
  if (drives && site.driveIds.includes(decodeURIComponent(drives[1]!))) return routeDrive(env, ctx, store.drive(decodeURIComponent(drives[1]!)), drives[2] ?? "");
  throw fail(400, "invalidRequest", `Resource not found for the segment '${tail}'.`);
}

/** Routes /drives/{id}…, enforcing tenant isolation. */
export async function routeDrives(env: Env, ctx: Ctx, rest: string): Promise<Reply> {
  const m = /^\/([^/]+)(\/.*)?$/.exec(rest);
  if (!m) throw fail(400, "invalidRequest", "Invalid drive address.");
  const drive = env.store.drives.get(decodeURIComponent(m[1]!));
  const auth = requireFilesRole(ctx);
  if (!drive || env.store.sites.get(drive.siteId)!.tenantId !== auth.tenantId) throw fail(404, "itemNotFound", "The drive could not be found.");
  return routeDrive(env, ctx, drive, m[2] ?? "");
}
