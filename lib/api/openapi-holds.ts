/**
 * The OpenAPI 3.1 description of the hold paths of /api/v1 (issue 8: legal and preservation holds),
 * in the style of lib/api/openapi-forms.ts, merged into openApiDocument(). Written by hand so that
 * every status code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403Read = { description: "Not one of the agency's records managers or auditors (code forbidden)", ...errorBody };
const r404 = { description: "Does not exist, or is another agency's hold: the two are indistinguishable", ...errorBody };
const uuid = { type: "string", format: "uuid" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const holdId = { name: "holdId", in: "path", required: true, schema: uuid } as const;
const kinds = ["cpia", "public_inquiry", "court_order", "other"] as const;

/** The hold paths, keyed as in openApiDocument().paths. */
export const holdsPaths = {
  "/holds": {
    get: {
      summary: "List the agency's holds, standing first, then released ones",
      description: "Released holds stay listed with who released them, when and why. For the agency's records managers and auditors.",
      operationId: "listHolds",
      parameters: [{ name: "state", in: "query", required: false, schema: { enum: ["all", "standing", "released"], default: "all" } }],
      responses: {
        "200": ok("The holds, and whether the caller may place new ones", { type: "object", properties: { items: { type: "array", items: ref("Hold") }, permissions: { type: "object", properties: { canCreate: { type: "boolean" } } } } }),
        "400": { description: "An unknown state (code invalid_input)", ...errorBody },
        "401": r401,
        "403": r403Read,
      },
    },
    post: {
      summary: "Place a hold on spaces and/or single items of the caller's agency",
      description:
        "While the hold stands nothing it covers (a space and everything in it, or one document, file or form submission) can be deleted, by anyone, and edits keep the original as a version. Each space must be one the agency owns and each item one it owns; anything else is refused in the same words as a missing id. For the agency's records managers.",
      operationId: "createHold",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["name", "kind", "reason"],
              properties: {
                name: { type: "string", minLength: 1, maxLength: 200 },
                kind: { enum: kinds },
                reference: { type: "string", maxLength: 200 },
                reason: { type: "string", minLength: 1, maxLength: 5000 },
                spaceIds: { type: "array", items: uuid, maxItems: 200 },
                items: { type: "array", maxItems: 1000, items: { type: "object", required: ["itemType", "itemId"], properties: { itemType: { enum: ["document", "file", "submission"] }, itemId: uuid } } },
              },
            },
          },
        },
      },
      responses: {
        "200": ok("The hold placed", ref("Hold")),
        "400": {
          description:
            "The input is invalid (code invalid_input): `error.issues` lists every problem with its field ({ path, message }: `name`, `kind`, `reason`, `spaceIds.0`, `items.0.itemId`): no name, no reason, an unknown kind, nothing covered, an unknown space or item or one of another agency. Nothing was saved",
          ...errorBody,
        },
        "401": r401,
        "403": { description: "Not one of the agency's records managers (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
      },
    },
  },
  "/holds/{holdId}": {
    get: {
      summary: "One hold, with everything it covers",
      operationId: "getHold",
      parameters: [holdId],
      responses: { "200": ok("The hold", ref("Hold")), "401": r401, "403": r403Read, "404": r404 },
    },
  },
  "/holds/{holdId}/scopes": {
    post: {
      summary: "Extend a standing hold to more of the agency's spaces and items",
      description: "Each space and item is checked as when placing a hold; what the hold already covers is left as it is. For the agency's records managers.",
      operationId: "addHoldScope",
      parameters: [holdId],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                spaceIds: { type: "array", items: uuid, maxItems: 200 },
                items: { type: "array", maxItems: 1000, items: { type: "object", required: ["itemType", "itemId"], properties: { itemType: { enum: ["document", "file", "submission"] }, itemId: uuid } } },
              },
            },
          },
        },
      },
      responses: {
        "200": ok("The hold, with what it now covers", ref("Hold")),
        "400": { description: "Nothing named, or a space or item that is not the agency's (code invalid_input; `error.issues` names each). Nothing changed", ...errorBody },
        "401": r401,
        "403": { description: "Not one of the agency's records managers (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
        "404": r404,
        "409": { description: "The hold has been released (code conflict)", ...errorBody },
      },
    },
  },
  "/holds/{holdId}/release": {
    post: {
      summary: "Release a hold, giving the reason",
      description: "The hold stays listed, released, with who released it, when and why; what it covered may be deleted again unless another hold stands over it. For the agency's records managers.",
      operationId: "releaseHold",
      parameters: [holdId],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 1, maxLength: 5000 } } } } } },
      responses: {
        "200": ok("The hold, released", ref("Hold")),
        "400": { description: 'No reason given (code invalid_input: "Give the reason for releasing the hold"). Nothing changed', ...errorBody },
        "401": r401,
        "403": { description: "Not one of the agency's records managers (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
        "404": r404,
        "409": { description: "The hold has already been released (code conflict)", ...errorBody },
      },
    },
  },
} as const;

const person = { type: ["object", "null"], properties: { id: uuid, name: { type: "string" } } } as const;

/** The hold schemas, keyed as in openApiDocument().components.schemas. */
export const holdsSchemas = {
  Hold: {
    type: "object",
    properties: {
      id: uuid,
      name: { type: "string" },
      kind: { enum: kinds },
      kindLabel: { type: "string" },
      reference: { type: "string" },
      reason: { type: "string" },
      isStanding: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      createdBy: person,
      releasedAt: { type: ["string", "null"], format: "date-time" },
      releasedBy: person,
      releaseReason: { type: ["string", "null"] },
      scopeCount: { type: "integer" },
      scopes: {
        type: "array",
        items: { type: "object", properties: { id: uuid, type: { enum: ["space", "document", "file", "submission"] }, targetId: uuid, name: { type: "string" } } },
      },
      permissions: { type: "object", properties: { canRelease: { type: "boolean" } } },
    },
  },
} as const;
