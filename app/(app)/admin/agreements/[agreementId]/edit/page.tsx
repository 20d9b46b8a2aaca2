import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getAgreement } from "@/lib/agreements/get-agreement";
import { listPartyAgencies } from "@/lib/agreements/list-party-agencies";
import { orNotFound } from "../../../../../ui/not-found-on-error";
import { AgreementForm } from "../../agreement-form";
import { agreementFormOptions } from "../../form-options";

type Props = { params: Promise<{ agreementId: string }> };

export const metadata = { title: "Edit sharing agreement" };

/** Edits an agreement's terms, showing who would lose or regain access before saving. */
export default async function EditAgreementPage({ params }: Props) {
  const { agreementId } = await params;
  const ctx = await requireActorContext();
  const a = await orNotFound(() => getAgreement(ctx, { agreementId }));
  // Only the owning agency's administrators edit; for anyone else the page does not exist.
  if (!a.permissions.canUpdate) notFound();
  const agencies = await listPartyAgencies(ctx);
  return (
    <>
      <p className="meta">
        <Link href="/admin/agreements">Sharing agreements</Link> / <Link href={`/admin/agreements/${a.id}`}>{a.reference}</Link> / Edit
      </p>
      <h1>Edit {a.reference}</h1>
      {a.status === "expired" ? (
        <div className="alert" role="alert">
          {a.reference} has expired and can no longer be changed. Record a new agreement instead.
        </div>
      ) : (
        <AgreementForm
          mode="edit"
          agreementId={a.id}
          reference={a.reference}
          ownerAgencyId={a.ownerAgency.id}
          agencies={agencies}
          {...agreementFormOptions()}
          initial={{
            title: a.title,
            purpose: a.purpose,
            parties: a.parties.map((p) => ({ agencyId: p.agencyId, lawfulBasis: p.lawfulBasis })),
            maxMarking: a.maxMarking,
            descriptors: a.descriptors,
            startsOn: a.startsOn,
            reviewOn: a.reviewOn ?? "",
            endsOn: a.endsOn ?? "",
          }}
        />
      )}
    </>
  );
}
