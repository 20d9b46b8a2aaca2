// driveItem routes (§1–6, 8): address resolution (by id, by path), children, folders, simple
// upload, download, update/move, delete, upload session creation, permissions.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fail, readJson, type Ctx, type Reply } from "./http-util";
import { appIdentity, authOf, type Env } from "./env";
import { renamed, validateName, type Drive, type Item } from "./state";
import { QuickXorHash } from "./quick-xor-hash";
import { streamToFile } from "./blobs";
import { deltaPage } from "./delta";
import { routeRetentionLabel } from "./routes-labels";

export const SIMPLE_UPLOAD_LIMIT = 250 * 1024 * 1024;
type Conflict = "fail" | "replace" | "rename";

function conflictOf(v: unknown, dflt: Conflict): Conflict {
  if (v === undefined || v === null || v === "") return dflt;
  if (v === "fail" || v === "replace" || v === "rename") return v;
  throw fail(400, "invalidRequest", `Invalid value '${String(v)}' for @microsoft.graph.conflictBehavior.`);
}

/** Applies If-Match / If-None-Match against an item's eTag or cTag (412 on mismatch, 400 on unquoted tags). */
export function checkPreconditions(env: Env, ctx: Ctx, item: Item | null): void {
  const ifMatch = ctx.headers["if-match"]?.trim();
  if (ifMatch !== undefined && ifMatch !== "") {
    if (ifMatch === "*") {
      if (!item) throw fail(412, "resourceModified", "The resource has changed since the caller last read it.", "entityTagDoesNotMatch");
    } else {
      if (!/^(W\/)?".*"$/.test(ifMatch)) throw fail(400, "invalidRequest", "ETag values must be quoted strings.", "malformedEntityTag");
      const tag = ifMatch.replace(/^W\//, "");
      if (!item || (tag !== env.store.eTag(item) && tag !== env.store.cTag(item))) {
        throw fail(412, "resourceModified", "The resource has changed since the caller last read it; usually an eTag mismatch", "entityTagDoesNotMatch");
      }
    }
  }
  const ifNone = ctx.headers["if-none-match"]?.trim();
  if (ifNone && item) {
    const tag = ifNone.replace(/^W\//, "");
    if (ifNone === "*" || tag === env.store.eTag(item) || tag === env.store.cTag(item)) {
      throw fail(412, "resourceModified", "An item matching If-None-Match exists.", "entityTagDoesNotMatch");
    }
  }
}

function itemReply(env: Env, ctx: Ctx, it: Item, status = 200): Reply {
  return { status, json: env.ser.item(it, ctx.auth?.appId ?? null) };
}

/** Routes everything below /drives/{id} (or /sites/{id}/drive). */
export async function routeDrive(env: Env, ctx: Ctx, drive: Drive, rest: string): Promise<Reply> {
  const { store } = env;
  if (rest === "" || rest === "/") {
    if (ctx.method !== "GET") throw fail(405, "invalidRequest", "Method not allowed.");
    return { status: 200, json: env.ser.drive(drive) };
  }
  const delta = /^\/(?:root|items\/([^/:]+))\/delta(?:\(token='([^']*)'\))?$/.exec(rest);
  if (delta) {
    if (delta[1] && delta[1] !== "root" && decodeURIComponent(delta[1]) !== drive.rootId) throw fail(400, "invalidRequest", "Delta is only supported on the root of a document library.");
    if (ctx.method !== "GET") throw fail(405, "invalidRequest", "Method not allowed.");
    const token = delta[2] ? decodeURIComponent(delta[2]) : ctx.query.get("token");
    return { status: 200, json: deltaPage(store, env.ser, env.graphUrl, drive.id, token, topOf(env, ctx), ctx.auth?.appId ?? null) };
  }
  const m = /^\/(root|items\/([^/:]+))(?::(\/[^:]*):?)?(\/.*)?$/.exec(rest);
  if (!m) throw fail(400, "invalidRequest", `Resource not found for the segment '${rest}'.`);
  // "items/root" is an alias of "root".
  const base = m[2] && m[2] !== "root" ? store.item(drive.id, decodeURIComponent(m[2])) : store.item(drive.id, drive.rootId);
  const segments = (m[3] ?? "").split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const action = m[4] ?? "";

  // Creating by path: the last segment may not exist yet.
  if ((action === "/content" && ctx.method === "PUT") || (action === "/createUploadSession" && ctx.method === "POST")) {
    if (segments.length === 0) {
      if (base.isFolder) throw fail(400, "invalidRequest", "Cannot upload content to a folder.");
      return action === "/content" ? putContent(env, ctx, store.item(drive.id, base.parentId!), base.name, base, true) : createSession(env, ctx, store.item(drive.id, base.parentId!), base.name, base, true);
    }
    const parent = store.resolvePath(base, segments.slice(0, -1));
    if (!parent || !parent.isFolder) throw fail(404, "itemNotFound", "The parent folder does not exist.");
    const name = validateName(segments[segments.length - 1]);
    const existing = store.childByName(parent, name);
    return action === "/content" ? putContent(env, ctx, parent, name, existing, false) : createSession(env, ctx, parent, name, existing, false);
  }

  const item = segments.length ? store.resolvePath(base, segments) : base;
  if (!item) throw fail(404, "itemNotFound", "The resource could not be found.");
  if (item.deleted) throw fail(404, "itemNotFound", "The resource could not be found.");

  switch (action) {
    case "":
    case "/":
      if (ctx.method === "GET") return itemReply(env, ctx, item);
      if (ctx.method === "PATCH") return patchItem(env, ctx, item);
      if (ctx.method === "DELETE") return deleteItem(env, ctx, item);
      break;
    case "/children":
      if (ctx.method === "GET") return listChildren(env, ctx, item, rest);
      if (ctx.method === "POST") return createFolder(env, ctx, item);
      break;
    case "/content":
      if (ctx.method === "GET") return download(env, ctx, item);
      break;
    case "/permanentDelete":
      if (ctx.method === "POST") return deleteItem(env, ctx, item);
      break;
    case "/invite":
      if (ctx.method === "POST") return invite(env, ctx, item);
      break;
    case "/permissions":
      if (ctx.method === "GET") return { status: 200, json: { "@odata.context": `${env.graphUrl}/$metadata#Collection(permission)`, value: item.permissions } };
      break;
    case "/retentionLabel":
      return routeRetentionLabel(env, ctx, item);
    default: {
      const perm = /^\/permissions\/([^/]+)$/.exec(action);
      if (perm) {
        const id = decodeURIComponent(perm[1]!);
        const p = item.permissions.find((x) => x.id === id);
        if (!p) throw fail(404, "itemNotFound", "The permission could not be found.");
        if (ctx.method === "GET") return { status: 200, json: p };
        if (ctx.method === "DELETE") {
          item.permissions = item.permissions.filter((x) => x.id !== id);
          return { status: 204 };
        }
        break;
      }
      throw fail(400, "invalidRequest", `Resource not found for the segment '${action}'.`);
    }
  }
  throw fail(405, "invalidRequest", `${ctx.method} is not supported on this resource.`);
}

function topOf(env: Env, ctx: Ctx): number {
  const t = ctx.query.get("$top");
  if (t === null) return env.pageSize;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 1) throw fail(400, "invalidRequest", "Invalid $top value.");
  return n;
}

function listChildren(env: Env, ctx: Ctx, folder: Item, rest: string): Reply {
  if (!folder.isFolder) return { status: 200, json: { value: [] } };
  const top = topOf(env, ctx);
  const skip = Number(ctx.query.get("$skiptoken") ? Buffer.from(ctx.query.get("$skiptoken")!, "base64url").toString("utf8") : 0) || 0;
  const all = env.store.children(folder);
  const page = all.slice(skip, skip + top);
  const value = page.map((it) => {
    const j = env.ser.item(it, ctx.auth?.appId ?? null);
    delete j["@odata.context"];
    return j;
  });
  const out: Record<string, unknown> = { "@odata.context": `${env.graphUrl}/$metadata#Collection(driveItem)`, value };
  if (skip + top < all.length) {
    const drivePath = `/drives/${folder.driveId}${rest}`;
    out["@odata.nextLink"] = `${env.graphUrl}${drivePath}?$top=${top}&$skiptoken=${Buffer.from(String(skip + top)).toString("base64url")}`;
  }
  return { status: 200, json: out };
}

async function createFolder(env: Env, ctx: Ctx, parent: Item): Promise<Reply> {
  const { store } = env;
  if (!parent.isFolder) throw fail(400, "invalidRequest", "The parent is not a folder.");
  const body = await readJson(ctx);
  if (!body.folder) throw fail(400, "invalidRequest", "Only folders can be created with POST children; upload files with PUT content.");
  let name = validateName(body.name);
  const conflict = conflictOf(body["@microsoft.graph.conflictBehavior"] ?? ctx.query.get("@microsoft.graph.conflictBehavior"), "fail");
  const existing = store.childByName(parent, name);
  if (existing) {
    if (conflict === "fail") throw fail(409, "nameAlreadyExists", `The specified item name '${name}' already exists.`, "nameAlreadyExists");
    if (conflict === "rename") name = renamed(name, (n) => !!store.childByName(parent, n));
    else if (existing.isFolder) return itemReply(env, ctx, existing, 200); // replace on a folder keeps it and its contents
    else {
      store.assertDeletable(existing, env.lockedStatus);
      store.remove(existing);
    }
  }
  const folder = store.createFolder(parent, name, appIdentity(ctx));
  if (typeof body.description === "string") folder.description = body.description;
  return itemReply(env, ctx, folder, 201);
}

async function putContent(env: Env, ctx: Ctx, parent: Item, nameIn: string, existingIn: Item | null, byId: boolean): Promise<Reply> {
  const { store } = env;
  const drive = store.drive(parent.driveId);
  let name = nameIn;
  let existing = existingIn;
  checkPreconditions(env, ctx, existing);
  if (existing && !byId) {
    const conflict = conflictOf(ctx.query.get("@microsoft.graph.conflictBehavior"), "replace");
    if (conflict === "fail") throw fail(409, "nameAlreadyExists", `The specified item name '${name}' already exists.`, "nameAlreadyExists");
    if (conflict === "rename") {
      name = renamed(name, (n) => !!store.childByName(parent, n));
      existing = null;
    } else if (existing.isFolder) throw fail(409, "nameAlreadyExists", `A folder named '${name}' already exists.`, "nameAlreadyExists");
  }
  if (existing) store.assertContentUpdatable(existing, env.lockedStatus);
  if (ctx.contentLength !== null && ctx.contentLength > SIMPLE_UPLOAD_LIMIT) {
    throw fail(413, "invalidRequest", "The file is too large for a simple upload (250 MB); use an upload session.", "maxFileSizeExceeded");
  }
  store.checkQuota(drive, (ctx.contentLength ?? 0) - (existing?.size ?? 0));
  const blob = randomUUID();
  const file = join(store.blobDir, blob);
  const hasher = new QuickXorHash();
  let size: number;
  try {
    size = await streamToFile(ctx.body, file, 0, hasher, SIMPLE_UPLOAD_LIMIT);
    store.checkQuota(drive, size - (existing?.size ?? 0));
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  const it = store.putFile(parent, name, existing, blob, size, hasher.digest(), appIdentity(ctx));
  return itemReply(env, ctx, it, existing ? 200 : 201);
}

async function createSession(env: Env, ctx: Ctx, parent: Item, name: string, existingIn: Item | null, byId: boolean): Promise<Reply> {
  const body = await readJson(ctx);
  const item = (body.item ?? {}) as Record<string, unknown>;
  if (item.name !== undefined && String(item.name) !== name && !byId) throw fail(400, "invalidRequest", "The name in the path and item.name differ.");
  let existing = existingIn;
  checkPreconditions(env, ctx, existing);
  const conflict = conflictOf(item["@microsoft.graph.conflictBehavior"], "replace");
  if (existing && !byId) {
    if (conflict === "fail") throw fail(409, "nameAlreadyExists", `The specified item name '${name}' already exists.`, "nameAlreadyExists");
    if (conflict === "rename") existing = null; // the new name is chosen at commit
  }
  if (existing) env.store.assertContentUpdatable(existing, env.lockedStatus);
  const fileSize = item.fileSize === undefined ? null : Number(item.fileSize);
  if (fileSize !== null && (!Number.isInteger(fileSize) || fileSize < 0)) throw fail(400, "invalidRequest", "Invalid fileSize.");
  return env.uploads.create({
    parent, name, existing, conflictBehavior: byId ? "replace" : conflict, fileSize, deferCommit: body.deferCommit === true,
    app: authOf(ctx).appId, by: appIdentity(ctx), description: typeof item.description === "string" ? item.description : undefined,
  });
}

function download(env: Env, ctx: Ctx, item: Item): Reply {
  if (item.isFolder) throw fail(400, "invalidRequest", "Folders have no content.");
  if (item.malware) throw fail(403, "malwareDetected", "Malware was detected in the requested file.", "virusSuspicious");
  return { status: 302, headers: { Location: env.downloads.url(item.driveId, item.id, ctx.auth?.appId ?? null) } };
}

async function patchItem(env: Env, ctx: Ctx, item: Item): Promise<Reply> {
  const { store } = env;
  const body = await readJson(ctx);
  if (!item.parentId) throw fail(400, "invalidRequest", "The root folder cannot be renamed or moved.");
  checkPreconditions(env, ctx, item);
  store.assertMetadataUpdatable(item, env.lockedStatus);
  let parent = store.item(item.driveId, item.parentId);
  const ref = body.parentReference as { id?: string; path?: string; driveId?: string } | undefined;
  if (ref && (ref.id || ref.path)) {
    if (ref.driveId && ref.driveId !== item.driveId) throw fail(400, "invalidRequest", "Moving between drives is not supported.");
    let target: Item | null;
    if (ref.id) target = store.item(item.driveId, ref.id);
    else {
      const p = /root:(.*)$/.exec(ref.path!)?.[1] ?? "";
      target = store.resolvePath(store.item(item.driveId, store.drive(item.driveId).rootId), p.split("/").filter(Boolean).map(decodeURIComponent));
    }
    if (!target || !target.isFolder) throw fail(404, "itemNotFound", "The destination folder does not exist.");
    if (store.isWithin(target, item)) throw fail(400, "invalidRequest", "A folder cannot be moved into itself.");
    parent = target;
  }
  let name = body.name === undefined ? item.name : validateName(body.name);
  const clash = store.childByName(parent, name);
  if (clash && clash.id !== item.id) {
    const conflict = conflictOf(body["@microsoft.graph.conflictBehavior"] ?? ctx.query.get("@microsoft.graph.conflictBehavior"), "fail");
    if (conflict === "fail") throw fail(409, "nameAlreadyExists", `The specified item name '${name}' already exists.`, "nameAlreadyExists");
    if (conflict === "rename") name = renamed(name, (n) => !!store.childByName(parent, n));
    else {
      store.assertDeletable(clash, env.lockedStatus);
      store.remove(clash);
    }
  }
  item.name = name;
  item.parentId = parent.id;
  if (typeof body.description === "string") item.description = body.description;
  store.touch(item, appIdentity(ctx));
  return itemReply(env, ctx, item);
}

function deleteItem(env: Env, ctx: Ctx, item: Item): Reply {
  if (!item.parentId) throw fail(403, "accessDenied", "The root of a document library cannot be deleted.");
  checkPreconditions(env, ctx, item);
  env.store.assertDeletable(item, env.lockedStatus);
  env.store.remove(item);
  return { status: 204 };
}

async function invite(env: Env, ctx: Ctx, item: Item): Promise<Reply> {
  const body = await readJson(ctx);
  const recipients = body.recipients;
  const roles = body.roles;
  if (!Array.isArray(recipients) || recipients.length === 0) throw fail(400, "invalidRequest", "recipients is required.");
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => r === "read" || r === "write" || r === "owner")) throw fail(400, "invalidRequest", "roles must be read and/or write.");
  if (typeof body.message === "string" && body.message.length > 2000) throw fail(400, "invalidRequest", "message is limited to 2000 characters.");
  const created = recipients.map((r: { email?: string; objectId?: string; alias?: string }) => {
    if (!r || (!r.email && !r.objectId && !r.alias)) throw fail(400, "invalidRequest", "Each recipient needs email, objectId or alias.");
    const email = r.email ?? r.alias ?? null;
    const p = {
      id: randomUUID(),
      roles: [...roles] as string[],
      grantedToV2: { user: { id: r.objectId ?? randomUUID(), displayName: email ?? r.objectId, email } },
      grantedTo: { user: { id: r.objectId ?? "", displayName: email ?? r.objectId, email } },
      invitation: { email, signInRequired: body.requireSignIn !== false, invitedBy: { application: { id: authOf(ctx).appId, displayName: authOf(ctx).appId } } },
      ...(typeof body.expirationDateTime === "string" ? { expirationDateTime: body.expirationDateTime } : {}),
    };
    return p;
  });
  item.permissions.push(...created);
  return { status: 200, json: { "@odata.context": `${env.graphUrl}/$metadata#Collection(permission)`, value: created } };
}
