/** The rules of a local variant, on the real national MG11 and stop and search forms: what is allowed, and every refusal by its message. */
import { describe, expect, it } from "vitest";
import { checkVariant } from "./check-variant";
import { parseFormDefinition, type FormDefinition, type SectionLayout } from "./form-definition";
import { mg11WitnessStatement, stopAndSearch } from "./national";

type Props = Record<string, Record<string, unknown>>;

/** A copy of a national form, changed by `change`, as a force's variant. */
const variantOf = (national: FormDefinition, change: (v: FormDefinition, props: Props) => void = () => {}) => {
  const v = structuredClone(national);
  v.key = `dcp-${national.key}`;
  change(v, v.schema.properties as Props);
  return v;
};
const section = (v: FormDefinition, id: string) => v.layout.pages.flatMap((p) => p.sections).find((s) => s.id === id) as SectionLayout;
const messages = (national: FormDefinition, v: FormDefinition) => checkVariant(national, v).map((p) => p.message);

/** The DCP stop-and-search variant: a local field, a local section, extra help and a default. */
const acceptableStopSearch = () =>
  variantOf(stopAndSearch, (v, props) => {
    props.operationName = { type: "string", maxLength: 100 };
    props.patrolArea = { type: "string", enum: ["North", "South"] };
    props.officerStation = { ...props.officerStation, default: "Dunford Central", maxLength: 100 };
    section(v, "whenAndWhere").items.push({ field: "operationName", label: "Operation name", help: "If the search was part of a named operation." });
    section(v, "personDetails").help = "DCP: offer the person the QR code for the full record.";
    v.layout.pages[0]!.sections.push({ id: "localPatrol", title: "Patrol area", isDisclosable: true, items: [{ field: "patrolArea", label: "Patrol area", widget: "radio" }] });
    v.schema.required = [...(v.schema.required as string[]), "patrolArea"];
    v.schema.allOf = [...(v.schema.allOf as unknown[]), { if: { properties: { outcome: { const: "Arrest" } }, required: ["outcome"] }, then: { required: ["isBodyWornVideoRecorded"] } }];
  });

