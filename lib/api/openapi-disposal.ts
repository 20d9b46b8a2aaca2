/**
 * The OpenAPI 3.1 description of the disposal review paths of /api/v1 (issue 8): the review
 * queue, review decisions and certificates of disposal, merged into openApiDocument() as
 * lib/api/openapi-forms.ts is. Written by hand so that every status code is the one the
 * handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const uuid = { type: "string", format: "uuid" } as const;
const day = { type: "string", format: "date" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The disposal review paths, keyed as in openApiDocument().paths. */
export const disposalPaths = {
  "/review-queue": {
    get: {
      summary: "The items in disposal review the caller may decide now",
      description:
        "Items whose current review stage names the caller, and for the agency's records managers every item in review within their vetting; never an item under a hold. Oldest due first. Each shows what identifies it (title, type, space, marking), its label, due day, stage and the decisions of this review; never its content.",
      operationId: "listReviewQueue",
      parameters: [{ name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 200 } }],
      responses: {
        "200": ok("The queue (empty for someone who reviews nothing)", { type: "object", properties: { items: { type: "array", items: ref("ReviewQueueItem") } } }),
        "400": { description: "limit is not a whole number from 1 to 500 (code invalid_input)", ...errorBody },
        "401": r401,
      },
    },
  },
  "/record-items/{recordItemId}/decisions": {
    post: {
      summary: "Decide an item's disposal review at its current stage",
      description:
        "approve: the next stage, or after the last, the item is disposed (its content deleted, a certificate written); extend: kept until newDueOn (after today), back to retained; relabel: newLabelId applied, its clock recomputed; add_reviewers: reviewerIds (people of the item's agency) added to the current stage; restrict: DPA 2018 s.47, restricted instead of erased (content kept, certificate with outcome restricted). A comment is required for every decision. Only the reviewers named at the current stage and the agency's records managers decide.",
      operationId: "decideDisposalReview",
      parameters: [{ name: "recordItemId", in: "path", required: true, schema: uuid }],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["decision", "comment"],
              properties: {
                decision: { enum: ["approve", "extend", "relabel", "add_reviewers", "restrict"] },
                comment: { type: "string", minLength: 1, maxLength: 2000 },
                newDueOn: { ...day, description: "For extend: a day after today" },
                newLabelId: { ...uuid, description: "For relabel: a label of the agency's file plan in use" },
                reviewerIds: { type: "array", items: uuid, maxItems: 20, description: "For add_reviewers" },
              },
            },
          },
        },
      },
      responses: {
        "200": ok("Where the item is now", ref("DisposalDecisionResult")),
        "400": { description: "No comment (\"Give a comment for your decision\"), an unknown decision, or the decision's own field missing or wrong (code invalid_input; `error.issues` names the field: newDueOn, newLabelId, reviewerIds, comment)", ...errorBody },
        "401": r401,
        "403": { description: "The caller sees the item's record (a space owner, a reviewer of another stage) but may not decide this stage (code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody },
        "404": { description: "No such item, or the caller may not see it (another agency's, above their vetting, a stage that does not name them): the two are indistinguishable", ...errorBody },
        "409": { description: "The item is not in review (code conflict), or a hold stands over it (code held): no decision is taken while it stands", ...errorBody },
      },
    },
  },
  "/review-queue/decisions": {
    post: {
      summary: "One decision on many items of the caller's review queue",
      description:
        "The same decision and comment for each of up to 200 items, each decided exactly as POST /record-items/{recordItemId}/decisions decides one, in its own transaction: an item that cannot be decided (decided by someone else meanwhile, under a hold, not the caller's to decide or to see) is refused on its own with the status and message that call would give, and the others are decided. A problem with the decision itself (no comment, a bad newDueOn) is answered 400 before any item is touched.",
      operationId: "decideDisposalReviews",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["recordItemIds", "decision", "comment"],
              properties: {
                recordItemIds: { type: "array", items: uuid, minItems: 1, maxItems: 200 },
                decision: { enum: ["approve", "extend", "relabel", "add_reviewers", "restrict"] },
                comment: { type: "string", minLength: 1, maxLength: 2000 },
                newDueOn: { ...day, description: "For extend: a day after today" },
                newLabelId: { ...uuid, description: "For relabel: a label of the agency's file plan in use" },
                reviewerIds: { type: "array", items: uuid, maxItems: 20, description: "For add_reviewers" },
              },
            },
          },
        },
      },
      responses: {
        "200": ok("Each item's outcome, in the order given", {
          type: "object",
          required: ["decided", "refused", "outcomes"],
          properties: {
            decided: { type: "integer" },
            refused: { type: "integer" },
            outcomes: {
              type: "array",
              items: {
                type: "object",
                required: ["recordItemId", "result", "error"],
                properties: {
                  recordItemId: { type: "string" },
                  result: { oneOf: [ref("DisposalDecisionResult"), { type: "null" }] },
                  error: { oneOf: [{ type: "null" }, { type: "object", required: ["status", "code", "message"], properties: { status: { type: "integer" }, code: { type: "string" }, message: { type: "string" } } }] },
                },
              },
            },
          },
        }),
        "400": { description: "No items, more than 200, no comment, an unknown decision, or the decision's own field missing or wrong (code invalid_input; `error.issues` names the field: recordItemIds, newDueOn, newLabelId, reviewerIds, comment); nothing was decided", ...errorBody },
        "401": r401,
        "403": { description: "A cookie-authenticated change came from another origin (code cross_origin)", ...errorBody },
      },
    },
  },
  "/disposal-certificates": {
    get: {
      summary: "The certificates of disposal still kept",
      description: "For the agency's records managers and auditors (anyone else: an empty list). Newest first; only those whose keep-until date is still ahead (ACCORD_CERTIFICATE_RETENTION_YEARS, default 7).",
      operationId: "listDisposalCertificates",
      parameters: [
        { name: "q", in: "query", required: false, schema: { type: "string", maxLength: 200 }, description: "Text in the title, or the label's reference or name, case-insensitively" },
        { name: "from", in: "query", required: false, schema: day, description: "Disposed on or after this UK day" },
        { name: "to", in: "query", required: false, schema: day, description: "Disposed on or before this UK day" },
        { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
      ],
      responses: {
        "200": ok("The certificates", { type: "object", properties: { items: { type: "array", items: ref("DisposalCertificate") } } }),
        "400": { description: "A day that is not a real YYYY-MM-DD day, from after to, q over 200 characters, a bad limit (code invalid_input)", ...errorBody },
        "401": r401,
      },
    },
  },
} as const;

