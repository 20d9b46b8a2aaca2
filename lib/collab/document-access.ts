/**
 * What one person may do with one document right now, decided by the policy like every other
 * access (policies/): the collaboration server asks on connect and again every few seconds, so a
 * removal, a lapsed agreement, expired vetting or a raised marking ends an open editing session.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { AppAbility } from "@/policies/ability";
import type { Actor } from "../auth/actor";
import { buildAbility } from "../authz/build-ability";
import { documentSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { isRecordLocked } from "../records/record-locks";

/** `isRecordLocked`: the document is a declared record, so nobody may update it whatever the policy allows (issue 8). */
export type DocumentAccess = { canRead: boolean; canUpdate: boolean; spaceId: string | null; marking: string | null; isRecordLocked?: boolean };

const NONE: DocumentAccess = { canRead: false, canUpdate: false, spaceId: null, marking: null };

/**
 * The actor's access to the document (none when it does not exist). Pass `ability` when checking
 * many documents for one person at one moment (the periodic re-check), so it is built once.
 */
export async function documentAccess(db: Db, actor: Actor, documentId: string, now: Date, ability?: AppAbility): Promise<DocumentAccess> {
  if (!isUuid(documentId)) return NONE;
  const [row] = await db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
  if (!row) return NONE;
  ability ??= await buildAbility(db, actor, now);
  const subject = documentSubject(row);
  const canRead = can(ability, "read", "Document", subject);
  // A declared record's content is locked for everyone (issue 8): its connections are read-only.
  const isLocked = canRead && (await isRecordLocked(db, "document", row.id));
  return { canRead, canUpdate: canRead && !isLocked && can(ability, "update", "Document", subject), spaceId: row.spaceId, marking: row.marking, isRecordLocked: isLocked };
}
