/**
 * Who has been briefed on a briefing's latest revision, and who not yet: for people who may update
 * the briefing (its author and editors: 403 for a reader, 404 when it is invisible). The audience
 * is every active member of the board's space who may read the briefing right now, each person's
 * ability built as a request of theirs would build it (briefing-audience.ts), so
 * nobody is listed as "not yet" for a briefing they cannot even see, and nobody who lost access
 * is listed at all (their acknowledgement stays in the table, not in the answer).
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { briefingAcknowledgements, briefingRevisions } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { briefingSubject } from "../authz/columns";
import { parseBoardInput } from "../boards/board-shared";
import { updatableBriefing, ZBriefingRef } from "./briefing-shared";
import { briefingAudience } from "./briefing-audience";

export const ZGetBriefingStatus = ZBriefingRef;
export type GetBriefingStatusInput = z.input<typeof ZGetBriefingStatus>;

export type BriefedPerson = { id: string; name: string; agency: string; jobTitle: string };

export type BriefingStatus = {
  briefingId: string;
  revision: { id: string; number: number; publishedAt: string };
  acknowledged: (BriefedPerson & { acknowledgedAt: string })[];
  notYet: BriefedPerson[];
};

/** The audience of the latest revision, split into those briefed (with when) and those not yet. */
export async function getBriefingStatus(ctx: PolicyCtx, raw: GetBriefingStatusInput): Promise<BriefingStatus> {
  const { briefingId } = parseBoardInput(ZGetBriefingStatus, raw);
  const { briefing } = await updatableBriefing(ctx, briefingId, "briefing.status");
  const [latest] = await ctx.db.select().from(briefingRevisions).where(eq(briefingRevisions.briefingId, briefing.id)).orderBy(desc(briefingRevisions.number)).limit(1);
  if (!latest) throw new NotFoundError();
  const audience = await briefingAudience(ctx.db, { briefing: briefingSubject(briefing), now: ctx.now });
  const acks = await ctx.db.select().from(briefingAcknowledgements).where(and(eq(briefingAcknowledgements.revisionId, latest.id)));
  const ackAt = new Map(acks.map((a) => [a.userId, a.acknowledgedAt]));
  const acknowledged: BriefingStatus["acknowledged"] = [];
  const notYet: BriefingStatus["notYet"] = [];
  for (const { user, agency } of audience) {
    const person = { id: user.id, name: user.name, agency: agency.code, jobTitle: user.jobTitle ?? "" };
    const at = ackAt.get(user.id);
    if (at) acknowledged.push({ ...person, acknowledgedAt: at.toISOString() });
    else notYet.push(person);
  }
  acknowledged.sort((a, b) => a.acknowledgedAt.localeCompare(b.acknowledgedAt) || a.name.localeCompare(b.name));
  notYet.sort((a, b) => a.name.localeCompare(b.name));
  return { briefingId: briefing.id, revision: { id: latest.id, number: latest.number, publishedAt: latest.publishedAt.toISOString() }, acknowledged, notYet };
}
