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
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403 = { description: "The caller sees the space but may not add boards to it (a reader, a frozen space; code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
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
              },
            },
          },
        },
      },
      responses: { "200": ok("The new board's id", { type: "object", required: ["boardId"], properties: { boardId: uuid } }), "400": r400, "401": r401, "403": r403, "404": r404, "413": r413 },
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

/** The schemas the response paths refer to. */
export const responsesSchemas = {
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
