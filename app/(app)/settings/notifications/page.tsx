import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { env } from "@/lib/env";
import { listNotificationPreferences, NOTIFICATION_KIND_LABELS } from "@/lib/notifications/list-notification-preferences";
import { PreferencesForm } from "./preferences-form";

export const metadata = { title: "Notification settings" };

/** A person's own choice, per kind of notification, of being told in Accord and (when e-mail is on) by e-mail. */
export default async function NotificationSettingsPage() {
  const ctx = await requireActorContext();
  const preferences = await listNotificationPreferences(ctx);
  const isEmailOn = env().smtp !== undefined;
  return (
    <>
      <h1>Notification settings</h1>
      <p>
        Choose what you are told about. A notification names the kind of event and the space only; what it is about shows on{" "}
        <Link href="/notifications">Notifications</Link> while you may open it.
        {isEmailOn
          ? " An e-mail says only that you have a notification, of which kind and in which space, with a link: never a title or any content."
          : " Accord sends no e-mail in this deployment."}
      </p>
      <p className="hint">
        Reminders (cards due soon or overdue, access about to end) that you turn off in Accord are not e-mailed either: Accord keeps no record of a reminder
        it has not stored, so it could not tell whether it had already e-mailed you.
      </p>
      <PreferencesForm preferences={preferences} labels={NOTIFICATION_KIND_LABELS} isEmailOn={isEmailOn} />
    </>
  );
}
