"use client";
import { useActionState } from "react";
import type { NotificationPreference } from "@/lib/notifications/list-notification-preferences";
import { saveNotificationPreferencesAction } from "./actions";

/**
 * One row per kind of notification, with a box for the app and (only while e-mail is on) one for
 * e-mail. A plain form: it works without JavaScript; with it, the outcome is announced.
 */
export function PreferencesForm({ preferences, labels, isEmailOn }: { preferences: NotificationPreference[]; labels: Record<string, string>; isEmailOn: boolean }) {
  const [result, action, isPending] = useActionState(saveNotificationPreferencesAction, null);
  return (
    <form action={action} className="card">
      {result && !result.ok && (
        <div className="alert" role="alert">
          {result.error.message}
        </div>
      )}
      {result?.ok && (
        <div className="alert alert-info" role="status">
          Your choices are saved.
        </div>
      )}
      <table>
        <caption className="visually-hidden">What you are told about, and how</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">In Accord</th>
            {isEmailOn && <th scope="col">By e-mail</th>}
          </tr>
        </thead>
        <tbody>
          {preferences.map((p) => (
            <tr key={p.kind} data-testid="preference-row" data-kind={p.kind}>
              <th scope="row" style={{ fontWeight: "normal" }} id={`kind-${p.kind}`}>
                {labels[p.kind]}
              </th>
              <td>
                <input type="checkbox" name={`inApp:${p.kind}`} defaultChecked={p.inApp} aria-label={`${labels[p.kind]}: in Accord`} />
              </td>
              {isEmailOn && (
                <td>
                  <input type="checkbox" name={`email:${p.kind}`} defaultChecked={p.email} aria-label={`${labels[p.kind]}: by e-mail`} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save choices"}
      </button>
    </form>
  );
}
