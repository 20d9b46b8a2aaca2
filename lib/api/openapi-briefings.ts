/**
 * The OpenAPI 3.1 description of the briefing paths of /api/v1, in the style of
 * lib/api/openapi-boards.ts, merged into openApiDocument(). Written by hand so that every status
 * code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r400 = {
  description: "The input is invalid (code invalid_input; the message says which rule: empty text, a title over 200 characters, an attachment that is not a file of the board's space the caller can open); nothing was changed",
  ...errorBody,
};
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403 = { description: "The caller may read but not do this (a reader publishing or asking who was briefed; a marking above their vetting; code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r404 = { description: "Does not exist, or the caller may not see it (a board outside their spaces, a briefing above their vetting or across an agreement that does not let it cross): the two are indistinguishable", ...errorBody };
const r413 = { description: "The body is larger than 64 KiB (code too_large)", ...errorBody };

const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }) as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const uuid = { type: "string", format: "uuid" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const write = (extra: Record<string, unknown> = {}) => ({ "400": r400, "401": r401, "403": r403, "404": r404, "413": r413, ...extra });
const jsonBody = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const body = { type: "string", minLength: 1, maxLength: 20000, description: "Plain text; each line a paragraph" } as const;
const attachments = { type: "array", maxItems: 20, items: uuid, description: "Ids of files of the board's space the caller can open" } as const;
const person = { type: "object", properties: { id: uuid, name: { type: "string" }, agency: { type: "string" }, jobTitle: { type: "string" } } } as const;

/** The briefing paths, keyed as in openApiDocument().paths. */
export const briefingsPaths = {
  "/boards/{boardId}/briefings": {
    get: {
      summary: "List a board's briefings the caller may read",
      description: "Newest first, each with its latest revision and when the caller acknowledged it (null: not yet). Briefings above the caller's vetting are neither listed nor counted.",
      operationId: "listBriefings",
      parameters: [path("boardId")],
      responses: {
        "200": ok("The briefings", {
          type: "object",
          properties: {
            spaceId: { ...uuid, description: "The board's space, whose files may be attached (GET /spaces/{spaceId}/files)" },
            items: { type: "array", items: ref("Briefing") },
            markings: { type: "array", items: { type: "string" } },
            defaultMarking: { type: ["string", "null"] },
            permissions: { type: "object", properties: { canPublish: { type: "boolean" } } },
          },
        }),
        "401": r401,
        "404": r404,
      },
    },
    post: {
      summary: "Publish a briefing to the board's audience (revision 1)",
      description: "The marking defaults to the space's, and is never above its ceiling. With the browser session, the request must come from Accord's own pages (Origin).",
      operationId: "publishBriefing",
      parameters: [path("boardId")],
      requestBody: jsonBody({
        type: "object",
        required: ["title", "body"],
        properties: { title: { type: "string", minLength: 1, maxLength: 200 }, body, attachments, marking: { type: "string", description: "Default: the space's default marking" } },
      }),
      responses: { "200": ok("The briefing", ref("Briefing")), ...write() },
    },
  },
  "/briefings/{briefingId}/revisions": {
    post: {
      summary: "Publish an update of a briefing as its next revision; everyone must acknowledge again",
      operationId: "reviseBriefing",
      parameters: [path("briefingId")],
      requestBody: jsonBody({ type: "object", required: ["body"], properties: { body, attachments } }),
      responses: { "200": ok("The briefing with its new latest revision", ref("Briefing")), ...write() },
    },
  },
  "/briefings/{briefingId}/acknowledgements": {
    post: {
      summary: "Acknowledge being briefed on the latest revision",
      description: "For everyone who may read the briefing. Send {} or { revisionId } (the revision read); an older revision is refused with 409. Acknowledging twice changes nothing.",
      operationId: "acknowledgeBriefing",
      parameters: [path("briefingId")],
      requestBody: jsonBody({ type: "object", properties: { revisionId: uuid } }),
      responses: {
        "200": ok("The briefing, acknowledgedAt set", ref("Briefing")),
        ...write({ "409": { description: "revisionId names an older revision (code conflict); `error.latestRevisionId` names the latest", ...errorBody } }),
      },
    },
  },
  "/briefings/{briefingId}/status": {
    get: {
      summary: "Who has been briefed on the latest revision, and who not yet",
      description: "For those who may update the briefing. The audience is every active member of the space who may read the briefing.",
      operationId: "getBriefingStatus",
      parameters: [path("briefingId")],
      responses: {
        "200": ok("The status", {
          type: "object",
          properties: {
            briefingId: uuid,
            revision: { type: "object", properties: { id: uuid, number: { type: "integer" }, publishedAt: { type: "string", format: "date-time" } } },
            acknowledged: { type: "array", items: { allOf: [person, { type: "object", properties: { acknowledgedAt: { type: "string", format: "date-time" } } }] } },
            notYet: { type: "array", items: person },
          },
        }),
        "401": r401,
        "403": r403,
        "404": r404,
      },
    },
  },
} as const;

/** The briefing schemas, keyed as in openApiDocument().components.schemas. */
export const briefingsSchemas = {
  Briefing: {
    type: "object",
    properties: {
      id: uuid,
      boardId: uuid,
      title: { type: "string" },
      marking: { type: "string" },
      markingRank: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
      latest: {
        type: "object",
        properties: {
          id: uuid,
          number: { type: "integer", minimum: 1 },
          body: { type: "string" },
          attachments: {
            type: "array",
            items: { type: "object", properties: { id: uuid, name: { type: "string" }, isDownloadable: { type: "boolean", description: "False while the file is held in quarantine" } } },
            description: "Only the files the caller may open (GET /files/{fileId}/content); the others are left out, not named",
          },
          publishedBy: { type: ["object", "null"], properties: { id: uuid, name: { type: "string" } } },
          publishedAt: { type: "string", format: "date-time" },
        },
      },
      acknowledgedAt: { type: ["string", "null"], format: "date-time" },
      permissions: { type: "object", properties: { canAcknowledge: { type: "boolean" }, canUpdate: { type: "boolean" } } },
    },
  },
} as const;
