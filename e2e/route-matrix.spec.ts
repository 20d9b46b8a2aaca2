/**
 * Route matrix (security.md, "How it is tested"): every page and API route of the demo scenario ×
 * every person of domain.md §8 → the status they must get. The expectations are written out below
 * as a table, from the scenario's rules, not computed from the app: a change of policy that moves
 * a cell must change this file too.
 *
 * Invisible is 404, exactly like missing (conventions.md §3): a 404 page names neither the document
 * nor its space, carries the generic title, and the API answers with the very body it gives for a
 * UUID that names nothing. No read changes a row (checked at the end through Priya's eyes).
 *
 * Each person signs in once; the routes are then requested through their browser context's
 * request client, which carries their session cookie, so that no page needs rendering in Chromium.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { test, expect, PEOPLE, SPACES, DOCUMENTS, MISSING_ID } from "./fixtures";
import type { DocumentKey, PersonKey, Scenario, SpaceKey } from "./fixtures";

type Status = 200 | 404;
type Row = {
  spaces: Record<SpaceKey, Status>;
  documents: Record<DocumentKey, Status>;
  /** /admin/users, /admin/explain and /admin/audit. */
  admin: Status;
};

// Why each cell is what it is (domain.md §8):
// - Kestrel: DCP members Priya, Tom, Mark; Alex (DOR) under ISA-SW-001. Sam and Janet are DCP but not
//   members. "Investigation log" is OFFICIAL-SENSITIVE: Mark's vetting has expired (counts as none,
//   which opens OFFICIAL only), so he reads "Press lines" only; Alex's RV opens it and ISA-SW-001
//   allows OFFICIAL-SENSITIVE with PERSONAL DATA.
// - MASH: Priya, Helen and Ben (CC), Aisha (RCHT) under ISA-CC-014. Ben holds BPSS: OFFICIAL only,
//   so "Agency contact list" and not "Strategy meeting minutes".
// - DCP Training: DCP members only (Priya, Tom, Mark, Janet, Sam); "Induction guide" is OFFICIAL.
// - Admin pages: Sam, the agency administrator, only.
const MATRIX: Record<PersonKey, Row> = {
  priya: { spaces: { kestrel: 200, mash: 200, training: 200 }, documents: { investigationLog: 200, pressLines: 200, strategyMinutes: 200, contactList: 200, inductionGuide: 200 }, admin: 404 },
  tom: { spaces: { kestrel: 200, mash: 404, training: 200 }, documents: { investigationLog: 200, pressLines: 200, strategyMinutes: 404, contactList: 404, inductionGuide: 200 }, admin: 404 },
  mark: { spaces: { kestrel: 200, mash: 404, training: 200 }, documents: { investigationLog: 404, pressLines: 200, strategyMinutes: 404, contactList: 404, inductionGuide: 200 }, admin: 404 },
  janet: { spaces: { kestrel: 404, mash: 404, training: 200 }, documents: { investigationLog: 404, pressLines: 404, strategyMinutes: 404, contactList: 404, inductionGuide: 200 }, admin: 404 },
  sam: { spaces: { kestrel: 404, mash: 404, training: 200 }, documents: { investigationLog: 404, pressLines: 404, strategyMinutes: 404, contactList: 404, inductionGuide: 200 }, admin: 200 },
  alex: { spaces: { kestrel: 200, mash: 404, training: 404 }, documents: { investigationLog: 200, pressLines: 200, strategyMinutes: 404, contactList: 404, inductionGuide: 404 }, admin: 404 },
  helen: { spaces: { kestrel: 404, mash: 200, training: 404 }, documents: { investigationLog: 404, pressLines: 404, strategyMinutes: 200, contactList: 200, inductionGuide: 404 }, admin: 404 },
  ben: { spaces: { kestrel: 404, mash: 200, training: 404 }, documents: { investigationLog: 404, pressLines: 404, strategyMinutes: 404, contactList: 200, inductionGuide: 404 }, admin: 404 },
  aisha: { spaces: { kestrel: 404, mash: 200, training: 404 }, documents: { investigationLog: 404, pressLines: 404, strategyMinutes: 200, contactList: 200, inductionGuide: 404 }, admin: 404 },
};

/**
 * Every route of the build, and where its access is tested. A route added to the app without a
 * line here fails the "every route is covered" test below.
 */
