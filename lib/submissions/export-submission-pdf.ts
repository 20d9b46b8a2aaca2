/**
 * A submission as a printable PDF (lib/forms/render-submission-pdf.ts): the marking at the top
 * and bottom of every page, "Page x of y", and the form's declaration (the MG11's s.9) signed on
 * every page. `disclosable` gives the copy served on the defence, without the sections that are
 * not disclosable (the MG11's reverse). For whoever may read the submission (404 otherwise).
 * Handing it out is a disclosure, audited as "submission.export" (DPA 2018 s.62).
 */
import { z } from "zod";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { renderSubmissionPdf } from "../forms/render-submission-pdf";
import type { Attachment } from "../http/api-binary-route";
import { parseSubmissionInput, readableSubmission, submissionAudit, ZSubmissionRef } from "./submission-shared";

export const ZExportSubmissionPdf = z.object({ submissionId: z.string(), disclosable: z.boolean().default(false) });

/** The PDF, as a file to save. */
export async function exportSubmissionPdf(ctx: PolicyCtx, raw: unknown): Promise<Attachment> {
  const { submission, version, form } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId, "submission.export");
  const input = parseSubmissionInput(ZExportSubmissionPdf, raw);
  const reference = typeof submission.data.urn === "string" ? submission.data.urn : undefined;
  const body = await renderSubmissionPdf({ definition: version.definition, answers: submission.data, marking: submission.marking, title: form.title, reference, isDisclosableOnly: input.disclosable });
  await recordAudit(ctx, { action: "submission.export", ...submissionAudit(submission), details: { format: "pdf", isDisclosableOnly: input.disclosable, status: submission.status } });
  return { filename: `${form.key}-${submission.id.slice(0, 8)}${input.disclosable ? "-disclosable" : ""}.pdf`, contentType: "application/pdf", body };
}
