import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listHoldableSpaces } from "@/lib/records/list-holdable-spaces";
import { HOLD_KINDS, HOLD_KIND_LABELS } from "@/lib/records/holds-shared";
import { HoldForm } from "./hold-form";

export const metadata = { title: "New hold" };

/** Places a hold on spaces of the records manager's agency. */
export default async function NewHoldPage() {
  const ctx = await requireActorContext();
  // Only the agency's records managers place holds; for anyone else the page does not exist.
  if (!ctx.ability.can("create", "Hold")) notFound();
  const spaces = await listHoldableSpaces(ctx);
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/holds">Holds</Link> / New
      </p>
      <h1>New hold</h1>
      <p>
        While the hold stands, nothing in the spaces you choose can be deleted by anyone, whatever its retention label says, and edits keep
        the original. Releasing it will need a reason.
      </p>
      <HoldForm kinds={HOLD_KINDS.map((k) => ({ value: k, label: HOLD_KIND_LABELS[k] }))} spaces={spaces} />
    </>
  );
}