const COVERED_ROUTES: Record<string, string> = {
  "/": "this file (redirects to /spaces)",
  "/signin": "sign-in.spec.ts, oidc.spec.ts",
  "/spaces": "this file; sign-in.spec.ts",
  "/spaces/[spaceId]": "this file (MATRIX.spaces)",
  "/spaces/new": "spaces-lifecycle.spec.ts (creators only; others get 404)",
  "/documents/[documentId]": "this file (MATRIX.documents)",
  "/documents/[documentId]/versions/[versionId]": "co-editing.spec.ts (a reader views a version; no restore for readers); lib/documents/document-versions.test.ts (404s)",
  "/documents/[documentId]/print": "export.spec.ts (Priya 200, Alex 404)",
  "/api/v1/documents/[documentId]/export": "export.spec.ts (Priya 200, Alex 404, 400, 401)",
  "/documents/[documentId]/versions/compare": "co-editing.spec.ts; lib/documents/document-versions.test.ts (404s)",
  "/settings/tokens": "this file; api-tokens.spec.ts",
  "/settings/notifications": "this file (everyone signed in: 200; signed out: to /signin); notifications.spec.ts; lib/notifications/notification-kinds.test.ts (own choices only)",
  "/admin/users": "this file (MATRIX.admin); session-revocation.spec.ts",
  "/admin/explain": "this file (MATRIX.admin); explain.spec.ts",
  "/admin/audit": "this file (MATRIX.admin: of the scenario's people only Sam, DCP's administrator, may read DCP's audit trail; the scenario has no auditor); lib/audit/check-agency-audit-chain.test.ts; audit.spec.ts (filtered, exported, Priya 404)",
  "/api/v1/audit-events": "lib/audit/list-audit-events.test.ts (Sam DCP's events only, an auditor their agency's, Priya and Helen 403, bad filters 400)",
  "/api/v1/audit-events/export": "lib/audit/list-audit-events.test.ts (CSV and JSON equal to the list, formulas defused, the export audited, Tom 403); audit.spec.ts (Sam's CSV)",
  "/admin/agreements": "agreements.spec.ts (parties read; Helen does not see ISA-SW-001)",
  "/admin/agreements/new": "agreements.spec.ts (404 for non-administrators)",
  "/admin/agreements/[agreementId]": "agreements.spec.ts (404 to a non-party; read-only to a party's people)",
  "/admin/agreements/[agreementId]/edit": "agreements.spec.ts (404 for non-administrators)",
  "/api/v1/spaces": "this file (lists)",
  "/api/v1/spaces/[spaceId]": "this file (MATRIX.spaces)",
  "/api/v1/documents": "this file (lists)",
  "/api/v1/documents/[documentId]": "this file (MATRIX.documents); DELETE: app/api/v1/documents/[documentId]/document-route.test.ts (owner, member 403, outsider 404, held 409) and e2e/documents.spec.ts",
  "/api/v1/documents/[documentId]/collab-token": "this file (MATRIX.documents); co-editing.spec.ts",
  "/api/v1/documents/[documentId]/comments": "this file (MATRIX.documents); comments.spec.ts; app/api/v1/comments/comments-routes.test.ts (404, 403, CSRF, row unchanged)",
  "/api/v1/documents/[documentId]/mention-candidates": "this file (MATRIX.documents); comments.spec.ts; app/api/v1/comments/comments-routes.test.ts; lib/comments/comments.test.ts (only readers offered)",
  "/api/v1/comment-threads/[threadId]": "comments.spec.ts (resolve, reopen); app/api/v1/comments/comments-routes.test.ts (404 for a hidden thread, row unchanged)",
  "/api/v1/comment-threads/[threadId]/comments": "comments.spec.ts (reply); app/api/v1/comments/comments-routes.test.ts (404, 409)",
  "/api/v1/comments/[commentId]": "app/api/v1/comments/comments-routes.test.ts (author only: 403 and unchanged; 404); lib/comments/comments.test.ts",
  "/api/v1/spaces/[spaceId]/files": "files.spec.ts; app/api/v1/files/files-routes.test.ts (personas, 404, 401)",
  "/api/v1/files/[fileId]": "files.spec.ts; app/api/v1/files/files-routes.test.ts (personas, 404, 403, row unchanged)",
  "/api/v1/files/[fileId]/content": "files.spec.ts (Alex downloads); app/api/v1/files/files-routes.test.ts (headers, quarantine, 404)",
  "/spaces/[spaceId]/boards/[boardId]": "boards.spec.ts (Priya, Alex, Mark); lib/boards/board-matrix.test.ts (personas: 404 outside Kestrel)",
  "/api/v1/spaces/[spaceId]/boards": "boards.spec.ts; lib/boards/board-matrix.test.ts (personas); app/api/v1/boards/boards-routes.test.ts",
  "/api/v1/boards/[boardId]": "boards.spec.ts; lib/boards/board-matrix.test.ts (personas); app/api/v1/boards/boards-routes.test.ts (404 like missing, CSRF)",
  "/api/v1/boards/[boardId]/events": "boards.spec.ts (live); app/api/v1/boards/boards-routes.test.ts (404, content-free events, access re-check)",
  "/api/v1/boards/[boardId]/columns": "lib/boards/board-matrix.test.ts (personas); lib/boards/boards.test.ts",
  "/api/v1/boards/[boardId]/cards": "boards.spec.ts; lib/boards/board-matrix.test.ts (personas); app/api/v1/boards/boards-routes.test.ts",
  "/api/v1/boards/[boardId]/briefings": "briefings.spec.ts (Priya publishes, Tom acknowledges); api-tokens.spec.ts; lib/briefings/briefings.test.ts (OFFICIAL-SENSITIVE not listed for Mark, reader 403 on publish, bad input)",
  "/api/v1/briefings/[briefingId]/revisions": "lib/briefings/briefings.test.ts (re-acknowledgement needed, reader 403, Mark 404, bad input: nothing changed)",
  "/api/v1/briefings/[briefingId]/acknowledgements": "briefings.spec.ts (Tom); app/api/v1/briefings/briefings-routes.test.ts (409, 404 like missing); lib/briefings/briefings.test.ts (Mark 404, old revision 409, reader allowed)",
  "/api/v1/briefings/[briefingId]/status": "briefings.spec.ts (Priya sees Tom briefed, Alex not yet); app/api/v1/briefings/briefings-routes.test.ts; api-tokens.spec.ts; lib/briefings/briefings.test.ts (Mark 404, reader 403)",
  "/api/v1/columns/[columnId]": "lib/boards/boards.test.ts (rename; delete only when empty, 409)",
  "/api/v1/columns/[columnId]/move": "lib/boards/boards.test.ts",
  "/api/v1/cards/[cardId]": "lib/boards/board-matrix.test.ts (personas: 403/404, row unchanged); app/api/v1/boards/boards-routes.test.ts (409, 400, 404 like missing)",
  "/api/v1/cards/[cardId]/move": "boards.spec.ts (keyboard); lib/boards/board-matrix.test.ts; app/api/v1/boards/boards-routes.test.ts (another space's board: 400)",
  "/api/v1/cards/[cardId]/completion": "app/api/v1/cards/completion-routes.test.ts (personas × OFFICIAL/OFFICIAL-SENSITIVE, reader 403, 404 like missing, 409, CSRF, row unchanged); lib/boards/board-matrix.test.ts; lib/boards/recurring-cards.test.ts",
  "/api/v1/cards/[cardId]/assignees": "lib/boards/board-matrix.test.ts; app/api/v1/boards/boards-routes.test.ts (unknown assignee: 400)",
  "/api/v1/cards/[cardId]/links": "lib/boards/board-matrix.test.ts; lib/boards/boards.test.ts (links trimmed to readable targets)",
  "/api/v1/cards/[cardId]/links/[linkId]": "lib/boards/boards.test.ts",
  "/my-work": "lib/boards/list-my-work.test.ts (assigned cards only, none above the reader's vetting; flags and sort); shell.spec.ts (in everyone's navigation)",
  "/responses": "responses.spec.ts (the library, national and local)",
  "/forms": "lib/forms/forms-library.test.ts (national and own agency's only); shell.spec.ts (in everyone's navigation)",
  "/forms/[formId]": "lib/forms/forms-library.test.ts (404 for another agency's form; drafts for administrators only)",
  "/forms/[formId]/results": "form-results.spec.ts (Priya filters and exports; Mark sees no submission); lib/submissions/list-submissions-filters.test.ts (no filter reveals what the policy hides; 404 for a hidden form)",
  "/forms/[formId]/edit": "form-builder.spec.ts (Sam builds a DCP variant; a dropped national requirement refused); lib/forms/create-form.test.ts; lib/forms/form-matrix.test.ts (administrators only: 403 for others, 404 for another agency)",
  "/api/v1/forms": "api-tokens.spec.ts; lib/forms/forms-library.test.ts; lib/forms/create-form.test.ts (POST: administrators only, 409 for a key in use, bad titles)",
  "/api/v1/forms/[formId]": "api-tokens.spec.ts; lib/forms/forms-library.test.ts (404 like missing)",
  "/api/v1/forms/[formId]/submissions": "lib/submissions/submissions.test.ts (personas; 404 like missing; bad input); app/api/v1/submissions/submissions-routes.test.ts",
  "/api/v1/forms/[formId]/results.csv": "app/api/v1/submissions/submissions-routes.test.ts (only what the caller may read; formula-safe); app/api/v1/submissions/versions-and-results-routes.test.ts (the page's filters; 400 naming a bad one)",
  "/api/v1/submissions/[submissionId]": "lib/submissions/submissions.test.ts; app/api/v1/submissions/submissions-routes.test.ts (404 like missing, 409, 400 issues)",
  "/api/v1/submissions/[submissionId]/submit": "lib/submissions/submissions.test.ts (owner only; checked in full; versions kept)",
  "/api/v1/submissions/[submissionId]/reviews": "lib/submissions/submissions.test.ts (supervisor of the agency, never the owner; a return needs a comment)",
  "/api/v1/submissions/[submissionId]/versions": "lib/submissions/list-submission-versions.test.ts (every version kept; Mark and Helen 404, refusal audited); app/api/v1/submissions/versions-and-results-routes.test.ts (404 like missing, 401)",
  "/api/v1/submissions/[submissionId]/pdf": "app/api/v1/submissions/submissions-routes.test.ts (marking and declaration; disclosable copy)",
  "/api/v1/forms/[formId]/variants": "lib/forms/form-variants.test.ts (administrators only; 409 for a key in use)",
  "/api/v1/forms/[formId]/draft": "lib/forms/form-variants.test.ts (a variant dropping a national required field refused, nothing saved)",
  "/api/v1/forms/[formId]/publish": "lib/forms/form-variants.test.ts (404 for another agency, 403 for non-administrators)",
  "/api/v1/forms/[formId]/national-changes": "lib/forms/form-variants.test.ts (a new national version shows the difference)",
  "/api/v1/forms/[formId]/rebase": "lib/forms/form-variants.test.ts (keeps the local field, gains the national one)",
  "/records/holds": "lib/records/holds.test.ts (records managers and auditors only: Priya, Tom and Alex refused); 404 for anyone who may not read holds",
  "/records/holds/new": "lib/records/holds.test.ts (records managers only; every field's error); 404 for anyone who may not place holds",
  "/records/holds/[holdId]": "lib/records/holds.test.ts (getHold: Priya and Tom 403, Alex 404 like missing; release needs a reason); the page is 404 for anyone who may not read holds",
  "/api/v1/holds": "lib/records/holds.test.ts (GET: records managers and auditors, 403 otherwise; POST: records managers only, 400 with issues for no reason, an unknown space, another agency's item)",
  "/api/v1/holds/[holdId]": "lib/records/holds.test.ts (Priya and Tom 403, Alex 404 like missing)",
  "/api/v1/holds/[holdId]/scopes": "lib/records/holds.test.ts (records managers only; another agency's item refused by field; 409 once released)",
  "/api/v1/holds/[holdId]/release": "lib/records/holds.test.ts (a reason is required; 409 when already released; then the held document can be deleted)",
  "/records": "records-labels.spec.ts (Janet opens it from the navigation); each section linked only when the policy opens its page; 404 for anyone who may open none of them",
  "/records/spaces": "lib/records/records-spaces-events.test.ts (Janet sees every DCP space, Kestrel included, without being a member, and applies a default to existing content; Tom, Priya and Alex refused); 404 for anyone who may not change the file plan",
  "/records/events": "lib/records/records-spaces-events.test.ts (Janet raises and lists; app/(app)/records/events/raise-event-form.test.tsx: errors beside controls; the auditor lists; Tom, Priya and Alex refused; errors by field); 404 for anyone who may not read retention events",
  "/records/review": "lib/records/disposal.test.ts (named reviewers of the current stage and records managers; Tom and Alex see nothing; held items never listed); app/api/v1/record-items/disposal-routes.test.ts",
  "/records/disposed": "lib/records/disposal.test.ts (records managers and auditors; Tom and Alex see none; expired certificates never listed)",
  "/api/v1/review-queue": "app/api/v1/record-items/disposal-routes.test.ts (Janet, Priya, Tom, Alex; 401); lib/records/disposal.test.ts",
  "/api/v1/review-queue/decisions": "app/api/v1/record-items/disposal-routes.test.ts (Janet, Tom; 400 before anything is decided); lib/records/records-matrix.test.ts (every persona); e2e/records-disposal.spec.ts",
  "/api/v1/record-items/[recordItemId]/decisions": "app/api/v1/record-items/disposal-routes.test.ts (Tom and Alex 404, Priya 403, row unchanged; comment required; CSRF); lib/records/disposal.test.ts",
  "/api/v1/disposal-certificates": "app/api/v1/record-items/disposal-routes.test.ts (records managers only; 400 for a bad day); lib/records/disposal.test.ts",
  "/records/labels": "records-labels.spec.ts (Janet; Priya 404); lib/records/file-plan.test.ts (records managers, auditors and administrators read; 403 for the rest of the agency; another agency's labels neither listed nor counted)",
  "/records/labels/new": "records-labels.spec.ts (Janet creates a two-stage review label); 404 for anyone who may not change the file plan",
  "/records/labels/[labelId]": "records-labels.spec.ts; lib/records/file-plan.test.ts (Alex 404 like missing; Priya and Tom refused); 404 for anyone who may not read the file plan",
  "/api/v1/retention-labels": "app/api/v1/retention-labels/retention-labels-routes.test.ts (GET: Janet and Sam 200, Priya and Tom 403; POST: records managers only, 400 with issues, 409, CSRF, 401); api-tokens.spec.ts",
  "/api/v1/retention-labels/[labelId]": "app/api/v1/retention-labels/retention-labels-routes.test.ts (PATCH/DELETE: Priya, Tom, Sam 403, Alex 404 like missing, row unchanged; DELETE retires a label in use); lib/records/file-plan.test.ts",
  "/api/v1/retention-event-types": "app/api/v1/retention-labels/retention-labels-routes.test.ts (POST: records managers only, 409 for a key in use); lib/records/file-plan.test.ts (bad input)",
  "/api/v1/retention-rules": "app/api/v1/retention-labels/retention-labels-routes.test.ts (POST: records managers only, 409 for the same items); lib/records/file-plan.test.ts (unknown form, retired label)",
  "/api/v1/retention-rules/[ruleId]": "app/api/v1/retention-labels/retention-labels-routes.test.ts (Priya, Tom, Sam 403, Alex 404 like missing, row unchanged; 404 once gone)",
  "/submissions/[submissionId]": "forms.spec.ts (Tom fills an MG11, Priya returns and accepts); lib/submissions/submissions.test.ts (404 like missing)",
  "/notifications": "lib/notifications/notifications.test.ts (own only; no title once unreadable; no space once left); lib/notifications/notification-kinds.test.ts (mentions, replies, access ending); tasking-story.spec.ts (the bell); notifications.spec.ts (a mention)",
  "/api/v1/notifications": "app/api/v1/notifications/notifications-routes.test.ts (personas, own only, limit=0, 400, 401)",
  "/api/v1/notifications/read": "app/api/v1/notifications/notifications-routes.test.ts (another's: 404 like missing, unchanged; CSRF 403); lib/notifications/notifications.test.ts",
  "/api/v1/response-templates": "api-tokens.spec.ts; lib/responses/responses.test.ts (another agency's local template not listed)",
  "/api/v1/response-templates/[templateId]": "api-tokens.spec.ts; lib/responses/responses.test.ts (404 for another agency's local template); app/api/v1/response-templates/local-templates-routes.test.ts (PATCH/DELETE personas × templates)",
  "/api/v1/response-templates/[templateId]/copies": "app/api/v1/response-templates/local-templates-routes.test.ts (personas × templates, 409, 400, CSRF); lib/responses/responses.test.ts",
  "/responses/[templateId]/edit": "responses.spec.ts (Priya copies and edits); 404 unless the reader may update the template",
  "/api/v1/spaces/[spaceId]/responses": "responses.spec.ts (Priya starts one); lib/responses/responses.test.ts (reader 403, 404s, bad input, rollback: nothing created)",
  "/api/v1/documents/[documentId]/retention-label": "lib/records/labelling.test.ts (records managers and space owners only: Tom 403, Alex 404 where he sees nothing, Mark 404 above his vetting; regulatory 409 for everyone); app/api/v1/record-items/record-items-routes.test.ts (200, 403, 404, 400, 401)",
  "/api/v1/files/[fileId]/retention-label": "lib/records/labelling.test.ts (records managers and space owners only: Tom 403, Alex 404 where he sees nothing, Mark 404 above his vetting; regulatory 409 for everyone); app/api/v1/record-items/record-items-routes.test.ts (200, 403, 404, 400, 401)",
  "/api/v1/submissions/[submissionId]/retention-label": "lib/records/labelling.test.ts (records managers and space owners only: Tom 403, Alex 404 where he sees nothing, Mark 404 above his vetting; regulatory 409 for everyone); app/api/v1/record-items/record-items-routes.test.ts (200, 403, 404, 400, 401)",
  "/api/v1/documents/[documentId]/retention-subject": "lib/records/labelling.test.ts (records managers only: space owner 403); app/api/v1/record-items/record-items-routes.test.ts (Tom 403)",
  "/api/v1/files/[fileId]/retention-subject": "lib/records/labelling.test.ts (records managers only: space owner 403); app/api/v1/record-items/record-items-routes.test.ts (Tom 403)",
  "/api/v1/submissions/[submissionId]/retention-subject": "lib/records/labelling.test.ts (records managers only: space owner 403); app/api/v1/record-items/record-items-routes.test.ts (Tom 403)",
  "/api/v1/spaces/[spaceId]/retention-default": "lib/records/labelling.test.ts (applyToExisting; Tom 403, Alex 404 on MASH); app/api/v1/record-items/record-items-routes.test.ts",
  "/api/v1/retention-events": "lib/records/retention-events.test.ts (records managers only: Tom 403; unknown event type, future or unreal day: 400); app/api/v1/record-items/record-items-routes.test.ts",
  "/api/v1/record-items": "lib/records/retention-events.test.ts (policy-trimmed in SQL: empty for Tom, Mark, Alex; nothing above a records manager's vetting); app/api/v1/record-items/record-items-routes.test.ts (400, 401)",
  "/records/items": "lib/records/retention-events.test.ts (listRecordItems: empty for anyone without a records role, who get 404 on the page)",
  "/search": "search.spec.ts (Alex finds nothing of the MASH minutes, Priya finds them); lib/search/search-content.test.ts (every persona's results equal the brute-force policy check; nothing hidden counted)",
  "/api/v1/search": "app/api/v1/search/search-route.test.ts (Alex answered as for a word found nowhere; 400, 403, 401); lib/search/search-content.test.ts",
  "/admin/sharepoint": "policies/navigation.test.ts (linked for agency administrators); the page is 404 for anyone who may not read the SyncConnection (administrators, auditors, records managers); app/api/v1/sharepoint/sharepoint-routes.test.ts (its data)",
  "/api/v1/sharepoint/connection": "app/api/v1/sharepoint/sharepoint-routes.test.ts (GET: Sam and Janet 200, Priya 403, never the secret; PUT: Sam only, Janet and Priya 403, 400 with issues, CSRF)",
  "/api/v1/sharepoint/connection/test": "app/api/v1/sharepoint/sharepoint-routes.test.ts (Janet 403); the steps against the Graph stand-in are tested in lib/graph",
  "/api/v1/sharepoint/overview": "app/api/v1/sharepoint/sharepoint-routes.test.ts (Sam and Janet 200, Priya 403)",
  "/api/v1/sharepoint/queue/[outboxId]/retry": "app/api/v1/sharepoint/sharepoint-routes.test.ts (Sam 200, Janet 403 with the row unchanged, 404 for no such change)",
  "/api/v1/documents/[documentId]/sync": "app/api/v1/sharepoint/item-sync-routes.test.ts (Priya 200, Alex 404 like missing; retry)",
  "/api/v1/documents/[documentId]/sync/conflict": "app/api/v1/sharepoint/item-sync-routes.test.ts (400 for another keep, 409 without a conflict, Alex 404)",
  "/api/v1/files/[fileId]/sync": "app/api/v1/sharepoint/item-sync-routes.test.ts (Priya 200, Alex 404 like missing; retry)",
  "/api/v1/spaces/[spaceId]/sync": "this file (MATRIX.spaces; only readable documents' ids); app/api/v1/spaces/[spaceId]/sync/space-sync-routes.test.ts (Priya, Alex 200, Mark without the OFFICIAL-SENSITIVE items, Helen 404 like missing; no names, no audit)",
  "/api/v1/openapi.json": "api-tokens.spec.ts (public)",
  "/api/health": "shell.spec.ts (public)",
  "/api/auth/[...nextauth]": "oidc.spec.ts (Auth.js)",
  "/_not-found": "Next.js's built-in not-found route",
  "/_global-error": "Next.js's built-in error route",
};

