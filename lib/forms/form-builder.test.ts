/**
 * The form builder's edits: each produces a definition the server accepts (parseFormDefinition)
 * and, on a variant, one checkVariant passes, because the builder never removes or weakens a
 * national part; "required" works where it is written (always, or only when a conditional
 * section is shown); defaults become a new submission's first answers.
 */
import { describe, expect, it } from "vitest";
import { checkVariant } from "./check-variant";
import { parseFormDefinition, type FormDefinition } from "./form-definition";
import {
  addField,
  addGroup,
  addPage,
  addSection,
  blankDefinition,
  conditionFields,
  defaultAnswers,
  isFieldRequired,
  kindOf,
  moveItem,
  movePage,
  moveSection,
  nameFromLabel,
  removeItem,
  removePage,
  removeSection,
  renamePage,
  requirementOfField,
  specOf,
  takenNames,
  updateField,
  updateGroup,
  updateSection,
  FIELD_KINDS,
  type FieldSpec,
} from "./form-builder";
import { stopAndSearch } from "./national";
import { validateSubmission } from "./validate-submission";

const text = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, label, kind: "text", isRequired: false, ...extra });
const check = (d: FormDefinition) => validateSubmission(d, {}, { isDraft: false });
const errorsOf = (d: FormDefinition, answers: Record<string, unknown>) => {
  const r = validateSubmission(d, answers, { isDraft: false });
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe("form builder edits", () => {
  it("makes a blank form the server accepts, and names fields from labels without clashes", () => {
    const blank = blankDefinition("vehicle-check", "Vehicle check");
    expect(() => parseFormDefinition(blank)).not.toThrow();
    expect(check(blank).ok).toBe(false);
    expect(nameFromLabel("Officer's collar number", new Set())).toBe("officersCollarNumber");
    expect(nameFromLabel("Details", takenNames(blank))).toBe("details2");
    expect(nameFromLabel("123 go", new Set())).toBe("field123Go");
  });

  it("writes every kind of field as a schema the server accepts, and reads it back as the same kind", () => {
    let d = blankDefinition("kinds", "Kinds");
    for (const kind of FIELD_KINDS) d = addField(d, { page: 0, section: 0 }, { name: `f_${kind}`, label: `A ${kind}`, kind, isRequired: false, options: kind === "select" || kind === "radio" ? ["One", "Two"] : undefined });
    expect(() => parseFormDefinition(d)).not.toThrow();
    for (const kind of FIELD_KINDS) {
      const spec = specOf(d, `f_${kind}`)!;
      expect(spec.kind).toBe(kind);
      expect(kindOf((d.schema.properties as Record<string, unknown>)[`f_${kind}`], undefined)).toBe(kind === "radio" ? "select" : kind === "checkbox" ? "yesno" : kind === "textarea" ? "text" : kind);
    }
    expect(errorsOf(d, { details: "x", f_integer: 1.5, f_date: "yesterday", f_select: "Three", f_time: "25:00" }).sort()).toEqual(["f_date", "f_integer", "f_select", "f_time"]);
  });

  it("makes an always-asked field required in the schema, and a field of a conditional section required only when it is shown", () => {
    let d = blankDefinition("cond", "Conditional");
    d = addField(d, { page: 0, section: 0 }, { name: "hasVehicle", label: "Was a vehicle involved?", kind: "yesno", isRequired: true });
    d = addSection(d, 0, "vehicle", { title: "The vehicle", isDisclosable: true, showWhen: { field: "hasVehicle", equals: true } }, text("vrm", "Registration number", { isRequired: true }));
    expect(() => parseFormDefinition(d)).not.toThrow();
    expect(isFieldRequired(d, "vrm")).toBe(true);
    expect(d.schema.required).toEqual(["details", "hasVehicle"]);
    expect(errorsOf(d, { details: "x", hasVehicle: false })).toEqual([]);
    expect(errorsOf(d, { details: "x", hasVehicle: true })).toEqual(["vrm"]);
    expect(errorsOf(d, { details: "x", hasVehicle: true, vrm: "AB12 CDE" })).toEqual([]);

    // Optional again: the rule goes; made required with another condition: the rule follows it.
    const optional = updateField(d, "vrm", { ...specOf(d, "vrm")!, isRequired: false });
    expect(optional.schema.allOf).toBeUndefined();
    expect(errorsOf(optional, { details: "x", hasVehicle: true })).toEqual([]);
    const always = updateSection(d, 0, 1, { title: "The vehicle", isDisclosable: true, showWhen: null });
    expect(always.schema.allOf).toBeUndefined();
    expect(always.schema.required).toEqual(["details", "hasVehicle", "vrm"]);
    expect(conditionFields(d).map((c) => c.name)).toEqual(["hasVehicle"]);
  });

  it("adds, edits, moves and removes pages, sections, fields and repeating groups, keeping the form valid", () => {
    let d = blankDefinition("shape", "Shape");
    d = addGroup(d, { page: 0, section: 0 }, { name: "exhibits", label: "Exhibits", itemLabel: "Exhibit" }, text("reference", "Reference", { isRequired: true }));
    d = addField(d, { page: 0, section: 0, group: "exhibits" }, text("description", "Description"));
    d = updateGroup(d, "exhibits", { label: "Items seized", itemLabel: "Item", help: "Each thing taken." });
    d = addPage(d, { id: "officer", title: "Officer" }, { id: "officerSection", title: "Officer", isDisclosable: true }, text("collar", "Collar number"));
    d = renamePage(d, 1, "The officer");
    d = moveItem(d, "exhibits", -1);
    d = moveItem(d, "exhibits[].description", -1);
    d = moveSection(d, 0, 0, 1);
    d = movePage(d, 1, -1);
    expect(() => parseFormDefinition(d)).not.toThrow();
    expect(d.layout.pages.map((p) => p.title)).toEqual(["The officer", "Details"]);
    expect(d.layout.pages[1]!.sections[0]!.items.map((i) => ("group" in i ? i.group : i.field))).toEqual(["exhibits", "details"]);
    expect(errorsOf(d, { details: "x", exhibits: [{ description: "knife" }] })).toEqual(["exhibits[0].reference"]);

    d = removeItem(d, "exhibits[].description");
    d = removeItem(d, "exhibits");
    expect(Object.keys(d.schema.properties as object)).toEqual(["details", "collar"]);
    // A section's or page's last item cannot go (a section needs a field, a form a page).
    expect(removeItem(d, "details")).toBe(d);
    d = removePage(d, 0);
    expect(removePage(d, 0)).toBe(d);
    expect(removeSection(d, 0, 0)).toBe(d);
    expect(() => parseFormDefinition(d)).not.toThrow();
  });

  it("on a variant, adds local fields, changes national help and defaults, and never removes or weakens a national part", () => {
    const national = stopAndSearch;
    const locks = { national };
    let d = structuredClone(national);
    d = addField(d, { page: 0, section: 0 }, text("localOperationName", "Local operation name"), locks);
    const nationalField = "searchLocation";
    const spec = specOf(d, nationalField)!;
    expect(spec.isRequired).toBe(true);
    // The builder keeps the national rules whatever is asked: only label, help and default change.
    d = updateField(d, nationalField, { ...spec, label: "Where (street, town)", help: "DCP: as precise as you can.", isRequired: false, maxLength: 5, defaultValue: "Exeter" }, locks);
    expect(isFieldRequired(d, nationalField)).toBe(true);
    expect(removeItem(d, nationalField, locks)).toBe(d);
    const firstSection = national.layout.pages[0]!.sections[0]!;
    expect(removeSection(d, 0, 0, locks)).toBe(d);
    d = updateSection(d, 0, 0, { title: firstSection.title, isDisclosable: true, showWhen: { field: "localOperationName", equals: "x" } }, locks);
    expect(d.layout.pages[0]!.sections[0]!.showWhen).toEqual(firstSection.showWhen);
    expect(() => parseFormDefinition(d)).not.toThrow();
    expect(checkVariant(national, d)).toEqual([]);
    expect(defaultAnswers(d)).toMatchObject({ searchLocation: "Exeter" });
  });
});

describe("how a field is required", () => {
  it("tells always from in some cases", () => {
    let d = blankDefinition("req", "Req");
    d = addField(d, { page: 0, section: 0 }, { name: "hasVehicle", label: "Vehicle?", kind: "yesno", isRequired: false });
    d = addSection(d, 0, "vehicle", { title: "Vehicle", isDisclosable: true, showWhen: { field: "hasVehicle", equals: true } }, text("vrm", "VRM", { isRequired: true }));
    expect([requirementOfField(d, "details"), requirementOfField(d, "vrm"), requirementOfField(d, "hasVehicle")]).toEqual(["always", "sometimes", null]);
  });
});
