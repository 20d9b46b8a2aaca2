/**
 * The OpenAPI 3.1 description of the file paths of /api/v1, in the style of lib/api/openapi.ts,
 * to be merged into its `paths` (and `filesSchemas` into its `components.schemas`). Written by
 * hand so that every status code is the one the handlers really return.
 */
import { justificationHeader, justificationRequired } from "./openapi-export";

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;

const responses = {
  "400": { description: "The input is invalid (code invalid_input, or invalid_marking for the marking)", ...errorBody },
  "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody },
  "403": {
    description:
      "The caller can see it but may not do this (code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)",
    ...errorBody,
  },
  "404": { description: "Does not exist, or the caller may not know it exists (the two are indistinguishable)", ...errorBody },
} as const;

const fileId = { name: "fileId", in: "path", required: true, schema: { type: "string", format: "uuid" } } as const;
const spaceId = { name: "spaceId", in: "path", required: true, schema: { type: "string", format: "uuid" } } as const;

/** The file paths, keyed as in openApiDocument().paths. */
export const filesPaths = {
  "/spaces/{spaceId}/files": {
    get: {
      summary: "List the files of a space that the caller may read, newest first",
      operationId: "listFiles",
      parameters: [spaceId, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 100 } }],
      responses: {
        "200": {
          description: "The files",
          content: {
            "application/json": { schema: { type: "object", required: ["items"], properties: { items: { type: "array", items: { $ref: "#/components/schemas/File" } } } } },
          },
        },
        "400": responses["400"],
        "401": responses["401"],
        "404": responses["404"],
      },
    },
    post: {
      summary: "Upload a file to a space",
      description:
        "The type is decided from the content and must match the extension (PDF; Word, Excel and PowerPoint, current and 97-2003; PNG, JPEG, GIF, WebP; UTF-8 text and CSV). " +
        "Office documents are opened within limits on entries and unpacked size, and refused with macros. When a virus scanner is configured the file is scanned: " +
        "infected files are refused; when the scanner cannot be reached the file is stored as quarantined (status) and cannot be downloaded. " +
        "With the browser session, the request must come from Accord's own pages (Origin).",
      operationId: "uploadFile",
      parameters: [spaceId],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["file"],
              properties: {
                file: { type: "string", format: "binary", description: "The file; its name gives the extension the content must match" },
                marking: { type: "string", description: "The marking to give it (e.g. OFFICIAL-SENSITIVE PERSONAL DATA); default the space's default marking" },
              },
            },
          },
        },
      },
      responses: {
        "200": {
          description: "Stored: the file's metadata. `notice` says when the file is held in quarantine.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/UploadedFile" } } },
        },
        "400": {
          description: "No file, an empty file (file_empty), or an invalid marking (invalid_marking)",
          ...errorBody,
        },
        "401": responses["401"],
        "403": { description: "The caller may not add files to this space, or not with this marking; or a cross-origin request (cross_origin)", ...errorBody },
        "404": responses["404"],
        "413": { description: "Larger than the upload limit (file_too_large)", ...errorBody },
        "415": { description: "An extension Accord does not accept (file_type_not_allowed), or content that does not match it (file_content_mismatch)", ...errorBody },
        "422": { description: "An archive past its limits or damaged, e.g. a zip bomb (file_archive_limits), or malware found (file_infected)", ...errorBody },
      },
    },
  },
  "/files/{fileId}": {
    get: {
      summary: "Get one file's metadata",
      operationId: "getFile",
      parameters: [fileId, justificationHeader],
      responses: {
        "200": { description: "The file", content: { "application/json": { schema: { $ref: "#/components/schemas/File" } } } },
        "401": responses["401"],
        "404": responses["404"],
        "428": justificationRequired,
      },
    },
    delete: {
      summary: "Delete a file",
      operationId: "deleteFile",
      parameters: [fileId],
      responses: {
        "200": {
          description: "Deleted",
          content: {
            "application/json": {
              schema: { type: "object", required: ["id", "deleted"], properties: { id: { type: "string", format: "uuid" }, deleted: { type: "boolean", const: true } } },
            },
          },
        },
        "401": responses["401"],
        "403": responses["403"],
        "404": responses["404"],
      },
    },
  },
  "/files/{fileId}/content": {
    get: {
      summary: "Download a file",
      description:
        "Served as an attachment (Content-Disposition with an RFC 6266 filename), with the media type decided at upload, X-Content-Type-Options: nosniff and " +
        "Cache-Control: no-store. Also the src of images embedded in documents (it accepts the browser session).",
      operationId: "getFileContent",
      parameters: [fileId, justificationHeader],
      responses: {
        "200": {
          description: "The file's bytes",
          headers: {
            "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=\"…\"; filename*=UTF-8''…" },
            "Repr-Digest": { schema: { type: "string" }, description: "sha-256 of the bytes (RFC 9530)" },
          },
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
        "401": responses["401"],
        "404": responses["404"],
        "409": { description: "The file is held in quarantine (file_quarantined) and cannot be downloaded", ...errorBody },
        "428": justificationRequired,
      },
    },
  },
} as const;

/** The schemas the file paths refer to, for openApiDocument().components.schemas. */
export const filesSchemas = {
  File: {
    type: "object",
    required: ["id", "spaceId", "name", "extension", "mediaType", "sizeBytes", "sha256", "status", "marking", "markingRank", "createdAt", "contentUrl", "permissions"],
    properties: {
      id: { type: "string", format: "uuid" },
      spaceId: { type: "string", format: "uuid" },
      name: { type: "string" },
      extension: { type: "string", examples: ["pdf"] },
      mediaType: { type: "string", description: "Decided from the content at upload", examples: ["application/pdf"] },
      sizeBytes: { type: "integer" },
      sha256: { type: "string", description: "Hex SHA-256 of the bytes" },
      status: { type: "string", enum: ["clean", "quarantined"] },
      marking: { type: "string", examples: ["OFFICIAL-SENSITIVE PERSONAL DATA"] },
      markingRank: { type: "integer", description: "1 OFFICIAL, 2 OFFICIAL-SENSITIVE, 3 SECRET, 4 TOP SECRET" },
      descriptors: { type: "array", items: { type: "string" } },
      handling: { type: "string", description: "Handling instruction, '' for none" },
      owningAgencyId: { type: "string", format: "uuid" },
      uploadedBy: { type: ["object", "null"], properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } } },
      createdAt: { type: "string", format: "date-time" },
      contentUrl: { type: "string", examples: ["/api/v1/files/00000000-0000-4000-8000-000000000000/content"] },
      permissions: {
        type: "object",
        description: "What the caller may do, decided by the server's policy",
        properties: { canDownload: { type: "boolean" }, canDelete: { type: "boolean" } },
      },
    },
  },
  UploadedFile: {
    allOf: [
      { $ref: "#/components/schemas/File" },
      { type: "object", properties: { notice: { type: ["string", "null"], description: "Set when the file is held in quarantine" } } },
    ],
  },
} as const;
