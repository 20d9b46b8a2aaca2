/**
 * The OpenAPI 3.1 description of the form library paths of /api/v1 (issue 7), in the style of
 * lib/api/openapi-boards.ts, merged into openApiDocument(). Written by hand so that every status
 * code is the one the handlers return.
 */

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const r400 = { description: "The input is invalid (code invalid_input): a version that is not a whole number from 1", ...errorBody };
const r401 = { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody };
const r404 = { description: "Does not exist, or the caller may not see it (another agency's form, a draft version of a form they do not administer): the two are indistinguishable", ...errorBody };
const uuid = { type: "string", format: "uuid" } as const;
const ok = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const versionSummary = { type: "object", properties: { id: uuid, number: { type: "integer" }, status: { enum: ["draft", "published"] }, publishedAt: { type: ["string", "null"], format: "date-time" } } } as const;

/** The form paths, keyed as in openApiDocument().paths. */
export const formsPaths = {
  "/forms": {
    get: {
      summary: "List the form library the caller may read",
      description: "The national forms and the caller's own agency's forms and local variants, national first, then by title, each with the version people fill in now.",
      operationId: "listForms",
      responses: {
        "200": ok("The forms, and whether the caller may add their agency's own", { type: "object", properties: { items: { type: "array", items: ref("FormSummary") }, permissions: { type: "object", properties: { canCreate: { type: "boolean" } } } } }),
        "401": r401,
      },
    },
    post: {
      summary: "Make a new local form for the caller's agency",
      description: "A first draft asking one question, to be built on (PUT /forms/{formId}/draft) and published. For the agency's form administrators only. Without a key, one is made from the title.",
      operationId: "createForm",
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 200 }, key: { type: "string", pattern: "^[a-z0-9-]{2,64}$" } } } } } },
      responses: {
        "200": ok("The new form, its first draft shown", ref("FormDetail")),
        "400": { description: "A missing or too long title, or a key that is not 2 to 64 lowercase letters, digits and hyphens (code invalid_input)", ...errorBody },
        "401": r401,
        "403": { description: "Not one of the agency's form administrators (code forbidden), or a cookie-authenticated change from another origin (code cross_origin)", ...errorBody },
        "409": { description: "The agency already has a form with this key (code conflict)", ...errorBody },
      },
    },
  },
  "/forms/{formId}": {
    get: {
      summary: "One form: its versions and the definition people fill in now (or the version named)",
      description: "The definition is the form as data: a JSON Schema (2020-12) of the answers and a layout of pages, sections (disclosable or not, shown when a condition holds) and fields or repeating groups. Drafts are listed and readable only by those who may edit the form.",
      operationId: "getForm",
      parameters: [
        { name: "formId", in: "path", required: true, schema: uuid },
        { name: "version", in: "query", required: false, schema: { type: "integer", minimum: 1 }, description: "A version number (default: the latest published)" },
      ],
      responses: { "200": ok("The form", ref("FormDetail")), "400": r400, "401": r401, "404": r404 },
    },
  },
} as const;

