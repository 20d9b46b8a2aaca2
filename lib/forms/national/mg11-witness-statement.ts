/**
 * MG11 witness statement (Prosecution Team Manual of Guidance / National File Standard), as data.
 *
 * The front is the statement itself and is served on the defence: URN, who the witness is, the
 * statement, and the signature under the Criminal Justice Act 1967 s.9 / CrimPR r.16.2
 * declaration, which is printed on every page (`layout.declaration`; the rendition puts the page
 * count in place of "[x]"). The reverse is never disclosed (`isDisclosable: false`): the
 * witness's address and contacts, availability, witness care, vulnerability and special measures
 * (the MG2 list, Youth Justice and Criminal Evidence Act 1999 ss.23–30), victim personal
 * statement and consents. A witness under 18 is eligible for special measures as a vulnerable
 * witness (YJCEA 1999 s.16(1)(a)), so for them the special-measures section must be filled in.
 */
import { SCHEMA_DIALECT, type FormDefinition } from "../form-definition";

/** The s.9 declaration as printed on the MG11: "[x]" is the number of pages of the statement. */
export const MG11_DECLARATION =
  "This statement (consisting of [x] page(s) each signed by me) is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated anything in it which I know to be false, or do not believe to be true.";

const PREFERRED_CONTACT = ["Home telephone", "Work telephone", "Mobile telephone", "Email", "Letter to home address"] as const;
const CONSENT_ANSWERS = ["Yes", "No", "Not applicable"] as const;

// What the special-measures section must hold whenever it is shown (a witness under 18, or one
// the officer says needs special measures): the measures themselves are ticks and may all be
// left unticked (a child may decline them), but the officer must say why and record the views.
const SPECIAL_MEASURES_REQUIRED = ["vulnerabilityAndIntimidation", "isIntimidated", "witnessViewsOnMeasures"];

const phone = { type: "string", maxLength: 20, pattern: "^[0-9+][0-9 ()-]{5,19}$" };