/** The pages only an agency administrator may open. */
const ADMIN_PAGES = ["/admin/users", "/admin/explain", "/admin/audit"] as const;

/** The <title> the server renders for the not-found page. */
const NOT_FOUND_TITLE = "Not found · Accord";

/** The text between <title> and </title> in an HTML page. */
function htmlTitle(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1]?.replaceAll("&amp;", "&");
}

/** An HTML page with the one id it was asked about blanked out, so that two 404 pages compare. */
function withoutId(html: string, id: string): string {
  return html.replaceAll(id, "<id>");
}

/** Request without following redirects (a redirect to /signin must show as one). */
async function get(request: APIRequestContext, path: string): Promise<APIResponse> {
  return request.get(path, { maxRedirects: 0 });
}

/** What a person's requests for a missing id get: the reference every invisible thing must equal. */
type Missing = { spacePage: string; documentPage: string; apiBody: string };

async function missingReference(request: APIRequestContext): Promise<Missing> {
  const spacePage = await get(request, `/spaces/${MISSING_ID}`);
  const documentPage = await get(request, `/documents/${MISSING_ID}`);
  const apiSpace = await get(request, `/api/v1/spaces/${MISSING_ID}`);
  const apiDocument = await get(request, `/api/v1/documents/${MISSING_ID}`);
  for (const response of [spacePage, documentPage, apiSpace, apiDocument]) expect(response.status(), response.url()).toBe(404);
  const apiBody = await apiSpace.text();
  expect(JSON.parse(apiBody)).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  expect(await apiDocument.text(), "missing space and missing document answer alike").toBe(apiBody);
  return { spacePage: withoutId(await spacePage.text(), MISSING_ID), documentPage: withoutId(await documentPage.text(), MISSING_ID), apiBody };
}

