/**
 * The space page's Forms section: the forms of the library the reader may fill in here (a
 * submission starts as their draft in this space and opens at once), and the space's
 * submissions they may read, newest first (trimmed by the policy in SQL: nothing above their
 * vetting is listed or counted).
 */
import Link from "next/link";
import type { PolicyCtx } from "@/lib/context";
import { listForms } from "@/lib/forms/list-forms";
import { listSpaceSubmissions } from "@/lib/submissions/list-space-submissions";
import { MarkingBadge } from "../../../ui/marking-badge";
import { formatDateTime } from "../../../ui/format";
import { StartSubmissionForm } from "./start-submission-form";

const STATUS_LABELS = { draft: "Draft", submitted: "Submitted", returned: "Returned", accepted: "Accepted" } as const;

export async function SpaceForms({ ctx, spaceId, canFill }: { ctx: PolicyCtx; spaceId: string; canFill: boolean }) {
  const [{ items: library }, { items }] = await Promise.all([listForms(ctx), listSpaceSubmissions(ctx, { spaceId })]);
  const fillable = library.filter((f) => f.latestPublished !== null).map((f) => ({ id: f.id, title: f.title }));
  return (
    <section aria-labelledby="forms-heading">
      <h2 id="forms-heading">Forms</h2>
      {canFill && fillable.length > 0 && <StartSubmissionForm spaceId={spaceId} forms={fillable} />}
      {items.length === 0 ? (
        <div className="card empty">
          <p>No forms filled in here yet.</p>
          <p>
            Witness statements, stop and search records and the other forms of the <Link href="/forms">library</Link> are filled in here, and kept as records of this space.
          </p>
        </div>
      ) : (
        <table data-testid="submissions">
          <caption className="visually-hidden">Forms filled in here</caption>
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">By</th>
              <th scope="col">Status</th>
              <th scope="col">Marking</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-testid="submission-row">
                <td>
                  <Link href={`/submissions/${s.id}`}>{s.formTitle}</Link>
                </td>
                <td>{s.owner}</td>
                <td>{STATUS_LABELS[s.status]}</td>
                <td>
                  <MarkingBadge marking={s.marking} rank={s.markingRank} />
                </td>
                <td>{formatDateTime(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
