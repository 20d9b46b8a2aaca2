import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";
import { listRetentionEventTypes } from "@/lib/records/list-retention-event-types";
import { reviewerCandidates } from "@/lib/records/file-plan-shared";
import { EMPTY_LABEL, LabelForm } from "../label-form";

export const metadata = { title: "New retention label" };

/** A new label for the agency's file plan: for its records managers; for anyone else the page does not exist. */
export default async function NewLabelPage() {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("create", "FilePlan")) notFound();
  const [labels, eventTypes, people] = await Promise.all([listRetentionLabels(ctx), listRetentionEventTypes(ctx), reviewerCandidates(ctx)]);
  if (!labels.permissions.canManage) notFound();
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/labels">File plan</Link> / New label
      </p>
      <h1>New retention label</h1>
      <LabelForm
        initial={EMPTY_LABEL}
        eventTypes={eventTypes.items.map((e) => ({ id: e.id, name: e.name, computed: e.computed }))}
        labels={labels.items.map((l) => ({ id: l.id, reference: l.reference, name: l.name }))}
        people={people}
        categories={labels.categories}
      />
    </>
  );
}
