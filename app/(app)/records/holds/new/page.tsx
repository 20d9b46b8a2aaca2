import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listHoldableSpaces } from "@/lib/records/list-holdable-spaces";
import { HOLD_KINDS, HOLD_KIND_LABELS } from "@/lib/records/holds-shared";
import { HoldForm } from "./hold-form";
import { listHoldableItems } from "@/lib/records/list-holdable-items";
import { orNotFound } from "../../../../ui/not-found-on-error";

export const metadata = { title: "New hold" };

/**
 * Places a hold on spaces of the records manager's agency, or on single items of one of them
 * (chosen first, ?space=, so that nothing typed into the form is lost by the choice).
 */
export default async function NewHoldPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const spaceParam = (await searchParams).space;
  const ctx = await requireActorContext();
  // Only the agency's records managers place holds; for anyone else the page does not exist.
  if (!ctx.ability.can("create", "Hold")) notFound();
  const spaces = await listHoldableSpaces(ctx);
  const itemsOf = typeof spaceParam === "string" && spaceParam ? await orNotFound(() => listHoldableItems(ctx, { spaceId: spaceParam })) : null;
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/holds">Holds</Link> / New
      </p>
      <h1>New hold</h1>
      <p>
        While the hold stands, nothing in the spaces or items you choose can be deleted by anyone, whatever its retention label says, and edits keep
        the original. Releasing it will need a reason.
      </p>
      <form method="get" className="card" aria-label="Hold single items of a space">
        <div className="field">
          <label htmlFor="hold-items-space">To hold single items rather than whole spaces, first choose their space</label>
          <select id="hold-items-space" name="space" defaultValue={itemsOf?.space.id ?? ""}>
            <option value="">Choose a space</option>
            {spaces.map((space) => (
              <option key={space.id} value={space.id}>
                {space.name}
              </option>
            ))}
          </select>{" "}
          <button className="button button-secondary" type="submit">
            Show its items
          </button>
        </div>
      </form>
      <HoldForm key={itemsOf?.space.id ?? "none"} kinds={HOLD_KINDS.map((k) => ({ value: k, label: HOLD_KIND_LABELS[k] }))} spaces={spaces} itemsOf={itemsOf} />
    </>
  );
}
