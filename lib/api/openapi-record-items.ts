/**
 * The OpenAPI 3.1 description of the labelling and events paths of /api/v1 (issue 8): an item's
 * retention label (one resource under each item: documents, files, submissions), its subject,
 * a space's default label, raising an event, and the records search. Merged into
 * openApiDocument() like lib/api/openapi-forms.ts; written by hand so every status is the one
 * the handlers return. (The file plan's labels, event types and rules are lib/api/openapi-records.ts.)
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r404 = { description: "Does not exist, or the caller may not know it exists (neither the item nor its record is theirs to see): the two are indistinguishable", ...errorBody };
const r403Change = { description: "Not a records manager of the item's agency nor an owner of its space (code forbidden); a record's label changed by someone who is not a records manager; or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody };
const r409 = { description: "The item is a regulatory record: its label cannot be removed or replaced by anyone (code regulatory_record)", ...errorBody };
const uuid = { type: "string", format: "uuid" } as const;
const day = { type: "string", format: "date", description: "A calendar day, YYYY-MM-DD" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ required: true, content: { "application/json": { schema } } });

/** The label, subject paths of one item type (`documents`, `files`, `submissions`) and its id parameter. */
function itemPaths(collection: "documents" | "files" | "submissions", param: string, noun: string, opPrefix: string) {
  const idParam = [{ name: param, in: "path", required: true, schema: uuid }];
  return {
    [`/${collection}/{${param}}/retention-label`]: {
      get: {
        summary: `The ${noun}'s retention label and the day it is due for disposal or review`,
        description: `Shown to whoever may read the ${noun}, and to the records managers of its agency and the owners of its space. \`waitingForEvent\` names the event its clock waits for ("Case closed").`,
        operationId: `get${opPrefix}RetentionLabel`,
        parameters: idParam,
        responses: { "200": ok("The retention", ref("ItemRetention")), "401": r401, "404": r404 },
      },
      put: {
        summary: `Label the ${noun} by hand`,
        description: `For the records managers of the ${noun}'s agency and the owners of its space, with a live label of that agency's file plan. Replaces the label it had, unless that declares a regulatory record (nobody may) or a record (records managers only). The clock is computed from the label's trigger; a label triggered by an event already raised for the subject or space starts at once. Recording a subject reference restarts that subject's clear periods.`,
        operationId: `apply${opPrefix}RetentionLabel`,
        parameters: idParam,
        requestBody: json({ type: "object", required: ["labelId"], properties: { labelId: uuid, subjectReference: { type: ["string", "null"], maxLength: 100 }, subjectDateOfBirth: { ...day, type: ["string", "null"] } } }),
        responses: {
          "200": ok("The retention now", ref("ItemRetention")),
          "400": { description: "No such live label in the item agency's file plan, a retired label, or a date of birth that is not a real past day (code invalid_input)", ...errorBody },
          "401": r401,
          "403": r403Change,
          "404": r404,
          "409": r409,
        },
      },
      delete: {
        summary: `Remove the ${noun}'s retention label`,
        operationId: `remove${opPrefix}RetentionLabel`,
        parameters: idParam,
        responses: { "200": ok("The retention now (no label)", ref("ItemRetention")), "401": r401, "403": r403Change, "404": r404, "409": r409 },
      },
    },
    [`/${collection}/{${param}}/retention-subject`]: {
      put: {
        summary: `Set the labelled ${noun}'s subject: the reference events are raised by, and the date of birth a 100th-birthday label computes from`,
        description: "For the records managers of the item's agency. Recording the subject is new information on them: their clear periods restart.",
        operationId: `set${opPrefix}RetentionSubject`,
        parameters: idParam,
        requestBody: json({ type: "object", required: ["subjectReference"], properties: { subjectReference: { type: ["string", "null"], maxLength: 100 }, subjectDateOfBirth: { ...day, type: ["string", "null"] } } }),
        responses: {
          "200": ok("The retention now", ref("ItemRetention")),
          "400": { description: "The item has no label yet, or a date of birth that is not a real past day (code invalid_input)", ...errorBody },
          "401": r401,
          "403": { description: "Not a records manager of the item's agency (code forbidden)", ...errorBody },
          "404": r404,
        },
      },
    },
  };
}

