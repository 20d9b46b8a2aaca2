/**
 * What the hold operations, and the code that must respect holds, share (issue 8; domain.md §5:
 * CPIA 1996 relevant material, court orders and public-inquiry moratoria are holds: nothing under
 * one is deleted, whatever its schedule says). The threat: held material destroyed (by its owner,
 * a records manager, or the disposal sweep) while a court or an inquiry still needs it; or a hold
 * that leaks, through its scope list, the existence of another agency's content.
 *
 *  - `heldCondition()` is the set-based test (a drizzle SQL expression, for the disposal sweep and
 *    review queue: "items under hold never appear"); `isHeld()` and `standingHoldsOn()` the
 *    one-item tests; both read the same rule as the database triggers of 0017_records.sql (a
 *    standing hold on the item itself, or on the space it is in);
 *  - `readableHold()` loads one hold with the policy's check: another agency's hold answers 404
 *    like a missing one; one of the actor's own agency that they may not read, 403;
 *  - `toHoldView()` is a hold as the API and the pages show it.
 */
import type { RecordItemType as ItemType } from "./record-item-shared";
import { and, asc, desc, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { documents, files, forms, formVersions, holds, holdScopes, recordItems, spaces, submissions, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { ColumnMap } from "@/policies/to-sql";
import { ForbiddenError, NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";

/** The kinds of item a hold (and a label) covers one by one. */
// The kinds of item a hold covers are the kinds of labelled item.
export { ITEM_TYPES, type RecordItemType as ItemType } from "./record-item-shared";

export const HOLD_KINDS = ["cpia", "public_inquiry", "court_order", "other"] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/** How each kind is named to people. */
export const HOLD_KIND_LABELS: Record<HoldKind, string> = { cpia: "CPIA", public_inquiry: "Public inquiry", court_order: "Court order", other: "Other" };

/** Where the Hold subject's one field lives (kept here rather than in lib/authz/columns.ts while records management is being built beside). */
export const holdColumns: ColumnMap<"Hold"> = { agencyId: { column: holds.agencyId } };

export type HoldRow = typeof holds.$inferSelect;

/**
 * The SQL condition "this item is under a hold that stands": a hold on the item itself or on its
 * space. `itemType` is a type, or the column holding it; `itemId` and `spaceId` the columns of
 * the item's id and space (default: those of record_items, so that the disposal sweep can write
 * `and(..., not(heldCondition()))`). For an item table: `heldCondition("document", documents.id, documents.spaceId)`.
 */
export function heldCondition(itemType: ItemType | AnyColumn | SQL = recordItems.itemType, itemId: AnyColumn | SQL = recordItems.itemId, spaceId: AnyColumn | SQL = recordItems.spaceId): SQL {
  const type = typeof itemType === "string" ? sql`${itemType}::record_item_type` : sql`${itemType}`;
  return sql`EXISTS (SELECT 1 FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id WHERE h.released_at IS NULL AND (hs.space_id = ${spaceId} OR (hs.item_type = ${type} AND hs.item_id = ${itemId})))`;
}

/** The holds that stand over one item (on it, or on its space), newest first. */
export async function standingHoldsOn(db: Db, itemType: ItemType, itemId: string, spaceId: string): Promise<HoldRow[]> {
  const rows = await db
    .selectDistinct({ hold: holds })
    .from(holds)
    .innerJoin(holdScopes, eq(holdScopes.holdId, holds.id))
    .where(and(isNull(holds.releasedAt), or(eq(holdScopes.spaceId, spaceId), and(eq(holdScopes.itemType, itemType), eq(holdScopes.itemId, itemId)))))
    .orderBy(desc(holds.createdAt));
  return rows.map((r) => r.hold);
}

/** True when a hold stands over the item (on it, or on its space). */
export async function isHeld(db: Db, itemType: ItemType, itemId: string, spaceId: string): Promise<boolean> {
  return (await standingHoldsOn(db, itemType, itemId, spaceId)).length > 0;
}

/** "CPIA: Op Kestrel disclosure", the way a refusal names a hold. */
export function holdLabel(hold: Pick<HoldRow, "kind" | "name">): string {
  return `${HOLD_KIND_LABELS[hold.kind]}: ${hold.name}`;
}

export const ZHoldRef = z.object({ holdId: z.string({ message: "Name the hold" }) });

/**
 * The hold, when the actor may read it. Another agency's hold (or a missing one) is 404; one of
 * the actor's own agency is 403 for someone who may not read holds (they know their agency has a
 * records function; what they may not do is see into it). Comparing the agency here decides only
 * which refusal is given, never whether access is granted: that is the policy's.
 */
export async function readableHold(ctx: PolicyCtx, holdId: unknown): Promise<HoldRow> {
  if (typeof holdId !== "string" || !isUuid(holdId)) throw new NotFoundError();
  const [row] = await ctx.db.select().from(holds).where(eq(holds.id, holdId)).limit(1);
  if (!row) throw new NotFoundError();
  if (!can(ctx.ability, "read", "Hold", { agencyId: row.agencyId })) {
    if (row.agencyId === ctx.actor.agency.id) throw new ForbiddenError("Only the agency's records managers and auditors can see its holds");
    throw new NotFoundError();
  }
  return row;
}

/** One thing a hold covers, named. */
export type HoldScopeView = { id: string; type: "space" | ItemType; targetId: string; name: string };

export type HoldView = {
  id: string;
  name: string;
  kind: HoldKind;
  kindLabel: string;
  reference: string;
  reason: string;
  isStanding: boolean;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  releasedAt: string | null;
  releasedBy: { id: string; name: string } | null;
  releaseReason: string | null;
  scopeCount: number;
  scopes: HoldScopeView[];
  permissions: { canRelease: boolean };
};

/** The scopes of the holds named, each with the name of what it covers ("" when that has gone). */
export async function holdScopesOf(db: Db, holdIds: string[]): Promise<Map<string, HoldScopeView[]>> {
  const out = new Map<string, HoldScopeView[]>(holdIds.map((id) => [id, []]));
  if (holdIds.length === 0) return out;
  const rows = await db
    .select({
      id: holdScopes.id,
      holdId: holdScopes.holdId,
      spaceId: holdScopes.spaceId,
      itemType: holdScopes.itemType,
      itemId: holdScopes.itemId,
      spaceName: spaces.name,
      documentTitle: documents.title,
      fileName: files.name,
      formTitle: forms.title,
    })
    .from(holdScopes)
    .leftJoin(spaces, eq(spaces.id, holdScopes.spaceId))
    .leftJoin(documents, and(eq(holdScopes.itemType, "document"), eq(documents.id, holdScopes.itemId)))
    .leftJoin(files, and(eq(holdScopes.itemType, "file"), eq(files.id, holdScopes.itemId)))
    .leftJoin(submissions, and(eq(holdScopes.itemType, "submission"), eq(submissions.id, holdScopes.itemId)))
    .leftJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .leftJoin(forms, eq(forms.id, formVersions.formId))
    .where(inArray(holdScopes.holdId, holdIds))
    .orderBy(asc(holdScopes.spaceId), asc(holdScopes.itemType), asc(holdScopes.id));
  for (const r of rows) {
    const view: HoldScopeView = r.spaceId
      ? { id: r.id, type: "space", targetId: r.spaceId, name: r.spaceName ?? "" }
      : { id: r.id, type: r.itemType!, targetId: r.itemId!, name: (r.itemType === "document" ? r.documentTitle : r.itemType === "file" ? r.fileName : r.formTitle ? `${r.formTitle} submission` : null) ?? "" };
    out.get(r.holdId)?.push(view);
  }
  return out;
}

/** The holds as the API shows them (the caller has checked the actor may read them). */
export async function toHoldViews(ctx: PolicyCtx, rows: HoldRow[]): Promise<HoldView[]> {
  const scopes = await holdScopesOf(ctx.db, rows.map((r) => r.id));
  const peopleIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.releasedBy]).filter((id): id is string => id !== null))];
  const people = new Map(peopleIds.length === 0 ? [] : (await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds))).map((p) => [p.id, p]));
  return rows.map((r) => {
    const s = scopes.get(r.id) ?? [];
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      kindLabel: HOLD_KIND_LABELS[r.kind],
      reference: r.reference,
      reason: r.reason,
      isStanding: r.releasedAt === null,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy ? (people.get(r.createdBy) ?? { id: r.createdBy, name: "" }) : null,
      releasedAt: r.releasedAt?.toISOString() ?? null,
      releasedBy: r.releasedBy ? (people.get(r.releasedBy) ?? { id: r.releasedBy, name: "" }) : null,
      releaseReason: r.releaseReason,
      scopeCount: s.length,
      scopes: s,
      permissions: { canRelease: r.releasedAt === null && can(ctx.ability, "update", "Hold", { agencyId: r.agencyId }) },
    };
  });
}
