/**
 * The OpenAPI 3.1 description of the comment paths of /api/v1, in the style of lib/api/openapi.ts,
 * to be merged into its `paths` (and `commentsSchemas` into its `components.schemas`). Written by
 * hand so that every status code is the one the handlers really return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;

const responses = {
  "400": { description: "The input is invalid (code invalid_input; the message says which rule), or the body is not a JSON object sent as application/json", ...errorBody },
  "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody },
  "403": {
    description:
      "The caller can read the document but may not do this: a reader commenting, someone changing another person's comment (code forbidden); or a cookie-authenticated change from another origin (code cross_origin)",
    ...errorBody,
  },
  "404": { description: "Does not exist, or the caller may not read its document (the two are indistinguishable)", ...errorBody },
} as const;

const tooLarge = { "413": { description: "The body is larger than 64 KiB (code too_large)", ...errorBody } } as const;

const documentId = { name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } } as const;
const threadId = { name: "threadId", in: "path", required: true, schema: { type: "string", format: "uuid" } } as const;
const commentId = { name: "commentId", in: "path", required: true, schema: { type: "string", format: "uuid" } } as const;

const json = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const uuid = { type: "string", format: "uuid" } as const;
const body = { type: "string", minLength: 1, maxLength: 4000, description: "Plain text (never HTML), trimmed; 1 to 4,000 characters" } as const;
const mentionIds = {
  type: "array",
  maxItems: 20,
  items: uuid,
  description: "People mentioned, by user id. Each must be able to read the document, or the request is refused (400) and nothing is stored; see mention-candidates.",
} as const;
const sameOrigin = " With the browser session, the request must come from Accord's own pages (Origin).";

/** The comment paths, keyed as in openApiDocument().paths. */
export const commentsPaths = {
  "/documents/{documentId}/comments": {
    get: {
      summary: "List a document's comment threads, oldest first, each with its comments",
      description: "For anyone who may read the document. Resolved threads are included (resolvedAt is set). Deleted comments keep their place with an empty body.",
      operationId: "listCommentThreads",
      parameters: [documentId],
      responses: {
        "200": ok("The threads and what the caller may do", { $ref: "#/components/schemas/CommentThreadList" }),
        "401": responses["401"],
        "404": responses["404"],
      },
    },
    post: {
      summary: "Open a comment thread on a range of the document, with its first comment",
      description: "For people who may comment (owners, members and partner guests of an open space; not readers)." + sameOrigin,
      operationId: "createCommentThread",
      parameters: [documentId],
      requestBody: json({
        type: "object",
        required: ["anchor", "body"],
        properties: {
          anchor: { $ref: "#/components/schemas/CommentAnchor" },
          quote: { type: "string", description: "The selected text; the first 300 characters are kept, for showing with the thread" },
          body,
          mentionIds,
        },
      }),
      responses: {
        "200": ok("The new thread's id and its first comment's", { type: "object", required: ["id", "commentId"], properties: { id: uuid, commentId: uuid } }),
        ...responses,
        ...tooLarge,
      },
    },
  },
  "/documents/{documentId}/mention-candidates": {
    get: {
      summary: "People who may be @mentioned in the document: those who may read it, by name",
      description: "At most ten, the caller excepted, whose name contains q. For people who may comment on or edit the document.",
      operationId: "listMentionCandidates",
      parameters: [documentId, { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "Part of the name (a leading @ is ignored)" }],
      responses: {
        "200": ok("The candidates", {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", maxItems: 10, items: { $ref: "#/components/schemas/CommentPerson" } } },
        }),
        ...responses,
      },
    },
  },
  "/comment-threads/{threadId}": {
    patch: {
      summary: "Resolve or reopen a comment thread",
      description: "For anyone who may comment on the document. Setting the state it already has changes nothing." + sameOrigin,
      operationId: "resolveCommentThread",
      parameters: [threadId],
      requestBody: json({ type: "object", required: ["resolved"], properties: { resolved: { type: "boolean", description: "true to resolve, false to reopen" } } }),
      responses: {
        "200": ok("The thread's state", {
          type: "object",
          required: ["id", "resolvedAt", "resolvedBy"],
          properties: { id: uuid, resolvedAt: { type: ["string", "null"], format: "date-time" }, resolvedBy: { type: ["string", "null"], format: "uuid" } },
        }),
        ...responses,
        ...tooLarge,
      },
    },
  },
  "/comment-threads/{threadId}/comments": {
    post: {
      summary: "Reply to an open comment thread",
      description: "For people who may comment on the document." + sameOrigin,
      operationId: "replyToCommentThread",
      parameters: [threadId],
      requestBody: json({ type: "object", required: ["body"], properties: { body, mentionIds } }),
      responses: {
        "200": ok("The reply's id", { type: "object", required: ["id", "threadId"], properties: { id: uuid, threadId: uuid } }),
        ...responses,
        ...tooLarge,
        "409": { description: "The thread is resolved: reopen it to reply (code conflict)", ...errorBody },
      },
    },
  },
  "/comments/{commentId}": {
    patch: {
      summary: "Change one's own comment",
      description: "For its author only, while they may still comment on the document. The mentions given replace the old ones." + sameOrigin,
      operationId: "editComment",
      parameters: [commentId],
      requestBody: json({ type: "object", required: ["body"], properties: { body, mentionIds } }),
      responses: {
        "200": ok("Changed", { type: "object", required: ["id", "editedAt"], properties: { id: uuid, editedAt: { type: "string", format: "date-time" } } }),
        ...responses,
        ...tooLarge,
        "409": { description: "The comment has been deleted (code conflict)", ...errorBody },
      },
    },
    delete: {
      summary: "Delete one's own comment",
      description: "For its author only. Its text and mentions are removed; its place in the thread is kept." + sameOrigin,
      operationId: "deleteComment",
      parameters: [commentId],
      responses: {
        "200": ok("Deleted", { type: "object", required: ["id", "deletedAt"], properties: { id: uuid, deletedAt: { type: "string", format: "date-time" } } }),
        "401": responses["401"],
        "403": responses["403"],
        "404": responses["404"],
      },
    },
  },
} as const;