/** Asserts a 404 page reveals nothing: generic title, no name, the same page as for a missing id. */
async function expectOpaquePage(response: APIResponse, id: string, secrets: string[], reference: string): Promise<void> {
  expect(response.status(), response.url()).toBe(404);
  const html = await response.text();
  expect(htmlTitle(html), response.url()).toBe(NOT_FOUND_TITLE);
  expect(html).toContain("Page not found");
  for (const secret of secrets) expect(html, `${response.url()} must not mention "${secret}"`).not.toContain(secret);
  expect(withoutId(html, id), `${response.url()} is the page a missing id gets`).toBe(reference);
}

/** Asserts an API 404 is byte for byte the answer for a missing id. */
async function expectOpaqueApi(response: APIResponse, secrets: string[], reference: string): Promise<void> {
  expect(response.status(), response.url()).toBe(404);
  const body = await response.text();
  for (const secret of secrets) expect(body).not.toContain(secret);
  expect(body, `${response.url()} answers exactly as for a missing id`).toBe(reference);
}

async function checkSpaces(request: APIRequestContext, row: Row, scenario: Scenario, missing: Missing): Promise<void> {
  for (const key of Object.keys(SPACES) as SpaceKey[]) {
    const { id, name } = scenario.spaces[key];
    const page = await get(request, `/spaces/${id}`);
    const api = await get(request, `/api/v1/spaces/${id}`);
    // The space's SharePoint statuses in one read: as the space, and only for documents the row reads.
    const sync = await get(request, `/api/v1/spaces/${id}/sync`);
    expect.soft(page.status(), `page of ${name}`).toBe(row.spaces[key]);
    expect.soft(api.status(), `API of ${name}`).toBe(row.spaces[key]);
    expect.soft(sync.status(), `SharePoint statuses of ${name}`).toBe(row.spaces[key]);
    if (row.spaces[key] === 200) {
      expect(await page.text()).toContain(name);
      expect(await api.json()).toMatchObject({ id, name });
      const readableIds = (Object.keys(DOCUMENTS) as DocumentKey[]).filter((k) => row.documents[k] === 200).map((k) => scenario.documents[k].id);
      const statuses = (await sync.json()) as { spaceId: string; documents: Record<string, unknown> };
      expect(statuses.spaceId).toBe(id);
      for (const documentId of Object.keys(statuses.documents)) expect(readableIds, `status of an unreadable document in ${name}`).toContain(documentId);
    } else {
      const secrets = [name, ...Object.values(DOCUMENTS).filter((d) => d.space === key).map((d) => d.title)];
      await expectOpaquePage(page, id, secrets, missing.spacePage);
      await expectOpaqueApi(api, secrets, missing.apiBody);
      await expectOpaqueApi(sync, secrets, missing.apiBody);
    }
  }
}

