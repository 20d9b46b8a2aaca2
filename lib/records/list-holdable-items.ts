/**
 * The items of one of the agency's spaces a records manager may place under a hold (issue 8):
 * its documents, files and form submissions, labelled or not, as what identifies them (type,
 * title, marking, when made), never their content. For the hold page's "add items" picker: a
 * hold on an item ("the custody record of 3 March") rather than on the whole space.
 *
 * Trimmed as every records list is: the records manager's RecordItem rules compiled to SQL over
 * each item's own row (the agency's own items, up to their vetting), so an item above their
 * vetting is not listed, and restricted items (DPA s.47) are not offered either, as they are kept
 * and refused to everyone already. Another agency's space, or one that does not exist, is 404;
 * anyone who may not place holds gets 403.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { documents, files, formVersions, forms, spaces, submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import { documentRecordItemColumns, fileRecordItemColumns, submissionRecordItemColumns } from "../authz/columns";
import { ForbiddenError, NotFoundError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import type { RecordItemType } from "./record-item-shared";

export const ZListHoldableItems = z.object({ spaceId: z.string({ message: "Choose a space" }) });

/** The most items of each kind listed (newest first). */
export const HOLDABLE_ITEMS_LIMIT = 300;

export type HoldableItem = { itemType: RecordItemType; itemId: string; title: string; marking: string; markingRank: number; createdAt: string };

/** The space's items that may be held, documents then files then submissions, newest first. */
export async function listHoldableItems(ctx: PolicyCtx, raw: z.input<typeof ZListHoldableItems>): Promise<{ space: { id: string; name: string }; items: HoldableItem[] }> {
  const input = parseInput(ZListHoldableItems, raw);
  if (!can(ctx.ability, "create", "Hold", { agencyId: ctx.actor.agency.id })) throw new ForbiddenError("Only the agency's records managers can place holds");
  const [space] = isUuid(input.spaceId) ? await ctx.db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(and(eq(spaces.id, input.spaceId), eq(spaces.ownerAgencyId, ctx.actor.agency.id))).limit(1) : [];
  if (!space) throw new NotFoundError("There is no such space");

  const docsWhere = accessibleWhere(ctx.ability, "read", "RecordItem", documentRecordItemColumns);
  const filesWhere = accessibleWhere(ctx.ability, "read", "RecordItem", fileRecordItemColumns);
  const submissionsWhere = accessibleWhere(ctx.ability, "read", "RecordItem", submissionRecordItemColumns);
  const [docs, fileRows, submissionRows] = await Promise.all([
    docsWhere
      ? ctx.db
          .select({ id: documents.id, title: documents.title, marking: documents.marking, markingRank: documents.markingRank, createdAt: documents.createdAt })
          .from(documents)
          .where(and(eq(documents.spaceId, space.id), eq(documents.isRestricted, false), docsWhere))
          .orderBy(desc(documents.createdAt))
          .limit(HOLDABLE_ITEMS_LIMIT)
      : [],
    filesWhere
      ? ctx.db
          .select({ id: files.id, title: files.name, marking: files.marking, markingRank: files.markingRank, createdAt: files.createdAt })
          .from(files)
          .where(and(eq(files.spaceId, space.id), eq(files.isRestricted, false), filesWhere))
          .orderBy(desc(files.createdAt))
          .limit(HOLDABLE_ITEMS_LIMIT)
      : [],
    submissionsWhere
      ? ctx.db
          .select({ id: submissions.id, title: forms.title, marking: submissions.marking, markingRank: submissions.markingRank, createdAt: submissions.createdAt })
          .from(submissions)
          .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
          .innerJoin(forms, eq(forms.id, formVersions.formId))
          .where(and(eq(submissions.spaceId, space.id), eq(submissions.isRestricted, false), submissionsWhere))
          .orderBy(desc(submissions.createdAt))
          .limit(HOLDABLE_ITEMS_LIMIT)
      : [],
  ]);
  const as = (itemType: RecordItemType) => (r: { id: string; title: string; marking: string; markingRank: number; createdAt: Date }): HoldableItem => ({ itemType, itemId: r.id, title: r.title, marking: r.marking, markingRank: r.markingRank, createdAt: r.createdAt.toISOString() });
  return { space, items: [...docs.map(as("document")), ...fileRows.map(as("file")), ...submissionRows.map(as("submission"))] };
}
