import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listMySpaces } from "@/lib/spaces/list-my-spaces";
import { listAttestationsDue } from "@/lib/spaces/list-attestations-due";
import { rankOfMarking } from "@/policies/markings";
import { can } from "@/policies/authorize";
import { formatInstant } from "../../ui/format";

export const metadata = { title: "Spaces" };

const ROLE_TEXT = { owner: "the owner", member: "a member", reader: "a reader", guest: "a partner guest" } as const;

/** The collaboration spaces the signed-in person belongs to, and the access reviews they owe. */
export default async function SpacesPage() {
  const ctx = await requireActorContext();
  const [spaces, due] = await Promise.all([listMySpaces(ctx), listAttestationsDue(ctx)]);
  // The policy decides; hiding the button is courtesy, /spaces/new and createSpace check again.
  const canCreate = ctx.ability.can("create", "Space");
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between", marginBottom: "1rem" }}>
        <h1 style={{ margin: 0 }}>Your spaces</h1>
        {canCreate && (
          <Link href="/spaces/new" className="button">
            New space
          </Link>
        )}
      </div>
      {due.length > 0 && (
        <section className="card alert-warning" aria-labelledby="reviews-due-heading" style={{ marginBottom: "1rem" }} data-testid="reviews-due">
          <h2 id="reviews-due-heading">Access reviews due</h2>
          <p className="meta" style={{ color: "inherit" }}>
            Confirm that everyone in these spaces still needs access. While a review is overdue, partner guests cannot open the space.
          </p>
          <ul style={{ margin: 0 }}>
            {due.map((d) => (
              <li key={d.spaceId}>
                {/* Every space listed is the actor's agency's; an administrator may not be a member of it. */}
                {can(ctx.ability, "read", "Space", { id: d.spaceId, ownerAgencyId: ctx.actor.agency.id }) ? (
                  <Link href={`/spaces/${d.spaceId}#access-review`}>{d.name}</Link>
                ) : (
                  <>
                    {d.name} <span style={{ fontSize: "0.875rem" }}>(you are not a member: ask its owners)</span>
                  </>
                )}
                :{" "}
                {d.isOverdue ? <strong>overdue since {formatInstant(d.dueAt)}</strong> : <>due {formatInstant(d.dueAt)}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {spaces.length === 0 ? (
        <div className="card empty">
          <p>You are not a member of any space yet.</p>
          <p>A space owner adds you to a space; ask the person running your case or project.</p>
        </div>
      ) : (
        <ul className="grid" aria-label="Spaces">
          {spaces.map((s) => (
            <li key={s.id}>
              <article className="card" data-testid="space-card">
                <h2>
                  <Link href={`/spaces/${s.id}`}>{s.name}</Link>
                </h2>
                <p className="meta">{s.description}</p>
                <p className="meta">
                  Owned by {s.ownerAgencyName} · you are {ROLE_TEXT[s.role] ?? "a member"}
                </p>
                <div className="row">
                  <span className="badge badge-marking" data-rank={rankOfMarking(s.ceilingMarking)}>
                    Up to {s.ceilingMarking}
                  </span>
                  {s.status === "frozen" && <span className="badge badge-danger">Frozen: read-only</span>}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
