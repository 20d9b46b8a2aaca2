/**
 * The certificates of disposal (issue 8; Purview's list of disposed items, the proof kept after
 * the content is gone): for the agency's records managers and auditors only, filtered in SQL by
 * the policy (DisposalCertificate, by agency); only those still kept (keep_until after now: the
 * sweep purges the rest); searchable by text in the title or the label (reference or name) and by
 * the UK day of disposal. Newest first.
 */
import { and, desc, gt, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { disposalCertificates, type CertificateApproval } from "@/db/schema";
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
    })),
  };
}
