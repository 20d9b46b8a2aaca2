/**
 * Which DPA 2018 s.62 operation an audit event records (domain.md §6): collection, alteration,
 * consultation, disclosure (including transfers), combination or erasure. Decided here from the
 * action's name alone, in one place, so that every way of writing an event (recordAudit,
 * changeWithAudit, the sweeps' INSERT … SELECT) gives the same action the same kind, and a new
 * action of a content namespace is classified by its verb instead of silently left out.
 *
 * Only processing of case content counts: documents, files, cards and boards, comments,
 * briefings, form submissions, records and spaces (whose names and members are case data), and
 * their copies in SharePoint. Sign-ins, tokens, settings, retention schedules, form definitions
 * and agreements process no one's case data: their kind is null, and they stay in the trail.
 */

export const S62_KINDS = ["collection", "alteration", "consultation", "disclosure", "combination", "erasure"] as const;
export type S62Kind = (typeof S62_KINDS)[number];

/** Namespaces whose events process case content. */
const CONTENT = new Set(["document", "file", "card", "board", "comment", "briefing", "submission", "record", "hold", "space", "response"]);

/** Actions whose kind their verb would get wrong. */
const EXACT: Record<string, S62Kind | null> = {
  // Reading content.
  "card.my_work_read": "consultation",
  "record.review_queue_read": "consultation",
  "submission.list_read": "consultation",
  "submission.versions_read": "consultation",
  // Content leaving Accord, or reaching people it did not reach before.
  "document.docx": "disclosure",
  "briefing.pptx": "disclosure",
  "space.member_add": "disclosure",
  // New content.
  "submission.submit": "collection",
  "response.start": "collection",
  "document.remote_version": "collection",
  "file.remote_edit": "collection",
  // Bringing together what was apart: a card linked to a document or file, records tied to one
  // data subject.
  "card.link": "combination",
  "record.subject": "combination",
  // Removal for good.
  "record.dispose": "erasure",
  "record.certificate_purge": "erasure",
  "board.column_delete": "erasure",
  // Operational: a person asking for a failed delivery to be tried again discloses nothing new.
  "graph.sync.retry": null,
  "graph.conflict.resolve": "alteration",
};

/** The s.62 kind of an audit action, or null when it processes no case content. */
export function s62KindOf(action: string): S62Kind | null {
  if (Object.hasOwn(EXACT, action)) return EXACT[action] ?? null;
  // Every delivery to SharePoint is a transfer of the content out of Accord, except the deletes.
  if (action.startsWith("graph.sync.")) return /\.(delete|dispose|removed_remotely)$/.test(action) ? "erasure" : "disclosure";
  const dot = action.indexOf(".");
  if (dot < 0 || !CONTENT.has(action.slice(0, dot))) return null;
  const verb = action.slice(dot + 1);
  if (verb === "read" || verb.endsWith("_read")) return "consultation";
  if (verb === "download" || verb.startsWith("export")) return "disclosure";
  if (verb === "delete") return "erasure";
  if (verb === "create" || verb === "upload" || verb === "reply") return "collection";
  return "alteration";
}
