"use client";
import { useActionState } from "react";
import { endSessionsAction, setUserStatusAction } from "./actions";

/** Disable / enable and "end sessions" buttons for one person, with the outcome announced. */
export function UserRowActions({ userId, name, status, canManage }: { userId: string; name: string; status: string; canManage: boolean }) {
  const [statusResult, statusAction, isStatusPending] = useActionState(setUserStatusAction, null);
  const [sessionsResult, sessionsAction, isSessionsPending] = useActionState(endSessionsAction, null);
  // The server decided (policies/rules/users.ts); administrators cannot switch themselves off.
  if (!canManage) return <span className="meta">This is you</span>;
  const next = status === "active" ? "disabled" : "active";
  return (
    <div className="stack">
      <div className="row">
        <form action={statusAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="status" value={next} />
          <button type="submit" className={next === "disabled" ? "button button-danger" : "button button-secondary"} disabled={isStatusPending}>
            {next === "disabled" ? "Disable" : "Enable"}
            <span className="visually-hidden"> {name}</span>
          </button>
        </form>
        <form action={sessionsAction}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" className="button button-secondary" disabled={isSessionsPending}>
            End sessions<span className="visually-hidden"> of {name}</span>
          </button>
        </form>
      </div>
      <div role="status" aria-live="polite" className="meta">
        {statusResult && !statusResult.ok && <span className="error-text">{statusResult.error.message}</span>}
        {statusResult?.ok && (next === "active" ? `Disabled; ${statusResult.data.endedSessions} session(s) ended.` : "Enabled.")}
        {sessionsResult && !sessionsResult.ok && <span className="error-text">{sessionsResult.error.message}</span>}
        {sessionsResult?.ok && `${sessionsResult.data} session(s) ended.`}
      </div>
    </div>
  );
}
