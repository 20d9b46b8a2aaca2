import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listMySpaces } from "@/lib/spaces/list-my-spaces";
import { rankOfMarking } from "@/policies/markings";

export const metadata = { title: "Spaces" };

/** The collaboration spaces the signed-in person belongs to. */
export default async function SpacesPage() {
  const ctx = await requireActorContext();
  const spaces = await listMySpaces(ctx);
  return (
    <>
      <h1>Your spaces</h1>
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
                  Owned by {s.ownerAgencyName} · you are {s.role === "owner" ? "the owner" : "a member"}
                </p>
                <span className="badge badge-marking" data-rank={rankOfMarking(s.ceilingMarking)}>
                  Up to {s.ceilingMarking}
                </span>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