async function checkDocuments(request: APIRequestContext, row: Row, scenario: Scenario, missing: Missing): Promise<void> {
  for (const key of Object.keys(DOCUMENTS) as DocumentKey[]) {
    const { id, title, spaceId } = scenario.documents[key];
    const spaceName = SPACES[DOCUMENTS[key].space];
    // The API first, with a justification: Aisha's trust asks for one before its people open
    // OFFICIAL-SENSITIVE content (lib/audit/justification.ts); it covers her further reads of the
    // document (the page, its token, its comments) for an hour. For everyone else it is kept as given.
    const api = await request.get(`/api/v1/documents/${id}`, { maxRedirects: 0, headers: { "accord-justification": "Route matrix: checking who may see what" } });
    const page = await get(request, `/documents/${id}`);
    // The co-editing token: only for a document the person may read, and it says whether they may edit.
    const token = await request.post(`/api/v1/documents/${id}/collab-token`, { maxRedirects: 0 });
    // Its comments: for exactly those who may read it (everyone in the matrix who reads also edits, so also mentions).
    const comments = await get(request, `/api/v1/documents/${id}/comments`);
    const candidates = await get(request, `/api/v1/documents/${id}/mention-candidates`);
    expect.soft(page.status(), `page of "${title}"`).toBe(row.documents[key]);
    expect.soft(api.status(), `API of "${title}"`).toBe(row.documents[key]);
    expect.soft(token.status(), `co-editing token for "${title}"`).toBe(row.documents[key]);
    expect.soft(comments.status(), `comments of "${title}"`).toBe(row.documents[key]);
    expect.soft(candidates.status(), `mention candidates for "${title}"`).toBe(row.documents[key]);
    if (row.documents[key] === 200) {
      expect(await page.text()).toContain(title);
      const view = (await api.json()) as { permissions: { canUpdate: boolean } };
      expect(view).toMatchObject({ id, title, space: { id: spaceId, name: spaceName } });
      expect(await token.json()).toMatchObject({ token: expect.stringMatching(/^[\w-]+\.[\w-]+$/), canEdit: view.permissions.canUpdate });
      expect(await comments.json()).toMatchObject({ documentId: id, permissions: { canComment: view.permissions.canUpdate }, threads: expect.any(Array) });
    } else {
      await expectOpaqueApi(token, [title, ...(row.spaces[DOCUMENTS[key].space] === 404 ? [spaceName] : [])], missing.apiBody);
      await expectOpaqueApi(comments, [title], missing.apiBody);
      await expectOpaqueApi(candidates, [title], missing.apiBody);
      // (Its marking is no secret: the banners name the deployment's markings on every page.)
      const secrets: string[] = [title];
      // The space's name is no secret to someone who may see the space.
      if (row.spaces[DOCUMENTS[key].space] === 404) secrets.push(spaceName);
      await expectOpaquePage(page, id, secrets, missing.documentPage);
      await expectOpaqueApi(api, secrets, missing.apiBody);
    }
  }
}

