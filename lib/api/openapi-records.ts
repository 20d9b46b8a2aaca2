/**
 * The OpenAPI 3.1 description of the file plan paths of /api/v1 (issue 8): retention labels,
 * event types and labelling rules, in the style of lib/api/openapi-forms.ts, merged into
 * openApiDocument(). Written by hand so that every status code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r403Read = { description: "The caller's agency's file plan is read only by its records managers, auditors and administrators (code forbidden)", ...errorBody };
const r403Change = {
  description: "Only the agency's records managers change its file plan (code forbidden), or a cookie-authenticated change came from another origin (code cross_origin)",
  ...errorBody,
};
const r404Label = { description: "No such label, or another agency's (the two are indistinguishable)", ...errorBody };
const r400Fields = (what: string) => ({
  description: `${what} (code invalid_input): \`error.message\` names the first problem, \`error.issues\` lists every field's ({ path, message }, path e.g. \`period.years\` or \`reviewStages.0.reviewerIds\`). Nothing was saved`,
  ...errorBody,
});
const uuid = { type: "string", format: "uuid" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const canManage = { type: "object", properties: { canManage: { type: "boolean", description: "Whether the caller may change the file plan" } } } as const;
const lid = { name: "labelId", in: "path", required: true, schema: uuid } as const;

const labelRules =
  "A period is whole years, months and days, none negative; a period of zero only with trigger `event` (due on the event itself). Trigger `event` needs `eventTypeId` (one of the agency's event types); action `review` needs 1 to 5 `reviewStages`, each a name and at least one reviewer who is an active person of the agency; action `relabel` needs `relabelToId`, another label of the agency's file plan, in use.";

const labelFields = {
  reference: { type: "string", maxLength: 60, description: "The label's line in the file plan, unique in the agency's plan" },
  name: { type: "string", maxLength: 200 },
  category: { type: "string", maxLength: 100 },
  authority: { type: "string", maxLength: 300 },
  citation: { type: "string", maxLength: 300 },
  description: { type: "string", maxLength: 2000 },
  period: { type: "object", properties: { years: { type: "integer", minimum: 0, maximum: 150 }, months: { type: "integer", minimum: 0, maximum: 1800 }, days: { type: "integer", minimum: 0, maximum: 36500 } } },
  trigger: { enum: ["created", "modified", "labelled", "event"] },
  eventTypeId: { type: ["string", "null"], format: "uuid" },
  isClearPeriod: { type: "boolean", description: "The clock restarts whenever new information about the subject is recorded" },
  action: { enum: ["delete", "review", "relabel"] },
  relabelToId: { type: ["string", "null"], format: "uuid" },
  reviewStages: { type: "array", maxItems: 5, items: { type: "object", required: ["name", "reviewerIds"], properties: { name: { type: "string", maxLength: 100 }, reviewerIds: { type: "array", minItems: 1, maxItems: 20, items: uuid } } } },
  recordKind: { enum: ["none", "record", "regulatory"] },
} as const;

/** The file plan paths, keyed as in openApiDocument().paths. */
export const recordsPaths = {
  "/retention-labels": {
    get: {
      summary: "List the retention labels of the caller's agency's file plan",
      description: "By category and reference, with the categories in use (for a filter) and whether the caller may change the plan. For the agency's records managers, auditors and administrators.",
      operationId: "listRetentionLabels",
      parameters: [
        { name: "category", in: "query", required: false, schema: { type: "string", maxLength: 100 }, description: "Only labels of this category" },
        { name: "includeRetired", in: "query", required: false, schema: { enum: ["true", "false"], default: "false" }, description: "Also list retired labels" },
      ],
      responses: {
        "200": ok("The labels", { type: "object", properties: { items: { type: "array", items: ref("RetentionLabel") }, categories: { type: "array", items: { type: "string" } }, permissions: canManage } }),
        "400": { description: "A filter is not valid (code invalid_input)", ...errorBody },
        "401": r401,
        "403": r403Read,
      },
    },
    post: {
      summary: "Add a retention label to the caller's agency's file plan",
      description: labelRules,
      operationId: "createRetentionLabel",
      requestBody: jsonBody({ type: "object", required: ["reference", "name", "period", "trigger", "action"], properties: labelFields }),
      responses: {
        "200": ok("The new label", ref("RetentionLabel")),
        "400": r400Fields("The label is not valid"),
        "401": r401,
        "403": r403Change,
        "409": { description: "The file plan already has a label with this reference (code conflict; `error.issues` names the field)", ...errorBody },
      },
    },
  },
  "/retention-labels/{labelId}": {
    get: {
      summary: "One retention label, with how much refers to it",
      operationId: "getRetentionLabel",
      parameters: [lid],
      responses: {
        "200": ok("The label", {
          allOf: [
            ref("RetentionLabel"),
            {
              type: "object",
              properties: {
                usage: { type: "object", properties: { items: { type: "integer" }, rules: { type: "integer" }, spaceDefaults: { type: "integer" }, relabelledFrom: { type: "integer" }, decisions: { type: "integer" }, certificates: { type: "integer" } } },
                isInUse: { type: "boolean", description: "Removing the label retires it when true, deletes it otherwise" },
                permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canDelete: { type: "boolean" } } },
              },
            },
          ],
        }),
        "401": r401,
        "403": r403Read,
        "404": r404Label,
      },
    },
    patch: {
      summary: "Change a retention label",
      description: `The fields sent replace the label's; the rest are kept. Switching the trigger away from \`event\`, or the action away from \`review\` or \`relabel\`, drops the event type, stages or target unless the change names them. ${labelRules}`,
      operationId: "updateRetentionLabel",
      parameters: [lid],
      requestBody: jsonBody({ type: "object", properties: labelFields }),
      responses: {
        "200": ok("The label as changed", ref("RetentionLabel")),
        "400": r400Fields("The label would not be valid"),
        "401": r401,
        "403": r403Change,
        "404": r404Label,
        "409": { description: "The label is retired, or another label has this reference (code conflict)", ...errorBody },
      },
    },
    delete: {
      summary: "Remove a retention label: retired if it is in use, deleted otherwise",
      description: "A label in use (on items, in a rule, a space's default, another label's target, a review decision, a certificate of disposal) is retired: what it labels keeps it, and it is offered for nothing new. Removing a retired label again changes nothing.",
      operationId: "retireRetentionLabel",
      parameters: [lid],
      responses: {
        "200": ok("What was done", { oneOf: [{ type: "object", properties: { outcome: { const: "retired" }, label: ref("RetentionLabel") } }, { type: "object", properties: { outcome: { const: "deleted" }, id: uuid } }] }),
        "401": r401,
        "403": r403Change,
        "404": r404Label,
      },
    },
  },
  "/retention-event-types": {
    get: {
      summary: "List the event types of the caller's agency's file plan",
      operationId: "listRetentionEventTypes",
      responses: { "200": ok("The event types, by name", { type: "object", properties: { items: { type: "array", items: ref("RetentionEventType") }, permissions: canManage } }), "401": r401, "403": r403Read },
    },
    post: {
      summary: "Add an event type to the caller's agency's file plan",
      description: 'An event raised by hand ("Case closed"), or computed from the item (`computed: "subject_100th_birthday"`, from the subject\'s date of birth).',
      operationId: "createRetentionEventType",
      requestBody: jsonBody({ type: "object", required: ["key", "name"], properties: { key: { type: "string", pattern: "^[a-z0-9-]{2,64}$" }, name: { type: "string", maxLength: 200 }, description: { type: "string", maxLength: 2000 }, computed: { enum: ["subject_100th_birthday", null] } } }),
      responses: {
        "200": ok("The new event type", ref("RetentionEventType")),
        "400": r400Fields("The event type is not valid"),
        "401": r401,
        "403": r403Change,
        "409": { description: "The file plan already has an event type with this key (code conflict)", ...errorBody },
      },
    },
  },
  "/retention-rules": {
    get: {
      summary: "List the labelling rules of the caller's agency's file plan",
      operationId: "listRetentionRules",
      responses: { "200": ok("The rules", { type: "object", properties: { items: { type: "array", items: ref("RetentionRule") }, permissions: canManage } }), "401": r401, "403": r403Read },
    },
    post: {
      summary: "Add a labelling rule: every new item of a type (or every submission of a form) gets a label",
      operationId: "createRetentionRule",
      requestBody: jsonBody({ type: "object", required: ["labelId", "itemType"], properties: { labelId: uuid, itemType: { enum: ["document", "file", "submission"] }, formKey: { type: ["string", "null"], description: "For submissions only: the key of a national form or one of the agency's (e.g. mg11)" } } }),
      responses: {
        "200": ok("The new rule", ref("RetentionRule")),
        "400": r400Fields("The rule is not valid: an unknown or retired label, an unknown form, a form key on a rule that is not for submissions"),
        "401": r401,
        "403": r403Change,
        "409": { description: "A rule already labels the same items (code conflict; `error.ruleId` names it)", ...errorBody },
      },
    },
  },
  "/retention-rules/{ruleId}": {
    delete: {
      summary: "Remove a labelling rule (what it labelled keeps its label)",
      operationId: "deleteRetentionRule",
      parameters: [{ name: "ruleId", in: "path", required: true, schema: uuid }],
      responses: { "200": ok("The rule is gone", { type: "object", properties: { id: uuid, outcome: { const: "deleted" } } }), "401": r401, "403": r403Change, "404": { description: "No such rule, or another agency's (the two are indistinguishable)", ...errorBody } },
    },
  },
} as const;

