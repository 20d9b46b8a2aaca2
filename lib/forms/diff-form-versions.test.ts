/** The difference between two national versions, and re-basing a local MG11 variant onto the newer one. */
import { describe, expect, it } from "vitest";
import { checkVariant } from "./check-variant";
import { diffFormVersions, rebase } from "./diff-form-versions";
import { parseFormDefinition, type FieldLayout, type FormDefinition, type SectionLayout } from "./form-definition";
import { mg11WitnessStatement } from "./national";

type Props = Record<string, Record<string, unknown>>;
const copy = (form: FormDefinition, change: (f: FormDefinition, props: Props) => void) => {
  const f = structuredClone(form);
  change(f, f.schema.properties as Props);
  return f;
};
const section = (f: FormDefinition, id: string) => f.layout.pages.flatMap((p) => p.sections).find((s) => s.id === id) as SectionLayout;
const field = (f: FormDefinition, path: string) =>
  f.layout.pages.flatMap((p) => p.sections).flatMap((s) => s.items).find((i) => "field" in i && i.field === path) as FieldLayout | undefined;

/** A new national MG11: a required "interpreter needed?" question, and "Statement of" relabelled. */
const mg11Next = copy(mg11WitnessStatement, (f, props) => {
  props.isInterpreterNeeded = { type: "boolean" };
  f.schema.required = [...(f.schema.required as string[]), "isInterpreterNeeded"];
  section(f, "witnessCare").items.splice(3, 0, { field: "isInterpreterNeeded", label: "Does the witness need an interpreter?", widget: "yesno" });
  field(f, "witnessName")!.label = "Full name of the witness";
});

/** The DCP MG11: a local reference field on the front, a local section on the reverse, more help on the postcode. */
const dcpMg11 = copy(mg11WitnessStatement, (f, props) => {
  f.key = "dcp-mg11";
  f.title = "MG11 Witness statement (DCP)";
  props.dcpIncidentNumber = { type: "string", maxLength: 30 };
  props.dcpSafeguardingReferral = { type: "boolean" };
  f.schema.required = [...(f.schema.required as string[]), "dcpSafeguardingReferral"];
  section(f, "witness").items.splice(1, 0, { field: "dcpIncidentNumber", label: "DCP incident number", help: "From STORM." });
  f.layout.pages[1]!.sections.push({ id: "dcpSafeguarding", title: "DCP safeguarding", isDisclosable: false, items: [{ field: "dcpSafeguardingReferral", label: "Safeguarding referral made?", widget: "yesno" }] });
  field(f, "postcode")!.help = "DCP: check the postcode against the gazetteer.";
  props.occupation = { ...props.occupation, maxLength: 100 };
});

describe("diffFormVersions", () => {
  it("shows a new required field and a changed label, in layout order", () => {
    const changes = diffFormVersions(mg11WitnessStatement, mg11Next);
    expect(changes.map((c) => [c.kind, c.path, c.summary])).toEqual([
      ["field-changed", "witnessName", "Field “Full name of the witness” changed: label “Statement of” → “Full name of the witness”"],
      ["field-added", "isInterpreterNeeded", "New required field “Does the witness need an interpreter?” in “Witness care”"],
    ]);
  });

  it("shows nothing between a version and itself", () => {
    expect(diffFormVersions(mg11WitnessStatement, structuredClone(mg11WitnessStatement))).toEqual([]);
  });

  it("shows removed fields and sections, required and rule changes, disclosability and the declaration", () => {
    const next = copy(mg11WitnessStatement, (f, props) => {
      delete props.formerName;
      section(f, "contactDetails").items = section(f, "contactDetails").items.filter((i) => !("field" in i) || i.field !== "formerName");
      f.schema.required = [...(f.schema.required as string[]).filter((n) => n !== "postcode"), "occupation"];
      f.schema.allOf = (f.schema.allOf as unknown[]).filter((_r, i) => i !== 4);
      section(f, "consents").isDisclosable = true;
      f.layout.declaration = "This statement is true.";
    });
    const changes = diffFormVersions(mg11WitnessStatement, next);
    expect(changes.map((c) => c.summary)).toEqual([
      "“Occupation” is now required",
      "“Postcode” is no longer required",
      "Field “Former name” removed from “Contact details”",
      "Section “Witness consents” changed: disclosable false → true",
      "Rule removed: when “Is the witness a victim of the offence?” is Yes, “Has the victim been offered the chance to make a victim personal statement?” must be answered",
      "The declaration printed on every page changed",
    ]);
  });
});

describe("rebase", () => {
  it("re-bases the DCP MG11: keeps the local field, section and help, gains the new national field", () => {
    expect(checkVariant(mg11WitnessStatement, dcpMg11)).toEqual([]);
    const { variant, problems } = rebase(dcpMg11, mg11WitnessStatement, mg11Next);
    expect(problems).toEqual([]);
    expect(() => parseFormDefinition(variant)).not.toThrow();
    expect(checkVariant(mg11Next, variant)).toEqual([]);

    expect(variant.key).toBe("dcp-mg11");
    expect(section(variant, "witness").items.map((i) => ("field" in i ? i.field : i.group)).slice(0, 3)).toEqual(["urn", "dcpIncidentNumber", "witnessName"]);
    expect(field(variant, "witnessName")!.label).toBe("Full name of the witness");
    expect(field(variant, "postcode")!.help).toBe("DCP: check the postcode against the gazetteer.");
    expect(field(variant, "isInterpreterNeeded")!.label).toBe("Does the witness need an interpreter?");
    expect(section(variant, "dcpSafeguarding").items).toHaveLength(1);
    expect(variant.schema.required).toEqual(expect.arrayContaining(["isInterpreterNeeded", "dcpSafeguardingReferral", "witnessName"]));
    expect((variant.schema.properties as Props).occupation!.maxLength).toBe(100);
  });

  it("lets the new national version win where both changed a constraint, and reports a local field it now defines", () => {
    const mine = copy(dcpMg11, (f, props) => {
      props.isInterpreterNeeded = { type: "string" };
      section(f, "witnessCare").items.push({ field: "isInterpreterNeeded", label: "Interpreter?" });
    });
    const next = copy(mg11Next, (_f, props) => (props.occupation = { ...props.occupation, maxLength: 80 }));
    const { variant, problems } = rebase(mine, mg11WitnessStatement, next);
    expect((variant.schema.properties as Props).occupation!.maxLength).toBe(80);
    expect((variant.schema.properties as Props).isInterpreterNeeded).toEqual({ type: "boolean" });
    expect(problems.map((p) => p.message)).toEqual(['The local field "isInterpreterNeeded" has the same name as a field the new national version adds: the national field replaces it']);
  });
});
