/** Conditional logic: when a part is shown, and what is kept of the answers when parts are hidden. */
import { describe, expect, it } from "vitest";
import { isShown, visibleAnswers } from "./conditions";
import { parseFormDefinition, SCHEMA_DIALECT } from "./form-definition";

// A witness form: special measures only for a witness under 18; inside them, an intermediary's
// details only when one is needed (a section conditional on a conditional section's answer);
// exhibits whose seal number is asked only of a sealed exhibit.
const form = parseFormDefinition({
  key: "conditions-test",
  title: "Conditions test",
  summary: "A form for testing conditions",
  defaultMarking: "OFFICIAL",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    properties: {
      name: { type: "string" },
      isOver18: { type: "boolean" },
      contactBy: { enum: ["phone", "email", "post"] },
      email: { type: "string", format: "email" },
      specialMeasures: { type: "string" },
      needsIntermediary: { type: "boolean" },
      intermediaryName: { type: "string" },
      exhibits: {
        type: "array",
        items: { type: "object", properties: { reference: { type: "string" }, isSealed: { type: "boolean" }, sealNumber: { type: "string" }, name: { type: "string" }, bagNote: { type: "string" } } },
      },
    },
  },
  layout: {
    pages: [
      {
        id: "p1",
        title: "Witness",
        sections: [
          {
            id: "witness",
            title: "Witness",
            items: [
              { field: "name", label: "Name" },
              { field: "isOver18", label: "Over 18?", widget: "yesno" },
              { field: "contactBy", label: "Contact by", widget: "radio" },
              { field: "email", label: "Email", showWhen: { field: "contactBy", equals: "email" } },
            ],
          },
          {
            id: "measures",
            title: "Special measures",
            isDisclosable: false,
            showWhen: { field: "isOver18", equals: false },
            items: [
              { field: "specialMeasures", label: "Special measures" },
              { field: "needsIntermediary", label: "Intermediary needed?", widget: "yesno" },
            ],
          },
          { id: "intermediary", title: "Intermediary", showWhen: { field: "needsIntermediary", equals: true }, items: [{ field: "intermediaryName", label: "Intermediary's name" }] },
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
                  { field: "isSealed", label: "Sealed?", widget: "yesno" },
                  { field: "sealNumber", label: "Seal number", showWhen: { field: "isSealed", equals: true } },
                  { field: "name", label: "Name on the bag" },
                  // "name" is also a top-level field: inside the item, the item's is meant.
                  { field: "bagNote", label: "Note about the bag", showWhen: { field: "name", isAnswered: true } },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
});

describe("isShown", () => {
  it("compares an answer with a value, a list of values, or whether it is answered", () => {
    expect(isShown(undefined, {})).toBe(true);
    expect(isShown({ field: "isOver18", equals: false }, { isOver18: false })).toBe(true);
    expect(isShown({ field: "isOver18", equals: false }, { isOver18: true })).toBe(false);
    // No answer is not `false`: the section waits for one.
    expect(isShown({ field: "isOver18", equals: false }, {})).toBe(false);
    expect(isShown({ field: "contactBy", in: ["email", "post"] }, { contactBy: "post" })).toBe(true);
    expect(isShown({ field: "contactBy", in: ["email", "post"] }, { contactBy: "phone" })).toBe(false);
    expect(isShown({ field: "name", isAnswered: true }, { name: "Ann" })).toBe(true);
    // Blank text, null and an empty list are not answers.
    for (const blank of ["", "   ", null, []]) expect(isShown({ field: "name", isAnswered: true }, { name: blank })).toBe(false);
    expect(isShown({ field: "name", isAnswered: false }, {})).toBe(true);
    // A list of choices matches when it holds the value.
    expect(isShown({ field: "tags", equals: "weapon" }, { tags: ["drugs", "weapon"] })).toBe(true);
    expect(isShown({ field: "tags", in: ["cash"] }, { tags: ["drugs", "weapon"] })).toBe(false);
  });

  it("compares strictly: text is not a number, nor a boolean", () => {
    expect(isShown({ field: "age", equals: 17 }, { age: "17" })).toBe(false);
    expect(isShown({ field: "isOver18", equals: false }, { isOver18: "false" })).toBe(false);
  });

  it("combines conditions with all and any", () => {
    const condition = { all: [{ field: "isOver18", equals: false }, { any: [{ field: "contactBy", equals: "email" }, { field: "name", isAnswered: true }] }] };
    expect(isShown(condition, { isOver18: false, name: "Ann" })).toBe(true);
    expect(isShown(condition, { isOver18: false, contactBy: "email" })).toBe(true);
    expect(isShown(condition, { isOver18: false })).toBe(false);
    expect(isShown(condition, { isOver18: true, name: "Ann" })).toBe(false);
  });

  it("reads an item's answer before the top level's, and never an inherited property", () => {
    expect(isShown({ field: "isSealed", equals: true }, { isSealed: false }, { isSealed: true })).toBe(true);
    expect(isShown({ field: "isOver18", equals: false }, { isOver18: false }, { isSealed: true })).toBe(true);
    expect(isShown({ field: "constructor", isAnswered: true }, {})).toBe(false);
    expect(isShown({ field: "toString", isAnswered: true }, {}, {})).toBe(false);
  });
});

describe("visibleAnswers", () => {
  it("drops a hidden section's answers and keeps a shown one's", () => {
    const answers = { name: "Ann", isOver18: true, specialMeasures: "Screens", needsIntermediary: false };
    expect(visibleAnswers(form, answers)).toEqual({ name: "Ann", isOver18: true });
    expect(visibleAnswers(form, { ...answers, isOver18: false })).toEqual({ ...answers, isOver18: false });
  });

  it("drops a hidden field, and what a hidden section's answer would have shown", () => {
    expect(visibleAnswers(form, { contactBy: "phone", email: "ann@example.com" })).toEqual({ contactBy: "phone" });
    expect(visibleAnswers(form, { contactBy: "email", email: "ann@example.com" })).toEqual({ contactBy: "email", email: "ann@example.com" });
    // An adult whose stale "intermediary needed" answer sits in the hidden measures section:
    // the intermediary section it would show is hidden too.
    const stale = { isOver18: true, needsIntermediary: true, intermediaryName: "Bea" };
    expect(visibleAnswers(form, stale)).toEqual({ isOver18: true });
    expect(visibleAnswers(form, { ...stale, isOver18: false })).toEqual({ ...stale, isOver18: false });
  });

  it("treats each repeating-group item on its own", () => {
    const answers = {
      exhibits: [
        { reference: "AB/1", isSealed: true, sealNumber: "S1", name: "Bag 1", bagNote: "Torn" },
        { reference: "AB/2", isSealed: false, sealNumber: "S2" },
        { reference: "AB/3", sealNumber: "S3", bagNote: "Wet" },
      ],
      name: "Ann",
    };
    expect(visibleAnswers(form, answers)).toEqual({
      name: "Ann",
      exhibits: [{ reference: "AB/1", isSealed: true, sealNumber: "S1", name: "Bag 1", bagNote: "Torn" }, { reference: "AB/2", isSealed: false }, { reference: "AB/3" }],
    });
  });

  it("leaves out blank answers and fields the form does not have, and never changes its input", () => {
    const answers = { name: "  ", isOver18: null, contactBy: "", nickname: "Annie", exhibits: [] };
    const copy = structuredClone(answers);
    expect(visibleAnswers(form, answers)).toEqual({ exhibits: [] });
    expect(answers).toEqual(copy);
  });

  it("keeps a wrongly typed group or item as it is, for the validator to report", () => {
    expect(visibleAnswers(form, { exhibits: "none" })).toEqual({ exhibits: "none" });
    expect(visibleAnswers(form, { exhibits: ["x", null] })).toEqual({ exhibits: ["x", null] });
  });
});
