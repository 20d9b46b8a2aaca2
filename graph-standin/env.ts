// What every route handler needs, wired once by the server.
import type { StandinOptions, StandinTenant } from "./types";
import type { Store, Identity } from "./state";
import type { Serializer, DownloadSigner } from "./serialize";
import type { UploadSessions } from "./upload-sessions";
import { fail, type Ctx, type AuthInfo } from "./http-util";

export type Env = {
  store: Store;
  ser: Serializer;
  downloads: DownloadSigner;
  uploads: UploadSessions;
  graphUrl: string;
  pageSize: number;
  lockedStatus: 423 | 403;
  emptyLabelStatus: 404 | 200;
  now: () => number;
  tenants: StandinTenant[];
  options: StandinOptions;
};

const FILE_ROLES = ["Files.ReadWrite.All", "Sites.ReadWrite.All", "Sites.FullControl.All"];

/** The caller's grant; Graph routes only run after the server verified the token. */
export function authOf(ctx: Ctx): AuthInfo {
  if (!ctx.auth) throw fail(401, "InvalidAuthenticationToken", "Access token is empty.");
  return ctx.auth;
}

/** 403 accessDenied unless the token carries an app-only files role. */
export function requireFilesRole(ctx: Ctx): AuthInfo {
  const a = authOf(ctx);
  if (!a.roles.some((r) => FILE_ROLES.includes(r))) throw fail(403, "accessDenied", "Either scp or roles claim need to be present in the token with a permission that allows access to files (Files.ReadWrite.All, Sites.ReadWrite.All or Sites.FullControl.All).");
  return a;
}

/** Whether the token may manage records (lock/unlock, remove record labels). */
export function hasFullControl(ctx: Ctx): boolean {
  return authOf(ctx).roles.includes("Sites.FullControl.All");
}

/** The identitySet recorded for writes made through the API by the calling app. */
export function appIdentity(ctx: Ctx): Identity {
  const a = authOf(ctx);
  return { application: { id: a.appId, displayName: a.appId } };
}
