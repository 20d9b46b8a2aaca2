/** Submission validation: every way a submission or a draft is refused, and in what words. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { InvalidFormDefinitionError, parseFormDefinition, SCHEMA_DIALECT, type FormDefinition } from "./form-definition";
import { EXACT_FORMATS, FORM_VALIDATOR_CACHE_SIZE, formValidatorFor, MAX_SUBMISSION_BYTES, validateSubmission, type SubmissionResult } from "./validate-submission";

// A small witness statement: the special-measures section is shown, and then required, for a
// witness under 18 (layout showWhen + schema if/then); the email is required only when shown;
// exhibits repeat, each needing a reference, and a seal number when sealed.
const definition = (): FormDefinition =>
  parseFormDefinition({
    key: "validation-test",
    title: "Validation test",
    summary: "A form for testing validation",
    defaultMarking: "OFFICIAL",
    schema: {
      $schema: SCHEMA_DIALECT,
      type: "object",
      properties: {
        witnessName: { type: "string", maxLength: 100 },
        dateOfBirth: { type: "string", format: "date" },
        age: { type: "integer", minimum: 0, maximum: 130 },
        isOver18: { type: "boolean" },
        contactBy: { enum: ["phone", "email"] },
        email: { type: "string", format: "email" },
        specialMeasures: { type: "string", maxLength: 2000 },
        statement: { type: "string", maxLength: 20000 },
        lastSeenAt: { type: "string", format: "date-time" },
        exhibits: {
          type: "array",
          maxItems: 3,
          items: {
            type: "object",
            properties: {
              reference: { type: "string", pattern: "^[A-Z]{2,4}/[0-9]+$", examples: ["ABC/1"] },
              description: { type: "string", maxLength: 500 },
              isSealed: { type: "boolean" },
              sealNumber: { type: "string" },
            },
            required: ["reference"],
            allOf: [{ if: { properties: { isSealed: { const: true } }, required: ["isSealed"] }, then: { required: ["sealNumber"] } }],
          },
        },
      },
      required: ["witnessName", "isOver18", "email", "statement"],
      allOf: [{ if: { properties: { isOver18: { const: false } }, required: ["isOver18"] }, then: { required: ["specialMeasures"] } }],
    },
    layout: {
      pages: [
        {
          id: "witness",
          title: "The witness",
          sections: [
            {
              id: "about",
              title: "About the witness",
              items: [
                { field: "witnessName", label: "Witness's name" },
                { field: "dateOfBirth", label: "Date of birth", widget: "date" },
                { field: "age", label: "Age", widget: "number" },
                { field: "isOver18", label: "Is the witness over 18?", widget: "yesno" },
                { field: "contactBy", label: "Means of contact", widget: "radio" },
                { field: "email", label: "Email address", widget: "email", showWhen: { field: "contactBy", equals: "email" } },
              ],
            },
            { id: "measures", title: "Special measures", isDisclosable: false, showWhen: { field: "isOver18", equals: false }, items: [{ field: "specialMeasures", label: "Special measures", widget: "textarea" }] },
          ],
        },
        {
          id: "statementPage",
          title: "Statement",
          sections: [
            {
              id: "statementSection",
              title: "Statement",
              items: [
                { field: "statement", label: "Statement text", widget: "textarea" },
                { field: "lastSeenAt", label: "Suspect last seen at (date and time)", widget: "datetime" },
              ],
            },
            {
              id: "exhibitsSection",
              title: "Exhibits",
              items: [
                {
                  group: "exhibits",
                  label: "Exhibits",
                  itemLabel: "Exhibit",
                  fields: [
                    { field: "reference", label: "Reference" },
                    { field: "description", label: "Description", widget: "textarea" },
                    { field: "isSealed", label: "Sealed?", widget: "yesno" },
                    { field: "sealNumber", label: "Seal number", showWhen: { field: "isSealed", equals: true } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  });

const form = definition();
const complete = () => ({ witnessName: "Ann Smith", isOver18: true, contactBy: "phone", statement: "I saw a blue car.", exhibits: [{ reference: "AB/1" }] });
const final = (raw: unknown) => validateSubmission(form, raw, { isDraft: false });
const draft = (raw: unknown) => validateSubmission(form, raw, { isDraft: true });
const errorsOf = (result: SubmissionResult) => (result.ok ? [] : result.errors);

describe("validateSubmission", () => {
  it("accepts a complete submission and returns what is stored", () => {
    expect(final(complete())).toEqual({ ok: true, data: complete() });
  });

  it("drops a hidden section's answers rather than keeping or checking them", () => {
    // An adult's leftover special-measures answer (even one far too long) is not kept.
    const result = final({ ...complete(), specialMeasures: "x".repeat(5000) });
    expect(result).toEqual({ ok: true, data: complete() });
  });

  it("requires a shown conditional section's fields, and only when shown", () => {
    expect(errorsOf(final({ ...complete(), isOver18: false }))).toEqual([{ path: "specialMeasures", message: "Enter the special measures" }]);
    expect(final({ ...complete(), isOver18: false, specialMeasures: "Screens" })).toMatchObject({ ok: true, data: { specialMeasures: "Screens" } });
    // "email" is in the schema's required list, but it is asked only when contact is by email.
    expect(final(complete()).ok).toBe(true);
    expect(errorsOf(final({ ...complete(), contactBy: "email" }))).toEqual([{ path: "email", message: "Enter the email address" }]);
  });

  it("names each missing answer in the layout's words and order, one per field", () => {
    expect(errorsOf(final({}))).toEqual([
      { path: "witnessName", message: "Enter the witness's name" },
      { path: "isOver18", message: 'Answer "Is the witness over 18?"' },
      { path: "statement", message: "Enter the statement text" },
    ]);
    // Blank text is no answer.
    expect(errorsOf(final({ ...complete(), witnessName: "   " }))).toEqual([{ path: "witnessName", message: "Enter the witness's name" }]);
  });

  it("checks each repeating-group item, with per-item paths", () => {
    const result = final({ ...complete(), exhibits: [{ reference: "AB/1" }, { description: "A knife" }, { reference: "knife", isSealed: true }] });
    expect(errorsOf(result)).toEqual([
      { path: "exhibits[1].reference", message: "Exhibit 2: enter the reference" },
      { path: "exhibits[2].reference", message: "Exhibit 3: reference is not in the right format, e.g. ABC/1" },
      { path: "exhibits[2].sealNumber", message: "Exhibit 3: enter the seal number" },
    ]);
    // A seal number of an unsealed exhibit is hidden, so dropped.
    expect(final({ ...complete(), exhibits: [{ reference: "AB/1", isSealed: false, sealNumber: "S1" }] })).toMatchObject({ ok: true, data: { exhibits: [{ reference: "AB/1", isSealed: false }] } });
    expect(errorsOf(final({ ...complete(), exhibits: [1, 2, 3, 4].map((i) => ({ reference: `AB/${i}` })) }))).toEqual([{ path: "exhibits", message: "Exhibits: there can be at most 3" }]);
  });

  it("refuses fields the form does not have, at the top level and in items, drafts too", () => {
    const raw = { ...complete(), nickname: "Annie", exhibits: [{ reference: "AB/1", colour: "red" }] };
    const expected = [
      { path: "exhibits[0].colour", message: 'Exhibit 1: there is no field "colour" on this form' },
      { path: "nickname", message: 'There is no field "nickname" on this form' },
    ];
    expect(errorsOf(final(raw))).toEqual(expected);
    expect(errorsOf(draft(raw))).toEqual(expected);
    // Names an object inherits are not fields either (JSON.parse makes "__proto__" an own key).
    expect(errorsOf(draft(JSON.parse('{"__proto__": 1, "constructor": 2}')))).toEqual([
      { path: "__proto__", message: 'There is no field "__proto__" on this form' },
      { path: "constructor", message: 'There is no field "constructor" on this form' },
    ]);
  });

  it("refuses a wrong type in plain words", () => {
    const result = final({ ...complete(), witnessName: 42, age: "forty", isOver18: "yes", exhibits: [{ reference: "AB/1" }, "knife"] });
    expect(errorsOf(result)).toEqual([
      { path: "witnessName", message: "Witness's name must be text" },
      { path: "age", message: "Age must be a whole number" },
      { path: "isOver18", message: '"Is the witness over 18?" must be yes or no' },
      { path: "exhibits[1]", message: "Exhibit 2 is not in the right form" },
    ]);
    expect(errorsOf(final({ ...complete(), exhibits: "none" }))).toEqual([{ path: "exhibits", message: "Exhibits must be a list" }]);
    expect(errorsOf(final({ ...complete(), contactBy: "fax" }))).toEqual([{ path: "contactBy", message: "Means of contact must be one of the options given" }]);
  });

  it("refuses a wrong format or length, keeping the most basic problem of each field", () => {
    const result = final({ ...complete(), dateOfBirth: "01/05/2010", age: 200.5, contactBy: "email", email: "ann at example", statement: "x".repeat(20001) });
    expect(errorsOf(result)).toEqual([
      { path: "dateOfBirth", message: "Date of birth must be a date, e.g. 2026-05-01" },
      // 200.5 is both not whole and above 130: the first says more.
      { path: "age", message: "Age must be a whole number" },
      { path: "email", message: "Email address must be an email address, e.g. name@example.com" },
      { path: "statement", message: "Statement text is too long: at most 20,000 characters" },
    ]);
    expect(errorsOf(final({ ...complete(), dateOfBirth: "2026-02-30" }))).toEqual([{ path: "dateOfBirth", message: "Date of birth must be a date, e.g. 2026-05-01" }]);
    expect(errorsOf(final({ ...complete(), age: 131 }))).toEqual([{ path: "age", message: "Age must be 130 or less" }]);
  });

  it("quotes a label that is not a noun rather than bending it into a sentence", () => {
    expect(errorsOf(final({ ...complete(), lastSeenAt: "yesterday" }))).toEqual([{ path: "lastSeenAt", message: '"Suspect last seen at (date and time)" must be a date and time, e.g. 2026-05-01T14:30:00Z' }]);
  });

  it("names every field of an either-or requirement, except in a draft", () => {
    const either = parseFormDefinition({
      key: "either-test",
      title: "Either",
      summary: "Phone or email",
      defaultMarking: "OFFICIAL",
      schema: { $schema: SCHEMA_DIALECT, type: "object", properties: { phone: { type: "string" }, email: { type: "string", format: "email" } }, anyOf: [{ required: ["phone"] }, { required: ["email"] }] },
      layout: { pages: [{ id: "p", title: "Contact", sections: [{ id: "s", title: "Contact", items: [{ field: "phone", label: "Phone number" }, { field: "email", label: "Email address" }] }] }] },
    });
    expect(errorsOf(validateSubmission(either, {}, { isDraft: false }))).toEqual([{ path: "phone", message: "Answer at least one of: Phone number, Email address" }]);
    expect(validateSubmission(either, {}, { isDraft: true }).ok).toBe(true);
    expect(validateSubmission(either, { email: "ann@example.com" }, { isDraft: false }).ok).toBe(true);
  });

  it("lets a draft be incomplete, even where a condition requires more, but not wrong", () => {
    expect(draft({})).toEqual({ ok: true, data: {} });
    expect(draft({ isOver18: false, exhibits: [{ isSealed: true }] })).toEqual({ ok: true, data: { isOver18: false, exhibits: [{ isSealed: true }] } });
    expect(errorsOf(draft({ witnessName: 42, dateOfBirth: "yesterday", exhibits: [{ reference: "bad" }] }))).toEqual([
      { path: "witnessName", message: "Witness's name must be text" },
      { path: "dateOfBirth", message: "Date of birth must be a date, e.g. 2026-05-01" },
      { path: "exhibits[0].reference", message: "Exhibit 1: reference is not in the right format, e.g. ABC/1" },
    ]);
    expect(errorsOf(draft({ statement: "x".repeat(20001) }))).toEqual([{ path: "statement", message: "Statement text is too long: at most 20,000 characters" }]);
  });

  it("counts a length in characters, an emoji as one", () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    expect(final({ ...complete(), witnessName: "😀".repeat(100) }).ok).toBe(true);
    expect(errorsOf(final({ ...complete(), witnessName: "😀".repeat(101) }))).toEqual([{ path: "witnessName", message: "Witness's name is too long: at most 100 characters" }]);
    expect(errorsOf(final({ ...complete(), witnessName: "x".repeat(101) }))).toEqual([{ path: "witnessName", message: "Witness's name is too long: at most 100 characters" }]);
    // The exact validator is compiled once, on first need.
    expect(compile.mock.calls.length).toBeLessThanOrEqual(1);
    compile.mockRestore();
  });

  it("counts in characters only where it changes the answer, in items too", () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const item = (description: string) => final({ ...complete(), exhibits: [{ reference: "AB/1", description }] });
    // Far over in units, over in characters either way, no emoji: no second compile is needed.
    expect(errorsOf(item("x".repeat(501)))).toEqual([{ path: "exhibits[0].description", message: "Exhibit 1: description is too long: at most 500 characters" }]);
    expect(errorsOf(item("é".repeat(501)))).toEqual([{ path: "exhibits[0].description", message: "Exhibit 1: description is too long: at most 500 characters" }]);
    expect(errorsOf(item("😀".repeat(501)))).toEqual([{ path: "exhibits[0].description", message: "Exhibit 1: description is too long: at most 500 characters" }]);
    // Over in units, within in characters: accepted, and counted exactly (however often).
    expect(item("😀".repeat(500)).ok).toBe(true);
    expect(item(`${"😀".repeat(499)}ab`).ok).toBe(false);
    expect(errorsOf(final({ ...complete(), witnessName: "😀".repeat(100), exhibits: [{ reference: "AB/1", description: "x".repeat(501) }] }))).toEqual([
      { path: "exhibits[0].description", message: "Exhibit 1: description is too long: at most 500 characters" },
    ]);
    expect(compile.mock.calls.length).toBeLessThanOrEqual(1);
    compile.mockRestore();
  });

  it("checks dates and times exactly as ajv-formats does", () => {
    // A few hundred thousand near misses of real dates and times (one to three characters
    // replaced, inserted or removed), deterministic, each given to both: the answers must agree.
    const reference = { date: fullFormats.date, time: fullFormats.time, "date-time": fullFormats["date-time"] } as Record<keyof typeof EXACT_FORMATS, { validate: (s: string) => boolean }>;
    const seeds = [
      "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2026-12-31", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "9999-12-31",
      "23:59:60Z", "23:59:60+00:00", "00:59:60+01:00", "23:59:60.999Z", "12:30:00.5-05:30", "12:30:00+0530", "12:30:00+05", "12:30:00", "24:00:00Z", "12:60:00Z",
      "12:00:60Z", "12:00:00.Z", "12:00:00z", "00:00:60-00:01", "23:00:60-00:59", "2026-05-01T14:30:00Z", "2026-05-01t14:30:00z", "2026-05-01 14:30:00+01:00",
      "2026-05-01\u00a014:30:00Z", "2026-05-01T23:59:60Z", "2026-05-01TT14:30:00Z", "2026-05-01T14:30:00+24:00", "2026-05-01T14:30:00+23:60", "2026-05-01T00:00:00.123456789-12:00",
    ];
    const alphabet = "0123456789:-+.zZtT \t\n\u00a0\u2028\ufeffaxS/";
    let state = 20260501;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const disagreements: string[] = [];
    let accepted = 0;
    const check = (s: string) => {
      for (const name of Object.keys(EXACT_FORMATS) as (keyof typeof EXACT_FORMATS)[]) {
        const mine = EXACT_FORMATS[name](s);
        if (mine !== reference[name].validate(s)) disagreements.push(`${name} ${JSON.stringify(s)}: ${mine}`);
        if (mine) accepted++;
      }
    };
    seeds.forEach(check);
    for (let i = 0; i < 300_000; i++) {
      let s = seeds[Math.floor(random() * seeds.length)]!;
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (s.length + 1));
        const c = alphabet[Math.floor(random() * alphabet.length)]!;
        const how = random();
        s = how < 0.5 ? s.slice(0, at) + c + s.slice(at + 1) : how < 0.75 ? s.slice(0, at) + c + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
      }
      check(s);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Near misses that are still valid are checked too, not only refusals.
    expect(accepted).toBeGreaterThan(5_000);
  });

  it("refuses anything that is not a JSON object of answers", () => {
    for (const raw of [null, [], "answers", 42, new Date(), undefined]) {
      expect(errorsOf(draft(raw))).toEqual([{ path: "", message: expect.stringContaining("must be a set of answers") }]);
    }
  });

  it("refuses a submission above 5 MB, measured as its JSON, with a clear error", () => {
    const tooLarge = { ...complete(), statement: "x".repeat(MAX_SUBMISSION_BYTES) };
    expect(errorsOf(draft(tooLarge))).toEqual([{ path: "", message: expect.stringContaining("too large: at most 5 MB") }]);
    // Hidden in an unknown field, or spread over many, it is still too large.
    expect(errorsOf(final({ ...complete(), padding: Array.from({ length: 6 }, () => "y".repeat(1024 * 1024)) }))[0]!.message).toContain("too large");
    // 1.5 M two-byte characters are 3 MB: not too large, so the field's own limit speaks.
    expect(errorsOf(final({ ...complete(), statement: "é".repeat(1.5 * 1024 * 1024) }))).toEqual([{ path: "statement", message: "Statement text is too long: at most 20,000 characters" }]);
  });
});

describe("compiled validators", () => {
  afterEach(() => vi.restoreAllMocks());

  it("compile a definition once per version id", () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const first = formValidatorFor(form, "version-a");
    validateSubmission(form, complete(), { isDraft: false, versionId: "version-a" });
    validateSubmission(form, {}, { isDraft: true, versionId: "version-a" });
    expect(formValidatorFor(form, "version-a")).toBe(first);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(formValidatorFor(form, "version-b")).not.toBe(first);
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("without a version id, share one by content", () => {
    const a = definition();
    const b = definition();
    expect(a).not.toBe(b);
    expect(formValidatorFor(b)).toBe(formValidatorFor(a));
    const c = definition();
    c.layout.pages[0]!.sections[0]!.items[0]!.label = "Full name";
    expect(formValidatorFor(c)).not.toBe(formValidatorFor(a));
  });

  it("keep a bounded number, dropping the least recently used", () => {
    const tiny = parseFormDefinition({
      key: "tiny",
      title: "Tiny",
      summary: "One field",
      defaultMarking: "OFFICIAL",
      schema: { $schema: SCHEMA_DIALECT, type: "object", properties: { note: { type: "string" } } },
      layout: { pages: [{ id: "p", title: "Page", sections: [{ id: "s", title: "Section", items: [{ field: "note", label: "Note" }] }] }] },
    });
    const kept = formValidatorFor(tiny, "bounded-0");
    const dropped = formValidatorFor(tiny, "bounded-1");
    for (let i = 2; i <= FORM_VALIDATOR_CACHE_SIZE; i++) {
      formValidatorFor(tiny, `bounded-${i}`);
      formValidatorFor(tiny, "bounded-0");
    }
    expect(formValidatorFor(tiny, "bounded-0")).toBe(kept);
    expect(formValidatorFor(tiny, "bounded-1")).not.toBe(dropped);
  });

  it("refuse a schema that cannot be compiled", () => {
    const bad = definition();
    (bad.schema.properties as Record<string, { format?: string }>).dateOfBirth!.format = "dat";
    expect(() => validateSubmission(bad, {}, { isDraft: true })).toThrow(InvalidFormDefinitionError);
  });
});
