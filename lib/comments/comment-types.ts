/**
 * The shapes the comment operations return, shared with the page (app/ui/editor), which may not
 * import the database schema or server code: types only, nothing runs here.
 */
export type { CommentAnchor, RelativePositionJson } from "@/db/schema/comments";
import type { CommentAnchor } from "@/db/schema/comments";

/** A person as comments show them: name and agency. */
export type CommentPerson = { id: string; name: string; agency: { code: string; name: string } };

/** One comment of a thread. */
export type CommentView = {
  id: string;
  author: CommentPerson | null;
  /** Plain text; empty once deleted. */
  body: string;
  /** The people mentioned, by name only. */
  mentions: { id: string; name: string }[];
  createdAt: string;
  editedAt: string | null;
  isDeleted: boolean;
  permissions: { canEdit: boolean; canDelete: boolean };
};

/** A thread on a range of the document, with its comments, oldest first. */
export type CommentThreadView = {
  id: string;
  anchor: CommentAnchor;
  quote: string;
  createdBy: CommentPerson | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  comments: CommentView[];
  permissions: { canReply: boolean; canResolve: boolean };
};

/** A document's threads, and whether the reader may open new ones. */
export type CommentThreadList = {
  documentId: string;
  permissions: { canComment: boolean };
  threads: CommentThreadView[];
};

/** Someone who may be mentioned: they may read the document. */
export type MentionCandidate = CommentPerson;
