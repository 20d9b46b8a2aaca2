/**
 * The certificates of disposal (issue 8; Purview's list of disposed items, the proof kept after
 * the content is gone): for the agency's records managers and auditors only, filtered in SQL by
 * the policy (DisposalCertificate, by agency); only those still kept (keep_until after now: the
 * sweep purges the rest); searchable by text in the title or the label (reference or name) and by
 * the UK day of disposal. Newest first.
 *
 * Each certificate of a document or file also says what became of its copy in SharePoint (the
 * remote delete enqueueGraphDisposals queued with the disposal): deleted, pending, refused by a
 * retention label or record lock there (retention_refused, with SharePoint's reason as delivery
 * kept it), or failed. It is read at read time from graph_outbox and graph_items by the item's id
 * (the certificate row itself is immutable proof and is never updated), so a retry that later
 * succeeds shows as deleted. Nothing is shown for an item that never reached SharePoint.
 */
import { and, desc, eq, gt, ilike, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { disposalCertificates, graphItems, graphOutbox, type CertificateApproval } from "@/db/schema";
import { accessibleWhere, type ColumnMap } from "@/policies/to-sql";
import { InvalidInputError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { isDay } from "./retention-clock";

/** Where the DisposalCertificate subject's field lives (kept here while records management is built beside lib/authz/columns.ts). */
export const disposalCertificateColumns: ColumnMap<"DisposalCertificate"> = { agencyId: { column: disposalCertificates.agencyId }, markingRank: { column: disposalCertificates.markingRank } };

export const CERTIFICATES_PAGE_MAX = 500;

const ZDay = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || isDay(v), `${what} must be a real day, written YYYY-MM-DD`);

export const ZListDisposalCertificates = z.object({
  q: z.string().trim().max(200, "Keep the search to 200 characters").optional(),
  from: ZDay("The first day"),
  to: ZDay("The last day"),
  limit: z.coerce.number({ message: "limit must be a whole number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(CERTIFICATES_PAGE_MAX, `limit must be at most ${CERTIFICATES_PAGE_MAX}`).default(100),
});
export type ListDisposalCertificatesInput = z.input<typeof ZListDisposalCertificates>;

export type DisposalCertificateView = {
  id: string;
  itemType: "document" | "file" | "submission";
  itemId: string;
  title: string;
  spaceName: string;
  marking: string;
  label: { reference: string; name: string };
  approvals: CertificateApproval[];
  outcome: "deleted" | "restricted";
  disposedAt: string;
  keepUntil: string;
  /** What became of the item's copy in SharePoint; null when it had none (never mirrored, or a submission). */
  sharePoint: CertificateSharePoint | null;
};

/**
 * The remote delete of a disposed item: deleted (at when it was done); pending (queued, or waiting
 * for a retry: `reason` is the last attempt's, if any); refused (SharePoint keeps it under a
 * retention label or record lock); failed (any other permanent failure). `at` is when that
 * became so; `code` the delivery's reason code.
 */
export type CertificateSharePoint = {
  state: "deleted" | "pending" | "refused" | "failed";
  reason: string | null;
  code: string | null;
  at: string | null;
};

/** The certificates the actor may read that are still kept, newest first. */
export async function listDisposalCertificates(ctx: PolicyCtx, raw: ListDisposalCertificatesInput = {}): Promise<{ items: DisposalCertificateView[] }> {
  const input = parseInput(ZListDisposalCertificates, raw);
  if (input.from && input.to && input.from > input.to) throw new InvalidInputError("The first day must not be after the last day");
  const readable = accessibleWhere(ctx.ability, "read", "DisposalCertificate", disposalCertificateColumns);
  if (!readable) return { items: [] };
  const like = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const disposedDay = sql`(${disposalCertificates.disposedAt} AT TIME ZONE 'Europe/London')::date`;
  const rows = await ctx.db
    .select()
    .from(disposalCertificates)
    .where(
      and(
        readable,
        gt(disposalCertificates.keepUntil, ctx.now),
        like ? or(ilike(disposalCertificates.title, like), ilike(disposalCertificates.labelReference, like), ilike(disposalCertificates.labelName, like)) : undefined,
        input.from ? sql`${disposedDay} >= ${input.from}::date` : undefined,
        input.to ? sql`${disposedDay} <= ${input.to}::date` : undefined,
      ),
    )
    .orderBy(desc(disposalCertificates.disposedAt), desc(disposalCertificates.id))
    .limit(input.limit);
  const remote = await remoteDeletions(ctx, rows);
  return {
    items: rows.map((r) => ({
      id: r.id,
      itemType: r.itemType,
      itemId: r.itemId,
      title: r.title,
      spaceName: r.spaceName,
      marking: r.marking,
      label: { reference: r.labelReference, name: r.labelName },
      approvals: r.approvals,
      outcome: r.outcome === "restricted" ? "restricted" : "deleted",
      disposedAt: r.disposedAt.toISOString(),
      keepUntil: r.keepUntil.toISOString(),
      sharePoint: remote.get(`${r.itemType}:${r.itemId}`) ?? null,
    })),
  };
}

type CertificateRow = typeof disposalCertificates.$inferSelect;

/**
 * The SharePoint side of the listed certificates' items, in two queries for the whole page: the
 * latest remote delete queued for each (a retry queues a newer one), and the item's graph_items
 * row for items deleted in SharePoint without Accord's delete (the delta saw them go). Only ids
 * of certificates the actor may read are asked about.
 */
async function remoteDeletions(ctx: PolicyCtx, rows: CertificateRow[]): Promise<Map<string, CertificateSharePoint>> {
  const out = new Map<string, CertificateSharePoint>();
  const ids = rows.filter((r) => r.itemType !== "submission").map((r) => r.itemId);
  if (ids.length === 0) return out;
  const [deletes, items] = await Promise.all([
    ctx.db
      .select({ itemType: graphOutbox.itemType, itemId: graphOutbox.itemId, state: graphOutbox.state, lastError: graphOutbox.lastError, lastErrorCode: graphOutbox.lastErrorCode, updatedAt: graphOutbox.updatedAt, doneAt: graphOutbox.doneAt })
      .from(graphOutbox)
      .where(and(eq(graphOutbox.kind, "delete"), inArray(graphOutbox.itemId, ids)))
      .orderBy(desc(graphOutbox.id)),
    ctx.db
      .select({ itemType: graphItems.itemType, itemId: graphItems.itemId, status: graphItems.status, updatedAt: graphItems.updatedAt })
      .from(graphItems)
      .where(inArray(graphItems.itemId, ids)),
  ]);
  // Newest first: the first delete seen for an item is its latest.
  for (const d of deletes) {
    const key = `${d.itemType}:${d.itemId}`;
    if (out.has(key)) continue;
    if (d.state === "done") out.set(key, { state: "deleted", reason: null, code: null, at: (d.doneAt ?? d.updatedAt).toISOString() });
    else if (d.state === "pending") out.set(key, { state: "pending", reason: d.lastError, code: d.lastErrorCode, at: null });
    else out.set(key, { state: d.lastErrorCode === "retention_refused" ? "refused" : "failed", reason: d.lastError, code: d.lastErrorCode, at: d.updatedAt.toISOString() });
  }
  for (const i of items) {
    const key = `${i.itemType}:${i.itemId}`;
    if (!out.has(key) && i.status === "removed") out.set(key, { state: "deleted", reason: null, code: null, at: i.updatedAt.toISOString() });
  }
  return out;
}
