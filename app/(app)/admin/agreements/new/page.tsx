import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listPartyAgencies } from "@/lib/agreements/list-party-agencies";
import { AgreementForm } from "../agreement-form";
import { agreementFormOptions } from "../form-options";

export const metadata = { title: "New sharing agreement" };

/** Records a new sharing agreement owned by the administrator's agency. */
export default async function NewAgreementPage() {
  const ctx = await requireActorContext();
  // Only the agency's administrators record agreements; for anyone else the page does not exist.
  if (!ctx.ability.can("create", "Agreement")) notFound();
  const agencies = await listPartyAgencies(ctx);
  const today = ctx.now.toISOString().slice(0, 10);
  return (
    <>
      <p className="meta">
        <Link href="/admin/agreements">Sharing agreements</Link> / New
      </p>
      <h1>New sharing agreement</h1>
      <p>
        {ctx.actor.agency.name} will own it. Spaces can run under it once it is active and in force; partner access under it stops
        at once if it is suspended, reaches its end date or misses its review.
      </p>
      <AgreementForm
        mode="create"
        ownerAgencyId={ctx.actor.agency.id}
        agencies={agencies}
        {...agreementFormOptions()}
        initial={{ title: "", purpose: "", parties: [], maxMarking: "OFFICIAL", descriptors: [], startsOn: today, reviewOn: "", endsOn: "" }}
      />
    </>
  );
}
