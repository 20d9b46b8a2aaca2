/**
 * The OpenAPI description of the audit trail routes (lib/audit/list-audit-events.ts and
 * export-audit-events.ts), merged into openApiDocument().paths.
 */
import { S62_KINDS } from "../audit/s62-kinds";

const errorBody = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } as const;

const filterParameters = [
  { name: "kind", in: "query", schema: { type: "string", enum: [...S62_KINDS, "none"] }, description: "The DPA 2018 s.62 operation; `none` for events that process no case content" },
  { name: "action", in: "query", schema: { type: "string", maxLength: 100 }, description: "An action (`document.read`) or its namespace (`document`)" },
  { name: "outcome", in: "query", schema: { type: "string", enum: ["success", "failure", "denied"] } },
  { name: "actor", in: "query", schema: { type: "string", maxLength: 200 }, description: "Part of the acting person's name or e-mail" },
  { name: "subjectType", in: "query", schema: { type: "string", maxLength: 50 } },
  { name: "subjectId", in: "query", schema: { type: "string", maxLength: 100 } },
  { name: "spaceId", in: "query", schema: { type: "string", format: "uuid" } },
  { name: "from", in: "query", schema: { type: "string", format: "date" }, description: "First UTC day" },
  { name: "to", in: "query", schema: { type: "string", format: "date" }, description: "Last UTC day" },
] as const;

const refusals = {
  "400": { description: "A filter that is not valid (the message says which)", content: errorBody },
  "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", content: errorBody },
  "403": { description: "Not an auditor or administrator of the caller's agency", content: errorBody },
} as const;

export const auditPaths = {
  "/audit-events": {
    get: {
      summary: "A page of the caller's agency's audit trail, newest first",
      description: "For the agency's auditors and administrators. Each event carries its s.62 kind, who acted, when (UTC), the request id, subject, space, markings, justification, details, and its link number and hash in the agency's chain.",
      operationId: "listAuditEvents",
      parameters: [
        ...filterParameters,
        { name: "before", in: "query", schema: { type: "integer" }, description: "The `next` of the previous page" },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
      ],
      responses: {
        "200": {
          description: "The events, and `next` (null on the last page)",
          content: { "application/json": { schema: { type: "object", required: ["items", "next"], properties: { items: { type: "array", items: { type: "object" } }, next: { type: ["integer", "null"] } } } } },
        },
        ...refusals,
      },
    },
  },
  "/audit-events/export": {
    get: {
      summary: "Export the caller's agency's audit trail (CSV or JSON), oldest first",
      description: "Every event matching the filters, at most 100,000 (400 beyond: narrow the filters). CSV cells that a spreadsheet would run as a formula are prefixed with '. Taking an export is itself recorded (`audit.export`).",
      operationId: "exportAuditEvents",
      parameters: [{ name: "format", in: "query", required: true, schema: { type: "string", enum: ["csv", "json"] } }, ...filterParameters],
      responses: {
        "200": { description: "The events, as an attachment", content: { "text/csv": { schema: { type: "string" } }, "application/json": { schema: { type: "object" } } } },
        ...refusals,
      },
    },
  },
} as const;
