"use server";
// Server actions for a person's own notification choices.
import { revalidatePath } from "next/cache";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { env } from "@/lib/env";
import { NOTIFICATION_KIND_LABELS } from "@/lib/notifications/list-notification-preferences";
import { setNotificationPreferences, ZSetNotificationPreferences } from "@/lib/notifications/set-notification-preferences";

/**
 * Stores the choices ticked on the settings page: a box ticked is on, a box shown but not ticked
 * is off. The e-mail boxes are read only while e-mail is on (decided here, from the configuration,
 * not from the form), so a page without them leaves the e-mail choices as they were.
 */
export async function saveNotificationPreferencesAction(_prev: ActionResult<{ saved: number }> | null, form: FormData): Promise<ActionResult<{ saved: number }>> {
  const isEmailOn = env().smtp !== undefined;
  const preferences = Object.keys(NOTIFICATION_KIND_LABELS).map((kind) => ({
    kind,
    inApp: form.get(`inApp:${kind}`) === "on",
    ...(isEmailOn ? { email: form.get(`email:${kind}`) === "on" } : {}),
  }));
  const result = await actorAction(ZSetNotificationPreferences, { preferences }, setNotificationPreferences);
  if (result.ok) revalidatePath("/settings/notifications");
  return result.ok ? { ok: true, data: { saved: result.data.length } } : result;
}
