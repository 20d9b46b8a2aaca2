/**
 * The OpenAPI 3.1 description of the notification paths of /api/v1, in the style of
 * lib/api/openapi-boards.ts, merged into openApiDocument(). Written by hand so that every status
 * code is the one the handlers return.
 */
import { NOTIFICATION_KINDS } from "@/db/schema";

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r400 = { description: "The input is invalid (code invalid_input: a limit outside 0-100, a cursor this list did not give, neither or both of ids and all); nothing changed", ...errorBody };
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403 = { description: "A cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r404 = { description: "An id names no notification of the caller's (someone else's and a missing one are indistinguishable); nothing was marked", ...errorBody };
const r413 = { description: "The body is larger than 64 KiB (code too_large)", ...errorBody };

const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const uuid = { type: "string", format: "uuid" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const unreadCount = { type: "integer", minimum: 0, description: "How many of the caller's notifications are unread" } as const;

/** The notification paths, keyed as in openApiDocument().paths. */
export const notificationsPaths = {
  "/notifications": {
    get: {
      summary: "List the caller's own notifications, newest first, with the unread count",
      description:
        "A notification stores no content. Each item names its kind and its space (null once the caller may no longer see the space), and carries its subject's title and link " +
        "only while the caller may read the subject (the card or briefing) at the moment of asking; otherwise `subject` is null and `text` is a neutral sentence without a title. " +
        "`limit=0` answers the unread count alone, with no items.",
      operationId: "listNotifications",
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 0, maximum: 100, default: 50 } },
        { name: "cursor", in: "query", description: "nextCursor of the previous page", schema: { type: "string" } },
      ],
      responses: {
        "200": ok("A page of notifications", { type: "object", required: ["items", "nextCursor", "unreadCount"], properties: { items: { type: "array", items: ref("Notification") }, nextCursor: { type: ["string", "null"] }, unreadCount } }),
        "400": r400,
        "401": r401,
      },
    },
  },
  "/notifications/read": {
    post: {
      summary: "Mark some of the caller's notifications read, or all of them",
      description: "Send { ids: [...] } (1-100 ids of the caller's notifications) or { all: true }. Marking what is already read changes nothing. With the browser session, the request must come from Accord's own pages (Origin).",
      operationId: "markNotificationsRead",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              oneOf: [
                { type: "object", required: ["ids"], properties: { ids: { type: "array", minItems: 1, maxItems: 100, items: uuid } } },
                { type: "object", required: ["all"], properties: { all: { const: true } } },
              ],
            },
          },
        },
      },
      responses: {
        "200": ok("How many were marked, and how many remain unread", { type: "object", properties: { marked: { type: "integer", minimum: 0 }, unreadCount } }),
        "400": r400,
        "401": r401,
        "403": r403,
        "404": r404,
        "413": r413,
      },
    },
  },
} as const;

/** The notification schemas, keyed as in openApiDocument().components.schemas. */
export const notificationsSchemas = {
  Notification: {
    type: "object",
    properties: {
      id: uuid,
      kind: { type: "string", enum: [...NOTIFICATION_KINDS] },
      createdAt: { type: "string", format: "date-time" },
      readAt: { type: ["string", "null"], format: "date-time" },
      isUnread: { type: "boolean" },
      space: { type: ["object", "null"], description: "Null once the caller may no longer see the space", properties: { id: uuid, name: { type: "string" } } },
      subject: {
        type: ["object", "null"],
        description: "Only while the caller may read the card or briefing now",
        properties: {
          type: { type: "string", enum: ["card", "briefing", "document", "file"] },
          id: uuid,
          title: { type: "string" },
          marking: { type: "string" },
          markingRank: { type: "integer" },
          href: { type: "string", description: "The page it is on: its board, its document, or its space's files" },
          dueAt: { type: ["string", "null"], format: "date-time" },
        },
      },
      text: { type: "string", description: "One sentence; it names the title only when subject is set" },
    },
  },
} as const;