const relativePosition = {
  type: "object",
  description: "The JSON form of a Yjs relative position (Y.relativePositionToJSON): exactly one of type and tname, integers for client and clock",
  additionalProperties: false,
  required: ["assoc"],
  properties: {
    type: { $ref: "#/components/schemas/YjsItemId" },
    tname: { type: "string", const: "default" },
    item: { $ref: "#/components/schemas/YjsItemId" },
    assoc: { type: "integer", minimum: -1, maximum: 1 },
  },
} as const;

/** The schemas the comment paths refer to, for openApiDocument().components.schemas. */
export const commentsSchemas = {
  YjsItemId: {
    type: "object",
    additionalProperties: false,
    required: ["client", "clock"],
    properties: { client: { type: "integer", minimum: 0 }, clock: { type: "integer", minimum: 0 } },
  },
  CommentAnchor: {
    type: "object",
    description: "Where a thread is anchored in the co-edited content: the start and end of the range, as Yjs relative positions, so it follows everyone's edits",
    additionalProperties: false,
    required: ["start", "end"],
    properties: { start: relativePosition, end: relativePosition },
  },
  CommentPerson: {
    type: "object",
    required: ["id", "name", "agency"],
    properties: { id: uuid, name: { type: "string" }, agency: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } } },
  },
  Comment: {
    type: "object",
    required: ["id", "author", "body", "mentions", "createdAt", "editedAt", "isDeleted", "permissions"],
    properties: {
      id: uuid,
      author: { oneOf: [{ $ref: "#/components/schemas/CommentPerson" }, { type: "null" }] },
      body: { type: "string", description: "Plain text; empty once deleted" },
      mentions: { type: "array", description: "People mentioned, by name only", items: { type: "object", properties: { id: uuid, name: { type: "string" } } } },
      createdAt: { type: "string", format: "date-time" },
      editedAt: { type: ["string", "null"], format: "date-time" },
      isDeleted: { type: "boolean" },
      permissions: { type: "object", description: "What the caller may do, decided by the server's policy", properties: { canEdit: { type: "boolean" }, canDelete: { type: "boolean" } } },
    },
  },
  CommentThread: {
    type: "object",
    required: ["id", "anchor", "quote", "createdBy", "createdAt", "resolvedAt", "resolvedBy", "comments", "permissions"],
    properties: {
      id: uuid,
      anchor: { $ref: "#/components/schemas/CommentAnchor" },
      quote: { type: "string", maxLength: 300 },
      createdBy: { oneOf: [{ $ref: "#/components/schemas/CommentPerson" }, { type: "null" }] },
      createdAt: { type: "string", format: "date-time" },
      resolvedAt: { type: ["string", "null"], format: "date-time" },
      resolvedBy: { type: ["object", "null"], properties: { id: uuid, name: { type: "string" } } },
      comments: { type: "array", items: { $ref: "#/components/schemas/Comment" } },
      permissions: { type: "object", description: "What the caller may do, decided by the server's policy", properties: { canReply: { type: "boolean" }, canResolve: { type: "boolean" } } },
    },
  },
  CommentThreadList: {
    type: "object",
    required: ["documentId", "permissions", "threads"],
    properties: {
      documentId: uuid,
      permissions: { type: "object", properties: { canComment: { type: "boolean" } } },
      threads: { type: "array", items: { $ref: "#/components/schemas/CommentThread" } },
    },
  },
} as const;
