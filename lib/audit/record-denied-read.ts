/**
 * The audit event for a refused read of marked content (security.md: every authorization decision
 * on marked content is logged), written the same way for documents and files: the thing, its
 * marking, and whose and where it is, never its content or title.
 */
import type { Ctx } from "../context";
import { recordAudit } from "./record-audit";

/** Records that the actor was refused reading a document or file (the caller then answers 404). */
export async function recordDeniedRead(
  ctx: Ctx,
  action: string,
  subject: { type: "document" | "file"; id: string; marking: string; owningAgencyId: string; spaceId: string },
): Promise<void> {
  await recordAudit(ctx, {
    action,
    outcome: "denied",
    subjectType: subject.type,
    subjectId: subject.id,
    markingBefore: subject.marking,
    details: { owningAgencyId: subject.owningAgencyId, spaceId: subject.spaceId },
  });
}
