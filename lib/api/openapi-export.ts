/**
 * The OpenAPI description of the document export route, to be merged into `paths` of
 * openApiDocument() (lib/api/openapi.ts). Written by hand, like the rest, so that every status
 * is one the handler really returns.
 */
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS } from "../documents/export-file";

const errorBody = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } as const;

const fileHeaders = {
  "Content-Disposition": {
    description: "Always `attachment`, with an ASCII `filename` and the full name in `filename*` (RFC 6266), made from the title",
    schema: { type: "string", examples: ["attachment; filename=\"Investigation log.docx\"; filename*=UTF-8''Investigation%20log.docx"] },
  },
  "X-Content-Type-Options": { schema: { type: "string", const: "nosniff" } },
  "Cache-Control": { description: "Marked content is never cached", schema: { type: "string", const: "no-store" } },
} as const;

/** The header a justification travels in (lib/audit/justification.ts). */
export const justificationHeader = {
  name: "Accord-Justification",
  in: "header",
  required: false,
  description:
    "Why the caller opens or exports this content (10 to 500 characters), where their agency asks for one (DPA 2018 s.62). It is written on the audit event. " +
    "For opening, one justification covers the caller's further reads of the same item for 60 minutes; every export asks again.",
  schema: { type: "string", minLength: 10, maxLength: 500 },
} as const;

/** The answer when the caller's agency asks for a justification and none was given. */
export const justificationRequired = {
  description: "The caller's agency asks for a justification before its people open or export content of this marking, and none was given: send `Accord-Justification` (code `justification_required`)",
  content: errorBody,
} as const;

/** The paths of the export route, keyed as in openApiDocument().paths. */
export const exportPaths = {
  "/documents/{documentId}/export": {
    get: {
      summary: "Export a document as a file (audited as a disclosure)",
      description:
        "The document's content with its marking at the top and the bottom of every page: in a .docx in each page's header and footer " +
        "with \"Page x of y\", in a PDF on every page, in HTML above and below the content (and on every printed page). " +
        "Links are only https, mailto and tel. Every export is recorded in the audit trail as `document.export` with its format.",
      operationId: "exportDocument",
      parameters: [
        { name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        { name: "format", in: "query", required: true, schema: { type: "string", enum: [...EXPORT_FORMATS] } },
        justificationHeader,
      ],
      responses: {
        "200": {
          description: "The file, as an attachment",
          headers: fileHeaders,
          content: Object.fromEntries(EXPORT_FORMATS.map((format) => [EXPORT_CONTENT_TYPES[format].split(";")[0]!, { schema: { type: "string", format: "binary" } }])),
        },
        "400": { description: "`format` is missing or not one of docx, pdf, html (checked before the document is looked up)", content: errorBody },
        "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", content: errorBody },
        "404": { description: "Does not exist, or the caller may not know it exists (the two are indistinguishable)", content: errorBody },
        "428": justificationRequired,
      },
    },
    post: {
      summary: "Export a document with a justification, from a form",
      description: "The same export, for Accord's own document page where the caller's agency asks for a justification: a form with `format` and `justification`. With the browser session, the request must come from Accord's own pages (Origin).",
      operationId: "exportDocumentWithJustification",
      parameters: [{ name: "documentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: { type: "object", required: ["format"], properties: { format: { type: "string", enum: [...EXPORT_FORMATS] }, justification: { type: "string", minLength: 10, maxLength: 500 } } },
          },
        },
      },
      responses: {
        "200": { description: "The file, as an attachment", headers: fileHeaders },
        "400": { description: "A bad format, or a justification under 10 or over 500 characters", content: errorBody },
        "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", content: errorBody },
        "403": { description: "A cookie-authenticated request from another origin", content: errorBody },
        "404": { description: "Does not exist, or the caller may not know it exists", content: errorBody },
        "428": justificationRequired,
      },
    },
  },
} as const;
