/**
 * Where each field the policy rules test lives in the database, per subject: what lets
 * accessibleWhere() compile the same rules that ability.can() evaluates into SQL.
 */
import { documents, spaces, users, agencies, agreements, auditEvents, spaceMembers, accessTokens } from "@/db/schema";
import type { ColumnMap } from "@/policies/to-sql";
import type { SubjectFields } from "@/policies/catalogue";

export const documentColumns: ColumnMap<"Document"> = {
  id: { column: documents.id },
  spaceId: { column: documents.spaceId },
  owningAgencyId: { column: documents.owningAgencyId },
  markingRank: { column: documents.markingRank },
  descriptors: { column: documents.descriptors, isArray: true },
  handling: { column: documents.handling },
  recipientIds: { column: documents.recipientIds, isArray: true },
  useOnlyAgencyCodes: { column: documents.useOnlyAgencyCodes, isArray: true },
};

export const spaceColumns: ColumnMap<"Space"> = { id: { column: spaces.id }, ownerAgencyId: { column: spaces.ownerAgencyId } };
export const userColumns: ColumnMap<"User"> = { id: { column: users.id }, agencyId: { column: users.agencyId } };
export const agencyColumns: ColumnMap<"Agency"> = { id: { column: agencies.id } };
export const agreementColumns: ColumnMap<"Agreement"> = { id: { column: agreements.id }, ownerAgencyId: { column: agreements.ownerAgencyId } };
export const auditColumns: ColumnMap<"AuditEvent"> = { agencyId: { column: auditEvents.agencyId } };
export const membershipColumns: ColumnMap<"Membership"> = { spaceId: { column: spaceMembers.spaceId }, userId: { column: spaceMembers.userId } };
export const accessTokenColumns: ColumnMap<"AccessToken"> = { userId: { column: accessTokens.userId } };

type DocumentRow = typeof documents.$inferSelect;

/** The policy's view of a document row. */
export function documentSubject(d: Pick<DocumentRow, keyof SubjectFields["Document"]>): SubjectFields["Document"] {
  return {
    id: d.id,
    spaceId: d.spaceId,
    owningAgencyId: d.owningAgencyId,
    markingRank: d.markingRank,
    descriptors: d.descriptors,
    handling: d.handling,
    recipientIds: d.recipientIds,
    useOnlyAgencyCodes: d.useOnlyAgencyCodes,
  };
}
