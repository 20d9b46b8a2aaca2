import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getSubmission } from "@/lib/submissions/get-submission";
import { listSubmissionVersions } from "@/lib/submissions/list-submission-versions";
import { orNotFound } from "../../../ui/not-found-on-error";
import { FillForm } from "./fill-form";
import { SubmissionVersions } from "./submission-versions";
import { ItemRetention } from "../../../ui/records/item-retention";

type Props = { params: Promise<{ submissionId: string }> };

// Generic: the form's title is shown on the page, never in the tab title or history.
export const metadata = { title: "Submission" };

/** A submission: filled in page by page by its owner, read (and reviewed) by others, with every kept version below; 404 when invisible. */
export default async function SubmissionPage({ params }: Props) {
  const { submissionId } = await params;
  const ctx = await requireActorContext();
  const submission = await orNotFound(() => getSubmission(ctx, { submissionId }));
  const { versions } = await orNotFound(() => listSubmissionVersions(ctx, { submissionId: submission.id }));
  return (
    <>
      <p className="meta">
        <Link href="/forms">Forms</Link> / <Link href={`/forms/${submission.form.id}`}>{submission.form.title}</Link> / Submission
      </p>
      <p className="meta">
        <ItemRetention ctx={ctx} itemType="submission" itemId={submission.id} />
      </p>
      <article className="card" aria-labelledby="submission-title" style={{ padding: 0 }}>
        <div className="marking-banner" data-rank={submission.markingRank} role="note" aria-label="Submission marking (top)">
          {submission.marking}
        </div>
        <div style={{ padding: "1.25rem" }}>
          <FillForm submission={submission} titleId="submission-title" />
          <SubmissionVersions definition={submission.definition} versions={versions} />
        </div>
        <div className="marking-banner" data-rank={submission.markingRank} role="note" aria-label="Submission marking (bottom)">
          {submission.marking}
        </div>
      </article>
    </>
  );
}
