/**
 * Lists documents the actor may read, newest change first, filtered in SQL by the policy
 * (conventions.md §2): the query ANDs accessibleWhere() with its own conditions, and when the
 * actor may read no document at all it returns an empty page without querying.
 */
import { and, desc, eq, getTableColumns, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { documents, memberDocuments } from "@/db/schema";
import { accessibleWhere, fieldCeiling } from "@/policies/to-sql";
import { inlineCondition, inlinedKey } from "../authz/inline-condition";
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

type DocumentRow = typeof documents.$inferSelect;

/** A page size as an integer from 1 to 101 (a page and one more, to know there is a next), or throws. */
function pageSize(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 101) throw new Error(`documentPageQuery: bad page size ${n}`);
  return n;
}

/** A rank as an integer literal, or throws (it is written into the query text). */
function rankLiteral(n: number): number {
  if (!Number.isInteger(n) || n < -32768 || n > 32767) throw new Error(`documentPageQuery: bad rank ceiling ${n}`);
  return n;
}

/** A query that can be awaited for its rows or shown as SQL (for EXPLAIN in the benchmark). */
export type DocumentPageQuery = PromiseLike<DocumentRow[]> & { toSQL(): { sql: string; params: unknown[] } };

/**
 * The page query itself, shared with bench/authz-list.ts so the benchmark measures exactly what
 * this list sends. Within one space it reads documents by (space_id, updated_at); across all of a
 * person's spaces it walks their rows of member_documents newest first (every reader of a document
 * is a member of its space, so those rows are a superset of what they may read) and joins each to
 * its document, where `policy` decides. Without that index the planner must either merge every
 * member space's list or scan the global updated_at order discarding what the person cannot read,
 * which for someone in hundreds of spaces costs two orders of magnitude more than the page itself.
 */
// Both queries run as prepared statements: with the policy inlined their text is the same on every
// request of the same person, so PostgreSQL parses and plans them once per connection.
export function documentPageQuery(
  db: Db,
  input: {
    userId: string;
    policy: SQL;
    /** The highest rank the policy could pass (documentRankCeiling), to skip rows above it in the index. */
    rankCeiling?: number | null;
    spaceId?: string;
    cursor?: { updatedAt: Date; id: string } | null;
    limit: number;
  },
): DocumentPageQuery {
  const { cursor } = input;
  const ceiling = input.rankCeiling !== undefined && input.rankCeiling !== null && Number.isFinite(input.rankCeiling) ? rankLiteral(input.rankCeiling) : null;
  if (input.spaceId) {
    const conditions: (SQL | undefined)[] = [input.policy, eq(documents.spaceId, input.spaceId)];
    if (cursor) {
      conditions.push(
        or(lt(documents.updatedAt, cursor.updatedAt), and(eq(documents.updatedAt, cursor.updatedAt), lt(documents.id, cursor.id))),
      );
    }
    const query = db
      .select()
      .from(documents)
      .where(and(...conditions))
      .orderBy(desc(documents.updatedAt), desc(documents.id))
      .limit(input.limit);
    return { toSQL: () => query.toSQL(), then: (onFulfilled, onRejected) => query.prepare("documents_in_space").execute().then(onFulfilled, onRejected) };
  }
  // Per row of the person's index, newest first: the document, if the policy lets them read it.
  // The lateral subquery is a fence (LIMIT 1 is exact: one id, one row) so the planner walks the
  // index in order, joins each row to its document by primary key and stops after a page; and the
  // policy sits inside a CASE so the planner neither estimates its hundreds of space ids nor builds
  // bitmap scans from its branches. Left to itself it under-estimates twentyfold the rows the
  // policy passes and reads every readable document to sort them. The CASE is true exactly when
  // the policy is (NULL counts as false in both), so no row changes.
  const build = () => {
    const doc = db
      .select()
      .from(documents)
      .where(sql`${documents.id} = ${memberDocuments.documentId} AND CASE WHEN ${input.policy} THEN true ELSE false END`)
      .limit(1)
      .as("d");
    const conditions: (SQL | undefined)[] = [eq(memberDocuments.userId, input.userId)];
    // Rows above every rank the policy could open are skipped in the index, before their document
    // is fetched (written as a literal, like the page size, so the text stays one per person).
    if (ceiling !== null) conditions.push(sql`${memberDocuments.markingRank} <= ${sql.raw(String(ceiling))}`);
    if (cursor) {
      conditions.push(
        or(
          lt(memberDocuments.updatedAt, cursor.updatedAt),
          and(eq(memberDocuments.updatedAt, cursor.updatedAt), lt(memberDocuments.documentId, cursor.id)),
        ),
      );
    }
    // Only the document's own columns, flat, so each row maps as a plain documents row.
    const columns = Object.fromEntries(Object.keys(getTableColumns(documents)).map((k) => [k, doc[k as keyof typeof doc]])) as {
      [K in keyof DocumentRow]: (typeof doc)[K];
    };
    const query = db
      .select(columns)
      .from(memberDocuments)
      .innerJoinLateral(doc, sql`true`)
      .where(and(...conditions))
      .orderBy(desc(memberDocuments.updatedAt), desc(memberDocuments.documentId))
      // The page size is written into the text (it is a validated integer), leaving the person's id
      // as the only parameter: PostgreSQL then finds its generic plan no dearer than a custom one
      // and keeps it after five runs instead of planning the policy again on every request (a
      // LIMIT parameter makes the generic plan look like it reads a tenth of the index).
      .limit(sql.raw(String(pageSize(input.limit))) as unknown as number);
    return query;
  };
  // A first page (no cursor) is the same query every time the same person opens the list under
  // the same policy: it is kept prepared, so it is neither built nor planned again.
  const policyKey = inlinedKey(input.policy);
  const key = !cursor && policyKey !== undefined ? `${input.userId}|${input.limit}|${ceiling ?? ""}|${policyKey}` : null;
  return {
    toSQL: () => build().toSQL(),
    then: (onFulfilled, onRejected) => {
      const prepared = (key && cachedFirstPage(db, key)) || build().prepare("documents_of_member");
      if (key) rememberFirstPage(db, key, prepared);
      return prepared.execute().then(onFulfilled, onRejected);
    },
  };
}

