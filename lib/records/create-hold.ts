/**
 * Places a legal or preservation hold (CPIA, public inquiry, court order, other) on spaces and/or
 * single items of the actor's agency: the agency's records managers only (403 for anyone else).
 * Name, kind and reason are required; each scope must be a space the agency owns or an item
 * (document, file, form submission) the agency owns, wherever it is; anything else (a missing id,
 * another agency's space or item) is refused with the same words, so that a hold cannot be used
 * to find out what another agency holds. Every problem is named with its field (`error.issues`).
 * Audited as "hold.create" with the reason, in the same transaction.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { documents, files, holds, holdScopes, spaces, submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../spaces/get-space";
import { HOLD_KINDS, ITEM_TYPES, toHoldViews, type HoldView, type ItemType } from "./holds-shared";

const text = (what: string, max: number) => z.string({ message: `${what} must be text` }).trim().max(max, `${what} has at most ${max.toLocaleString("en-GB")} characters`);

export const ZCreateHold = z.object({
  name: text("The name", 200).min(1, "Give the hold a name"),
  kind: z.enum(HOLD_KINDS, { message: "Choose the kind of hold: CPIA, public inquiry, court order or other" }),
  reference: text("The reference", 200).default(""),
  reason: text("The reason", 5000).min(1, "Give the reason for the hold"),
  spaceIds: z.array(z.string({ message: "A space is named by its id" }), { message: "spaceIds is a list of space ids" }).max(200, "A hold covers at most 200 spaces").default([]),
  items: z
    .array(z.object({ itemType: z.enum(ITEM_TYPES, { message: "An item is a document, file or submission" }), itemId: z.string({ message: "An item is named by its id" }) }), { message: "items is a list of { itemType, itemId }" })
    .max(1000, "A hold covers at most 1,000 single items")
    .default([]),
});
export type CreateHoldInput = z.input<typeof ZCreateHold>;

type Issue = { path: string; message: string };

/** Every problem of the input, each with its field; the first as the message. */
function invalid(issues: Issue[]): InvalidInputError {
  const message = issues.length === 1 ? issues[0]!.message : `${issues[0]!.message} (and ${issues.length - 1} more: see each field)`;
  return new InvalidInputError(message, { issues });
}

/** Parses the input, naming every problem with its field. */
export function parseHold(raw: unknown): z.infer<typeof ZCreateHold> {
  const parsed = ZCreateHold.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw invalid(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

/** Places the hold; returns it as the API shows it. */
export async function createHold(ctx: PolicyCtx, raw: CreateHoldInput | unknown): Promise<HoldView> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "create", "Hold", { agencyId })) throw new ForbiddenError("Only the agency's records managers can place holds");
  const input = parseHold(raw);
  const { spaceIds, items } = await checkedScopes(ctx, input.spaceIds, input.items);

  return inTransaction(ctx, async (tx) => {
    const [hold] = await tx.db
      .insert(holds)
      .values({ agencyId, name: input.name, kind: input.kind, reference: input.reference, reason: input.reason, createdBy: tx.actor.userId, createdAt: tx.now })
      .returning();
    const scopeRows = [...spaceIds.map((spaceId) => ({ holdId: hold!.id, spaceId })), ...items.map((i) => ({ holdId: hold!.id, itemType: i.itemType, itemId: i.itemId }))];
    await tx.db.insert(holdScopes).values(scopeRows);
    await recordAudit(tx, {
      action: "hold.create",
      subjectType: "hold",
      subjectId: hold!.id,
      justification: input.reason,
      details: { name: input.name, kind: input.kind, reference: input.reference, spaceIds, items },
    });
    const [view] = await toHoldViews(tx, [hold!]);
    return view!;
  });
}

export type HoldScopeInput = { itemType: ItemType; itemId: string };

/**
 * The spaces and items named, without repeats, once each is found to be the actor's agency's
 * (a space it owns, an item it owns); otherwise an InvalidInputError naming every one that is not,
 * by its field, in the same words for a missing one and another agency's.
 */
export async function checkedScopes(ctx: PolicyCtx, rawSpaceIds: string[], rawItems: HoldScopeInput[]): Promise<{ spaceIds: string[]; items: HoldScopeInput[] }> {
  const agencyId = ctx.actor.agency.id;
  const spaceIds = [...new Set(rawSpaceIds)];
  const items = [...new Map(rawItems.map((i) => [`${i.itemType}:${i.itemId}`, i])).values()];
  const issues: Issue[] = [];
  if (spaceIds.length + items.length === 0) issues.push({ path: "spaceIds", message: "Say what the hold covers: at least one space or item" });
  const ownSpaces = new Set(
    (await ctx.db.select({ id: spaces.id }).from(spaces).where(and(inArray(spaces.id, spaceIds.filter(isUuid).concat("00000000-0000-0000-0000-000000000000")), eq(spaces.ownerAgencyId, agencyId)))).map((r) => r.id),
  );
  spaceIds.forEach((id, n) => {
    if (!ownSpaces.has(id)) issues.push({ path: `spaceIds.${n}`, message: `${ctx.actor.agency.name} has no space with the id ${id.slice(0, 40)}` });
  });
  const ownItems = await ownItemIds(ctx, agencyId, items);
  items.forEach((item, n) => {
    if (!ownItems.has(`${item.itemType}:${item.itemId}`)) issues.push({ path: `items.${n}.itemId`, message: `${ctx.actor.agency.name} has no ${item.itemType} with the id ${item.itemId.slice(0, 40)}` });
  });
  if (issues.length > 0) throw invalid(issues);
  return { spaceIds, items };
}

/** The items named that the agency owns, as "type:id". */
async function ownItemIds(ctx: PolicyCtx, agencyId: string, items: { itemType: ItemType; itemId: string }[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const itemType of ITEM_TYPES) {
    const ids = items.filter((i) => i.itemType === itemType && isUuid(i.itemId)).map((i) => i.itemId);
    if (ids.length === 0) continue;
    const table = itemType === "document" ? documents : itemType === "file" ? files : submissions;
    const rows = await ctx.db.select({ id: table.id }).from(table).where(and(inArray(table.id, ids), eq(table.owningAgencyId, agencyId)));
    for (const r of rows) found.add(`${itemType}:${r.id}`);
  }
  return found;
}
