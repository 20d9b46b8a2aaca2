/**
 * The OpenAPI 3.1 description of the SharePoint sync paths of /api/v1 (issue 9): the agency's
 * connection, its test, the queue overview and retry, each document's and file's status and a space's at once, in
 * the style of lib/api/openapi-holds.ts, merged into openApiDocument(). Written by hand so that
 * every status code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403Read = { description: "Not one of the agency's administrators, auditors or records managers (code forbidden)", ...errorBody };
const r403Admin = { description: "Not one of the agency's administrators (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody };
const r404 = { description: "Does not exist, or the caller may not know it exists (the two are indistinguishable)", ...errorBody };
const r403Item = { description: "The caller sees the item but may not change it (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody };
const uuid = { type: "string", format: "uuid" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const documentId = { name: "documentId", in: "path", required: true, schema: uuid } as const;
const fileId = { name: "fileId", in: "path", required: true, schema: uuid } as const;
const queued = ok("Queued again (false when the agency has no connection)", { type: "object", required: ["queued"], properties: { queued: { type: "boolean" } } });

/** The SharePoint paths, keyed as in openApiDocument().paths. */
export const sharepointPaths = {
  "/sharepoint/connection": {
    get: {
      summary: "The agency's SharePoint connection (never its secret)",
      description: "Only whether a secret is stored (`hasSecret`) is answered, never the secret. For the agency's administrators, auditors and records managers.",
      operationId: "getSharePointConnection",
      responses: {
        "200": ok("The connection (null when none is saved) and whether the caller may change it", { type: "object", required: ["connection", "canEdit"], properties: { connection: { oneOf: [ref("SharePointConnection"), { type: "null" }] }, canEdit: { type: "boolean" } } }),
        "401": r401,
        "403": r403Read,
      },
    },
    put: {
      summary: "Save the agency's SharePoint connection",
      description:
        "The secret (or the certificate's private key, PEM) is sealed before it is stored; a blank one keeps the stored secret, and the first save needs one. Saving a new connection, or pointing it at another site or library, queues every document and file of the agency's spaces for upload. Audited. For the agency's administrators.",
      operationId: "saveSharePointConnection",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["tenantId", "clientId", "siteUrl"],
              properties: {
                tenantId: { type: "string", description: "The tenant's GUID or domain", maxLength: 200 },
                clientId: { type: "string", format: "uuid", description: "The app registration's client (application) id" },
                authKind: { enum: ["secret", "certificate"], default: "secret" },
                clientSecret: { type: "string", maxLength: 10000, description: "Blank: keep the stored one" },
                certificateThumbprint: { type: "string", description: "SHA-256, 64 hexadecimal characters (certificates only)" },
                siteUrl: { type: "string", format: "uri", examples: ["https://contoso.sharepoint.com/sites/Accord"] },
                driveName: { type: "string", maxLength: 200, description: "The library; blank: the site's default library" },
              },
            },
          },
        },
      },
      responses: {
        "200": ok("The connection saved, as administrators see it", ref("SharePointConnection")),
        "400": {
          description:
            "The input is invalid (code invalid_input): `error.issues` lists every problem with its field ({ path, message }: `tenantId`, `clientId` not a GUID, `siteUrl` not https://…/sites/… or /teams/…, `certificateThumbprint`, `clientSecret` missing on the first save). Nothing was saved",
          ...errorBody,
        },
        "401": r401,
        "403": r403Admin,
      },
    },
  },
  "/sharepoint/connection/test": {
    post: {
      summary: "Test the connection: a token, the site, the library, a write",
      description: "Each step in order, with whether it worked, why not, and the Graph request-id; kept on the connection as `lastTest` and audited. For the agency's administrators.",
      operationId: "testSharePointConnection",
      responses: {
        "200": ok("Each step's outcome (the test itself ran; `ok` says whether every step worked)", ref("SharePointConnectionTest")),
        "401": r401,
        "403": r403Admin,
        "404": { description: "No connection is saved yet (code not_found)", ...errorBody },
      },
    },
  },
  "/sharepoint/overview": {
    get: {
      summary: "The agency's sync queue, the last hour's Graph traffic, what needs attention and the latest calls",
      description: "Items are named by kind and space only, never by title. For the agency's administrators, auditors and records managers.",
      operationId: "getSharePointOverview",
      responses: { "200": ok("The overview", ref("SharePointOverview")), "401": r401, "403": r403Read },
    },
  },
  "/sharepoint/queue/{outboxId}/retry": {
    post: {
      summary: "Send a failed or waiting change to SharePoint again now",
      description: "Its attempts start again; it is still authorized at delivery for the person whose change it is. Audited. For the agency's administrators.",
      operationId: "retrySharePointChange",
      parameters: [{ name: "outboxId", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
      responses: {
        "200": ok("Queued again", { type: "object", required: ["outboxId"], properties: { outboxId: { type: "integer" } } }),
        "401": r401,
        "403": r403Admin,
        "404": { description: "No such change waits in the agency's queue (code not_found)", ...errorBody },
      },
    },
  },
  "/documents/{documentId}/sync": {
    get: {
      summary: "The document's SharePoint status",
      operationId: "getDocumentSync",
      parameters: [documentId],
      responses: { "200": ok("The status (`sync` null when the agency has no connection)", ref("ItemSync")), "401": r401, "404": r404 },
    },
    post: {
      summary: "Send the document to SharePoint again, as the caller's change",
      operationId: "retryDocumentSync",
      parameters: [documentId],
      responses: { "200": queued, "401": r401, "403": r403Item, "404": r404 },
    },
  },
  "/documents/{documentId}/sync/conflict": {
    post: {
      summary: "End a conflict with SharePoint: keep Accord's version or take SharePoint's",
      description: "`accord`: Accord's content goes to SharePoint (SharePoint's stays as a version); `sharepoint`: SharePoint's version is restored into the document. Audited. For whoever may edit the document.",
      operationId: "resolveDocumentSyncConflict",
      parameters: [documentId],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["keep"], properties: { keep: { enum: ["accord", "sharepoint"] } } } } } },
      responses: {
        "200": ok("Resolved", { type: "object", required: ["kept"], properties: { kept: { enum: ["accord", "sharepoint"] } } }),
        "400": { description: "`keep` is missing or neither accord nor sharepoint (code invalid_input)", ...errorBody },
        "401": r401,
        "403": r403Item,
        "404": r404,
        "409": { description: "The document has no conflict with SharePoint (code conflict)", ...errorBody },
      },
    },
  },
  "/files/{fileId}/sync": {
    get: {
      summary: "The file's SharePoint status",
      operationId: "getFileSync",
      parameters: [fileId],
      responses: { "200": ok("The status (`sync` null when the agency has no connection)", ref("ItemSync")), "401": r401, "404": r404 },
    },
    post: {
      summary: "Send the file to SharePoint again, as the caller's change (whoever may delete it)",
      operationId: "retryFileSync",
      parameters: [fileId],
      responses: { "200": queued, "401": r401, "403": r403Item, "404": r404 },
    },
  },
  "/spaces/{spaceId}/sync": {
    get: {
      summary: "The SharePoint status of every document and file of the space the caller may read, in one request",
      description:
        "Keyed by id, trimmed by the same policy as the space's lists (an item the caller may not read is absent, never shown as hidden). Each status is the single read's without `remoteName`: no title, name, marking or content, so it is not recorded as a consultation. An item absent from a map has nothing to show (as `sync` null).",
      operationId: "listSpaceSync",
      parameters: [
        { name: "spaceId", in: "path", required: true, schema: uuid },
        { name: "only", in: "query", required: false, description: "One kind only (the other map is empty and not read): a list that shows only files asks for files.", schema: { enum: ["document", "file"] } },
      ],
      responses: { "200": ok("The statuses", ref("SpaceSync")), "400": { description: "`only` is neither document nor file (code invalid_input)", ...errorBody }, "401": r401, "404": r404 },
    },
  },
} as const;

