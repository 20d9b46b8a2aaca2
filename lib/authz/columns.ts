/**
 * Where each field the policy rules test lives in the database, per subject: what lets
 * accessibleWhere() compile the same rules that ability.can() evaluates into SQL.
 */
import { sql, type AnyColumn } from "drizzle-orm";
import { documents, files, spaces, users, agencies, agreements, auditEvents, spaceMembers, accessTokens, boards, cards, responseTemplates, briefings, forms, submissions, notifications, recordItems } from "@/db/schema";
import type { ColumnMap } from "@/policies/to-sql";
import type { MarkedContentFields, RestrictableFields, SubjectFields } from "@/policies/catalogue";

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

export const documentColumns: ColumnMap<"Document"> = { ...markedContentColumns(documents), isRestricted: { column: documents.isRestricted } };
export const fileColumns: ColumnMap<"File"> = { ...markedContentColumns(files), isRestricted: { column: files.isRestricted } };
export const cardColumns: ColumnMap<"Card"> = markedContentColumns(cards);
export const briefingColumns: ColumnMap<"Briefing"> = markedContentColumns(briefings);
export const submissionColumns: ColumnMap<"Submission"> = { ...markedContentColumns(submissions), isRestricted: { column: submissions.isRestricted }, ownerId: { column: submissions.ownerId }, status: { column: submissions.status } };
export const boardColumnMap: ColumnMap<"Board"> = { id: { column: boards.id }, spaceId: { column: boards.spaceId } };

export const spaceColumns: ColumnMap<"Space"> = { id: { column: spaces.id }, ownerAgencyId: { column: spaces.ownerAgencyId } };
export const userColumns: ColumnMap<"User"> = { id: { column: users.id }, agencyId: { column: users.agencyId } };
export const agencyColumns: ColumnMap<"Agency"> = { id: { column: agencies.id } };
export const agreementColumns: ColumnMap<"Agreement"> = { id: { column: agreements.id }, ownerAgencyId: { column: agreements.ownerAgencyId } };
/** The space's owner comes from `spaces`: a query compiling these must LEFT JOIN spaces on the event's space. */
export const auditColumns: ColumnMap<"AuditEvent"> = { agencyId: { column: auditEvents.agencyId }, spaceOwnerAgencyId: { column: spaces.ownerAgencyId } };
export const membershipColumns: ColumnMap<"Membership"> = { spaceId: { column: spaceMembers.spaceId }, userId: { column: spaceMembers.userId } };
export const accessTokenColumns: ColumnMap<"AccessToken"> = { userId: { column: accessTokens.userId } };
export const formColumns: ColumnMap<"Form"> = { scope: { column: forms.scope }, agencyId: { column: forms.agencyId } };
export const responseTemplateColumns: ColumnMap<"ResponseTemplate"> = { scope: { column: responseTemplates.scope }, agencyId: { column: responseTemplates.agencyId } };
export const notificationColumns: ColumnMap<"Notification"> = { recipientId: { column: notifications.recipientId } };

/*
 * RecordItem (issue 8). record_items keeps the label and clock, not the item's marking, so two of
 * the subject's fields are SQL expressions over the row rather than columns (to-sql only renders
 * what it is given, so an expression works wherever a column does; it is cast to the column type
 * the map declares):
 *  - markingRank: the marking rank of the item itself (its document, file or submission row),
 *    read where it lives so a remarking is seen at once; a vanished item gives NULL, which no
 *    comparison passes (fail closed);
 *  - currentReviewerIds: the reviewers named at the item's current review stage (the label's
 *    stage plus those added to the item for that stage), empty when it is not in review.
 */
const recordItemMarkingRank = sql`(CASE ${recordItems.itemType}
  WHEN 'document' THEN (SELECT d.marking_rank FROM documents d WHERE d.id = ${recordItems.itemId})
  WHEN 'file' THEN (SELECT f.marking_rank FROM files f WHERE f.id = ${recordItems.itemId})
  WHEN 'submission' THEN (SELECT s.marking_rank FROM submissions s WHERE s.id = ${recordItems.itemId})
END)`;
const recordItemCurrentReviewerIds = sql`(CASE WHEN ${recordItems.state} = 'in_review' AND ${recordItems.reviewStage} IS NOT NULL THEN
  ARRAY(SELECT jsonb_array_elements_text(COALESCE((SELECT l.review_stages -> (${recordItems.reviewStage} - 1) -> 'reviewerIds' FROM retention_labels l WHERE l.id = ${recordItems.labelId}), '[]'::jsonb)))
  || ARRAY(SELECT jsonb_array_elements_text(COALESCE(${recordItems.addedReviewers} -> ${recordItems.reviewStage}::text, '[]'::jsonb)))
ELSE ARRAY[]::text[] END)`;
const asColumn = (expression: ReturnType<typeof sql>) => expression as unknown as AnyColumn;

/** The RecordItem subject over record_items rows (list-record-items, events, the review queue). */
export const recordItemColumns: ColumnMap<"RecordItem"> = {
  owningAgencyId: { column: recordItems.owningAgencyId },
  spaceId: { column: recordItems.spaceId },
  markingRank: { column: asColumn(recordItemMarkingRank) },
  currentReviewerIds: { column: asColumn(recordItemCurrentReviewerIds), isArray: true },
};

/**
 * The RecordItem subject over the items' own rows (a space's documents, files or submissions that
 * have no label yet, labelled set-based): nothing is in review before it is labelled, so
 * currentReviewerIds is the empty array.
 */
function unlabelledItemColumns(table: typeof documents | typeof files | typeof submissions): ColumnMap<"RecordItem"> {
  return { owningAgencyId: { column: table.owningAgencyId }, spaceId: { column: table.spaceId }, markingRank: { column: table.markingRank }, currentReviewerIds: { column: asColumn(sql`ARRAY[]::text[]`), isArray: true } };
}
export const documentRecordItemColumns = unlabelledItemColumns(documents);
export const fileRecordItemColumns = unlabelledItemColumns(files);
export const submissionRecordItemColumns = unlabelledItemColumns(submissions);

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
export function documentSubject(d: Pick<typeof documents.$inferSelect, keyof RestrictableFields>): RestrictableFields {
  return { ...markedContentSubject(d), isRestricted: d.isRestricted };
}

/** The policy's view of a submission row: its marking fields, owner and status. */
export function submissionSubject(r: Pick<typeof submissions.$inferSelect, keyof RestrictableFields | "ownerId" | "status">): SubjectFields["Submission"] {
  return { ...markedContentSubject(r), isRestricted: r.isRestricted, ownerId: r.ownerId, status: r.status };
}

/** The policy's view of a file row (the same fields as a document's). */
export function fileSubject(f: Pick<typeof files.$inferSelect, keyof RestrictableFields>): RestrictableFields {
  return { ...markedContentSubject(f), isRestricted: f.isRestricted };
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
