"use server";
// Server actions for a person's own notifications.
import { revalidatePath } from "next/cache";
import { actorAction } from "@/lib/http/actor-action";
import { markNotificationsRead, ZMarkNotificationsRead } from "@/lib/notifications/mark-notifications-read";

/** Marks one notification read (the form's notificationId). */
export async function markNotificationReadAction(form: FormData): Promise<void> {
  await actorAction(ZMarkNotificationsRead, { ids: [String(form.get("notificationId") ?? "")] }, markNotificationsRead);
  revalidatePath("/", "layout");
}

/** Marks all of the person's notifications read. */
export async function markAllNotificationsReadAction(): Promise<void> {
  await actorAction(ZMarkNotificationsRead, { all: true }, markNotificationsRead);
  revalidatePath("/", "layout");
}
