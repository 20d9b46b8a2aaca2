/**
 * Record of a stop and search under PACE Code A (revised, in force 20 December 2023), as data.
 *
 * Code A para 4.3 says what every record must hold: the person's self-defined ethnicity (and the
 * officer's perception if different), date, time and place, the object of the search, the grounds
 * (or, for a search needing no suspicion, the power and that an authorisation was given), and the
 * officer's identification number and station. The person need not give a name: without one the
 * record describes them. A vehicle searched is recorded by its registration. The outcome, whether
 * it was linked to the object of the search, and anything found are recorded for the Home Office
 * annual data return and the Best Use of Stop and Search scheme.
 *
 * Ethnicity uses the 2021 census (England and Wales) categories, 19 of them, plus "Not stated".
 */
import { SCHEMA_DIALECT, type FormDefinition } from "../form-definition";

/** Powers that need reasonable grounds for suspicion: the record gives the grounds. */
export const SUSPICION_POWERS = [
  "s.1 Police and Criminal Evidence Act 1984",
  "s.23 Misuse of Drugs Act 1971",
  "Other power requiring reasonable grounds for suspicion",
] as const;

/** Powers that need no suspicion but an authorisation for the area and time: the record gives the authorisation instead of grounds. */
export const AUTHORISED_POWERS = [
  "s.60 Criminal Justice and Public Order Act 1994 (authorised, no suspicion needed)",
  "s.47A Terrorism Act 2000 (authorised, no suspicion needed)",
] as const;

const OTHER_POWER = "Other power requiring reasonable grounds for suspicion";

const OBJECTS_OF_SEARCH = [
  "Stolen property",
  "Controlled drugs",
  "Offensive weapons",
  "Firearms",
  "Articles for use in burglary, theft or fraud",
  "Articles for use in criminal damage",
  "Prohibited fireworks",
  "Evidence of terrorism",
  "Other",
] as const;

/** 2021 census ethnic groups, England and Wales: the 19 categories, then "Not stated". */
export const SELF_DEFINED_ETHNICITIES = [
  "Asian, Asian British or Asian Welsh: Bangladeshi",
  "Asian, Asian British or Asian Welsh: Chinese",
  "Asian, Asian British or Asian Welsh: Indian",
  "Asian, Asian British or Asian Welsh: Pakistani",
  "Asian, Asian British or Asian Welsh: Any other Asian background",
  "Black, Black British, Black Welsh, Caribbean or African: African",
  "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
  "Black, Black British, Black Welsh, Caribbean or African: Any other Black, Black British or Caribbean background",
  "Mixed or Multiple ethnic groups: White and Asian",
  "Mixed or Multiple ethnic groups: White and Black African",
  "Mixed or Multiple ethnic groups: White and Black Caribbean",
  "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background",
  "White: English, Welsh, Scottish, Northern Irish or British",
  "White: Irish",
  "White: Gypsy or Irish Traveller",
  "White: Roma",
  "White: Any other White background",
  "Other ethnic group: Arab",
  "Other ethnic group: Any other ethnic group",
  "Not stated",
] as const;

// What an officer can observe: the five broad 2021 census groups.
const OBSERVED_ETHNICITIES = [
  "Asian, Asian British or Asian Welsh",
  "Black, Black British, Black Welsh, Caribbean or African",
  "Mixed or Multiple ethnic groups",
  "White",
  "Other ethnic group",
] as const;

const SEARCHED = ["Person", "Vehicle", "Person and vehicle"] as const;
const VEHICLE_SEARCHED = ["Vehicle", "Person and vehicle"];

const OUTCOMES = [
  "No further action",
  "Arrest",
  "Community resolution",
  "Penalty notice for disorder",
  "Cannabis or khat warning",
  "Summons or postal requisition",
  "Caution (simple or conditional)",
  "Other",
] as const;

const COPY_NOTE =
  "Tell the person how to get a copy. If a copy of this record is not given at the time, the person may ask for one at any police station within three months of the search, quoting the date, place and the officer's identification number (or the reference on their receipt). An electronic receipt must say how to see the full record.";