const approval = { type: "object", properties: { stage: { type: "integer" }, stageName: { type: "string" }, reviewerId: uuid, reviewerName: { type: "string" }, comment: { type: "string" }, at: { type: "string", format: "date-time" } } } as const;

/** The schemas the disposal paths refer to. */
export const disposalSchemas = {
  ReviewQueueItem: {
    type: "object",
    properties: {
      id: uuid,
      itemType: { enum: ["document", "file", "submission"] },
      itemId: uuid,
      title: { type: "string" },
      space: { type: "object", properties: { id: uuid, name: { type: "string" } } },
      marking: { type: "string" },
      markingRank: { type: "integer" },
      label: { type: "object", properties: { id: uuid, reference: { type: "string" }, name: { type: "string" } } },
      dueOn: { type: ["string", "null"], format: "date" },
      stage: { type: "integer", minimum: 1, maximum: 5 },
      stageCount: { type: "integer" },
      stageName: { type: "string" },
      reviewers: { type: "array", items: { type: "object", properties: { id: uuid, name: { type: "string" } } } },
      reviewStartedAt: { type: ["string", "null"], format: "date-time" },
      decisions: { type: "array", items: { type: "object", properties: { stage: { type: "integer" }, reviewer: { type: "string" }, decision: { type: "string" }, comment: { type: "string" }, at: { type: "string", format: "date-time" } } } },
    },
  },
  DisposalDecisionResult: {
    type: "object",
    properties: {
      recordItemId: uuid,
      decision: { enum: ["approve", "extend", "relabel", "add_reviewers", "restrict"] },
      state: { enum: ["retained", "in_review", "approved", "disposed", "restricted"] },
      stage: { type: ["integer", "null"] },
      dueOn: { type: ["string", "null"], format: "date" },
      certificateId: { type: ["string", "null"], format: "uuid" },
    },
  },
  DisposalCertificate: {
    type: "object",
    properties: {
      id: uuid,
      itemType: { enum: ["document", "file", "submission"] },
      itemId: uuid,
      title: { type: "string" },
      spaceName: { type: "string" },
      marking: { type: "string" },
      label: { type: "object", properties: { reference: { type: "string" }, name: { type: "string" } } },
      approvals: { type: "array", items: approval },
      outcome: { enum: ["deleted", "restricted"] },
      disposedAt: { type: "string", format: "date-time" },
      keepUntil: { type: "string", format: "date-time" },
      sharePoint: {
        description: "What SharePoint did with the item's mirrored copy, read when asked (the certificate itself never changes); null when the item was never synced.",
        type: ["object", "null"],
        properties: {
          state: { enum: ["deleted", "pending", "refused", "failed"] },
          reason: { type: ["string", "null"] },
          code: { type: ["string", "null"] },
          at: { type: ["string", "null"], format: "date-time" },
        },
      },
    },
  },
} as const;