describe("checkVariant", () => {
  it("accepts a variant that adds a field, a section, help text, a default and a stricter limit", () => {
    const v = acceptableStopSearch();
    expect(() => parseFormDefinition(v)).not.toThrow();
    expect(checkVariant(stopAndSearch, v)).toEqual([]);
  });

  it("accepts an unchanged copy of the MG11, and a higher default marking", () => {
    expect(checkVariant(mg11WitnessStatement, variantOf(mg11WitnessStatement))).toEqual([]);
    expect(checkVariant(mg11WitnessStatement, variantOf(mg11WitnessStatement, (v) => (v.defaultMarking = "SECRET")))).toEqual([]);
  });

  it("refuses dropping a required field", () => {
    const v = variantOf(mg11WitnessStatement, (v, props) => {
      delete props.witnessName;
      v.schema.required = (v.schema.required as string[]).filter((n) => n !== "witnessName");
      section(v, "witness").items = section(v, "witness").items.filter((i) => !("field" in i) || i.field !== "witnessName");
    });
    expect(messages(mg11WitnessStatement, v)).toEqual(['The national field "Statement of" cannot be removed']);
  });

  it("refuses making a required field optional, at the top level and in a group", () => {
    const v = variantOf(mg11WitnessStatement, (v, props) => {
      v.schema.required = (v.schema.required as string[]).filter((n) => n !== "statementText");
      const items = props.datesToAvoid!.items as { required: string[] };
      items.required = ["from"];
    });
    expect(messages(mg11WitnessStatement, v)).toEqual([
      'The national field "Statement" is required and cannot be made optional',
      'The national field "To" is required and cannot be made optional',
    ]);
  });

  it("refuses hiding a required field behind a condition (hidden answers are not required)", () => {
    const v = variantOf(stopAndSearch, (v) => {
      const item = section(v, "officer").items[0]!;
      item.showWhen = { field: "wasAnythingFound", equals: true };
    });
    expect(messages(stopAndSearch, v)).toEqual(['The national field "Officer\'s identification number" is always shown on the national form and cannot be hidden by a condition']);
  });

  it("refuses widening maxLength, lowering a minimum and raising a maximum", () => {
    const v = variantOf(mg11WitnessStatement, (_v, props) => {
      props.witnessName!.maxLength = 500;
      props.ageIfUnder18 = { type: "integer", minimum: -1, maximum: 20 };
    });
    expect(messages(mg11WitnessStatement, v)).toEqual([
      'The national field "Statement of" cannot accept longer text than the national form (at most 200 characters)',
      'The national field "Age of the witness" cannot accept smaller numbers than the national form (at least 0)',
      'The national field "Age of the witness" cannot accept larger numbers than the national form (at most 17)',
    ]);
  });

  it("refuses removing an enum restriction or adding an answer to it", () => {
    const v = variantOf(stopAndSearch, (_v, props) => {
      delete props.gender!.enum;
      props.ageRange!.enum = [...(props.ageRange!.enum as string[]), "Adult"];
    });
    expect(messages(stopAndSearch, v)).toEqual([
      'The national field "Gender" must keep the national form\'s list of answers ("Male", "Female", "Other", "Not stated")',
      'The national field "Age range" cannot accept answers the national form does not allow ("Adult")',
    ]);
  });

  it("accepts a narrower enum, and refuses a changed pattern or type", () => {
    const narrower = variantOf(stopAndSearch, (_v, props) => (props.gender!.enum = ["Male", "Female", "Not stated"]));
    expect(checkVariant(stopAndSearch, narrower)).toEqual([]);
    const v = variantOf(stopAndSearch, (_v, props) => {
      props.searchTime!.pattern = ".*";
      props.isBodyWornVideoRecorded = { type: "string" };
    });
    expect(messages(stopAndSearch, v)).toEqual([
      'The national field "Time of the search" must keep the national form\'s format for its answer',
      'The national field "Was the search recorded on body-worn video?" must keep the national form\'s type of answer ("boolean")',
    ]);
  });

  it("refuses deleting a section, and moving a national field to another section", () => {
    const deleted = variantOf(mg11WitnessStatement, (v) => {
      const reverse = v.layout.pages[1]!;
      const victim = reverse.sections.find((s) => s.id === "victim")!;
      reverse.sections = reverse.sections.filter((s) => s.id !== "victim");
      section(v, "consents").items.push(...victim.items);
    });
    expect(messages(mg11WitnessStatement, deleted)).toEqual([
      'The national field "Is the witness a victim of the offence?" must stay in the section "Victim personal statement"',
      'The national field "Has the victim been offered the chance to make a victim personal statement?" must stay in the section "Victim personal statement"',
      'The national section "Victim personal statement" cannot be removed',
    ]);
  });

  it("refuses making the MG11's reverse disclosable, or changing when a section shows", () => {
    const v = variantOf(mg11WitnessStatement, (v) => {
      section(v, "contactDetails").isDisclosable = true;
      section(v, "specialMeasures").showWhen = { field: "needsSpecialMeasures", equals: true };
    });
    expect(messages(mg11WitnessStatement, v)).toEqual([
      'The national section "Contact details" is not disclosable and cannot be made disclosable',
      'The national section "Vulnerability, intimidation and special measures" must keep the national condition for when it is shown (“Is the witness over 18?” is No or “Does the witness need special measures as a vulnerable or intimidated witness?” is Yes)',
    ]);
  });

  it("refuses removing an allOf rule (a witness under 18 needs the special-measures section)", () => {
    const v = variantOf(mg11WitnessStatement, (v) => (v.schema.allOf = (v.schema.allOf as unknown[]).slice(1)));
    expect(checkVariant(mg11WitnessStatement, v)).toEqual([
      {
        path: "schema.allOf.0",
        message:
          "A national rule cannot be removed or changed: when “Is the witness over 18?” is No, “Age of the witness”, “Reasons the witness is vulnerable or intimidated”, “Is the witness in fear or distress about giving evidence?”, “The witness's views” must be answered",
      },
    ]);
  });

  it("refuses a changed declaration, a lower default marking and an unknown one", () => {
    const v = variantOf(mg11WitnessStatement, (v) => {
      v.layout.declaration = "This statement is true.";
      v.defaultMarking = "OFFICIAL";
    });
    expect(messages(mg11WitnessStatement, v)).toEqual(["The national declaration cannot be changed", "The default marking cannot be lower than the national form's (OFFICIAL-SENSITIVE)"]);
    const unknown = variantOf(mg11WitnessStatement, (v) => (v.defaultMarking = "RESTRICTED"));
    expect(checkVariant(mg11WitnessStatement, unknown).map((p) => p.path)).toEqual(["defaultMarking"]);
  });

  it("refuses loosening the schema's frame (additionalProperties)", () => {
    const v = variantOf(stopAndSearch, (v) => (v.schema.additionalProperties = true));
    expect(messages(stopAndSearch, v)).toEqual(['The national form\'s "additionalProperties" cannot be changed']);
  });
});