async function checkLists(request: APIRequestContext, row: Row, scenario: Scenario): Promise<void> {
  // GET /api/v1/spaces: exactly the spaces of the row, by name.
  const spaces = await get(request, "/api/v1/spaces");
  expect(spaces.status()).toBe(200);
  const visibleSpaces = (Object.keys(SPACES) as SpaceKey[]).filter((k) => row.spaces[k] === 200).map((k) => SPACES[k]);
  expect(((await spaces.json()) as { items: { name: string }[] }).items.map((s) => s.name)).toEqual(visibleSpaces.sort());

  // GET /api/v1/documents: exactly the documents of the row.
  const documents = await get(request, "/api/v1/documents?limit=100");
  expect(documents.status()).toBe(200);
  const readable = (Object.keys(DOCUMENTS) as DocumentKey[]).filter((k) => row.documents[k] === 200).map((k) => DOCUMENTS[k].title);
  const page = (await documents.json()) as { items: { title: string }[]; nextCursor: string | null };
  expect(page.items.map((d) => d.title).sort()).toEqual(readable.sort());
  expect(page.nextCursor).toBeNull();

  // Filtered by a space: the row's documents of that space; nothing at all for a space they cannot see.
  for (const key of Object.keys(SPACES) as SpaceKey[]) {
    const response = await get(request, `/api/v1/documents?spaceId=${scenario.spaces[key].id}`);
    expect(response.status()).toBe(200);
    const titles = ((await response.json()) as { items: { title: string }[] }).items.map((d) => d.title).sort();
    const expected = (Object.keys(DOCUMENTS) as DocumentKey[])
      .filter((k) => DOCUMENTS[k].space === key && row.documents[k] === 200)
      .map((k) => DOCUMENTS[k].title)
      .sort();
    expect(titles, `documents of ${SPACES[key]}`).toEqual(expected);
    if (row.spaces[key] === 404) expect(titles).toEqual([]);
  }
}

