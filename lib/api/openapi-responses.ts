/**
 * The OpenAPI 3.1 description of the pre-planned response paths of /api/v1, in the style of
 * lib/api/openapi-boards.ts, merged into openApiDocument(). Written by hand so that every status
 * code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r400 = {
  description: "The input is invalid (code invalid_input; the message says which rule: a start that is not an ISO 8601 date and time, a title too long, a template card the board refuses); nothing was created",
  ...errorBody,
};
const r400Template = {
  description:
    "The edit is invalid (code invalid_input): an empty or over-long title, description or card text, an offset that is not a whole number of minutes or lies more than 90 days either side of the start, a card due before it starts, no column, or a field the template does not have. `error.message` names the first problem; `error.issues` lists every one with its field (`path`, e.g. [\"columns\", 0, \"cards\", 2, \"dueOffsetMinutes\"]). Nothing was changed",
  content: { "application/json": { schema: { $ref: "#/components/schemas/TemplateValidationError" } } },
} as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403 = { description: "The caller sees the space but may not add boards to it (a reader, a frozen space; code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r403Template = {
  description:
    "The caller sees the template but may not do this: a national template, which no one can change or delete in Accord; or they do not manage their agency's templates (only its administrators and supervisors do; code forbidden). Or a cookie-authenticated change came from another origin (code cross_origin)",
  ...errorBody,
} as const;
const r409Copy = { description: "The caller's agency already has a template with this key (code conflict): send another key", ...errorBody } as const;
const r409Edit = { description: "Someone saved the template after expectedUpdatedAt (code conflict); `error.current` is the template as it is now. Nothing was changed", ...errorBody } as const;
const sameOrigin = " With the browser session, the request must come from Accord's own pages (Origin).";
const r404 = { description: "Does not exist, or the caller may not see it (another agency's local template, a space outside theirs): the two are indistinguishable", ...errorBody };
const r413 = { description: "The body is larger than 64 KiB (code too_large)", ...errorBody };

const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }) as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const uuid = { type: "string", format: "uuid" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The response paths, keyed as in openApiDocument().paths. */
export const responsesPaths = {
  "/response-templates": {
    get: {
      summary: "List the pre-planned response templates the caller may read",
      description: "The national templates and the caller's own agency's local ones, national first, then by title.",
      operationId: "listResponseTemplates",
      responses: {
        "200": ok("The templates", { type: "object", properties: { items: { type: "array", items: ref("ResponseTemplate") }, permissions: { type: "object", properties: { canCreate: { type: "boolean" } } } } }),
        "401": r401,
      },
    },
  },
  "/response-templates/{templateId}": {
    get: {
      summary: "Get one pre-planned response template with its columns and cards",
      operationId: "getResponseTemplate",
      parameters: [path("templateId")],
      responses: { "200": ok("The template", ref("ResponseTemplate")), "401": r401, "404": r404 },
    },
    patch: {
      summary: "Edit a local template of the caller's agency",
      description:
        "Send only what changes: title, summary (the description), reference, and columns (the whole list, in order, each with its cards in order). The edited template is validated whole; its key does not change. Send expectedUpdatedAt (the updatedAt you loaded) so that a save made meanwhile by someone else is not overwritten (409). National templates are read-only (403)." +
        sameOrigin,
      operationId: "updateResponseTemplate",
      parameters: [path("templateId")],
      requestBody: { required: true, content: { "application/json": { schema: ref("ResponseTemplateEdit") } } },
      responses: { "200": ok("The template as it now is", ref("ResponseTemplate")), "400": r400Template, "401": r401, "403": r403Template, "404": r404, "409": r409Edit, "413": r413 },
    },
    delete: {
      summary: "Delete a local template of the caller's agency",
      description: "Boards already started from it are kept. National templates cannot be deleted (403)." + sameOrigin,
      operationId: "deleteResponseTemplate",
      parameters: [path("templateId")],
      responses: { "200": ok("The deleted template's id", { type: "object", required: ["id"], properties: { id: uuid } }), "401": r401, "403": r403Template, "404": r404 },
    },
  },
  "/response-templates/{templateId}/copies": {
    post: {
      summary: "Copy a template (national or local) into the caller's agency as a local template",
      description:
        "The copy keeps the source's key unless another is given, and its title unless another is given; the agency then edits it (PATCH /response-templates/{templateId}). For the agency's administrators and supervisors; anyone else who can see the source gets 403." +
        sameOrigin,
      operationId: "copyResponseTemplate",
      parameters: [path("templateId")],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              additionalProperties: false,
              properties: {
                key: { type: "string", pattern: "^[a-z0-9-]{3,64}$", description: "Default: the source's key" },
                title: { type: "string", minLength: 1, maxLength: 200, description: "Default: the source's title" },
              },
            },
          },
        },
      },
      responses: { "200": ok("The new local template", ref("ResponseTemplate")), "400": r400, "401": r401, "403": r403Template, "404": r404, "409": r409Copy, "413": r413 },
    },
  },
  "/spaces/{spaceId}/responses": {
    post: {
      summary: "Start a pre-planned response: a new board in the space from a template, every card dated from the start",
      description:
        "Creates the board, the template's columns in order and every card (start and due from the card's offsets, the action, resources and reference as its description, labels and checklist) in one transaction: on any error nothing is created. For those who may create boards in the space. With the browser session, the request must come from Accord's own pages (Origin).",
      operationId: "startResponse",
      parameters: [path("spaceId")],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["templateId", "startsAt"],
              properties: {
                templateId: uuid,
                startsAt: { type: "string", format: "date-time", description: "When the response starts, with its offset (e.g. 2026-05-01T09:00:00Z)" },
                title: { type: "string", minLength: 1, maxLength: 200, description: "Default: the template's title and the start" },
                boardId: { ...uuid, description: "Add the response to this board of the space instead of a new one: the template's columns are matched by title, the missing ones added; needs update on the board" },
              },
            },
          },
        },
      },
      responses: { "200": ok("The board's id (the new board, or the one named)", { type: "object", required: ["boardId"], properties: { boardId: uuid } }), "400": r400, "401": r401, "403": r403, "404": r404, "413": r413 },
    },
  },
} as const;

