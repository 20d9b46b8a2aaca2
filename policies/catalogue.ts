/**
 * What can be done to what: the action and subject catalogues from which the ability type is
 * derived (CASL's recommended `as const` catalogues). Anything not here cannot be allowed.
 */
// Never "manage": CASL reads it as "every action", so a `cannot("manage", …)` would deny reading too.
// "comment" is writing comments on a document (threads, replies, resolving); reading them is "read".
// "review" is a supervisor's decision on a form submission (return it with comments, or accept it).
export const ACTIONS = ["read", "create", "update", "comment", "share", "remark", "delete", "administer", "explain", "review"] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ["Agency", "User", "Agreement", "Space", "Membership", "Document", "File", "Comment", "AuditEvent", "AccessToken", "Board", "Card", "ResponseTemplate", "Briefing", "Notification", "Form", "Submission", "FilePlan", "RecordItem", "Hold", "RetentionEvent", "DisposalCertificate", "SyncConnection"] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/**
 * The fields of marked content (documents, files and cards alike): where it is, whose it is and its
 * marking, as stored on its row. Documents and files share them, so the same rules decide both.
 */
export type MarkedContentFields = {
  id: string;
  spaceId: string;
  owningAgencyId: string;
  markingRank: number;
  descriptors: string[];
  handling: string;
  recipientIds: string[];
  useOnlyAgencyCodes: string[];
};

/**
 * Content that a disposal review may restrict instead of erasing (DPA 2018 s.47, issue 8):
 * documents, files and form submissions. `isRestricted` content is refused to everyone.
 */
export type RestrictableFields = MarkedContentFields & { isRestricted: boolean };

/** Each subject's fields that rules may test, as stored on its row (and so compilable to SQL). */
export type SubjectFields = {
  Agency: { id: string };
  User: { id: string; agencyId: string };
  Agreement: { id: string; ownerAgencyId: string };
  Space: { id: string; ownerAgencyId: string };
  Membership: { spaceId: string; userId: string };
  Document: RestrictableFields;
  File: RestrictableFields;
  /**
   * A comment on a document: its document's fields (a comment is part of the document, so the
   * document's rules bound it) and its author. Reading one is reading its document ("read" on the
   * Document); this subject only decides changing and deleting an existing comment.
   */
  Comment: MarkedContentFields & { authorId: string | null };
  /**
   * An audit event: the agency of the person who acted (its chain), and the agency owning the space
   * it happened in (null outside a space), whose content a partner's consultation concerns.
   */
  AuditEvent: { agencyId: string | null; spaceOwnerAgencyId?: string | null };
  AccessToken: { userId: string };
  /** A tasking board: it carries no marking (its cards do), so it is decided by its space. */
  Board: { id: string; spaceId: string };
  /** A card of a board: marked content, decided exactly as documents and files are. */
  Card: MarkedContentFields;
  /** A pre-planned response template: national (agencyId null, read-only in Accord) or one agency's own. */
  ResponseTemplate: { scope: "national" | "agency"; agencyId: string | null };
  /** A briefing on a board: marked content, decided exactly as cards are; acknowledging it is "read". */
  Briefing: MarkedContentFields;
  /**
   * A notification (an assignment, a due-date reminder, a briefing to read). It holds no content,
   * only what it is about, so it is decided by its recipient alone; what it may show of its
   * subject is decided by the subject's own rules when it is read.
   */
  Notification: { recipientId: string };
  /** A form of the library (issue 7): national (agencyId null, read-only in Accord) or one agency's own form or local variant. */
  Form: { scope: "national" | "agency"; agencyId: string | null };
  /**
   * A filled-in form: marked content of its space (read as documents are), with its owner (the
   * officer who fills it in, who alone edits it) and its status (what may still be done to it).
   */
  Submission: RestrictableFields & { ownerId: string; status: "draft" | "submitted" | "returned" | "accepted" };
  /** An agency's file plan (issue 8): its retention labels, event types and labelling rules. */
  FilePlan: { agencyId: string };
  /**
   * A record's metadata (issue 8): an item (document, file, submission) with its label, clock and
   * review, never its content; `currentReviewerIds` are the people named at its current review
   * stage (empty when it is not in review).
   */
  RecordItem: { owningAgencyId: string; spaceId: string; markingRank: number; currentReviewerIds: string[] };
  /** A legal or preservation hold of an agency. */
  Hold: { agencyId: string };
  /** An event raised for a set of an agency's records ("case closed"). */
  RetentionEvent: { agencyId: string };
  /** The proof of a disposal, kept after the content is gone. */
  /** A certificate of disposal: no content, but a title, read within the reader's vetting (the rank of its marking, or null when unknown). */
  DisposalCertificate: { agencyId: string; markingRank: number | null };
  /**
   * An agency's SharePoint connection (issue 9) and its sync queue: the settings, the outbox, the
   * log of Graph calls. No content: items' own sync status is read with the item.
   */
  SyncConnection: { agencyId: string };
};
