/**
 * The submissions of one space the actor may read, of every form, newest first: the space page's
 * list. Filtered in SQL by the policy, so a submission above the reader's vetting is neither
 * listed nor counted; a space they cannot see gives nothing.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { forms, formVersions, submissions, users } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { submissionColumns } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { parseSubmissionInput } from "./submission-shared";

export const ZListSpaceSubmissions = z.object({ spaceId: z.string({ message: "Name the space" }), limit: z.number().int().min(1).max(200).default(50) });

export type SpaceSubmissionItem = { id: string; formTitle: string; status: "draft" | "submitted" | "returned" | "accepted"; owner: string; marking: string; markingRank: number; updatedAt: string };

/** The space's submissions the actor may read. */
export async function listSpaceSubmissions(ctx: PolicyCtx, raw: z.input<typeof ZListSpaceSubmissions>): Promise<{ items: SpaceSubmissionItem[] }> {
  const input = parseSubmissionInput(ZListSpaceSubmissions, raw);
  const policy = accessibleWhere(ctx.ability, "read", "Submission", submissionColumns);
  if (!policy || !isUuid(input.spaceId)) return { items: [] };
  const rows = await ctx.db
    .select({ id: submissions.id, formTitle: forms.title, status: submissions.status, owner: users.name, marking: submissions.marking, markingRank: submissions.markingRank, updatedAt: submissions.updatedAt })
    .from(submissions)
    .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .innerJoin(users, eq(users.id, submissions.ownerId))
    .where(and(policy, eq(submissions.spaceId, input.spaceId)))
    .orderBy(desc(submissions.updatedAt), desc(submissions.id))
    .limit(input.limit);
  return { items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })) };
}
