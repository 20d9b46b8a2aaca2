/**
 * The OpenAPI 3.1 description of the tasking-board paths of /api/v1, in the style of
 * lib/api/openapi-comments.ts, merged into openApiDocument(). Written by hand so that every status
 * code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r400 = { description: "The input is invalid (code invalid_input; the message says which rule: a column of another board, a due date before the start, a title too long, an unknown assignee…); nothing changed", ...errorBody };
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403 = { description: "The caller sees the board or card but may not do this (code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r404 = { description: "Does not exist, or the caller may not see it (a card above their vetting, a board outside their spaces): the two are indistinguishable", ...errorBody };
const r409 = {
  description: "The card changed since the version the edit was made against (code conflict); `error.current` holds the card as it is now, to compare and merge. Also: deleting a column that still holds cards.",
  content: { "application/json": { schema: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, current: { $ref: "#/components/schemas/Card" } } } } } } },
};
const r413 = { description: "The body is larger than 64 KiB (code too_large)", ...errorBody };

const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }) as const;
const json = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const uuid = { type: "string", format: "uuid" } as const;
const nullableUuid = { type: ["string", "null"], format: "uuid" } as const;
const sameOrigin = " With the browser session, the request must come from Accord's own pages (Origin).";
const write = (extra: Record<string, unknown> = {}) => ({ "400": r400, "401": r401, "403": r403, "404": r404, "413": r413, ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idOnly = { type: "object", required: ["id"], properties: { id: uuid } } as const;

const cardFields = {
  title: { type: "string", minLength: 1, maxLength: 200 },
  description: { description: "The editor's JSON (tiptap, cleaned to Accord's schema) or plain text (one paragraph per line)", oneOf: [{ type: "string" }, { type: "object" }] },
  startAt: { type: ["string", "null"], format: "date-time" },
  dueAt: { type: ["string", "null"], format: "date-time", description: "Never before startAt" },
  labels: { type: "array", maxItems: 20, items: { type: "string", maxLength: 40 } },
  checklist: { type: "array", maxItems: 100, items: { type: "object", required: ["text"], properties: { id: { type: "string" }, text: { type: "string", maxLength: 500 }, done: { type: "boolean" } } } },
  marking: { type: "string", description: "Empty or absent on create: the space's default marking. Never above the space's ceiling." },
  recurrence: {
    description:
      "How the card repeats, or null: it does not. Completing it makes the next occurrence, its dates moved on by `interval` days, weeks or calendar months (in UTC; a month end is clamped, 31 Jan + 1 month = 28/29 Feb) to the first due date after the completion, until the `until` date (inclusive) has passed. Needs a due date or a start date; `until` never before it.",
    oneOf: [
      {
        type: "object",
        required: ["frequency"],
        properties: {
          frequency: { enum: ["daily", "weekly", "monthly"] },
          interval: { type: "integer", minimum: 1, maximum: 52, default: 1 },
          until: { type: "string", format: "date", description: "YYYY-MM-DD" },
        },
      },
      { type: "null" },
    ],
  },
} as const;

/** The board paths, keyed as in openApiDocument().paths. */
export const boardsPaths = {
  "/spaces/{spaceId}/boards": {
    get: {
      summary: "List a space's boards, each with the number of cards the caller may read",
      operationId: "listBoards",
      parameters: [path("spaceId")],
      responses: { "200": ok("The boards, oldest first", { type: "object", properties: { items: { type: "array", items: ref("BoardSummary") }, permissions: { type: "object", properties: { canCreate: { type: "boolean" } } } } }), "401": r401, "404": r404 },
    },
    post: {
      summary: "Create a board (with columns To do, In progress, Done unless others are named)",
      description: "For owners, members and partner guests of an open space." + sameOrigin,
      operationId: "createBoard",
      parameters: [path("spaceId")],
      requestBody: json({ type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 200 }, columns: { type: "array", items: { type: "string", maxLength: 100 }, maxItems: 20 } } }),
      responses: { "200": ok("The new board's id", idOnly), ...write() },
    },
  },
  "/boards/{boardId}": {
    get: {
      summary: "Get a board: its columns and only the cards the caller may read (counts likewise)",
      operationId: "getBoard",
      parameters: [path("boardId")],
      responses: { "200": ok("The board", ref("Board")), "401": r401, "404": r404 },
    },
    patch: {
      summary: "Rename a board",
      description: sameOrigin.trim(),
      operationId: "renameBoard",
      parameters: [path("boardId")],
      requestBody: json({ type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 200 } } }),
      responses: { "200": ok("The board's id and title", { type: "object", properties: { id: uuid, title: { type: "string" } } }), ...write() },
    },
    delete: {
      summary: "Delete a board with its columns and cards",
      description: "Refused (403) unless the caller may delete every card on it." + sameOrigin,
      operationId: "deleteBoard",
      parameters: [path("boardId")],
      responses: { "200": ok("The deleted board's id", idOnly), "401": r401, "403": r403, "404": r404 },
    },
  },
  "/boards/{boardId}/events": {
    get: {
      summary: "Live feed of the board's changes (Server-Sent Events)",
      description:
        'text/event-stream. Each change sends `event: board-changed` with data `{"type":"board-changed"}` and nothing else: refetch GET /boards/{boardId}. ' +
        "A comment every 15 s keeps the connection open; access is re-checked every 30 s and the feed ends (after an `access-lost` event) when it is lost.",
      operationId: "streamBoardEvents",
      parameters: [path("boardId")],
      responses: { "200": { description: "The event stream", content: { "text/event-stream": { schema: { type: "string" } } } }, "401": r401, "404": r404 },
    },
  },
  "/boards/{boardId}/columns": {
    post: {
      summary: "Add a column at the end of the board",
      description: sameOrigin.trim(),
      operationId: "createColumn",
      parameters: [path("boardId")],
      requestBody: json({ type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 100 } } }),
      responses: { "200": ok("The column's id and position", { type: "object", properties: { id: uuid, position: { type: "string" } } }), ...write() },
    },
  },
  "/boards/{boardId}/cards": {
    post: {
      summary: "Add a card at the end of a column",
      description: "The card belongs to the caller's agency; its marking must be one their vetting allows." + sameOrigin,
      operationId: "createCard",
      parameters: [path("boardId")],
      requestBody: json({ type: "object", required: ["columnId", "title"], properties: { columnId: uuid, ...cardFields, recipientIds: { type: "array", items: uuid } } }),
      responses: { "200": ok("The card", ref("Card")), ...write() },
    },
  },
  "/columns/{columnId}": {
    patch: {
      summary: "Rename a column",
      description: sameOrigin.trim(),
      operationId: "renameColumn",
      parameters: [path("columnId")],
      requestBody: json({ type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 100 } } }),
      responses: { "200": ok("The column's id and title", { type: "object", properties: { id: uuid, title: { type: "string" } } }), ...write() },
    },
    delete: {
      summary: "Delete an empty column",
      description: "409 while it still holds cards." + sameOrigin,
      operationId: "deleteColumn",
      parameters: [path("columnId")],
      responses: { "200": ok("The deleted column's id", idOnly), "401": r401, "403": r403, "404": r404, "409": r409 },
    },
  },
  "/columns/{columnId}/move": {
    post: {
      summary: "Move a column between two others of its board",
      description: "afterColumnId: the column it will follow (null: first); beforeColumnId: the one it will precede (null: last)." + sameOrigin,
      operationId: "moveColumn",
      parameters: [path("columnId")],
      requestBody: json({ type: "object", properties: { afterColumnId: nullableUuid, beforeColumnId: nullableUuid } }),
      responses: { "200": ok("The column's id and new position", { type: "object", properties: { id: uuid, position: { type: "string" } } }), ...write() },
    },
  },
  "/cards/{cardId}": {
    get: {
      summary: "Get one card",
      operationId: "getCard",
      parameters: [path("cardId")],
      responses: { "200": ok("The card", ref("Card")), "401": r401, "404": r404 },
    },
    patch: {
      summary: "Edit a card, naming the version edited (optimistic concurrency)",
      description: "Lowering the marking needs the card's own agency and a justification (at least 10 characters)." + sameOrigin,
      operationId: "updateCard",
      parameters: [path("cardId")],
      requestBody: json({ type: "object", required: ["expectedVersion"], properties: { expectedVersion: { type: "integer", minimum: 1 }, ...cardFields, recipientIds: { type: "array", items: uuid }, justification: { type: "string", maxLength: 2000 } } }),
      responses: { "200": ok("The card, its version one higher", ref("Card")), ...write({ "409": r409 }) },
    },
    delete: {
      summary: "Delete a card",
      description: "For the space's owner of the card's agency, or that agency's records manager." + sameOrigin,
      operationId: "deleteCard",
      parameters: [path("cardId")],
      responses: { "200": ok("The deleted card's id", idOnly), "401": r401, "403": r403, "404": r404 },
    },
  },
  "/cards/{cardId}/move": {
    post: {
      summary: "Move a card within its board",
      description: "columnId must be a column of the card's own board. afterCardId: the card it will follow (null: top); beforeCardId: the one it will precede (null: bottom)." + sameOrigin,
      operationId: "moveCard",
      parameters: [path("cardId")],
      requestBody: json({ type: "object", required: ["columnId"], properties: { columnId: uuid, afterCardId: nullableUuid, beforeCardId: nullableUuid } }),
      responses: { "200": ok("The card's column and new position", { type: "object", properties: { id: uuid, columnId: uuid, position: { type: "string" } } }), ...write() },
    },
  },
  "/cards/{cardId}/completion": {
    post: {
      summary: "Complete a card; a repeating card gets its next occurrence",
      description:
        "Needs the right to edit the card. With expectedVersion, refused (409) when the card has changed since. A repeating card's next occurrence is made in the same transaction (same column, at its end; checklist reset; assignees who may still read it) and takes the recurrence over. 400 when the card is already complete." +
        sameOrigin,
      operationId: "completeCard",
      parameters: [path("cardId")],
      requestBody: json({ type: "object", properties: { expectedVersion: { type: "integer", minimum: 1 } } }),
      responses: {
        "200": ok("The completed card, and the next occurrence when it repeats (absent when the series has ended)", { type: "object", required: ["card"], properties: { card: ref("Card"), next: ref("Card") } }),
        ...write({ "409": r409 }),
      },
    },
    delete: {
      summary: "Reopen a completed card",
      description: "Needs the right to edit the card. An occurrence already made when it was completed stays. 400 when the card is not complete." + sameOrigin,
      operationId: "reopenCard",
      parameters: [path("cardId")],
      responses: { "200": ok("The card, open again", ref("Card")), "400": r400, "401": r401, "403": r403, "404": r404 },
    },
  },
  "/cards/{cardId}/assignees": {
    put: {
      summary: "Set who a card is assigned to",
      description: "Each must be a member of the space who may read the card." + sameOrigin,
      operationId: "setCardAssignees",
      parameters: [path("cardId")],
      requestBody: json({ type: "object", required: ["userIds"], properties: { userIds: { type: "array", maxItems: 20, items: uuid }, expectedVersion: { type: "integer", minimum: 1 } } }),
      responses: { "200": ok("The card", ref("Card")), ...write({ "409": r409 }) },
    },
  },
  "/cards/{cardId}/links": {
    post: {
      summary: "Link a card to a document, file or form submission of its space",
      description:
        "Exactly one of documentId, fileId and submissionId. The linker must be able to edit the card and read the target; a target of another space, one they cannot read and a missing one all answer the same 400. Each viewer sees a link only when they may read its target." +
        sameOrigin,
      operationId: "linkCard",
      parameters: [path("cardId")],
      requestBody: json({ type: "object", minProperties: 1, maxProperties: 1, properties: { documentId: uuid, fileId: uuid, submissionId: uuid } }),
      responses: { "200": ok("The card", ref("Card")), ...write() },
    },
  },
  "/cards/{cardId}/links/{linkId}": {
    delete: {
      summary: "Remove a link of a card",
      description: sameOrigin.trim(),
      operationId: "unlinkCard",
      parameters: [path("cardId"), path("linkId")],
      responses: { "200": ok("The card", ref("Card")), "400": r400, "401": r401, "403": r403, "404": r404 },
    },
  },
} as const;

