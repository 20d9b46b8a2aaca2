import { notFound } from "next/navigation";
import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { env } from "@/lib/env";
import { listSpaceAgreementOptions } from "@/lib/spaces/list-space-agreement-options";
import { SPACE_TEMPLATES } from "@/lib/spaces/create-space";
import { ceilingRank, RANKS, type Level } from "@/policies/markings";
import { CreateSpaceForm } from "./create-space-form";

export const metadata = { title: "New space" };

/** The "New space" form, for people who may open spaces for their agency (others get 404). */
export default async function NewSpacePage() {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("create", "Space")) notFound();
  const agreements = await listSpaceAgreementOptions(ctx);
  // Nothing above the deployment's ceiling is offered (createSpace refuses it anyway).
  const maxRank = ceilingRank(env().ceiling);
  const levels = (Object.keys(RANKS) as Level[]).filter((level) => RANKS[level] <= maxRank);
  return (
    <>
      <p className="meta">
        <Link href="/spaces">Spaces</Link> / New space
      </p>
      <h1>New space</h1>
      <p>
        The space belongs to {ctx.actor.agency.name}, and you will be its owner. People of partner agencies can join only under a sharing
        agreement you choose here.
      </p>
      <CreateSpaceForm agencyName={ctx.actor.agency.name} levels={levels} agreements={agreements} templates={[...SPACE_TEMPLATES]} />
    </>
  );
}
