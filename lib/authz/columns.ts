/**
 * Where each field the policy rules test lives in the database, per subject: what lets
 * accessibleWhere() compile the same rules that ability.can() evaluates into SQL.
 */
import { documents, files, spaces, users, agencies, agreements, auditEvents, spaceMembers, accessTokens, boards, cards, responseTemplates, briefings, forms, submissions, notifications } from "@/db/schema";
import type { ColumnMap } from "@/policies/to-sql";
import type { MarkedContentFields, SubjectFields } from "@/policies/catalogue";

/** Documents, files, cards and briefings store their marking in columns of the same names, so one map fits all three. */
function markedContentColumns(table: typeof documents | typeof files | typeof cards | typeof briefings | typeof submissions): ColumnMap<"Document"> & ColumnMap<"File"> & ColumnMap<"Card"> & ColumnMap<"Briefing"> {
  return {
    id: { column: table.id },
    spaceId: { column: table.spaceId },
    owningAgencyId: { column: table.owningAgencyId },
    markingRank: { column: table.markingRank },
    descriptors: { column: table.descriptors, isArray: true },
    handling: { column: table.handling },
    recipientIds: { column: table.recipientIds, isArray: true },
    useOnlyAgencyCodes: { column: table.useOnlyAgencyCodes, isArray: true },
  };
}

export const documentColumns: ColumnMap<"Document"> = markedContentColumns(documents);
export const fileColumns: ColumnMap<"File"> = markedContentColumns(files);
export const cardColumns: ColumnMap<"Card"> = markedContentColumns(cards);
export const briefingColumns: ColumnMap<"Briefing"> = markedContentColumns(briefings);
export const submissionColumns: ColumnMap<"Submission"> = { ...markedContentColumns(submissions), ownerId: { column: submissions.ownerId }, status: { column: submissions.status } };
export const boardColumnMap: ColumnMap<"Board"> = { id: { column: boards.id }, spaceId: { column: boards.spaceId } };

export const spaceColumns: ColumnMap<"Space"> = { id: { column: spaces.id }, ownerAgencyId: { column: spaces.ownerAgencyId } };
export const userColumns: ColumnMap<"User"> = { id: { column: users.id }, agencyId: { column: users.agencyId } };
export const agencyColumns: ColumnMap<"Agency"> = { id: { column: agencies.id } };
export const agreementColumns: ColumnMap<"Agreement"> = { id: { column: agreements.id }, ownerAgencyId: { column: agreements.ownerAgencyId } };
export const auditColumns: ColumnMap<"AuditEvent"> = { agencyId: { column: auditEvents.agencyId } };
export const membershipColumns: ColumnMap<"Membership"> = { spaceId: { column: spaceMembers.spaceId }, userId: { column: spaceMembers.userId } };
export const accessTokenColumns: ColumnMap<"AccessToken"> = { userId: { column: accessTokens.userId } };
export const formColumns: ColumnMap<"Form"> = { scope: { column: forms.scope }, agencyId: { column: forms.agencyId } };
export const responseTemplateColumns: ColumnMap<"ResponseTemplate"> = { scope: { column: responseTemplates.scope }, agencyId: { column: responseTemplates.agencyId } };
export const notificationColumns: ColumnMap<"Notification"> = { recipientId: { column: notifications.recipientId } };

/** Only the fields the policy reads, copied, so that nothing else of the row reaches a rule. */
function markedContentSubject(row: MarkedContentFields): MarkedContentFields {
  return {
    id: row.id,
    spaceId: row.spaceId,
    owningAgencyId: row.owningAgencyId,
    markingRank: row.markingRank,
    descriptors: row.descriptors,
    handling: row.handling,
    recipientIds: row.recipientIds,
    useOnlyAgencyCodes: row.useOnlyAgencyCodes,
  };
}

/** The policy's view of a document row. */
export function documentSubject(d: Pick<typeof documents.$inferSelect, keyof MarkedContentFields>): MarkedContentFields {
  return markedContentSubject(d);
}

/** The policy's view of a submission row: its marking fields, owner and status. */
export function submissionSubject(r: Pick<typeof submissions.$inferSelect, keyof MarkedContentFields | "ownerId" | "status">): SubjectFields["Submission"] {
  return { ...markedContentSubject(r), ownerId: r.ownerId, status: r.status };
}

/** The policy's view of a file row (the same fields as a document's). */
export function fileSubject(f: Pick<typeof files.$inferSelect, keyof MarkedContentFields>): MarkedContentFields {
  return markedContentSubject(f);
}

/** The policy's view of a card row (the same fields as a document's). */
export function cardSubject(c: Pick<typeof cards.$inferSelect, keyof MarkedContentFields>): MarkedContentFields {
  return markedContentSubject(c);
}

/** The policy's view of a briefing row (the same fields as a document's). */
export function briefingSubject(b: Pick<typeof briefings.$inferSelect, keyof MarkedContentFields>): MarkedContentFields {
  return markedContentSubject(b);
}

/** The policy's view of a board row. */
export function boardSubject(b: Pick<typeof boards.$inferSelect, "id" | "spaceId">): { id: string; spaceId: string } {
  return { id: b.id, spaceId: b.spaceId };
}

/** The policy's view of a response template row. */
export function responseTemplateSubject(r: Pick<typeof responseTemplates.$inferSelect, "scope" | "agencyId">): { scope: "national" | "agency"; agencyId: string | null } {
  return { scope: r.scope, agencyId: r.agencyId };
}
