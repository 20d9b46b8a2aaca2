import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listAgencyUsers } from "@/lib/users/list-agency-users";
import { VETTING_LABELS, isVettingExpired, isVettingLevel } from "@/policies/vetting";
import { ROLE_LABELS, ROLES } from "@/policies/roles";
import { formatDate } from "../../../ui/format";
import { UserRowActions } from "./user-row-actions";

export const metadata = { title: "People" };

/** An agency administrator's view of their agency's people. */
export default async function AdminUsersPage() {
  const ctx = await requireActorContext();
  // Not an administrator: the page does not exist for them.
  if (!ctx.ability.can("update", "User")) notFound();
  const people = await listAgencyUsers(ctx);
  return (
    <>
      <h1>People of {ctx.actor.agency.name}</h1>
      <p className="meta">Disabling a person ends their sessions at once; they are refused on their next request.</p>
      <table>
        <caption className="visually-hidden">People of {ctx.actor.agency.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Vetting</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} data-testid={`user-${p.email}`}>
              <td>
                {p.name}
                <div className="meta">{p.email}</div>
              </td>
              <td>{p.roles.map((r) => ((ROLES as readonly string[]).includes(r) ? ROLE_LABELS[r as keyof typeof ROLE_LABELS] : r)).join(", ")}</td>
              <td>
                {isVettingLevel(p.vettingLevel) ? VETTING_LABELS[p.vettingLevel] : "Unknown"}
                {p.vettingExpiresOn && (
                  <div className={isVettingExpired(p.vettingExpiresOn, ctx.now) ? "error-text" : "meta"}>
                    {isVettingExpired(p.vettingExpiresOn, ctx.now) ? "expired" : "until"} {formatDate(p.vettingExpiresOn)}
                  </div>
                )}
              </td>
              <td>
                <span className={p.status === "active" ? "badge badge-ok" : "badge badge-danger"}>{p.status}</span>
              </td>
              <td>
                <UserRowActions userId={p.id} name={p.name} status={p.status} canManage={p.canManage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