type PreparedPage = { execute(): Promise<DocumentRow[]> };

// Prepared first-page queries per database handle (a transaction is its own handle, so a query
// prepared outside one never runs inside it, or the other way round), least recently used first.
// Bounded: each entry holds one query text (up to tens of kB for someone in a thousand spaces).
const FIRST_PAGE_CACHE_SIZE = 256;
const firstPages = new WeakMap<Db, Map<string, PreparedPage>>();

function cachedFirstPage(db: Db, key: string): PreparedPage | undefined {
  const pages = firstPages.get(db);
  const hit = pages?.get(key);
  if (hit) {
    pages!.delete(key);
    pages!.set(key, hit);
  }
  return hit;
}

function rememberFirstPage(db: Db, key: string, prepared: PreparedPage): void {
  const pages = firstPages.get(db) ?? new Map<string, PreparedPage>();
  firstPages.set(db, pages);
  pages.set(key, prepared);
  while (pages.size > FIRST_PAGE_CACHE_SIZE) pages.delete(pages.keys().next().value!);
}

/**
 * The read policy as list queries use it: inlined, so that one person's page query has the same
 * text on every request and its prepared statement and plan are reused (lib/authz/inline-condition.ts).
 * Null when the actor may read no document.
 */
export function documentListPolicy(ability: PolicyCtx["ability"]): SQL | null {
  const condition = accessibleWhere(ability, "read", "Document", documentColumns);
  return condition && inlineCondition(condition);
}

/**
 * The highest marking rank the actor's read policy could open (every rule caps it at the
 * reader's vetting, or an agreement's maximum below it), read off the same rules; null when
 * they leave it unbounded. Only ever a pre-filter for the list index: the policy still decides.
 */
export function documentRankCeiling(ability: PolicyCtx["ability"]): number | null {
  const ceiling = fieldCeiling(ability, "read", "Document", "markingRank");
  return ceiling !== null && Number.isFinite(ceiling) ? ceiling : null;
}

/** One page of the documents the actor may read. */
export async function listDocuments(ctx: PolicyCtx, raw: ListDocumentsInput): Promise<DocumentPage> {
  const input = ZListDocuments.parse(raw);
  const policy = documentListPolicy(ctx.ability);
  if (!policy) return { items: [], nextCursor: null };

  const rows = await documentPageQuery(ctx.db, {
    userId: ctx.actor.userId,
    policy,
    rankCeiling: documentRankCeiling(ctx.ability),
    spaceId: input.spaceId,
    cursor: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });

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
