/**
 * A briefing as a viewer sees it: its latest revision, only the attachments the viewer may open
 * (a file hidden from them is left out, not named), whether they were briefed on that revision,
 * and what the policy lets them do with it (booleans, so the page offers only what the server allows).
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { briefingAcknowledgements, briefingRevisions, files, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { briefingSubject, fileSubject } from "../authz/columns";
import type { BriefingRow } from "./briefing-shared";

export type BriefingRevisionView = {
  id: string;
  number: number;
  body: string;
  /** Only files the viewer may read; isDownloadable false while a file is held in quarantine. */
  attachments: { id: string; name: string; isDownloadable: boolean }[];
  publishedBy: { id: string; name: string } | null;
  publishedAt: string;
};

export type BriefingView = {
  id: string;
  boardId: string;
  title: string;
  marking: string;
  markingRank: number;
  createdAt: string;
  latest: BriefingRevisionView;
  /** When the viewer acknowledged the latest revision; null when they have not. */
  acknowledgedAt: string | null;
  permissions: { canAcknowledge: boolean; canUpdate: boolean };
};

/** The views of `rows` (one query each for revisions, acknowledgements, files and people, whatever their number). */
export async function toBriefingViews(ctx: PolicyCtx, rows: BriefingRow[]): Promise<BriefingView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const revisions = await ctx.db.select().from(briefingRevisions).where(inArray(briefingRevisions.briefingId, ids)).orderBy(desc(briefingRevisions.number));
  const latest = new Map<string, typeof briefingRevisions.$inferSelect>();
  for (const r of revisions) if (!latest.has(r.briefingId)) latest.set(r.briefingId, r);
  const latestIds = [...latest.values()].map((r) => r.id);
  const acks = latestIds.length
    ? await ctx.db.select().from(briefingAcknowledgements).where(and(inArray(briefingAcknowledgements.revisionId, latestIds), eq(briefingAcknowledgements.userId, ctx.actor.userId)))
    : [];
  const ackAt = new Map(acks.map((a) => [a.revisionId, a.acknowledgedAt]));
  const fileIds = [...new Set([...latest.values()].flatMap((r) => r.attachments))];
  const fileRows = fileIds.length ? await ctx.db.select().from(files).where(inArray(files.id, fileIds)) : [];
  // A file of another space never gets here (attachments are checked on publishing), but the view
  // does not rely on that: only a file of the briefing's own space that the viewer may read is named.
  const readableFiles = new Map(fileRows.filter((f) => can(ctx.ability, "read", "File", fileSubject(f))).map((f) => [f.id, f]));
  const personIds = [...new Set([...latest.values()].map((r) => r.publishedBy).filter((id): id is string => id !== null))];
  const people = personIds.length ? await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds)) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.flatMap((row): BriefingView[] => {
    const revision = latest.get(row.id);
    if (!revision) return [];
    const acknowledgedAt = ackAt.get(revision.id);
    return [
      {
        id: row.id,
        boardId: row.boardId,
        title: row.title,
        marking: row.marking,
        markingRank: row.markingRank,
        createdAt: row.createdAt.toISOString(),
        latest: {
          id: revision.id,
          number: revision.number,
          body: revision.body,
          attachments: revision.attachments.flatMap((id) => {
            const file = readableFiles.get(id);
            return file && file.spaceId === row.spaceId ? [{ id, name: file.name, isDownloadable: file.status === "clean" }] : [];
          }),
          publishedBy: revision.publishedBy ? { id: revision.publishedBy, name: names.get(revision.publishedBy) ?? "" } : null,
          publishedAt: revision.publishedAt.toISOString(),
        },
        acknowledgedAt: acknowledgedAt ? acknowledgedAt.toISOString() : null,
        permissions: { canAcknowledge: can(ctx.ability, "read", "Briefing", briefingSubject(row)), canUpdate: can(ctx.ability, "update", "Briefing", briefingSubject(row)) },
      },
    ];
  });
}
