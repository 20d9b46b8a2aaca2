/**
 * The OpenAPI 3.1 description of /api/v1, written by hand so that every status code is the one
 * the handlers really return (a route test checks each documented path answers as described).
 */
import { ACCORD_VERSION } from "../env";
import { exportPaths, justificationHeader, justificationRequired } from "./openapi-export";
import { auditPaths } from "./openapi-audit";
import { filesPaths, filesSchemas } from "./openapi-files";
import { commentsPaths, commentsSchemas } from "./openapi-comments";
import { boardsPaths, boardsSchemas } from "./openapi-boards";
import { responsesPaths, responsesSchemas } from "./openapi-responses";
import { briefingsPaths, briefingsSchemas } from "./openapi-briefings";
import { notificationsPaths, notificationsSchemas } from "./openapi-notifications";
import { formAdminPaths, formsPaths, formsSchemas, submissionsPaths } from "./openapi-forms";
import { recordItemsPaths, recordItemsSchemas } from "./openapi-record-items";
import { recordsPaths, recordsSchemas } from "./openapi-records";
import { holdsPaths, holdsSchemas } from "./openapi-holds";
import { disposalPaths, disposalSchemas } from "./openapi-disposal";
import { sharepointPaths, sharepointSchemas } from "./openapi-sharepoint";
import { searchPaths, searchSchemas } from "./openapi-search";

const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
} as const;

const permissions = (names: string[]) => ({
  type: "object",
  description: "What the caller may do, decided by the server's policy",
  properties: Object.fromEntries(names.map((n) => [n, { type: "boolean" }])),
});

const errors = {
  "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "404": {
    description: "Does not exist, or the caller may not know it exists (the two are indistinguishable)",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
} as const;

