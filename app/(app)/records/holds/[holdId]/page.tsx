import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getHold } from "@/lib/records/get-hold";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { formatDateTime } from "../../../../ui/format";
import { ReleaseHoldForm } from "./release-hold-form";
import { AddHoldItemsForm } from "./add-hold-items-form";
import { listHoldableSpaces } from "@/lib/records/list-holdable-spaces";
import { listHoldableItems } from "@/lib/records/list-holdable-items";

export const metadata = { title: "Hold" };

const SCOPE_NAMES = { space: "Space", document: "Document", file: "File", submission: "Form submission" } as const;

/**
 * One hold: what it is, what it covers, who placed it and, once released, who released it, when
 * and why. While it stands, a records manager adds to it: a space chosen (?space=), then its
 * items or the whole space.
 */
export default async function HoldPage({ params, searchParams }: { params: Promise<{ holdId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { holdId } = await params;
  const spaceParam = (await searchParams).space;
  const chosenSpaceId = typeof spaceParam === "string" && spaceParam ? spaceParam : null;
  const ctx = await requireActorContext();
  // Nobody who may not read holds has any business here: for them the page does not exist.
  if (!ctx.ability.can("read", "Hold")) notFound();
  const hold = await orNotFound(() => getHold(ctx, { holdId }));
  const canAdd = hold.permissions.canRelease;
  const spaces = canAdd ? await listHoldableSpaces(ctx) : [];
  const chosen = canAdd && chosenSpaceId ? await orNotFound(() => listHoldableItems(ctx, { spaceId: chosenSpaceId })) : null;
  const held = new Set(hold.scopes.map((scope) => `${scope.type}:${scope.targetId}`));
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/holds">Holds</Link> / {hold.name}
      </p>
      <h1>{hold.name}</h1>
      <p>
        {hold.isStanding ? <span className="badge badge-danger">Standing</span> : <span className="badge">Released</span>}
      </p>
      <dl className="card">
        <dt>Kind</dt>
        <dd>{hold.kindLabel}</dd>
        <dt>Reference</dt>
        <dd>{hold.reference || "None"}</dd>
        <dt>Reason</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{hold.reason}</dd>
        <dt>Placed</dt>
        <dd>
          {formatDateTime(hold.createdAt)}
          {hold.createdBy && ` by ${hold.createdBy.name}`}
        </dd>
        {!hold.isStanding && (
          <>
            <dt>Released</dt>
            <dd>
              {hold.releasedAt && formatDateTime(hold.releasedAt)}
              {hold.releasedBy && ` by ${hold.releasedBy.name}`}
            </dd>
            <dt>Why it was released</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{hold.releaseReason}</dd>
          </>
        )}
      </dl>
      <h2>What it covers</h2>
      {hold.scopes.length === 0 ? (
        <p className="meta">Nothing any more: what it covered has gone.</p>
      ) : (
        <table>
          <caption className="visually-hidden">What the hold covers</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {hold.scopes.map((scope) => (
              <tr key={scope.id}>
                <td>{SCOPE_NAMES[scope.type]}</td>
                <td>{scope.name || <span className="meta">(no longer there)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canAdd && (
        <section aria-labelledby="add-to-hold">
          <h2 id="add-to-hold">Add to this hold</h2>
          <form method="get" className="field">
            <label htmlFor="hold-space">Space</label>
            <select id="hold-space" name="space" defaultValue={chosen?.space.id ?? ""}>
              <option value="">Choose a space</option>
              {spaces.map((space) => (
                <option key={space.id} value={space.id}>
                  {space.name}
                  {space.status === "active" ? "" : ` (${space.status})`}
                </option>
              ))}
            </select>{" "}
            <button className="button button-secondary" type="submit">
              Show its items
            </button>
          </form>
          {chosen && (
            <AddHoldItemsForm
              key={chosen.space.id}
              holdId={hold.id}
              space={{ ...chosen.space, isHeld: held.has(`space:${chosen.space.id}`) }}
              items={chosen.items.map((item) => ({ ...item, isHeld: held.has(`${item.itemType}:${item.itemId}`) }))}
            />
          )}
        </section>
      )}
      {hold.permissions.canRelease && <ReleaseHoldForm holdId={hold.id} />}
    </>
  );
}
