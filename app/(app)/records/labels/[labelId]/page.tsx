import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { ForbiddenError } from "@/lib/errors";
import { getRetentionLabel, type RetentionLabelDetail } from "@/lib/records/get-retention-label";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";
import { listRetentionEventTypes } from "@/lib/records/list-retention-event-types";
import { reviewerCandidates } from "@/lib/records/file-plan-shared";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { formatDateTime } from "../../../../ui/format";
import { LabelForm, type LabelFormValues } from "../label-form";
import { RemoveLabelButton } from "../file-plan-actions";
import { actionText, RECORD_KIND, triggerText } from "../describe-label";

export const metadata = { title: "Retention label" };

type Props = { params: Promise<{ labelId: string }>; searchParams: Promise<{ saved?: string | string[] }> };

/** The label's fields as the form edits them. */
function formValues(l: RetentionLabelDetail): LabelFormValues {
  return {
    reference: l.reference,
    name: l.name,
    category: l.category,
    authority: l.authority,
    citation: l.citation,
    description: l.description,
    years: String(l.period.years),
    months: String(l.period.months),
    days: String(l.period.days),
    trigger: l.trigger,
    eventTypeId: l.eventType?.id ?? "",
    isClearPeriod: l.isClearPeriod,
    action: l.action,
    relabelToId: l.relabelTo?.id ?? "",
    stages: l.reviewStages.length > 0 ? l.reviewStages.map((s) => ({ name: s.name, reviewerIds: s.reviewers.map((r) => r.id) })) : [{ name: "Records manager review", reviewerIds: [] }],
    recordKind: l.recordKind,
  };
}

/**
 * One label of the agency's file plan: changed here by its records managers (and retired or
 * deleted), read by its auditors and administrators; another agency's label, or any label to
 * someone who may not read the file plan, is the 404 page.
 */
export default async function LabelPage({ params, searchParams }: Props) {
  const { labelId } = await params;
  const { saved } = await searchParams;
  const ctx = await requireActorContext();
  const label = await orNotFound(async () => {
    try {
      return await getRetentionLabel(ctx, { labelId });
    } catch (err) {
      // A page names nothing to someone who may not read the file plan: as missing.
      if (err instanceof ForbiddenError) notFound();
      throw err;
    }
  });
  const { canUpdate, canDelete } = label.permissions;
  const usage = label.usage;
  const uses = [
    [usage.items, "labelled item", "labelled items"],
    [usage.rules, "labelling rule", "labelling rules"],
    [usage.spaceDefaults, "space default", "space defaults"],
    [usage.relabelledFrom, "label relabelling to it", "labels relabelling to it"],
    [usage.decisions, "review decision", "review decisions"],
    [usage.certificates, "certificate of disposal", "certificates of disposal"],
  ] as const;
  const used = uses.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  const editing = canUpdate ? await Promise.all([listRetentionLabels(ctx), listRetentionEventTypes(ctx), reviewerCandidates(ctx)]) : null;
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/labels">File plan</Link> / {label.reference}
      </p>
      <h1>
        {label.reference}: {label.name}
      </h1>
      {saved === "1" && (
        <div className="alert alert-info" role="status">
          Label saved.
        </div>
      )}
      {label.retiredAt && (
        <div className="alert alert-warning">
          <p style={{ margin: 0 }}>Retired {formatDateTime(label.retiredAt)}: what it labels keeps it and its schedule; it is offered for nothing new.</p>
        </div>
      )}
      <dl className="details-grid">
        <dt>Period</dt>
        <dd>{label.periodText}</dd>
        <dt>Trigger</dt>
        <dd>{triggerText(label)}</dd>
        <dt>At the end</dt>
        <dd>{actionText(label)}</dd>
        <dt>Record</dt>
        <dd>{RECORD_KIND[label.recordKind]}</dd>
        <dt>In use</dt>
        <dd>{used.length > 0 ? used.join(", ") : "Not in use"}</dd>
      </dl>
      {canDelete && (
        <p>
          <RemoveLabelButton labelId={label.id} isInUse={label.isInUse} name={label.name} />
        </p>
      )}
      {editing ? (
        <>
          <h2>Change the label</h2>
          <LabelForm
            labelId={label.id}
            initial={formValues(label)}
            eventTypes={editing[1].items.map((e) => ({ id: e.id, name: e.name, computed: e.computed }))}
            labels={editing[0].items.filter((l) => l.id !== label.id).map((l) => ({ id: l.id, reference: l.reference, name: l.name }))}
            people={editing[2]}
            categories={editing[0].categories}
          />
        </>
      ) : (
        <dl className="details-grid">
          <dt>Category</dt>
          <dd>{label.category || "None"}</dd>
          <dt>Authority</dt>
          <dd>{label.authority || "None"}</dd>
          <dt>Citation</dt>
          <dd>{label.citation || "None"}</dd>
          <dt>Description</dt>
          <dd>{label.description || "None"}</dd>
          {label.reviewStages.map((s, i) => (
            <div key={i} style={{ display: "contents" }}>
              <dt>
                Review stage {i + 1}: {s.name}
              </dt>
              <dd>{s.reviewers.map((r) => r.name).join(", ")}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