/** The schemas the board paths refer to. */
export const boardsSchemas = {
  BoardSummary: { type: "object", properties: { id: uuid, title: { type: "string" }, cardCount: { type: "integer" }, createdAt: { type: "string", format: "date-time" } } },
  Board: {
    type: "object",
    properties: {
      id: uuid,
      title: { type: "string" },
      space: { type: "object", properties: { id: uuid, name: { type: "string" }, ceilingMarking: { type: "string" }, defaultMarking: { type: "string" } } },
      highestMarking: { type: "object", properties: { marking: { type: "string" }, rank: { type: "integer" } } },
      columns: {
        type: "array",
        items: { type: "object", properties: { id: uuid, title: { type: "string" }, position: { type: "string" }, cardCount: { type: "integer", description: "Cards the caller may read" }, cards: { type: "array", items: ref("Card") } } },
      },
      markings: { type: "array", items: { type: "string" } },
      defaultMarking: { type: ["string", "null"] },
      permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canDelete: { type: "boolean" }, canCreateCards: { type: "boolean" } } },
    },
  },
  Card: {
    type: "object",
    properties: {
      id: uuid,
      boardId: uuid,
      columnId: uuid,
      ...cardFields,
      description: { type: "object", description: "The editor's JSON" },
      position: { type: "string", description: "Fractional index; cards sort by position, then id" },
      version: { type: "integer" },
      completedAt: { type: ["string", "null"], format: "date-time", description: "When the card was completed; null while it is open" },
      markingRank: { type: "integer" },
      assignees: { type: "array", items: { type: "object", properties: { userId: uuid, name: { type: "string" } } } },
      links: { type: "array", items: { type: "object", properties: { id: uuid, kind: { enum: ["document", "file", "submission"] }, targetId: uuid, title: { type: "string", description: "The document's title, the file's name, or for a submission its form's title, owner and status" } } } },
      permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canDelete: { type: "boolean" }, canRemark: { type: "boolean" } } },
    },
  },
} as const;
