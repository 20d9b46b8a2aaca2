/**
 * A form's results as CSV (lib/forms/submissions-csv.ts, protected against formula injection):
 * exactly the submissions listSubmissions shows the actor (the policy in SQL, then the same
 * filters as the results page, so "Export CSV" gives what the table shows), in the form's latest
 * published layout. Handing it out is a disclosure, audited as "submission.export_csv" with the
 * filters, how many rows and the ids of the OFFICIAL-SENSITIVE ones (DPA 2018 s.62).
 */
import { and, desc, eq } from "drizzle-orm";
import { formVersions } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionsCsv } from "../forms/submissions-csv";
import type { Attachment } from "../http/api-binary-route";
import { listSubmissions, type ListSubmissionsInput } from "./list-submissions";
import { readableForm } from "../forms/get-form";

/** The CSV, as a file to save. */
export async function exportSubmissionsCsv(ctx: PolicyCtx, raw: ListSubmissionsInput): Promise<Attachment> {
  const form = await readableForm(ctx, raw.formId);
  const { items, isCapped, filters } = await listSubmissions(ctx, raw);
  const [latest] = await ctx.db.select().from(formVersions).where(and(eq(formVersions.formId, form.id), eq(formVersions.status, "published"))).orderBy(desc(formVersions.number)).limit(1);
  const layout = latest?.definition ?? { layout: { pages: [] } };
  const text = submissionsCsv(layout, items.map((i) => ({ id: i.id, submittedAt: i.submittedAt, status: i.status, owner: i.owner, marking: i.marking, answers: i.answers })));
  await recordAudit(ctx, {
    action: "submission.export_csv",
    subjectType: "form",
    subjectId: form.id,
    details: {
      rows: items.length,
      isCapped,
      sensitiveSubmissionIds: items.filter((i) => i.markingRank >= RANKS["OFFICIAL-SENSITIVE"]).map((i) => i.id),
      spaceId: filters.spaceId ?? null,
      status: filters.status ?? null,
      filters,
    },
  });
  return { filename: `${form.key}-results.csv`, contentType: "text/csv; charset=utf-8", body: new TextEncoder().encode(text) };
}