const r400Answers = {
  description:
    "The answers are not valid (code invalid_input): `error.message` names the first problem, `error.issues` lists every field's ({ path, message }, path `name` or `group[1].name`): a missing required answer (on submitting), a wrong type or format, a field the form does not have, more than 5 MB. Nothing was saved",
  ...errorBody,
};
const r403 = { description: "The caller sees it but may not do this (code forbidden): only the owner changes a submission, only a supervisor of its agency (not its owner) reviews it; or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r409 = { description: "The submission changed since expectedVersion (code conflict); `error.current` is the submission as it is now. Nothing was saved", ...errorBody };
const sid = { name: "submissionId", in: "path", required: true, schema: uuid } as const;
const fid = { name: "formId", in: "path", required: true, schema: uuid } as const;
/** The results' filters (lib/submissions/submission-filters.ts): each optional, a blank one is no filter, all must hold. */
const filters = [
  { name: "status", in: "query", required: false, schema: { enum: ["draft", "submitted", "returned", "accepted"] }, description: "Only submissions with this status" },
  { name: "spaceId", in: "query", required: false, schema: uuid, description: "Only submissions in this space" },
  { name: "submittedFrom", in: "query", required: false, schema: { type: "string", format: "date" }, description: "Only submissions submitted on or after this UK day (YYYY-MM-DD, midnight in London); drafts, never submitted, are left out" },
  { name: "submittedTo", in: "query", required: false, schema: { type: "string", format: "date" }, description: "Only submissions submitted on or before this UK day (YYYY-MM-DD, inclusive); not before submittedFrom" },
  { name: "owner", in: "query", required: false, schema: { oneOf: [{ const: "me" }, uuid] }, description: 'Only submissions made by this person: "me" (the caller) or a user id' },
  { name: "q", in: "query", required: false, schema: { type: "string", maxLength: 200 }, description: "Only submissions with an answer (text or number, at any depth, repeating groups included) containing this text, case-insensitively; field names are not searched" },
] as const;
const r400Filters = {
  description: "A filter is not valid (code invalid_input): an unknown status, a space that is not an id, a date that is not YYYY-MM-DD or not a real day, submittedFrom after submittedTo, an owner that is neither \"me\" nor an id, q over 200 characters. `error.issues` names it ([{ path, message }], path the parameter's name)",
  ...errorBody,
};
const submissionListItem = {
  type: "object",
  properties: {
    id: uuid,
    spaceId: uuid,
    spaceName: { type: "string" },
    formVersion: { type: "integer" },
    status: { enum: ["draft", "submitted", "returned", "accepted"] },
    owner: { type: "string" },
    marking: { type: "string" },
    markingRank: { type: "integer" },
    answers: { type: "object" },
    submittedAt: { type: ["string", "null"], format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;
const json = (properties: object, required: string[]) => ({ required: true, content: { "application/json": { schema: { type: "object", required, properties } } } });

const r403Form = { description: "The caller sees the form but may not change it (code forbidden): a national form, or not one of their agency's administrators; or a cookie-authenticated change came from another origin (code cross_origin)", ...errorBody };
const r400Definition = {
  description: "The definition is not valid (code invalid_input): not valid JSON Schema, layout and schema disagreeing, or, for a local variant, a national field, requirement, rule or section removed or weakened. `error.issues` lists every problem ({ path, message }). Nothing was saved",
  ...errorBody,
};
const formAnswer = (d: string) => ok(d, ref("FormDetail"));

/** The form administration paths (agency forms and local variants). */
export const formAdminPaths = {
  "/forms/{formId}/variants": {
    post: {
      summary: "Make a local variant of a national form for the caller's agency",
      operationId: "createFormVariant",
      parameters: [fid],
      requestBody: json({ key: { type: "string" }, title: { type: "string" } }, []),
      responses: { "200": formAnswer("The variant, its first draft pinned to the national version"), "400": r400, "401": r401, "403": r403Form, "404": r404, "409": { description: "The agency already has a form with this key (code conflict)", ...errorBody } },
    },
  },
  "/forms/{formId}/draft": {
    put: {
      summary: "Save the draft definition of an agency form or local variant",
      operationId: "saveFormDraft",
      parameters: [fid],
      requestBody: json({ definition: { type: "object" } }, ["definition"]),
      responses: { "200": formAnswer("The form, the draft shown"), "400": r400Definition, "401": r401, "403": r403Form, "404": r404 },
    },
  },
  "/forms/{formId}/publish": {
    post: { summary: "Publish the draft of an agency form or local variant", operationId: "publishForm", parameters: [fid], responses: { "200": formAnswer("The form"), "400": r400Definition, "401": r401, "403": r403Form, "404": r404 } },
  },
  "/forms/{formId}/national-changes": {
    get: {
      summary: "For a local variant: what the national form changed since the version it is pinned to",
      operationId: "getNationalChanges",
      parameters: [fid],
      responses: { "200": ok("The changes (none for a form that is not a variant)", { type: "object", properties: { pinnedVersion: { type: ["integer", "null"] }, latestVersion: { type: ["integer", "null"] }, changes: { type: "array", items: { type: "object" } } } }), "401": r401, "404": r404 },
    },
  },
  "/forms/{formId}/rebase": {
    post: { summary: "Re-base a local variant onto the national form's latest version, as a draft", operationId: "rebaseFormVariant", parameters: [fid], responses: { "200": formAnswer("The form, the re-based draft shown"), "400": r400Definition, "401": r401, "403": r403Form, "404": r404 } },
  },
} as const;

/** The submission paths, keyed as in openApiDocument().paths. */
export const submissionsPaths = {
  "/forms/{formId}/submissions": {
    get: {
      summary: "The form's submissions the caller may read (results), filtered, newest first",
      description: "At most 1,000 (the newest); `isCapped` is true when more matched. Filters only ever narrow what the caller may read: a submission they may not read is neither listed nor counted, whatever the filters.",
      operationId: "listSubmissions",
      parameters: [fid, ...filters],
      responses: {
        "200": ok("The submissions, and the filters as understood", {
          type: "object",
          properties: { items: { type: "array", items: submissionListItem }, isCapped: { type: "boolean" }, filters: { type: "object", description: "The filters given, blank ones left out" } },
        }),
        "400": r400Filters,
        "401": r401,
        "404": r404,
      },
    },
    post: {
      summary: "Start a draft submission of the form's current version in a space",
      description: "The marking defaults to the higher of the form's default and the space's; never below the space's default. Answers given are checked as a draft's.",
      operationId: "createSubmission",
      parameters: [fid],
      requestBody: json({ spaceId: uuid, marking: { type: "string" }, answers: { type: "object" } }, ["spaceId"]),
      responses: { "200": ok("The draft", ref("Submission")), "400": r400Answers, "401": r401, "403": r403, "404": r404 },
    },
  },
  "/forms/{formId}/results.csv": {
    get: {
      summary: "The form's submissions the caller may read, as CSV (cells that could start a formula are prefixed with ')",
      description: "Exactly what GET /forms/{formId}/submissions lists with the same filters (at most 1,000, newest first), in the form's latest published layout: ID, status, owner, submission time, marking, then one column per top-level field. Audited as a disclosure, with the filters.",
      operationId: "exportSubmissionsCsv",
      parameters: [fid, ...filters],
      responses: { "200": { description: "text/csv attachment", content: { "text/csv": { schema: { type: "string" } } } }, "400": r400Filters, "401": r401, "404": r404 },
    },
  },
  "/submissions/{submissionId}": {
    get: { summary: "One submission with its submitted versions and reviews", operationId: "getSubmission", parameters: [sid], responses: { "200": ok("The submission", ref("Submission")), "401": r401, "404": r404 } },
    patch: {
      summary: "Save a draft's (or a returned submission's) answers as they are",
      operationId: "saveSubmission",
      parameters: [sid],
      requestBody: json({ expectedVersion: { type: "integer" }, answers: { type: "object" } }, ["expectedVersion", "answers"]),
      responses: { "200": ok("The submission, its version one higher", ref("Submission")), "400": r400Answers, "401": r401, "403": r403, "404": r404, "409": r409 },
    },
  },
  "/submissions/{submissionId}/submit": {
    post: {
      summary: "Submit (or, once submitted, edit and submit again), checked in full; every submitted version is kept",
      operationId: "submitSubmission",
      parameters: [sid],
      requestBody: json({ expectedVersion: { type: "integer" }, answers: { type: "object" } }, ["expectedVersion"]),
      responses: { "200": ok("The submission, submitted", ref("Submission")), "400": r400Answers, "401": r401, "403": r403, "404": r404, "409": r409 },
    },
  },
  "/submissions/{submissionId}/versions": {
    get: {
      summary: "Every kept version of the submission (one per submission, edits after submitting included), oldest first, with its answers, who saved it, when, and its review",
      description: "For whoever may read the submission; reading an OFFICIAL-SENSITIVE submission's versions is audited as a consultation.",
      operationId: "listSubmissionVersions",
      parameters: [sid],
      responses: { "200": ok("The versions", { type: "object", properties: { submissionId: uuid, versions: { type: "array", items: ref("SubmissionVersion") } } }), "401": r401, "404": r404 },
    },
  },
  "/submissions/{submissionId}/reviews": {
    post: {
      summary: "A supervisor's decision: return with a comment, or accept",
      operationId: "reviewSubmission",
      parameters: [sid],
      requestBody: json({ decision: { enum: ["return", "accept"] }, comment: { type: "string", maxLength: 5000 } }, ["decision"]),
      responses: { "200": ok("The submission, returned or accepted", ref("Submission")), "400": r400, "401": r401, "403": r403, "404": r404 },
    },
  },
  "/submissions/{submissionId}/pdf": {
    get: {
      summary: "The submission as a printable PDF: the marking at top and bottom and the declaration on every page; ?disclosable=1 leaves out what is not disclosable",
      operationId: "exportSubmissionPdf",
      parameters: [sid, { name: "disclosable", in: "query", required: false, schema: { enum: ["1"] } }],
      responses: { "200": { description: "application/pdf attachment", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, "401": r401, "404": r404 },
    },
  },
} as const;

/** The form schemas, merged into components.schemas. */
export const formsSchemas = {
  Submission: {
    type: "object",
    properties: {
      id: uuid,
      form: { type: "object", properties: { id: uuid, key: { type: "string" }, title: { type: "string" }, versionId: uuid, versionNumber: { type: "integer" } } },
      spaceId: uuid,
      marking: { type: "string" },
      markingRank: { type: "integer" },
      owner: { type: "object", properties: { id: uuid, name: { type: "string" } } },
      status: { enum: ["draft", "submitted", "returned", "accepted"] },
      answers: { type: "object" },
      version: { type: "integer" },
      submittedAt: { type: ["string", "null"], format: "date-time" },
      permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canReview: { type: "boolean" } } },
    },
  },
  SubmissionVersion: {
    type: "object",
    properties: {
      number: { type: "integer", minimum: 1 },
      status: { enum: ["draft", "submitted", "returned", "accepted"], description: "The status the submission took when this version was saved" },
      savedBy: { oneOf: [{ type: "object", properties: { id: uuid, name: { type: "string" } } }, { type: "null" }] },
      savedAt: { type: "string", format: "date-time" },
      answers: { type: "object" },
      review: {
        oneOf: [{ type: "object", properties: { decision: { enum: ["returned", "accepted"] }, comment: { type: "string" }, reviewer: { type: "string" }, reviewedAt: { type: "string", format: "date-time" } } }, { type: "null" }],
        description: "The supervisor's decision on this version, if any",
      },
    },
  },
  FormSummary: {
    type: "object",
    properties: {
      id: uuid,
      key: { type: "string" },
      scope: { enum: ["national", "agency"] },
      agencyId: { type: ["string", "null"], format: "uuid" },
      title: { type: "string" },
      summary: { type: "string" },
      extendsFormId: { type: ["string", "null"], format: "uuid", description: "For a local variant: the national form it extends" },
      latestPublished: { oneOf: [versionSummary, { type: "null" }] },
      updatedAt: { type: "string", format: "date-time" },
      permissions: { type: "object", properties: { canUpdate: { type: "boolean" }, canDelete: { type: "boolean" } } },
    },
  },
  FormDetail: {
    allOf: [
      ref("FormSummary"),
      {
        type: "object",
        properties: {
          versions: { type: "array", items: versionSummary },
          definition: { type: ["object", "null"], description: "{ key, title, summary, defaultMarking, schema (JSON Schema 2020-12), layout { pages, declaration? } }" },
        },
      },
    ],
  },
} as const;