export const mg11WitnessStatement: FormDefinition = {
  key: "mg11",
  title: "MG11 Witness statement",
  summary:
    "A witness's statement under the Criminal Justice Act 1967 s.9 and Criminal Procedure Rules r.16.2, with the s.9 declaration signed on every page. The reverse (contact details, availability, witness care, special measures and consents) is not disclosed to the defence.",
  defaultMarking: "OFFICIAL-SENSITIVE",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    additionalProperties: false,
    properties: {
      // Front: disclosable.
      urn: { type: "string", maxLength: 20, pattern: "^[0-9A-Za-z][0-9A-Za-z /-]*$" },
      witnessName: { type: "string", minLength: 1, maxLength: 200 },
      isOver18: { type: "boolean" },
      ageIfUnder18: { type: "integer", minimum: 0, maximum: 17 },
      occupation: { type: "string", maxLength: 200 },
      isVisuallyRecorded: { type: "boolean" },
      statementText: { type: "string", minLength: 1, maxLength: 100000 },
      isDeclarationSigned: { type: "boolean", const: true },
      signedOn: { type: "string", format: "date" },
      witnessedBy: { type: "string", maxLength: 200 },

      // Reverse: not disclosed.
      homeAddress: { type: "string", minLength: 1, maxLength: 500 },
      postcode: { type: "string", maxLength: 8, pattern: "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$" },
      homePhone: phone,
      workPhone: phone,
      mobilePhone: phone,
      email: { type: "string", format: "email", maxLength: 254 },
      preferredContact: { type: "string", enum: [...PREFERRED_CONTACT] },
      dateOfBirth: { type: "string", format: "date" },
      placeOfBirth: { type: "string", maxLength: 200 },
      formerName: { type: "string", maxLength: 200 },

      hasDatesToAvoid: { type: "boolean" },
      datesToAvoid: {
        type: "array",
        maxItems: 50,
        items: {
          type: "object",
          additionalProperties: false,
          properties: {
            from: { type: "string", format: "date" },
            to: { type: "string", format: "date" },
            note: { type: "string", maxLength: 200 },
          },
          required: ["from", "to"],
        },
      },

      isWillingToAttendCourt: { type: "boolean" },
      reasonNotWillingToAttend: { type: "string", minLength: 1, maxLength: 2000 },
      supportToAttend: { type: "string", maxLength: 2000 },
      particularNeeds: { type: "string", maxLength: 2000 },
      needsSpecialMeasures: { type: "boolean" },

      vulnerabilityAndIntimidation: { type: "string", minLength: 1, maxLength: 4000 },
      isIntimidated: { type: "boolean" },
      measureScreens: { type: "boolean" },
      measureLiveLink: { type: "boolean" },
      measureEvidenceInPrivate: { type: "boolean" },
      measureRemovalOfWigsAndGowns: { type: "boolean" },
      measureVideoRecordedInterview: { type: "boolean" },
      measurePreRecordedCrossExamination: { type: "boolean" },
      measureIntermediary: { type: "boolean" },
      measureAidsToCommunication: { type: "boolean" },
      witnessViewsOnMeasures: { type: "string", minLength: 1, maxLength: 4000 },

      isVictim: { type: "boolean" },
      isVictimPersonalStatementOffered: { type: "boolean" },

      consentsToShareWithCjsAgencies: { type: "boolean" },
      consentsToMedicalRecordsAccess: { type: "string", enum: [...CONSENT_ANSWERS] },
      consentsToMedicalRecordsDisclosure: { type: "string", enum: [...CONSENT_ANSWERS] },
      consentsToCivilProceedingsDisclosure: { type: "boolean" },
      declinesWitnessService: { type: "boolean" },

      statementTakenBy: { type: "string", minLength: 1, maxLength: 200 },
      statementTakenAtStation: { type: "string", minLength: 1, maxLength: 200 },
      statementTakenAtPlace: { type: "string", maxLength: 300 },
      statementTakenFrom: { type: "string", format: "date-time" },
      statementTakenTo: { type: "string", format: "date-time" },
    },
    required: [
      "witnessName",
      "isOver18",
      "statementText",
      "isDeclarationSigned",
      "signedOn",
      "homeAddress",
      "postcode",
      "preferredContact",
      "hasDatesToAvoid",
      "isWillingToAttendCourt",
      "needsSpecialMeasures",
      "isVictim",
      "consentsToShareWithCjsAgencies",
      "consentsToMedicalRecordsAccess",
      "statementTakenBy",
      "statementTakenAtStation",
    ],
    allOf: [
      // Under 18: the age, and the special-measures section.
      { if: { properties: { isOver18: { const: false } }, required: ["isOver18"] }, then: { required: ["ageIfUnder18", ...SPECIAL_MEASURES_REQUIRED] } },
      // Any witness the officer says needs special measures: the same section.
      { if: { properties: { needsSpecialMeasures: { const: true } }, required: ["needsSpecialMeasures"] }, then: { required: SPECIAL_MEASURES_REQUIRED } },
      // "No dates to avoid" must be said; dates to avoid must be listed.
      { if: { properties: { hasDatesToAvoid: { const: true } }, required: ["hasDatesToAvoid"] }, then: { required: ["datesToAvoid"], properties: { datesToAvoid: { type: "array", minItems: 1 } } } },
      { if: { properties: { isWillingToAttendCourt: { const: false } }, required: ["isWillingToAttendCourt"] }, then: { required: ["reasonNotWillingToAttend"] } },
      { if: { properties: { isVictim: { const: true } }, required: ["isVictim"] }, then: { required: ["isVictimPersonalStatementOffered"] } },
      // The preferred means of contact must be one the witness has given.
      { if: { properties: { preferredContact: { const: "Home telephone" } }, required: ["preferredContact"] }, then: { required: ["homePhone"] } },
      { if: { properties: { preferredContact: { const: "Work telephone" } }, required: ["preferredContact"] }, then: { required: ["workPhone"] } },
      { if: { properties: { preferredContact: { const: "Mobile telephone" } }, required: ["preferredContact"] }, then: { required: ["mobilePhone"] } },
      { if: { properties: { preferredContact: { const: "Email" } }, required: ["preferredContact"] }, then: { required: ["email"] } },
    ],
  },
  layout: {
    declaration: MG11_DECLARATION,
    pages: [
      {
        id: "statement",
        title: "Witness statement",
        sections: [
          {
            id: "witness",
            title: "The witness",
            help: "This side of the MG11 is disclosed to the defence. Put contact details on the reverse, never here.",
            isDisclosable: true,
            items: [
              { field: "urn", label: "URN", help: "The unique reference number of the case, if it has one yet (e.g. 50AB1234526). The case file unit adds it otherwise." },
              { field: "witnessName", label: "Statement of", help: "The witness's full name, so that a PNC check can be made." },
              { field: "isOver18", label: "Is the witness over 18?", help: "Answer yes if the witness is 18 or older: the statement then reads \"Over 18\".", widget: "yesno" },
              { field: "ageIfUnder18", label: "Age of the witness", help: "In years. A witness under 18 is eligible for special measures: complete that section on the reverse.", widget: "number", showWhen: { field: "isOver18", equals: false } },
              { field: "occupation", label: "Occupation", help: "For a police officer or member of staff, rank or role and number." },
              { field: "isVisuallyRecorded", label: "The witness's evidence is visually recorded", help: "Tick if the account is video recorded (for example as an ABE interview); give the details on the reverse.", widget: "checkbox" },
            ],
          },
          {
            id: "statementBody",
            title: "Statement",
            isDisclosable: true,
            items: [
              {
                field: "statementText",
                label: "Statement",
                help: "In the witness's own words, in the first person, in the order things happened. The witness signs after the last word and at the foot of every page.",
                widget: "textarea",
              },
            ],
          },
          {
            id: "signature",
            title: "Signature",
            help: "The declaration is printed on every page of the statement. The witness reads it before signing.",
            isDisclosable: true,
            items: [
              { field: "isDeclarationSigned", label: "I confirm the declaration", help: "The witness has read the declaration and signs each page of the statement.", widget: "checkbox" },
              { field: "signedOn", label: "Date signed", widget: "date" },
              { field: "witnessedBy", label: "Signature witnessed by", help: "Name of the person who saw the witness sign, if anyone did." },
            ],
          },
        ],
      },
      {
        id: "reverse",
        title: "Reverse: witness details (not disclosed)",
        sections: [
          {
            id: "contactDetails",
            title: "Contact details",
            help: "Not disclosed to the defence. Establish how the witness would rather be contacted.",
            isDisclosable: false,
            items: [
              { field: "homeAddress", label: "Home address", widget: "textarea" },
              { field: "postcode", label: "Postcode" },
              { field: "homePhone", label: "Home telephone", widget: "tel" },
              { field: "workPhone", label: "Work telephone", widget: "tel" },
              { field: "mobilePhone", label: "Mobile telephone", widget: "tel" },
              { field: "email", label: "Email address", widget: "email" },
              { field: "preferredContact", label: "Preferred means of contact", widget: "radio" },
              { field: "dateOfBirth", label: "Date of birth", widget: "date" },
              { field: "placeOfBirth", label: "Place of birth" },
              { field: "formerName", label: "Former name", help: "Any previous name the witness has been known by." },
            ],
          },
          {
            id: "availability",
            title: "Dates to avoid",
            help: "Record either the dates the witness cannot attend court or that there are none: a trial set without them may be moved or lost.",
            isDisclosable: false,
            items: [
              { field: "hasDatesToAvoid", label: "Does the witness have dates to avoid?", widget: "yesno" },
              {
                group: "datesToAvoid",
                label: "Dates the witness is not available",
                itemLabel: "Dates",
                help: "One entry per period (a single day has the same first and last date).",
                showWhen: { field: "hasDatesToAvoid", equals: true },
                fields: [
                  { field: "from", label: "From", widget: "date" },
                  { field: "to", label: "To", widget: "date" },
                  { field: "note", label: "Note", help: "For the witness care unit only, e.g. holiday, hospital appointment." },
                ],
              },
            ],
          },
          {
            id: "witnessCare",
            title: "Witness care",
            isDisclosable: false,
            items: [
              { field: "isWillingToAttendCourt", label: "Is the witness willing and likely to attend court?", widget: "yesno" },
              { field: "reasonNotWillingToAttend", label: "Why not?", help: "Give the reasons here and on the MG6.", widget: "textarea", showWhen: { field: "isWillingToAttendCourt", equals: false } },
              { field: "supportToAttend", label: "What can be done to help the witness attend?", widget: "textarea" },
              {
                field: "particularNeeds",
                label: "Does the witness have any particular needs?",
                help: "For example disability, health, childcare, transport, language or interpreter, visual impairment, restricted mobility or other concerns. Asked of every witness, not only those needing special measures.",
                widget: "textarea",
              },
              {
                field: "needsSpecialMeasures",
                label: "Does the witness need special measures as a vulnerable or intimidated witness?",
                help: "If yes, complete the special-measures section below and submit an MG2 with the file.",
                widget: "yesno",
              },
            ],
          },
          {
            id: "specialMeasures",
            title: "Vulnerability, intimidation and special measures",
            help: "Required for every witness under 18 (eligible as a vulnerable witness, Youth Justice and Criminal Evidence Act 1999 s.16) and for any witness who needs special measures. Tick each measure to be sought on the MG2.",
            isDisclosable: false,
            showWhen: { any: [{ field: "isOver18", equals: false }, { field: "needsSpecialMeasures", equals: true }] },
            items: [
              {
                field: "vulnerabilityAndIntimidation",
                label: "Reasons the witness is vulnerable or intimidated",
                help: "Age under 18; a mental disorder, significant impairment of intelligence and social functioning, or physical disability (s.16); or fear or distress about testifying (s.17). Say what the effect on their evidence would be.",
                widget: "textarea",
              },
              { field: "isIntimidated", label: "Is the witness in fear or distress about giving evidence?", help: "An intimidated witness (s.17): consider the nature of the offence, the witness's circumstances and any behaviour towards them by the accused or others.", widget: "yesno" },
              { field: "measureScreens", label: "Screens (s.23)", help: "So that the witness does not see the defendant.", widget: "checkbox" },
              { field: "measureLiveLink", label: "Live link (s.24)", help: "Evidence given by video link from outside the courtroom.", widget: "checkbox" },
              { field: "measureEvidenceInPrivate", label: "Evidence given in private (s.25)", help: "The public gallery is cleared (sexual offences, or where intimidation is feared).", widget: "checkbox" },
              { field: "measureRemovalOfWigsAndGowns", label: "Removal of wigs and gowns (s.26)", widget: "checkbox" },
              { field: "measureVideoRecordedInterview", label: "Video-recorded interview as evidence-in-chief (s.27)", widget: "checkbox" },
              { field: "measurePreRecordedCrossExamination", label: "Pre-recorded cross-examination and re-examination (s.28)", widget: "checkbox" },
              { field: "measureIntermediary", label: "Examination through an intermediary (s.29)", help: "A registered intermediary assesses and helps the witness communicate (vulnerable witnesses only).", widget: "checkbox" },
              { field: "measureAidsToCommunication", label: "Aids to communication (s.30)", help: "For example a communication board or symbols (vulnerable witnesses only).", widget: "checkbox" },
              {
                field: "witnessViewsOnMeasures",
                label: "The witness's views",
                help: "What the witness (and, for a child, their parent or carer) thinks about giving evidence and about each measure, including any they decline.",
                widget: "textarea",
              },
            ],
          },
          {
            id: "victim",
            title: "Victim personal statement",
            isDisclosable: false,
            items: [
              { field: "isVictim", label: "Is the witness a victim of the offence?", widget: "yesno" },
              {
                field: "isVictimPersonalStatementOffered",
                label: "Has the victim been offered the chance to make a victim personal statement?",
                help: "The VPS scheme has been explained and the leaflet given. A VPS is taken on a separate MG11.",
                widget: "yesno",
                showWhen: { field: "isVictim", equals: true },
              },
            ],
          },
          {
            id: "consents",
            title: "Witness consents",
            help: "Ask the witness each of these and record their own answer.",
            isDisclosable: false,
            items: [
              { field: "consentsToShareWithCjsAgencies", label: "Does the witness consent to their details being shared with other criminal justice agencies (witness care and the Witness Service) so that they can be supported?", widget: "yesno" },
              { field: "consentsToMedicalRecordsAccess", label: "Does the witness consent to the police having access to their medical records in relation to this matter?", help: "Obtained in line with local practice.", widget: "radio" },
              { field: "consentsToMedicalRecordsDisclosure", label: "Does the witness consent to those medical records being disclosed to the defence?", widget: "radio" },
              { field: "consentsToCivilProceedingsDisclosure", label: "Does the witness consent to this statement being disclosed for civil proceedings (e.g. child care proceedings)?", help: "Only if it applies.", widget: "yesno" },
              { field: "declinesWitnessService", label: "The witness does not want the Witness Service to contact them", widget: "checkbox" },
            ],
          },
          {
            id: "statementTaken",
            title: "Statement taken",
            isDisclosable: false,
            items: [
              { field: "statementTakenBy", label: "Officer taking the statement", help: "Rank, name and number." },
              { field: "statementTakenAtStation", label: "Station" },
              { field: "statementTakenAtPlace", label: "Where the statement was taken" },
              { field: "statementTakenFrom", label: "Started", widget: "datetime" },
              { field: "statementTakenTo", label: "Finished", widget: "datetime" },
            ],
          },
        ],
      },
    ],
  },
};