/** The file plan schemas, merged into components.schemas. */
export const recordsSchemas = {
  RetentionLabel: {
    type: "object",
    required: ["id", "reference", "name", "period", "periodText", "trigger", "action", "reviewStages", "recordKind"],
    properties: {
      id: uuid,
      reference: { type: "string" },
      name: { type: "string" },
      category: { type: "string" },
      authority: { type: "string" },
      citation: { type: "string" },
      description: { type: "string" },
      period: { type: "object", properties: { years: { type: "integer" }, months: { type: "integer" }, days: { type: "integer" } } },
      periodText: { type: "string", examples: ["6 years", "no time"] },
      trigger: { enum: ["created", "modified", "labelled", "event"] },
      eventType: { oneOf: [{ type: "null" }, { type: "object", properties: { id: uuid, key: { type: "string" }, name: { type: "string" }, computed: { type: ["string", "null"] } } }] },
      isClearPeriod: { type: "boolean" },
      action: { enum: ["delete", "review", "relabel"] },
      relabelTo: { oneOf: [{ type: "null" }, { type: "object", properties: { id: uuid, reference: { type: "string" }, name: { type: "string" } } }] },
      reviewStages: { type: "array", items: { type: "object", properties: { name: { type: "string" }, reviewers: { type: "array", items: { type: "object", properties: { id: uuid, name: { type: "string" } } } } } } },
      recordKind: { enum: ["none", "record", "regulatory"] },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      retiredAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  RetentionEventType: {
    type: "object",
    required: ["id", "key", "name"],
    properties: { id: uuid, key: { type: "string" }, name: { type: "string" }, description: { type: "string" }, computed: { type: ["string", "null"] }, createdAt: { type: "string", format: "date-time" } },
  },
  RetentionRule: {
    type: "object",
    required: ["id", "itemType", "label"],
    properties: {
      id: uuid,
      itemType: { enum: ["document", "file", "submission"] },
      formKey: { type: ["string", "null"] },
      label: { type: "object", properties: { id: uuid, reference: { type: "string" }, name: { type: "string" }, retiredAt: { type: ["string", "null"], format: "date-time" } } },
      createdAt: { type: "string", format: "date-time" },
    },
  },
} as const;
