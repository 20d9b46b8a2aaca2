/**
 * A records manager's search of their agency's labelled items: by label, state and due date
 * range, soonest due first. Trimmed in SQL by the RecordItem read policy (lib/authz/columns.ts
 * recordItemColumns: the item's marking is read from its own row; the current reviewers are
 * computed from the label's review stages), so nothing above the actor's vetting or of another
 * agency is returned; an actor the policy allows nothing gets an empty list without a query.
 * Titles only, never content.
 */
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordItems, recordState, retentionLabels, spaces } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { recordItemColumns } from "../authz/columns";
import { InvalidInputError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import { ZDay, type RecordItemType } from "./record-item-shared";

export const ZListRecordItems = z.object({
  labelId: z.string().optional(),
  state: z.enum(recordState.enumValues, { message: `The state is one of ${recordState.enumValues.join(", ")}` }).optional(),
  dueFrom: ZDay("The first due day").optional(),
  dueTo: ZDay("The last due day").optional(),
  limit: z.coerce.number().int("The limit is a whole number").min(1, "The limit is at least 1").max(500, "The limit is at most 500").default(100),
});

export type RecordItemSummary = {
  id: string;
  itemType: RecordItemType;
  itemId: string;
  title: string;
  space: { id: string; name: string };
  label: { id: string; reference: string; name: string };
  appliedHow: string;
  subjectReference: string | null;
  clockStartedOn: string | null;
  dueOn: string | null;
  state: string;
};

/** The items found, soonest due first (those still waiting for their event last). */
export async function listRecordItems(ctx: PolicyCtx, raw: z.input<typeof ZListRecordItems>): Promise<{ items: RecordItemSummary[] }> {
  const input = parseInput(ZListRecordItems, raw);
  if (input.dueFrom && input.dueTo && input.dueFrom > input.dueTo) throw new InvalidInputError("The first due day is after the last");
  const allowed = accessibleWhere(ctx.ability, "read", "RecordItem", recordItemColumns);
  if (!allowed) return { items: [] };
  if (input.labelId !== undefined && !isUuid(input.labelId)) return { items: [] };
  const title = sql<string>`(CASE ${recordItems.itemType}
    WHEN 'document' THEN (SELECT d.title FROM documents d WHERE d.id = ${recordItems.itemId})
    WHEN 'file' THEN (SELECT f.name FROM files f WHERE f.id = ${recordItems.itemId})
    WHEN 'submission' THEN (SELECT fo.title FROM submissions s JOIN form_versions v ON v.id = s.form_version_id JOIN forms fo ON fo.id = v.form_id WHERE s.id = ${recordItems.itemId})
  END)`;
  const rows = await ctx.db
    .select({ r: recordItems, title, spaceName: spaces.name, label: { id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name } })
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .innerJoin(spaces, eq(spaces.id, recordItems.spaceId))
    .where(
      and(
        allowed,
        eq(recordItems.owningAgencyId, ctx.actor.agency.id),
        input.labelId ? eq(recordItems.labelId, input.labelId) : undefined,
        input.state ? eq(recordItems.state, input.state) : undefined,
        input.dueFrom ? gte(recordItems.dueOn, input.dueFrom) : undefined,
        input.dueTo ? lte(recordItems.dueOn, input.dueTo) : undefined,
      ),
    )
    .orderBy(sql`${recordItems.dueOn} ASC NULLS LAST`, asc(recordItems.labelledAt), asc(recordItems.id))
    .limit(input.limit);
  return {
    items: rows.map(({ r, title, spaceName, label }) => ({
      id: r.id,
      itemType: r.itemType,
      itemId: r.itemId,
      title: title ?? "(untitled)",
      space: { id: r.spaceId, name: spaceName },
      label,
      appliedHow: r.appliedHow,
      subjectReference: r.subjectReference,
      clockStartedOn: r.clockStartedOn,
      dueOn: r.dueOn,
      state: r.state,
    })),
  };
}
