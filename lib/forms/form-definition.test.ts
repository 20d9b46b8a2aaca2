/** The form definition format: what it accepts, and every way a definition is refused, by name. */
import { describe, expect, it } from "vitest";
import { InvalidFormDefinitionError, parseFormDefinition, SCHEMA_DIALECT } from "./form-definition";

const minimal = () => ({
  key: "test-form",
  title: "Test form",
  summary: "A form for tests",
  defaultMarking: "OFFICIAL",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    properties: {
      name: { type: "string", maxLength: 100 },
      isOver18: { type: "boolean" },
      specialMeasures: { type: "string" },
      exhibits: { type: "array", items: { type: "object", properties: { reference: { type: "string" }, description: { type: "string" } }, required: ["reference"] } },
    },
    required: ["name", "isOver18"],
    allOf: [{ if: { properties: { isOver18: { const: false } }, required: ["isOver18"] }, then: { required: ["specialMeasures"] } }],
  },
  layout: {
    pages: [
      {
        id: "page1",
        title: "The witness",
        sections: [
          { id: "witness", title: "Witness", items: [{ field: "name", label: "Name" }, { field: "isOver18", label: "Over 18?", widget: "yesno" }] },
          { id: "measures", title: "Special measures", isDisclosable: false, showWhen: { field: "isOver18", equals: false }, items: [{ field: "specialMeasures", label: "Special measures" }] },
          { id: "exhibitsSection", title: "Exhibits", items: [{ group: "exhibits", label: "Exhibits", itemLabel: "Exhibit", fields: [{ field: "reference", label: "Reference" }, { field: "description", label: "Description", widget: "textarea" }] }] },
        ],
      },
    ],
  },
});

const problemsOf = (raw: unknown) => {
  try {
    parseFormDefinition(raw);
  } catch (err) {
    if (err instanceof InvalidFormDefinitionError) return err.problems;
    throw err;
  }
  return [];
};

describe("form definitions", () => {
  it("accept a schema and a layout that agree, sections disclosable unless said", () => {
    const form = parseFormDefinition(minimal());
    expect(form.layout.pages[0]!.sections.map((s) => s.isDisclosable)).toEqual([true, false, true]);
  });

  it("refuse a schema that is not valid JSON Schema, naming where", () => {
    const bad = minimal();
    (bad.schema.properties.name as Record<string, unknown>).type = "text";
    expect(problemsOf(bad)).toContainEqual({ path: "schema.properties.name.type", message: expect.stringContaining("is not valid JSON Schema") });
    const misspelt = minimal();
    (misspelt.schema as Record<string, unknown>).requried = ["name"];
    expect(problemsOf(misspelt).some((p) => p.message.includes("requried"))).toBe(true);
    const format = minimal();
    (format.schema.properties.name as Record<string, unknown>).format = "dat";
    expect(problemsOf(format).some((p) => p.message.includes('unknown format "dat"'))).toBe(true);
    const dialect = minimal();
    dialect.schema.$schema = "http://json-schema.org/draft-07/schema#";
    expect(problemsOf(dialect)).toContainEqual({ path: "schema.$schema", message: expect.stringContaining("2020-12") });
  });

  it("refuse a layout that places an unknown field, a field twice, or leaves a schema field nowhere", () => {
    const unknown = minimal();
    unknown.layout.pages[0]!.sections[0]!.items.push({ field: "nickname", label: "Nickname" } as never);
    expect(problemsOf(unknown)).toContainEqual({ path: "layout.pages.0.sections.0.items.2", message: '"nickname" is not a field of the schema' });
    const twice = minimal();
    twice.layout.pages[0]!.sections[0]!.items.push({ field: "name", label: "Name again" } as never);
    expect(problemsOf(twice)).toContainEqual({ path: "layout.pages.0.sections.0.items.2", message: '"name" is placed twice' });
    const missing = minimal();
    missing.layout.pages[0]!.sections.splice(1, 1);
    expect(problemsOf(missing)).toContainEqual({ path: "layout", message: 'The schema\'s field "specialMeasures" is on no page' });
  });

  it("refuse a condition on a field the schema does not have, a list placed as a field, and unknown layout keys", () => {
    const condition = minimal();
    condition.layout.pages[0]!.sections[1]!.showWhen = { field: "age", equals: 17 } as never;
    expect(problemsOf(condition)).toContainEqual({ path: "layout.pages.0.sections.1.showWhen.field", message: 'A condition names "age", which the schema does not have' });
    const list = minimal();
    list.layout.pages[0]!.sections[2]!.items = [{ field: "exhibits", label: "Exhibits" }] as never;
    expect(problemsOf(list).map((p) => p.message)).toContain('"exhibits" is a list in the schema: place it as a repeating group');
    const extra = minimal() as unknown as { layout: { pages: { colour?: string }[] } };
    extra.layout.pages[0]!.colour = "blue";
    expect(problemsOf(extra).map((p) => p.message)).toContain('A page has no field "colour"');
  });
});
