// Retention labels on driveItems (§9) and the records-management catalogue (§10).
import { fail, readJson, type Ctx, type Reply } from "./http-util";
import { appIdentity, hasFullControl, type Env } from "./env";
import { labelSettings, type Item } from "./state";

const isRecord = (b: string) => b === "retainAsRecord" || b === "retainAsRegulatoryRecord";

function labelJson(env: Env, item: Item): Record<string, unknown> {
  const applied = item.label!;
  const label = env.store.labels.get(applied.name.toLowerCase())!;
  return {
    "@odata.context": `${env.graphUrl}/$metadata#drives('${item.driveId}')/items('${item.id}')/retentionLabel/$entity`,
    name: label.name,
    isLabelAppliedExplicitly: applied.explicit,
    labelAppliedDateTime: new Date(applied.appliedAt).toISOString(),
    labelAppliedBy: applied.appliedBy,
    retentionSettings: labelSettings(label, item.recordLocked),
  };
}

/** GET/PATCH/DELETE /drives/{d}/items/{i}/retentionLabel. */
export async function routeRetentionLabel(env: Env, ctx: Ctx, item: Item): Promise<Reply> {
  const { store } = env;
  const current = item.label ? store.labels.get(item.label.name.toLowerCase()) ?? null : null;
  if (ctx.method === "GET") {
    if (!item.label) {
      if (env.emptyLabelStatus === 200) return { status: 200, json: {} };
      throw fail(404, "itemNotFound", "No retention label is applied to this item.");
    }
    return { status: 200, json: labelJson(env, item) };
  }
  if (ctx.method === "DELETE") {
    if (!item.label || !current) return { status: 204 };
    if (current.behaviorDuringRetentionPeriod === "retainAsRegulatoryRecord") {
      throw fail(env.lockedStatus, "notAllowed", "A regulatory record label cannot be removed.", "lockMismatch");
    }
    if (isRecord(current.behaviorDuringRetentionPeriod) && !hasFullControl(ctx)) {
      throw fail(403, "accessDenied", "Removing a label that classifies content as a record requires Sites.FullControl.All.");
    }
    item.label = null;
    item.recordLocked = false;
    store.touch(item, appIdentity(ctx));
    return { status: 204 };
  }
  if (ctx.method !== "PATCH") throw fail(405, "invalidRequest", "Method not allowed.");
  const body = await readJson(ctx);
  const settings = body.retentionSettings as { isRecordLocked?: unknown } | undefined;
  if (settings && typeof settings.isRecordLocked === "boolean" && body.name === undefined) {
    // Lock or unlock a record.
    if (!current || current.behaviorDuringRetentionPeriod !== "retainAsRecord") {
      if (current?.behaviorDuringRetentionPeriod === "retainAsRegulatoryRecord") throw fail(env.lockedStatus, "notAllowed", "A regulatory record is always locked.", "lockMismatch");
      throw fail(400, "invalidRequest", "Only items labelled as records can be locked or unlocked.");
    }
    if (!hasFullControl(ctx)) throw fail(403, "accessDenied", "Locking or unlocking a record requires Sites.FullControl.All.");
    item.recordLocked = settings.isRecordLocked;
    store.touch(item, appIdentity(ctx));
    return { status: 200, json: labelJson(env, item) };
  }
  if (typeof body.name !== "string" || body.name === "") throw fail(400, "invalidRequest", "Provide a label name or retentionSettings.isRecordLocked.");
  const next = store.labels.get(body.name.toLowerCase());
  if (!next) throw fail(400, "invalidRequest", `The retention label '${body.name}' does not exist in this tenant.`);
  const first = !item.label;
  if (current && current.name !== next.name) {
    if (current.behaviorDuringRetentionPeriod === "retainAsRegulatoryRecord") throw fail(env.lockedStatus, "notAllowed", "A regulatory record label cannot be changed.", "lockMismatch");
    if (isRecord(current.behaviorDuringRetentionPeriod) && !hasFullControl(ctx)) throw fail(403, "accessDenied", "Changing a label that classifies content as a record requires Sites.FullControl.All.");
    if (current.isLabelUpdateAllowed === false) throw fail(env.lockedStatus, "notAllowed", "The current label does not allow label updates.", "lockMismatch");
  }
  if (!current || current.name !== next.name) {
    item.label = { name: next.name, appliedAt: env.now(), appliedBy: appIdentity(ctx), explicit: true };
    // Records start locked (SharePoint's default record behaviour); regulatory records are always locked.
    item.recordLocked = isRecord(next.behaviorDuringRetentionPeriod);
    store.touch(item, appIdentity(ctx));
  }
  return { status: first ? 201 : 200, json: labelJson(env, item) };
}

/** /security/labels/… : application permissions are not supported by Graph, so app tokens get 403. */
export function routeSecurityLabels(ctx: Ctx): Reply {
  if (ctx.auth) throw fail(403, "accessDenied", "Application permissions are not supported for the records management API; use delegated RecordsManagement.Read.All.");
  throw fail(401, "InvalidAuthenticationToken", "Access token is empty.");
}