/** The OpenAPI document. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Accord API",
      version: ACCORD_VERSION,
      description:
        "Spaces and documents the caller may see. Every answer is trimmed by the same policy as the web pages: " +
        "markings, vetting, agency membership and information sharing agreements.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths: {
      ...exportPaths,
      ...auditPaths,
      ...filesPaths,
      ...commentsPaths,
      ...boardsPaths,
      ...responsesPaths,
      ...briefingsPaths,
      ...notificationsPaths,
      ...formsPaths,
      ...submissionsPaths,
      ...formAdminPaths,
      ...recordItemsPaths,
      ...recordsPaths,
      ...holdsPaths,
      ...disposalPaths,
      ...sharepointPaths,
      ...searchPaths,
      "/spaces": {
        get: {
          summary: "List the spaces the caller may see",
          operationId: "listSpaces",
          responses: {
            "200": {
              description: "The spaces, by name",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { items: { type: "array", items: { $ref: "#/components/schemas/SpaceSummary" } } } },
                },
              },
            },
            "401": errors["401"],
          },
        },
      },
      "/spaces/{spaceId}": {
        get: {
          summary: "Get one space",
          operationId: "getSpace",
          parameters: [{ name: "spaceId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "The space", content: { "application/json": { schema: { $ref: "#/components/schemas/Space" } } } },
            ...errors,
          },
        },
      },
      "/documents": {
        get: {
          summary: "List the documents the caller may read, most recently changed first",
          operationId: "listDocuments",
          parameters: [
            { name: "spaceId", in: "query", schema: { type: "string", format: "uuid" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
            { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
          ],
          responses: {
            "200": { description: "A page of documents", content: { "application/json": { schema: { $ref: "#/components/schemas/DocumentPage" } } } },
            "400": { description: "A query parameter is invalid", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            "401": errors["401"],
          },
        },
        post: {
          summary: "Create a document in a space (empty content, co-edited afterwards)",
          operationId: "createDocument",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["spaceId", "title"],
                  properties: {
                    spaceId: { type: "string", format: "uuid" },
                    title: { type: "string", minLength: 1, maxLength: 200 },
                    marking: { type: "string", description: "Default: the space's default marking. Never above the space's or the deployment's ceiling." },
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "The new document's id and canonical marking", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string", format: "uuid" }, marking: { type: "string" } } } } } },
            "400": { description: "Invalid title or marking (the message says which rule)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            "403": { description: "The caller may see the space but not create this document in it", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            ...errors,
          },
        },
      },
      "/documents/{documentId}/collab-token": {
        post: {
          summary: "A one-minute token to open the document on the co-editing WebSocket (/collab, Hocuspocus protocol)",
          operationId: "createCollabToken",
          parameters: [{ name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": {
              description: "The token, when it expires, and whether the connection will be editable",
              content: { "application/json": { schema: { type: "object", properties: { token: { type: "string" }, expiresAt: { type: "string", format: "date-time" }, canEdit: { type: "boolean" } } } } },
            },
            ...errors,
          },
        },
      },
      "/documents/{documentId}": {
        get: {
          summary: "Get one document's metadata",
          operationId: "getDocument",
          parameters: [{ name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }, justificationHeader],
          responses: {
            "200": { description: "The document", content: { "application/json": { schema: { $ref: "#/components/schemas/Document" } } } },
            ...errors,
            "428": justificationRequired,
          },
        },
        delete: {
          summary: "Delete a document",
          description: "Its content, versions, co-editing state and comments go with it. For the originating agency's space owners (and whoever else the policy lets delete it); audited as document.delete. Open co-editing sessions of it are closed.",
          operationId: "deleteDocument",
          parameters: [{ name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "Deleted", content: { "application/json": { schema: { type: "object", required: ["id", "deleted"], properties: { id: { type: "string", format: "uuid" }, deleted: { const: true } } } } } },
            ...errors,
            "403": { description: "The caller sees the document but may not delete it (code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            "409": { description: "Under a hold that stands (code held) or a declared record (code record_locked): nothing is deleted", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal access token (acc_pat_…), made under API tokens" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "accord.session", description: "The browser session (`__Host-accord.session` over https)" },
      },
      schemas: {
        ...filesSchemas,
        ...commentsSchemas,
        ...boardsSchemas,
        ...responsesSchemas,
        ...briefingsSchemas,
        ...notificationsSchemas,
        ...formsSchemas,
        ...recordItemsSchemas,
        ...recordsSchemas,
        ...holdsSchemas,
        ...disposalSchemas,
        ...sharepointSchemas,
        ...searchSchemas,
        Error: error,
        SpaceSummary: {
          type: "object",
          required: ["id", "name", "description", "ceilingMarking", "ownerAgencyName", "role"],
          properties: {
            id: { type: "string", format: "uuid" },
            name: { type: "string" },
            description: { type: "string" },
            ceilingMarking: { type: "string", examples: ["OFFICIAL-SENSITIVE"] },
            ownerAgencyName: { type: "string" },
            role: { type: "string", enum: ["owner", "member"] },
          },
        },
        Space: {
          type: "object",
          required: ["id", "name", "ownerAgency", "ceilingMarking", "defaultMarking", "agreements", "permissions"],
          properties: {
            id: { type: "string", format: "uuid" },
            name: { type: "string" },
            description: { type: "string" },
            ownerAgency: { type: "object", properties: { id: { type: "string" }, code: { type: "string" }, name: { type: "string" } } },
            ceilingMarking: { type: "string" },
            defaultMarking: { type: "string" },
            isMvOnly: { type: "boolean" },
            agreements: {
              type: "array",
              items: { type: "object", properties: { reference: { type: "string" }, title: { type: "string" }, status: { type: "string" } } },
            },
            permissions: permissions(["canUpdate", "canShare"]),
          },
        },
        DocumentSummary: {
          type: "object",
          required: ["id", "spaceId", "title", "marking", "markingRank", "owningAgencyId", "updatedAt", "permissions"],
          properties: {
            id: { type: "string", format: "uuid" },
            spaceId: { type: "string", format: "uuid" },
            title: { type: "string" },
            marking: { type: "string", examples: ["OFFICIAL-SENSITIVE PERSONAL DATA"] },
            markingRank: { type: "integer", description: "1 OFFICIAL, 2 OFFICIAL-SENSITIVE, 3 SECRET, 4 TOP SECRET" },
            owningAgencyId: { type: "string", format: "uuid" },
            updatedAt: { type: "string", format: "date-time" },
            permissions: permissions(["canUpdate", "canRemark", "canShare", "canDelete"]),
          },
        },
        DocumentPage: {
          type: "object",
          required: ["items", "nextCursor"],
          properties: {
            items: { type: "array", items: { $ref: "#/components/schemas/DocumentSummary" } },
            nextCursor: { type: ["string", "null"] },
          },
        },
        Document: {
          type: "object",
          required: ["id", "title", "marking", "markingRank", "descriptors", "handling", "space", "owningAgency", "permissions"],
          properties: {
            id: { type: "string", format: "uuid" },
            title: { type: "string" },
            marking: { type: "string" },
            markingRank: { type: "integer" },
            descriptors: { type: "array", items: { type: "string" } },
            handling: { type: "string", description: "Handling instruction, '' for none" },
            space: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
            owningAgency: { type: "object", properties: { id: { type: "string" }, code: { type: "string" }, name: { type: "string" } } },
            createdAt: { type: "string", format: "date-time" },
            updatedAt: { type: "string", format: "date-time" },
            permissions: permissions(["canUpdate", "canComment", "canRemark", "canShare", "canDelete"]),
          },
        },
      },
    },
  };
}