test.describe("route matrix", () => {
  for (const [personKey, row] of Object.entries(MATRIX) as [PersonKey, Row][]) {
    const person = PEOPLE[personKey];
    test(`${person.name}: every space, document and admin route`, async ({ openSession, scenario }) => {
      const { context } = await openSession(person);
      const request = context.request;
      const missing = await missingReference(request);

      await checkSpaces(request, row, scenario, missing);
      await checkDocuments(request, row, scenario, missing);
      await checkLists(request, row, scenario);

      for (const path of ADMIN_PAGES) {
        const response = await get(request, path);
        expect.soft(response.status(), path).toBe(row.admin);
        if (row.admin === 404) {
          const html = await response.text();
          expect(htmlTitle(html)).toBe(NOT_FOUND_TITLE);
          // Nothing of the agency's people shows through (the header names the viewer, so someone else).
          const other = personKey === "janet" ? PEOPLE.mark : PEOPLE.janet;
          expect(html).not.toContain(other.email);
          expect(html).not.toContain(other.name);
        }
      }

      // Pages everyone signed in may open.
      for (const path of ["/spaces", "/settings/tokens", "/settings/notifications"]) expect.soft((await get(request, path)).status(), path).toBe(200);
      const home = await get(request, "/");
      expect(home.status()).toBe(307);
      expect(home.headers()["location"]).toMatch(/\/spaces$/);
    });
  }

  test("every route the build serves is covered by a spec", () => {
    // Next.js's manifest of the app routes of the build the server runs (npm start builds into .next).
    const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    const served = [...new Set(Object.values(manifest))].sort();
    expect(served.filter((route) => !(route in COVERED_ROUTES)), "routes with no access test").toEqual([]);
    expect(Object.keys(COVERED_ROUTES).filter((route) => !served.includes(route)), "routes listed here that the build no longer has").toEqual([]);
  });

  test("a malformed id is a 404 like a missing one, on pages and in the API", async ({ openSession }) => {
    const { context } = await openSession(PEOPLE.priya);
    const request = context.request;
    const missing = await missingReference(request);
    for (const bad of ["not-a-uuid", "1", "00000000-0000-4000-8000-00000000000", "' OR 1=1 --", "%00", "..%2F..%2Fapi%2Fv1%2Fspaces"]) {
      const segment = encodeURIComponent(decodeURIComponent(bad));
      for (const path of [`/spaces/${segment}`, `/documents/${segment}`]) {
        const response = await get(request, path);
        expect(response.status(), path).toBe(404);
        expect(htmlTitle(await response.text()), path).toBe(NOT_FOUND_TITLE);
      }
      for (const path of [`/api/v1/spaces/${segment}`, `/api/v1/documents/${segment}`]) {
        const response = await get(request, path);
        expect(response.status(), path).toBe(404);
        expect(await response.text(), path).toBe(missing.apiBody);
      }
    }
    // A malformed filter is the caller's mistake, and says so (documented as 400).
    const badFilter = await get(request, "/api/v1/documents?spaceId=not-a-uuid");
    expect(badFilter.status()).toBe(400);
    expect(await badFilter.json()).toEqual({ error: { code: "invalid_input", message: expect.any(String) } });
  });

  test("without signing in: the API answers 401 and pages send to /signin", async ({ request, scenario }) => {
    const apiPaths = [
      "/api/v1/spaces",
      "/api/v1/documents",
      ...Object.values(scenario.spaces).map((s) => `/api/v1/spaces/${s.id}`),
      ...Object.values(scenario.documents).map((d) => `/api/v1/documents/${d.id}`),
      `/api/v1/spaces/${MISSING_ID}`,
      `/api/v1/documents/${MISSING_ID}`,
    ];
    let reference: string | undefined;
    for (const path of apiPaths) {
      const response = await get(request, path);
      expect(response.status(), path).toBe(401);
      expect(response.headers()["www-authenticate"], path).toMatch(/^Bearer\b/);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
      // Existing and missing things get the same 401: no oracle before authentication either.
      reference ??= body;
      expect(body, path).toBe(reference);
    }

    const home = await get(request, "/");
    expect(home.status()).toBe(307);
    expect(home.headers()["location"]).toMatch(/\/spaces$/);

    const pagePaths = [
      "/spaces",
      "/settings/tokens",
      "/settings/notifications",
      ...ADMIN_PAGES,
      ...Object.values(scenario.spaces).map((s) => `/spaces/${s.id}`),
      ...Object.values(scenario.documents).map((d) => `/documents/${d.id}`),
      `/documents/${MISSING_ID}`,
    ];
    for (const path of pagePaths) {
      const response = await get(request, path);
      expect([302, 303, 307], path).toContain(response.status());
      expect(new URL(response.headers()["location"] ?? "", "http://x").pathname, path).toBe("/signin");
      const body = await response.text();
      for (const d of Object.values(DOCUMENTS)) expect(body, path).not.toContain(d.title);
    }
  });

  // Last in the file, so that it sees every read above: none of them changed a row.
  test("the reads above changed no document", async ({ openSession, scenario }) => {
    const { context } = await openSession(PEOPLE.priya);
    const response = await context.request.get("/api/v1/documents?limit=100");
    const items = ((await response.json()) as { items: { id: string; title: string; spaceId: string; marking: string; updatedAt: string }[] }).items;
    const now = Object.fromEntries(items.map(({ id, title, spaceId, marking, updatedAt }) => [id, { id, title, spaceId, marking, updatedAt }]));
    for (const doc of Object.values(scenario.documents)) expect(now[doc.id], doc.title).toEqual(doc);
  });
});
