import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listReviewQueue } from "@/lib/records/list-review-queue";
import { MarkingBadge } from "../../../ui/marking-badge";
import { formatDate, formatInstant } from "../../../ui/format";
import { DecisionForm } from "./decision-form";
import { BULK_FORM_ID, BulkDecisionForm } from "./bulk-decision-form";
import { ReviewOutcomeProvider } from "./review-outcome";

export const metadata = { title: "Disposal review" };

const TYPE_LABELS = { document: "Document", file: "File", submission: "Form submission" } as const;

/**
 * The disposal review queue (lib/records/list-review-queue.ts): the items in review the reader
 * may decide now, each with its decision form, and one decision for the items ticked. For someone the policy lets review nothing, the
 * page does not exist.
 */
export default async function ReviewQueuePage() {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("review", "RecordItem")) notFound();
  const { items, options } = await listReviewQueue(ctx);
  return (
    <>
      <p className="meta">
        {ctx.ability.can("read", "FilePlan") || ctx.ability.can("read", "Hold") ? <Link href="/records">Records</Link> : "Records"} / Disposal review
      </p>
      <h1>Disposal review</h1>
      <p className="meta">
        Items that have reached the end of their retention period and wait for your decision at their current stage. Approving at the last stage
        disposes of the item at once: its content is deleted and a certificate kept. Items under a hold are never listed. Items reach this queue when
        the retention sweep runs: on its schedule, and within a minute of an event being raised or a label applied.
      </p>
      <ReviewOutcomeProvider>
        {items.length === 0 ? (
          <div className="card empty">
            <p>Nothing is waiting for your review.</p>
          </div>
        ) : (
          <>
            <BulkDecisionForm titles={Object.fromEntries(items.map((i) => [i.id, i.title]))} />
            <table>
              <caption className="visually-hidden">Items waiting for disposal review, oldest due first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Selected</span>
                  </th>
                  <th scope="col">Item</th>
                  <th scope="col">Label</th>
                  <th scope="col">Due</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} data-testid={`review-${item.id}`}>
                    <td>
                      <input type="checkbox" name="recordItemIds" value={item.id} form={BULK_FORM_ID} aria-label={`Select ${item.title}`} />
                    </td>
                    <td>
                      <strong>{item.title}</strong>
                      <div className="meta">
                        {TYPE_LABELS[item.itemType]} in {item.space.name}
                      </div>
                      <MarkingBadge marking={item.marking} rank={item.markingRank} />
                    </td>
                    <td>
                      {item.label.reference}
                      <div className="meta">{item.label.name}</div>
                    </td>
                    <td>{item.dueOn ? formatDate(item.dueOn) : <span className="meta">None</span>}</td>
                    <td>
                      {item.stageName}
                      <div className="meta">
                        Stage {item.stage} of {item.stageCount}
                        {item.reviewers.length > 0 && <> · {item.reviewers.map((r) => r.name).join(", ")}</>}
                      </div>
                      {item.decisions.length > 0 && (
                        <ul className="meta" aria-label="Decisions so far">
                          {item.decisions.map((d, i) => (
                            <li key={i}>
                              Stage {d.stage}: {d.reviewer}, {d.decision.replace("_", " ")} ({formatInstant(d.at)}): “{d.comment}”
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <DecisionForm recordItemId={item.id} title={item.title} isLastStage={item.stage === item.stageCount} labels={options.labels.filter((l) => l.id !== item.label.id)} people={options.people.filter((p) => !item.reviewers.some((r) => r.id === p.id))} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </ReviewOutcomeProvider>
    </>
  );
}
