/**
 * A space's activity feed: who did what, newest first. Permission-trimmed: an entry about a
 * document the reader cannot read now is left out entirely (not redacted), so the feed never
 * reveals that such a document exists.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, documents, users } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { documentSubject } from "../authz/columns";
import { spaceOrNotFound } from "./space-membership-shared";

export type ActivityItem = { id: number; at: string; actorName: string | null; action: string; summary: string };

const VERBS: Record<string, string> = {
  "space.create": "created the space",
  "space.member_add": "added",
  "space.member_remove": "removed",
  "space.member_leave": "left the space",
  "space.member_role": "changed the role of",
  "space.attest": "confirmed who needs access",
  "space.freeze": "froze the space",
  "space.unfreeze": "reopened the space",
  "space.archive": "archived the space",
  "document.remark": "changed the marking of",
};

/** The latest entries (up to `limit`) the actor may see. */
export async function listSpaceActivity(ctx: PolicyCtx, input: { spaceId: string; limit?: number }): Promise<ActivityItem[]> {
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  const events = await ctx.db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.spaceId, space.id), eq(auditEvents.outcome, "success")))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(Math.min(input.limit ?? 50, 200) * 2);

  const docIds = [...new Set(events.filter((e) => e.event.subjectType === "document" && e.event.subjectId).map((e) => e.event.subjectId!))];
  const docs = docIds.length ? await ctx.db.select().from(documents).where(inArray(documents.id, docIds)) : [];
  const readable = new Map(docs.filter((d) => can(ctx.ability, "read", "Document", documentSubject(d))).map((d) => [d.id, d.title]));

  const items: ActivityItem[] = [];
  for (const { event, actorName } of events) {
    if (!(event.action in VERBS)) continue;
    let object = "";
    if (event.subjectType === "document") {
      const title = event.subjectId ? readable.get(event.subjectId) : undefined;
      if (title === undefined) continue;
      object = ` “${title}”`;
      if (event.action === "document.remark") object += ` to ${event.markingAfter}`;
    } else if (event.subjectType === "membership" && event.action !== "space.member_leave") {
      const d = event.details as { name?: string; role?: string; after?: string; agreement?: string | null };
      object = ` ${d.name ?? "a person"}${d.after ? ` to ${d.after}` : d.role ? ` as ${d.role}` : ""}${d.agreement ? ` under ${d.agreement}` : ""}`;
    }
    items.push({ id: event.id, at: event.at.toISOString(), actorName, action: event.action, summary: `${VERBS[event.action]}${object}` });
    if (items.length >= (input.limit ?? 50)) break;
  }
  return items;
}
