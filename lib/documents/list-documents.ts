/**
 * Lists documents the actor may read, newest change first, filtered in SQL by the policy
 * (conventions.md §2): the query ANDs accessibleWhere() with its own conditions, and when the
 * actor may read no document at all it returns an empty page without querying.
 */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { documents } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { documentColumns, documentSubject } from "../authz/columns";

export const ZListDocuments = z.object({
  spaceId: z.uuid("spaceId must be a UUID").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListDocumentsInput = z.input<typeof ZListDocuments>;

export type DocumentListItem = {
  id: string;
  spaceId: string;
  title: string;
  marking: string;
  markingRank: number;
  owningAgencyId: string;
  updatedAt: string;
  permissions: { canUpdate: boolean; canRemark: boolean; canShare: boolean; canDelete: boolean };
};

export type DocumentPage = { items: DocumentListItem[]; nextCursor: string | null };

function decodeCursor(cursor: string | undefined): { updatedAt: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
    const updatedAt = new Date(at ?? "");
    if (Number.isNaN(updatedAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { updatedAt, id };
  } catch {
    return null;
  }
}

function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(`${updatedAt.toISOString()}|${id}`).toString("base64url");
}

/** One page of the documents the actor may read. */
export async function listDocuments(ctx: PolicyCtx, raw: ListDocumentsInput): Promise<DocumentPage> {
  const input = ZListDocuments.parse(raw);
  const policy = accessibleWhere(ctx.ability, "read", "Document", documentColumns);
  if (!policy) return { items: [], nextCursor: null };

  const conditions: (SQL | undefined)[] = [policy];
  if (input.spaceId) conditions.push(eq(documents.spaceId, input.spaceId));
  const cursor = decodeCursor(input.cursor);
  if (cursor) {
    conditions.push(
      or(lt(documents.updatedAt, cursor.updatedAt), and(eq(documents.updatedAt, cursor.updatedAt), lt(documents.id, cursor.id))),
    );
  }
  const rows = await ctx.db
    .select()
    .from(documents)
    .where(and(...conditions))
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((d) => {
      const s = documentSubject(d);
      return {
        id: d.id,
        spaceId: d.spaceId,
        title: d.title,
        marking: d.marking,
        markingRank: d.markingRank,
        owningAgencyId: d.owningAgencyId,
        updatedAt: d.updatedAt.toISOString(),
        permissions: {
          canUpdate: can(ctx.ability, "update", "Document", s),
          canRemark: can(ctx.ability, "remark", "Document", s),
          canShare: can(ctx.ability, "share", "Document", s),
          canDelete: can(ctx.ability, "delete", "Document", s),
        },
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
  };
}