const dateTime = { type: "string", format: "date-time" } as const;
const nullable = (type: string) => ({ type: [type, "null"] });

/** The SharePoint schemas, keyed as in openApiDocument().components.schemas. */
export const sharepointSchemas = {
  SharePointConnectionTest: {
    type: "object",
    properties: {
      ok: { type: "boolean" },
      steps: { type: "array", items: { type: "object", properties: { step: { enum: ["token", "site", "drive", "write"] }, ok: { type: "boolean" }, message: { type: "string" }, requestId: nullable("string") } } },
    },
  },
  SharePointConnection: {
    type: "object",
    properties: {
      agencyId: uuid,
      tenantId: { type: "string" },
      clientId: { type: "string" },
      authKind: { enum: ["secret", "certificate"] },
      hasSecret: { type: "boolean", description: "Whether a secret is stored; the secret itself is never answered" },
      certificateThumbprint: nullable("string"),
      siteUrl: { type: "string" },
      driveName: { type: "string" },
      siteId: nullable("string"),
      driveId: nullable("string"),
      lastTest: { oneOf: [{ $ref: "#/components/schemas/SharePointConnectionTest" }, { type: "null" }] },
      lastTestedAt: { type: ["string", "null"], format: "date-time" },
      throttledUntil: { type: ["string", "null"], format: "date-time" },
      updatedAt: dateTime,
    },
  },
  SharePointOverview: {
    type: "object",
    properties: {
      queue: { type: "object", properties: { pending: { type: "integer" }, failed: { type: "integer" }, conflicts: { type: "integer" }, doneLastHour: { type: "integer" } } },
      lastHour: { type: "object", properties: { calls: { type: "integer" }, bytes: { type: "integer" }, throttled: { type: "integer" }, errors: { type: "integer" } } },
      problems: {
        type: "array",
        items: {
          type: "object",
          properties: {
            outboxId: nullable("integer"),
            itemType: { enum: ["document", "file"] },
            itemId: uuid,
            spaceName: { type: "string" },
            kind: { type: "string" },
            status: { type: "string" },
            code: nullable("string"),
            message: { type: "string" },
            requestId: nullable("string"),
            attempts: { type: "integer" },
            updatedAt: dateTime,
          },
        },
      },
      calls: {
        type: "array",
        items: { type: "object", properties: { at: dateTime, method: { type: "string" }, path: { type: "string" }, status: { type: "integer" }, requestId: nullable("string"), actorName: nullable("string"), durationMs: { type: "integer" } } },
      },
      canRetry: { type: "boolean" },
    },
  },
  ItemSync: {
    type: "object",
    required: ["sync", "permissions"],
    properties: {
      sync: {
        type: ["object", "null"],
        properties: {
          status: { enum: ["pending", "synced", "failed", "conflict", "removed"] },
          message: nullable("string"),
          code: nullable("string"),
          requestId: nullable("string"),
          syncedAt: { type: ["string", "null"], format: "date-time" },
          remoteName: nullable("string"),
          reviewVersionId: { type: ["string", "null"], format: "uuid", description: "A document's version made from an edit in SharePoint, waiting for review" },
        },
      },
      permissions: { type: "object", properties: { canRetry: { type: "boolean" }, canResolve: { type: "boolean" } } },
    },
  },
  SyncState: {
    type: "object",
    required: ["status", "message", "code", "requestId", "syncedAt", "reviewVersionId"],
    properties: {
      status: { enum: ["pending", "synced", "failed", "conflict", "removed"] },
      message: nullable("string"),
      code: nullable("string"),
      requestId: nullable("string"),
      syncedAt: { type: ["string", "null"], format: "date-time" },
      reviewVersionId: { type: ["string", "null"], format: "uuid", description: "A document's version made from an edit in SharePoint, waiting for review" },
    },
  },
  SpaceSync: {
    type: "object",
    required: ["spaceId", "isConnected", "documents", "files", "isTruncated"],
    properties: {
      spaceId: uuid,
      isConnected: { type: "boolean", description: "The space's agency has a SharePoint connection" },
      documents: { type: "object", description: "Status by document id", additionalProperties: ref("SyncState") },
      files: { type: "object", description: "Status by file id", additionalProperties: ref("SyncState") },
      isTruncated: { type: "boolean", description: "More than 1000 documents or files: the newest are given" },
    },
  },
} as const;
