"use client";
import { useActionState, useId } from "react";
import { changeMemberRoleAction } from "./actions";

const ROLE_LABELS: Record<string, string> = { owner: "Owner", member: "Member", reader: "Reader", guest: "Partner guest" };

/** An owner's control to change one member's role; the server decides whether it may. */
export function MemberRoleForm({ spaceId, userId, name, role, roles }: { spaceId: string; userId: string; name: string; role: string; roles: readonly string[] }) {
  const [result, dispatch, isPending] = useActionState(changeMemberRoleAction, null);
  const id = useId();
  return (
    <form action={dispatch} className="stack" style={{ gap: "0.25rem" }}>
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="userId" value={userId} />
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <label htmlFor={id} className="visually-hidden">
          Role of {name}
        </label>
        <select id={id} name="role" defaultValue={role} key={role} style={{ width: "auto" }}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r] ?? r}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-secondary" disabled={isPending}>
          Change<span className="visually-hidden"> role of {name}</span>
        </button>
      </div>
      {result && !result.ok && (
        <p className="error-text" role="alert">
          {result.error.message}
        </p>
      )}
    </form>
  );
}