export const stopAndSearch: FormDefinition = {
  key: "stop-search",
  title: "Stop and search record",
  summary:
    "The record of a search of a person or vehicle without arrest, with every item PACE Code A (2023) para 4.3 requires: ethnicity, date, time and place, object, grounds or authorisation, officer, outcome and anything found.",
  defaultMarking: "OFFICIAL-SENSITIVE",
  schema: {
    $schema: SCHEMA_DIALECT,
    type: "object",
    additionalProperties: false,
    properties: {
      searchDate: { type: "string", format: "date" },
      // A wall-clock time as an <input type="time"> gives it (HH:MM, local time): JSON Schema's
      // "time" format wants seconds and a UTC offset, which a time of day alone does not have.
      searchTime: { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" },
      searchLocation: { type: "string", minLength: 1, maxLength: 300 },
      searched: { type: "string", enum: [...SEARCHED] },
      vehicleRegistration: { type: "string", maxLength: 12, pattern: "^[A-Za-z0-9][A-Za-z0-9 -]*$" },

      legalPower: { type: "string", enum: [...SUSPICION_POWERS, ...AUTHORISED_POWERS] },
      otherPower: { type: "string", minLength: 1, maxLength: 200 },
      objectOfSearch: { type: "string", enum: [...OBJECTS_OF_SEARCH] },
      otherObjectOfSearch: { type: "string", minLength: 1, maxLength: 200 },
      grounds: { type: "string", minLength: 1, maxLength: 4000 },
      authorisingOfficer: { type: "string", minLength: 1, maxLength: 200 },
      authorisationReference: { type: "string", minLength: 1, maxLength: 100 },
      authorisationArea: { type: "string", maxLength: 1000 },

      personName: { type: "string", maxLength: 200 },
      personDescription: { type: "string", minLength: 1, maxLength: 2000 },
      selfDefinedEthnicity: { type: "string", enum: [...SELF_DEFINED_ETHNICITIES] },
      officerObservedEthnicity: { type: "string", enum: [...OBSERVED_ETHNICITIES] },
      gender: { type: "string", enum: ["Male", "Female", "Other", "Not stated"] },
      ageRange: { type: "string", enum: ["Under 10", "10 to 17", "18 to 24", "25 to 34", "35 and over", "Not known"] },

      outcome: { type: "string", enum: [...OUTCOMES] },
      otherOutcome: { type: "string", minLength: 1, maxLength: 200 },
      isOutcomeLinkedToObject: { type: "boolean" },
      wasAnythingFound: { type: "boolean" },
      itemsFound: {
        type: "array",
        maxItems: 100,
        items: {
          type: "object",
          additionalProperties: false,
          properties: {
            item: { type: "string", minLength: 1, maxLength: 300 },
            quantity: { type: "string", minLength: 1, maxLength: 60 },
          },
          required: ["item", "quantity"],
        },
      },
      isBodyWornVideoRecorded: { type: "boolean" },

      officerIdNumber: { type: "string", minLength: 1, maxLength: 20 },
      officerStation: { type: "string", minLength: 1, maxLength: 200 },
      recordGiven: { type: "string", enum: ["Copy of the record given at the time", "Receipt given", "Declined a copy or receipt", "Not practicable at the time"] },
    },
    required: [
      "searchDate",
      "searchTime",
      "searchLocation",
      "searched",
      "legalPower",
      "objectOfSearch",
      "selfDefinedEthnicity",
      "officerObservedEthnicity",
      "gender",
      "ageRange",
      "outcome",
      "isOutcomeLinkedToObject",
      "wasAnythingFound",
      "officerIdNumber",
      "officerStation",
      "recordGiven",
    ],
    allOf: [
      // No-suspicion powers: the authorisation; every other power: the grounds.
      {
        if: { properties: { legalPower: { enum: [...AUTHORISED_POWERS] } }, required: ["legalPower"] },
        then: { required: ["authorisingOfficer", "authorisationReference"] },
        else: { required: ["grounds"] },
      },
      { if: { properties: { legalPower: { const: OTHER_POWER } }, required: ["legalPower"] }, then: { required: ["otherPower"] } },
      { if: { properties: { objectOfSearch: { const: "Other" } }, required: ["objectOfSearch"] }, then: { required: ["otherObjectOfSearch"] } },
      // A name, if the person gave one; otherwise a description.
      { if: { properties: { personName: { type: "string", pattern: "\\S" } }, required: ["personName"] }, else: { required: ["personDescription"] } },
      { if: { properties: { searched: { enum: VEHICLE_SEARCHED } }, required: ["searched"] }, then: { required: ["vehicleRegistration"] } },
      { if: { properties: { outcome: { const: "Other" } }, required: ["outcome"] }, then: { required: ["otherOutcome"] } },
      { if: { properties: { wasAnythingFound: { const: true } }, required: ["wasAnythingFound"] }, then: { required: ["itemsFound"], properties: { itemsFound: { type: "array", minItems: 1 } } } },
    ],
  },
  layout: {
    pages: [
      {
        id: "search",
        title: "The search",
        sections: [
          {
            id: "whenAndWhere",
            title: "When and where",
            isDisclosable: true,
            items: [
              { field: "searchDate", label: "Date of the search", widget: "date" },
              { field: "searchTime", label: "Time of the search", help: "24-hour clock, e.g. 21:40.", widget: "time" },
              { field: "searchLocation", label: "Place", help: "As precisely as you can: street and nearest landmark, or postcode.", widget: "text" },
              { field: "searched", label: "What was searched?", widget: "radio" },
              { field: "vehicleRegistration", label: "Vehicle registration", showWhen: { field: "searched", in: VEHICLE_SEARCHED } },
            ],
          },
          {
            id: "powerAndObject",
            title: "Power and object of the search",
            isDisclosable: true,
            items: [
              { field: "legalPower", label: "Power used", help: "s.60 and s.47A need no suspicion but only apply where and while an authorisation is in force.", widget: "select" },
              { field: "otherPower", label: "Which power?", help: "Act and section, e.g. s.47 Firearms Act 1968, s.139B Criminal Justice Act 1988.", showWhen: { field: "legalPower", equals: OTHER_POWER } },
              { field: "objectOfSearch", label: "Object of the search", help: "What you were looking for.", widget: "select" },
              { field: "otherObjectOfSearch", label: "What were you looking for?", showWhen: { field: "objectOfSearch", equals: "Other" } },
            ],
          },
          {
            id: "groundsSection",
            title: "Grounds for the search",
            help: "Reasonable grounds for suspicion must rest on objective facts, information or intelligence about this person: never on personal factors alone (appearance, ethnicity, age, or a previous conviction), nor on generalisations or stereotypes.",
            isDisclosable: true,
            showWhen: { field: "legalPower", in: [...SUSPICION_POWERS] },
            items: [{ field: "grounds", label: "Grounds", help: "What you saw, heard or were told that made you suspect the person had the object of the search.", widget: "textarea" }],
          },
          {
            id: "authorisation",
            title: "Authorisation",
            help: "For a search needing no suspicion: record that an authorisation was given and which one. You need not record grounds.",
            isDisclosable: true,
            showWhen: { field: "legalPower", in: [...AUTHORISED_POWERS] },
            items: [
              { field: "authorisingOfficer", label: "Authorising officer", help: "Rank, name and number of the officer who gave the authorisation." },
              { field: "authorisationReference", label: "Authorisation reference" },
              { field: "authorisationArea", label: "Area and period authorised", widget: "textarea" },
            ],
          },
        ],
      },
      {
        id: "person",
        title: "The person searched",
        sections: [
          {
            id: "personDetails",
            title: "Person searched",
            help: "The person does not have to give their name, address or date of birth, and cannot be detained to get them.",
            isDisclosable: true,
            items: [
              { field: "personName", label: "Name", help: "Only if the person gives it." },
              { field: "personDescription", label: "Description of the person", help: "Required when no name is given: build, height, hair, clothing.", widget: "textarea", showWhen: { field: "personName", isAnswered: false } },
              { field: "selfDefinedEthnicity", label: "Self-defined ethnicity", help: "Ask the person to choose; if they will not, record \"Not stated\". Never choose for them.", widget: "select" },
              { field: "officerObservedEthnicity", label: "Ethnicity as perceived by the officer", help: "Recorded whether or not the person stated their ethnicity.", widget: "select" },
              { field: "gender", label: "Gender", widget: "radio" },
              { field: "ageRange", label: "Age range", widget: "select" },
            ],
          },
        ],
      },
      {
        id: "result",
        title: "Outcome",
        sections: [
          {
            id: "outcomeSection",
            title: "Outcome",
            isDisclosable: true,
            items: [
              { field: "outcome", label: "Outcome", widget: "select" },
              { field: "otherOutcome", label: "What was the outcome?", showWhen: { field: "outcome", equals: "Other" } },
              { field: "isOutcomeLinkedToObject", label: "Was the outcome linked to the object of the search?", help: "Yes if, for example, you searched for drugs and the arrest was for possessing drugs.", widget: "yesno" },
              { field: "wasAnythingFound", label: "Was anything found?", widget: "yesno" },
              {
                group: "itemsFound",
                label: "Items found",
                itemLabel: "Item",
                showWhen: { field: "wasAnythingFound", equals: true },
                fields: [
                  { field: "item", label: "Item", help: "What it is, e.g. lock knife, herbal substance believed to be cannabis." },
                  { field: "quantity", label: "Quantity", help: "A count or an amount, e.g. 1, 3 wraps, about 5 g." },
                ],
              },
              { field: "isBodyWornVideoRecorded", label: "Was the search recorded on body-worn video?", widget: "yesno" },
            ],
          },
          {
            id: "officer",
            title: "Officer and copy of the record",
            help: COPY_NOTE,
            isDisclosable: true,
            items: [
              { field: "officerIdNumber", label: "Officer's identification number", help: "Your warrant or shoulder number. Not your name." },
              { field: "officerStation", label: "Police station", help: "The station you are attached to." },
              { field: "recordGiven", label: "What was the person given?", widget: "radio" },
            ],
          },
        ],
      },
    ],
  },
};
