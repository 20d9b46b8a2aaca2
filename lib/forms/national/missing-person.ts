/**
 * Missing person report, after the College of Policing APP on missing persons (2021), as data.
 *
 * Who the person is and what they look like, who reported them, the circumstances and when they
 * were last seen, the vulnerabilities that raise the risk (with the Herbert Protocol form for a
 * person living with dementia and the Philomena Protocol form for a child in care, either of
 * which the family or care home holds ready for exactly this), the risk grading with its
 * rationale, the actions taken and the next supervisory review. Risk is reviewed throughout, so
 * the report is edited as the case goes on; every version is kept by the submission.
 */
import { SCHEMA_DIALECT, type FormDefinition } from "../form-definition";

/** APP Missing persons (2021) risk levels, lowest first ("absent" is no longer a category). */
export const RISK_GRADINGS = ["No apparent risk", "Low risk", "Medium risk", "High risk"] as const;

export const missingPerson: FormDefinition = {
  key: "missing-person",
  title: "Missing person report",
  summary:
    "Report of a missing person after APP Missing persons: details and description, circumstances and last sighting, vulnerabilities (including the Herbert and Philomena Protocols), risk grading with rationale, actions taken and supervisory review.",
  defaultMarking: "OFFICIAL-SENSITIVE",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    additionalProperties: false,
    properties: {
      fullName: { type: "string", minLength: 1, maxLength: 200 },
      knownAs: { type: "string", maxLength: 200 },
      dateOfBirth: { type: "string", format: "date" },
      gender: { type: "string", enum: ["Male", "Female", "Other", "Not known"] },
      homeAddress: { type: "string", maxLength: 500 },

      height: { type: "string", maxLength: 40 },
      build: { type: "string", enum: ["Slim", "Medium", "Stocky", "Large", "Muscular", "Not known"] },
      hair: { type: "string", maxLength: 200 },
      clothing: { type: "string", maxLength: 2000 },
      distinguishingMarks: { type: "string", maxLength: 2000 },
      isRecentPhotoHeld: { type: "boolean" },

      reportedByName: { type: "string", minLength: 1, maxLength: 200 },
      reportedByRelationship: { type: "string", maxLength: 200 },
      reportedByContact: { type: "string", maxLength: 300 },
      reportedAt: { type: "string", format: "date-time" },

      circumstances: { type: "string", minLength: 1, maxLength: 10000 },
      isOutOfCharacter: { type: "boolean" },
      hasBeenMissingBefore: { type: "boolean" },

      lastSeenAt: { type: "string", format: "date-time" },
      lastSeenPlace: { type: "string", minLength: 1, maxLength: 300 },
      lastSeenWith: { type: "string", maxLength: 500 },

      hasSelfHarmOrSuicideRisk: { type: "boolean" },
      hasMentalHealthConcern: { type: "boolean" },
      hasDementia: { type: "boolean" },
      herbertProtocolReference: { type: "string", minLength: 1, maxLength: 100 },
      isChildInCare: { type: "boolean" },
      philomenaProtocolReference: { type: "string", minLength: 1, maxLength: 100 },
      hasMedicalNeeds: { type: "boolean" },
      medicalNeedsDetails: { type: "string", minLength: 1, maxLength: 2000 },
      isAtRiskOfExploitation: { type: "boolean" },
      vulnerabilityNotes: { type: "string", maxLength: 4000 },

      riskGrading: { type: "string", enum: [...RISK_GRADINGS] },
      riskRationale: { type: "string", minLength: 1, maxLength: 4000 },
      riskAssessedBy: { type: "string", minLength: 1, maxLength: 200 },
      riskAssessedAt: { type: "string", format: "date-time" },

      actionsTaken: {
        type: "array",
        maxItems: 200,
        items: {
          type: "object",
          additionalProperties: false,
          properties: {
            action: { type: "string", minLength: 1, maxLength: 2000 },
            takenBy: { type: "string", minLength: 1, maxLength: 200 },
            takenAt: { type: "string", format: "date-time" },
            result: { type: "string", maxLength: 2000 },
          },
          required: ["action", "takenBy", "takenAt"],
        },
      },

      nextReviewDueAt: { type: "string", format: "date-time" },
      reviewingSupervisor: { type: "string", minLength: 1, maxLength: 200 },
      supervisorComments: { type: "string", maxLength: 4000 },
    },
    required: [
      "fullName",
      "gender",
      "reportedByName",
      "reportedAt",
      "circumstances",
      "lastSeenAt",
      "lastSeenPlace",
      "riskGrading",
      "riskRationale",
      "riskAssessedBy",
      "nextReviewDueAt",
      "reviewingSupervisor",
    ],
    allOf: [
      { if: { properties: { hasDementia: { const: true } }, required: ["hasDementia"] }, then: { required: ["herbertProtocolReference"] } },
      { if: { properties: { isChildInCare: { const: true } }, required: ["isChildInCare"] }, then: { required: ["philomenaProtocolReference"] } },
      { if: { properties: { hasMedicalNeeds: { const: true } }, required: ["hasMedicalNeeds"] }, then: { required: ["medicalNeedsDetails"] } },
    ],
  },
  layout: {
    pages: [
      {
        id: "person",
        title: "The missing person",
        sections: [
          {
            id: "personDetails",
            title: "Person details",
            isDisclosable: true,
            items: [
              { field: "fullName", label: "Full name" },
              { field: "knownAs", label: "Also known as", help: "Nicknames, previous or other names used." },
              { field: "dateOfBirth", label: "Date of birth", widget: "date" },
              { field: "gender", label: "Gender", widget: "radio" },
              { field: "homeAddress", label: "Home address", widget: "textarea" },
            ],
          },
          {
            id: "description",
            title: "Description",
            help: "As the person looked when last seen: this is what will be circulated.",
            isDisclosable: true,
            items: [
              { field: "height", label: "Height", help: "e.g. 5 ft 8 in or 173 cm." },
              { field: "build", label: "Build", widget: "select" },
              { field: "hair", label: "Hair", help: "Colour, length and style; facial hair." },
              { field: "clothing", label: "Clothing when last seen", help: "Colours, makes, footwear; bags or anything carried.", widget: "textarea" },
              { field: "distinguishingMarks", label: "Distinguishing marks", help: "Scars, tattoos, piercings, glasses, walking aids.", widget: "textarea" },
              { field: "isRecentPhotoHeld", label: "Do we hold a recent photograph?", widget: "yesno" },
            ],
          },
          {
            id: "reportedBy",
            title: "Reported by",
            help: "Record who gave each piece of information and when: it supports the risk assessment.",
            isDisclosable: true,
            items: [
              { field: "reportedByName", label: "Name of the person reporting" },
              { field: "reportedByRelationship", label: "Relationship to the missing person", help: "e.g. mother, care home manager, partner." },
              { field: "reportedByContact", label: "Contact details of the person reporting" },
              { field: "reportedAt", label: "Reported at", widget: "datetime" },
            ],
          },
        ],
      },
      {
        id: "circumstancesPage",
        title: "Circumstances",
        sections: [
          {
            id: "circumstancesSection",
            title: "Circumstances",
            isDisclosable: true,
            items: [
              {
                field: "circumstances",
                label: "Circumstances of the disappearance",
                help: "What happened, why the person is thought to be missing, what has been done to find them so far, and anything worrying (threats, debts, relationships, recent events).",
                widget: "textarea",
              },
              { field: "isOutOfCharacter", label: "Is this out of character?", widget: "yesno" },
              { field: "hasBeenMissingBefore", label: "Has the person been missing before?", help: "If so, say in the circumstances where they were found and what happened while they were missing.", widget: "yesno" },
            ],
          },
          {
            id: "lastSeen",
            title: "Last seen",
            isDisclosable: true,
            items: [
              { field: "lastSeenAt", label: "Last seen at (date and time)", widget: "datetime" },
              { field: "lastSeenPlace", label: "Where last seen" },
              { field: "lastSeenWith", label: "With whom", help: "Names, or descriptions if not known." },
            ],
          },
          {
            id: "vulnerabilities",
            title: "Vulnerabilities",
            help: "Tick everything that applies: each raises the risk of harm.",
            isDisclosable: true,
            items: [
              { field: "hasSelfHarmOrSuicideRisk", label: "Risk of self-harm or suicide", widget: "checkbox" },
              { field: "hasMentalHealthConcern", label: "Mental health concerns", widget: "checkbox" },
              { field: "hasDementia", label: "Dementia", help: "Ask the family or care home for the Herbert Protocol form.", widget: "checkbox" },
              {
                field: "herbertProtocolReference",
                label: "Reference of the Herbert Protocol form",
                help: "The reference of the Herbert Protocol form held by the family or care home. If there is none, write \"None held\".",
                showWhen: { field: "hasDementia", equals: true },
              },
              { field: "isChildInCare", label: "Child in care", help: "Ask the care home or local authority for the Philomena Protocol form.", widget: "checkbox" },
              {
                field: "philomenaProtocolReference",
                label: "Reference of the Philomena Protocol form",
                help: "The reference of the Philomena Protocol form held by the care provider. If there is none, write \"None held\".",
                showWhen: { field: "isChildInCare", equals: true },
              },
              { field: "hasMedicalNeeds", label: "Medical needs", help: "Medication, a condition or a dependency that puts them at risk without treatment.", widget: "checkbox" },
              { field: "medicalNeedsDetails", label: "Medical needs: details", help: "The condition, the medication and when it is next due.", widget: "textarea", showWhen: { field: "hasMedicalNeeds", equals: true } },
              { field: "isAtRiskOfExploitation", label: "Risk of sexual or criminal exploitation (CSE/CCE)", help: "Child sexual or criminal exploitation, county lines, or the exploitation of an adult.", widget: "checkbox" },
              { field: "vulnerabilityNotes", label: "Other vulnerabilities", widget: "textarea" },
            ],
          },
        ],
      },
      {
        id: "riskAndActions",
        title: "Risk, actions and review",
        sections: [
          {
            id: "risk",
            title: "Risk grading",
            help: "No apparent risk: no apparent risk of harm to the person or the public. Low: harm possible but minimal. Medium: harm likely but not serious. High: serious harm very likely. Review the grading as new information comes in.",
            isDisclosable: true,
            items: [
              { field: "riskGrading", label: "Risk grading", widget: "radio" },
              { field: "riskRationale", label: "Rationale", help: "Why you chose this grading: the risk factors present and absent, and what is out of character.", widget: "textarea" },
              { field: "riskAssessedBy", label: "Assessed by", help: "Rank, name and number." },
              { field: "riskAssessedAt", label: "Assessed at", widget: "datetime" },
            ],
          },
          {
            id: "actions",
            title: "Actions taken",
            isDisclosable: true,
            items: [
              {
                group: "actionsTaken",
                label: "Actions taken",
                itemLabel: "Action",
                help: "Each enquiry, search or notification, with who did it and when.",
                fields: [
                  { field: "action", label: "Action", widget: "textarea" },
                  { field: "takenBy", label: "By whom" },
                  { field: "takenAt", label: "When", widget: "datetime" },
                  { field: "result", label: "Result", widget: "textarea" },
                ],
              },
            ],
          },
          {
            id: "review",
            title: "Supervisory review",
            isDisclosable: true,
            items: [
              { field: "nextReviewDueAt", label: "Next review due", widget: "datetime" },
              { field: "reviewingSupervisor", label: "Reviewing supervisor", help: "Rank, name and number." },
              { field: "supervisorComments", label: "Supervisor's comments", widget: "textarea" },
            ],
          },
        ],
      },
    ],
  },
};