const card = {
  type: "object",
  properties: {
    title: { type: "string" },
    action: { type: "string" },
    resources: { type: "array", items: { type: "string" } },
    reference: { type: "string" },
    startOffsetMinutes: { type: "integer", description: "Minutes from the response's start (negative: before it)" },
    dueOffsetMinutes: { type: "integer", description: "Minutes from the response's start; never before startOffsetMinutes" },
    labels: { type: "array", items: { type: "string" } },
    checklist: { type: "array", items: { type: "string" } },
  },
} as const;

/** 90 days in minutes: the furthest a card may start or fall due from the response's start. */
const OFFSET_LIMIT = 90 * 24 * 60;
const text = (maxLength: number) => ({ type: "string", minLength: 1, maxLength }) as const;
const offset = (description: string) => ({ type: "integer", minimum: -OFFSET_LIMIT, maximum: OFFSET_LIMIT, description }) as const;

/** A card as an edit sends it: the same fields, with their limits. */
const cardInput = {
  type: "object",
  additionalProperties: false,
  required: ["title", "action", "startOffsetMinutes", "dueOffsetMinutes"],
  properties: {
    title: text(200),
    action: { ...text(2000), description: "The prescribed action (plain text)" },
    resources: { type: "array", maxItems: 20, items: text(200) },
    reference: { type: "string", maxLength: 300, description: "Reference material (an APP section, a local policy); empty: none" },
    startOffsetMinutes: offset("Minutes from the response's start (negative: before it)"),
    dueOffsetMinutes: offset("Minutes from the response's start; never before startOffsetMinutes"),
    labels: { type: "array", maxItems: 10, items: text(40) },
    checklist: { type: "array", maxItems: 30, items: text(500) },
  },
} as const;

/** The schemas the response paths refer to. */
export const responsesSchemas = {
  ResponseTemplateEdit: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: {
      title: text(200),
      summary: { ...text(1000), description: "The template's description" },
      reference: { type: "string", maxLength: 300, description: "The doctrine it follows; empty: none" },
      columns: {
        type: "array",
        minItems: 1,
        maxItems: 12,
        items: { type: "object", additionalProperties: false, required: ["title", "cards"], properties: { title: text(100), cards: { type: "array", maxItems: 60, items: cardInput } } },
      },
      expectedUpdatedAt: { type: "string", format: "date-time", description: "The template's updatedAt as you loaded it" },
    },
  },
  TemplateValidationError: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { const: "invalid_input" },
          message: { type: "string" },
          issues: {
            type: "array",
            description: "Every problem of the template, each with its field; absent when the body itself was unreadable (not JSON, not an object)",
            items: { type: "object", required: ["path", "message"], properties: { path: { type: "array", items: { type: ["string", "integer"] } }, message: { type: "string" } } },
          },
        },
      },
    },
  },
  ResponseTemplate: {
    type: "object",
    properties: {
      id: uuid,
      key: { type: "string" },
      scope: { enum: ["national", "agency"] },
      agencyId: { type: ["string", "null"], format: "uuid" },
      title: { type: "string" },
      summary: { type: "string" },
      content: {
        type: "object",
        properties: {
          key: { type: "string" },
          title: { type: "string" },
          summary: { type: "string" },
          reference: { type: "string" },
          columns: { type: "array", items: { type: "object", properties: { title: { type: "string" }, cards: { type: "array", items: card } } } },
        },
      },
      permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canDelete: { type: "boolean" } } },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
} as const;
