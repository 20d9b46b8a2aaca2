/**
 * MG12 exhibit list (Prosecution Team Manual of Guidance / National File Standard), as data.
 *
 * One entry per exhibit the prosecution relies on: its reference (conventionally the producing
 * witness's initials and a number, e.g. "JS/1"), what it is, the witness whose statement produces
 * it, where it was found, and the continuity that lets the court trust it is the same item (seal
 * number, where it is kept, every hand it passed through). The list is served with the file, so
 * every section is disclosable.
 */
import { SCHEMA_DIALECT, type FormDefinition } from "../form-definition";

export const mg12ExhibitList: FormDefinition = {
  key: "mg12",
  title: "MG12 Exhibit list",
  summary: "The list of exhibits in a case file: reference, description, the witness who produces each, where it was found, and its continuity.",
  defaultMarking: "OFFICIAL-SENSITIVE",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    additionalProperties: false,
    properties: {
      urn: { type: "string", minLength: 1, maxLength: 20, pattern: "^[0-9A-Za-z][0-9A-Za-z /-]*$" },
      defendants: { type: "string", maxLength: 500 },
      officerInCase: { type: "string", minLength: 1, maxLength: 200 },
      exhibits: {
        type: "array",
        minItems: 1,
        maxItems: 500,
        items: {
          type: "object",
          additionalProperties: false,
          properties: {
            reference: { type: "string", minLength: 1, maxLength: 40 },
            description: { type: "string", minLength: 1, maxLength: 1000 },
            producedBy: { type: "string", minLength: 1, maxLength: 200 },
            whereFound: { type: "string", maxLength: 500 },
            seizedAt: { type: "string", format: "date-time" },
            sealNumber: { type: "string", maxLength: 60 },
            storageLocation: { type: "string", maxLength: 300 },
            continuityNotes: { type: "string", maxLength: 4000 },
          },
          required: ["reference", "description", "producedBy"],
        },
      },
    },
    required: ["urn", "officerInCase", "exhibits"],
  },
  layout: {
    pages: [
      {
        id: "exhibitList",
        title: "Exhibit list",
        sections: [
          {
            id: "case",
            title: "Case",
            isDisclosable: true,
            items: [
              { field: "urn", label: "URN", help: "The unique reference number of the case, e.g. 50AB1234526." },
              { field: "defendants", label: "R v", help: "The defendant or defendants, as on the MG1." },
              { field: "officerInCase", label: "Officer in the case", help: "Rank, name and number." },
            ],
          },
          {
            id: "exhibitsSection",
            title: "Exhibits",
            help: "List every exhibit referred to in the statements, in reference order. Each reference must match the statement that produces it.",
            isDisclosable: true,
            items: [
              {
                group: "exhibits",
                label: "Exhibits",
                itemLabel: "Exhibit",
                fields: [
                  { field: "reference", label: "Exhibit reference", help: "The producing witness's initials and a number, e.g. JS/1." },
                  { field: "description", label: "Description", help: "What it is, as described in the producing statement, e.g. black Nokia mobile phone.", widget: "textarea" },
                  { field: "producedBy", label: "Produced by", help: "The witness whose statement produces the exhibit." },
                  { field: "whereFound", label: "Where found", help: "Where and by whom it was found or seized." },
                  { field: "seizedAt", label: "Seized at", widget: "datetime" },
                  { field: "sealNumber", label: "Seal or bag number" },
                  { field: "storageLocation", label: "Where it is kept", help: "e.g. property store, forensic submission." },
                  { field: "continuityNotes", label: "Continuity", help: "Every movement since seizure: from whom, to whom, when and why.", widget: "textarea" },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
};