/** The labelling and events paths, keyed as in openApiDocument().paths. */
export const recordItemsPaths = {
  ...itemPaths("documents", "documentId", "document", "Document"),
  ...itemPaths("files", "fileId", "file", "File"),
  ...itemPaths("submissions", "submissionId", "submission", "Submission"),
  "/spaces/{spaceId}/retention-default": {
    get: {
      summary: "The space's default retention label",
      description: "With the labels to choose from for those who may set it (the records managers of the space's agency and its owners).",
      operationId: "getSpaceRetentionDefault",
      parameters: [{ name: "spaceId", in: "path", required: true, schema: uuid }],
      responses: { "200": ok("The default", ref("SpaceRetention")), "401": r401, "404": r404 },
    },
    put: {
      summary: "Set (or clear, with labelId null) the space's default label for new content",
      description: "With applyToExisting, every item of the space that has no label (documents, files and submissions of the space's agency, within the caller's vetting) is labelled too, set-based.",
      operationId: "setSpaceRetentionDefault",
      parameters: [{ name: "spaceId", in: "path", required: true, schema: uuid }],
      requestBody: json({ type: "object", required: ["labelId"], properties: { labelId: { ...uuid, type: ["string", "null"] }, applyToExisting: { type: "boolean", default: false } } }),
      responses: {
        "200": ok("The default and how many existing items were labelled", { type: "object", properties: { spaceId: uuid, labelId: { ...uuid, type: ["string", "null"] }, labelled: { type: "object", properties: { document: { type: "integer" }, file: { type: "integer" }, submission: { type: "integer" } } } } }),
        "400": { description: "No such live label in the space agency's file plan, or applyToExisting not a boolean (code invalid_input)", ...errorBody },
        "401": r401,
        "403": { description: "Not a records manager of the space's agency nor an owner of the space (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
        "404": r404,
      },
    },
  },
  "/retention-events": {
    post: {
      summary: "Raise a retention event for a subject reference or a space",
      description: "The clocks of the agency's labelled items in that set whose label the event type triggers start on the day it happened (due: that day plus the label's period); other items are untouched. For the agency's records managers.",
      operationId: "raiseRetentionEvent",
      requestBody: json({ type: "object", required: ["eventTypeId", "occurredOn"], properties: { eventTypeId: uuid, occurredOn: day, subjectReference: { type: "string", maxLength: 100 }, spaceId: uuid, description: { type: "string", maxLength: 1000 } }, description: "Exactly one of subjectReference and spaceId" }),
      responses: {
        "200": ok("The event raised, with how many clocks it started", ref("RetentionEvent")),
        "400": { description: "An unknown event type (another agency's, or a computed one), a day that is not real or is in the future, or neither or both of subjectReference and spaceId (code invalid_input)", ...errorBody },
        "401": r401,
        "403": { description: "Not a records manager (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
        "404": { description: "No such space (code not_found)", ...errorBody },
      },
    },
  },
  "/record-items": {
    get: {
      summary: "Search the caller's agency's labelled items",
      description: "By label, state and due date range, soonest due first; trimmed by the same policy as the pages (nothing above the caller's vetting; empty for those with no records role).",
      operationId: "listRecordItems",
      parameters: [
        { name: "labelId", in: "query", required: false, schema: uuid },
        { name: "state", in: "query", required: false, schema: { enum: ["retained", "in_review", "approved", "disposed", "restricted"] } },
        { name: "dueFrom", in: "query", required: false, schema: day },
        { name: "dueTo", in: "query", required: false, schema: day },
        { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
      ],
      responses: {
        "200": ok("The items", { type: "object", properties: { items: { type: "array", items: ref("RecordItemSummary") } } }),
        "400": { description: "A state that is not one of the states, a day that is not real, a first day after the last, or a bad limit (code invalid_input)", ...errorBody },
        "401": r401,
      },
    },
  },
} as const;

const labelRef = { type: "object", properties: { id: uuid, reference: { type: "string" }, name: { type: "string" } } } as const;

/** The schemas the labelling and events paths refer to. */
export const recordItemsSchemas = {
  ItemRetention: {
    type: "object",
    properties: {
      itemType: { enum: ["document", "file", "submission"] },
      itemId: uuid,
      label: { oneOf: [{ type: "null" }, { ...labelRef, properties: { ...labelRef.properties, recordKind: { enum: ["none", "record", "regulatory"] }, action: { enum: ["delete", "review", "relabel"] } } }] },
      appliedHow: { enum: ["manual", "rule", "space_default", "relabel", null] },
      subjectReference: { type: ["string", "null"] },
      subjectDateOfBirth: { type: ["string", "null"], format: "date" },
      clockStartedOn: { type: ["string", "null"], format: "date" },
      dueOn: { type: ["string", "null"], format: "date" },
      state: { enum: ["retained", "in_review", "approved", "disposed", "restricted", null] },
      waitingForEvent: { type: ["string", "null"] },
      permissions: { type: "object", properties: { canLabel: { type: "boolean" }, canRemove: { type: "boolean" }, canSetSubject: { type: "boolean" } } },
    },
  },
  SpaceRetention: { type: "object", properties: { spaceId: uuid, defaultLabel: { oneOf: [{ type: "null" }, labelRef] }, labels: { type: "array", items: labelRef }, permissions: { type: "object", properties: { canSetDefault: { type: "boolean" } } } } },
  RetentionEvent: { type: "object", properties: { id: uuid, eventTypeId: uuid, occurredOn: { type: "string", format: "date" }, subjectReference: { type: ["string", "null"] }, spaceId: { ...uuid, type: ["string", "null"] }, itemCount: { type: "integer" } } },
  RecordItemSummary: {
    type: "object",
    properties: {
      id: uuid,
      itemType: { enum: ["document", "file", "submission"] },
      itemId: uuid,
      title: { type: "string" },
      space: { type: "object", properties: { id: uuid, name: { type: "string" } } },
      label: labelRef,
      appliedHow: { type: "string" },
      subjectReference: { type: ["string", "null"] },
      clockStartedOn: { type: ["string", "null"], format: "date" },
      dueOn: { type: ["string", "null"], format: "date" },
      state: { type: "string" },
    },
  },
} as const;
