/**
 * The national form library: every form is a valid definition, the MG11 keeps its reverse out of
 * disclosure and carries the s.9 declaration, and each form's schema (with formats, as the server
 * validates it) takes a realistic submission and refuses one that breaks a conditional rule.
 */
import { describe, expect, it } from "vitest";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { visibleAnswers } from "../conditions";
import { parseFormDefinition, type FormDefinition } from "../form-definition";
import { adultWitness } from "./testing/samples";
import { MG11_DECLARATION, mg11WitnessStatement, mg12ExhibitList, missingPerson, NATIONAL_FORMS, stopAndSearch } from "./index";

// As the server validates: strict, every error, formats checked. strictRequired is off because a
// conditional `then` requires fields the top level defines (see form-definition.ts).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validators = new Map(NATIONAL_FORMS.map((form) => [form.key, ajv.compile(form.schema)]));

type Answers = Record<string, unknown>;

/** The problems ajv finds, as "path: message" with the missing property named, or [] when valid. */
function problems(form: FormDefinition, data: Answers): string[] {
  const validate = validators.get(form.key)!;
  if (validate(data)) return [];
  return (validate.errors ?? []).filter((e: ErrorObject) => e.keyword !== "if").map((e: ErrorObject) => (e.keyword === "required" ? `${e.instancePath}: missing ${String(e.params.missingProperty)}` : `${e.instancePath}: ${e.message}`));
}

/** Every field name any `required` of the schema lists, conditional ones included. */
function requiredNames(node: unknown): string[] {
  if (typeof node !== "object" || node === null) return [];
  const n = node as { required?: string[]; allOf?: unknown[]; then?: unknown; else?: unknown };
  return [...(n.required ?? []), ...(n.allOf ?? []).flatMap(requiredNames), ...requiredNames(n.then), ...requiredNames(n.else)];
}

/** The answers without the named fields (an officer who left them blank). */
const without = (data: Answers, ...fields: string[]): Answers => Object.fromEntries(Object.entries(data).filter(([name]) => !fields.includes(name)));

const childWitness = (): Answers => ({
  ...adultWitness(),
  witnessName: "Oliver James Penrose",
  isOver18: false,
  ageIfUnder18: 14,
  occupation: "School pupil",
  dateOfBirth: "2011-09-02",
  homeAddress: "3 Kenwyn Road, Truro",
  postcode: "TR1 3SU",
  hasDatesToAvoid: false,
  datesToAvoid: undefined,
  needsSpecialMeasures: true,
  isVictim: true,
  isVictimPersonalStatementOffered: true,
});

const childSpecialMeasures = {
  vulnerabilityAndIntimidation: "Under 18. He was threatened by the suspect's friends outside school after the incident and is frightened of seeing them in court.",
  isIntimidated: true,
  measureScreens: true,
  measureVideoRecordedInterview: true,
  witnessViewsOnMeasures: "Oliver would rather give evidence by video; his mother agrees. He does not want an intermediary.",
};

const suspicionSearch = (): Answers => ({
  searchDate: "2026-05-01",
  searchTime: "21:40",
  searchLocation: "Lemon Quay, Truro, outside the Hall for Cornwall",
  searched: "Person",
  legalPower: "s.23 Misuse of Drugs Act 1971",
  objectOfSearch: "Controlled drugs",
  grounds: "Seen by me passing small packages to two people in exchange for cash in the doorway; on seeing police he put a bag into his right jacket pocket and walked away quickly.",
  personName: "Jordan Trelawny",
  selfDefinedEthnicity: "White: English, Welsh, Scottish, Northern Irish or British",
  officerObservedEthnicity: "White",
  gender: "Male",
  ageRange: "18 to 24",
  outcome: "Arrest",
  isOutcomeLinkedToObject: true,
  wasAnythingFound: true,
  itemsFound: [
    { item: "Wraps of white powder believed to be cocaine", quantity: "6 wraps" },
    { item: "Cash", quantity: "£240" },
  ],
  isBodyWornVideoRecorded: true,
  officerIdNumber: "PC 4417",
  officerStation: "Truro",
  recordGiven: "Copy of the record given at the time",
});

const section60Search = (): Answers => {
  return {
    ...without(suspicionSearch(), "grounds", "personName", "itemsFound"),
    legalPower: "s.60 Criminal Justice and Public Order Act 1994 (authorised, no suspicion needed)",
    objectOfSearch: "Offensive weapons",
    personDescription: "Male, about 20, slim, 5 ft 10 in, short dark hair, black North Face jacket and grey joggers.",
    selfDefinedEthnicity: "Not stated",
    outcome: "No further action",
    isOutcomeLinkedToObject: false,
    wasAnythingFound: false,
    authorisingOfficer: "Supt 101 Claire Rowe",
    authorisationReference: "S60-DCP-2026-014",
    authorisationArea: "Truro city centre, 18:00 on 1 May 2026 to 06:00 on 2 May 2026",
  };
};

const missingAdult = (): Answers => ({
  fullName: "Margaret Anne Rowe",
  knownAs: "Peggy",
  dateOfBirth: "1941-06-11",
  gender: "Female",
  homeAddress: "Trelawney House Care Home, Falmouth Road, Truro",
  height: "5 ft 2 in",
  build: "Slim",
  hair: "White, short, curly",
  clothing: "Blue quilted coat, pink nightdress, brown slippers",
  distinguishingMarks: "Walks with a stick; wears glasses",
  isRecentPhotoHeld: true,
  reportedByName: "Dawn Pascoe",
  reportedByRelationship: "Care home manager",
  reportedByContact: "01872 000000",
  reportedAt: "2026-05-03T06:25:00+01:00",
  circumstances: "Peggy was checked in her room at 05:00. At 06:00 her room was empty and the side door was open. She has left once before and was found at her old address.",
  isOutOfCharacter: false,
  hasBeenMissingBefore: true,
  lastSeenAt: "2026-05-03T05:00:00+01:00",
  lastSeenPlace: "Her room, Trelawney House Care Home",
  hasDementia: true,
  herbertProtocolReference: "HP-DCP-2025-0831",
  hasMedicalNeeds: true,
  medicalNeedsDetails: "Type 2 diabetes; metformin due at 08:00.",
  riskGrading: "High risk",
  riskRationale: "Aged 84 with dementia, inadequately dressed for a cold morning, needs medication by 08:00; found at her old address last time, which is across a main road.",
  riskAssessedBy: "Insp 2210 Mark Dunstan",
  riskAssessedAt: "2026-05-03T06:40:00+01:00",
  actionsTaken: [
    { action: "Searched the care home and grounds", takenBy: "PC 4417 Tom Hughes", takenAt: "2026-05-03T06:50:00+01:00", result: "Not found" },
    { action: "Officers sent to her previous address at Chapel Hill", takenBy: "Sgt 1883 Lisa Hart", takenAt: "2026-05-03T06:55:00+01:00" },
  ],
  nextReviewDueAt: "2026-05-03T08:00:00+01:00",
  reviewingSupervisor: "Insp 2210 Mark Dunstan",
});

const exhibitList = (): Answers => ({
  urn: "50AB1234526",
  defendants: "Jordan Trelawny",
  officerInCase: "DC 3301 Alex Morgan",
  exhibits: [
    { reference: "TH/1", description: "Six wraps of white powder in a clear bag", producedBy: "PC 4417 Tom Hughes", whereFound: "Right jacket pocket of the defendant", seizedAt: "2026-05-01T21:45:00+01:00", sealNumber: "E1234567", storageLocation: "Truro drugs safe", continuityNotes: "Seized by PC Hughes; booked into the drugs safe at 23:10 by PC Hughes." },
    { reference: "TH/2", description: "Body-worn video of the search", producedBy: "PC 4417 Tom Hughes", storageLocation: "Digital evidence store" },
  ],
});

describe("the national form library", () => {
  it.each(NATIONAL_FORMS.map((form) => [form.key, form] as const))("%s is a valid form definition", (_key, form) => {
    expect(parseFormDefinition(form)).toMatchObject({ key: form.key });
  });

  it("lists the four forms once each, in order, each OFFICIAL-SENSITIVE by default", () => {
    expect(NATIONAL_FORMS.map((f) => f.key)).toEqual(["mg11", "stop-search", "missing-person", "mg12"]);
    expect(new Set(NATIONAL_FORMS.map((f) => f.key)).size).toBe(NATIONAL_FORMS.length);
    expect(NATIONAL_FORMS.map((f) => f.defaultMarking)).toEqual(NATIONAL_FORMS.map(() => "OFFICIAL-SENSITIVE"));
  });

  it.each(NATIONAL_FORMS.map((form) => [form.key, form] as const))("%s requires only fields its schema has, conditionally or not", (_key, form) => {
    const fields = Object.keys((form.schema as { properties: object }).properties);
    expect(requiredNames(form.schema).filter((name) => !fields.includes(name))).toEqual([]);
  });

  it("keeps the MG11's reverse out of disclosure and its front in", () => {
    const [front, reverse] = mg11WitnessStatement.layout.pages;
    expect(front!.sections.map((s) => [s.id, s.isDisclosable])).toEqual([
      ["witness", true],
      ["statementBody", true],
      ["signature", true],
    ]);
    expect(reverse!.sections.length).toBeGreaterThan(5);
    expect(reverse!.sections.filter((s) => s.isDisclosable).map((s) => s.id)).toEqual([]);
    // Contact details never sit on the disclosable side.
    const frontFields = front!.sections.flatMap((s) => s.items.map((i) => ("group" in i ? i.group : i.field)));
    for (const field of ["homeAddress", "postcode", "mobilePhone", "email", "dateOfBirth", "datesToAvoid"]) expect(frontFields).not.toContain(field);
  });

  it("prints the s.9 declaration on the MG11", () => {
    expect(mg11WitnessStatement.layout.declaration).toBe(MG11_DECLARATION);
    expect(MG11_DECLARATION).toBe(
      "This statement (consisting of [x] page(s) each signed by me) is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated anything in it which I know to be false, or do not believe to be true.",
    );
    expect(NATIONAL_FORMS.filter((f) => f.layout.declaration).map((f) => f.key)).toEqual(["mg11"]);
  });

  describe("MG11", () => {
    it("takes an adult witness's statement, and a child's with the special-measures section", () => {
      expect(problems(mg11WitnessStatement, adultWitness())).toEqual([]);
      expect(problems(mg11WitnessStatement, { ...childWitness(), ...childSpecialMeasures })).toEqual([]);
    });

    it("refuses a witness under 18 without the special-measures answers or the age", () => {
      // Refused twice over: as under 18, and as needing special measures.
      const missing = [": missing vulnerabilityAndIntimidation", ": missing isIntimidated", ": missing witnessViewsOnMeasures"];
      expect(problems(mg11WitnessStatement, childWitness())).toEqual([...missing, ...missing]);
      expect(problems(mg11WitnessStatement, { ...childWitness(), needsSpecialMeasures: false })).toEqual(missing);
      expect(problems(mg11WitnessStatement, without({ ...childWitness(), ...childSpecialMeasures }, "ageIfUnder18"))).toEqual([": missing ageIfUnder18"]);
    });

    it("requires the special-measures section for an adult who needs special measures, and not otherwise", () => {
      expect(problems(mg11WitnessStatement, { ...adultWitness(), needsSpecialMeasures: true })).toContain(": missing witnessViewsOnMeasures");
      expect(problems(mg11WitnessStatement, { ...adultWitness(), needsSpecialMeasures: true, ...childSpecialMeasures })).toEqual([]);
    });

    it("refuses an unsigned declaration, a preferred contact not given, dates to avoid not listed, and an unknown field", () => {
      expect(problems(mg11WitnessStatement, { ...adultWitness(), isDeclarationSigned: false })).toEqual(["/isDeclarationSigned: must be equal to constant"]);
      expect(problems(mg11WitnessStatement, { ...without(adultWitness(), "email"), preferredContact: "Email" })).toEqual([": missing email"]);
      expect(problems(mg11WitnessStatement, { ...adultWitness(), datesToAvoid: [] })).toEqual(["/datesToAvoid: must NOT have fewer than 1 items"]);
      expect(problems(mg11WitnessStatement, { ...adultWitness(), datesToAvoid: [{ from: "2026-07-20" }] })).toEqual(["/datesToAvoid/0: missing to"]);
      expect(problems(mg11WitnessStatement, { ...adultWitness(), favouriteColour: "blue" })).toEqual([": must NOT have additional properties"]);
      expect(problems(mg11WitnessStatement, { ...adultWitness(), postcode: "TR1 2L", signedOn: "02/05/2026" })).toEqual(['/signedOn: must match format "date"', '/postcode: must match pattern "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"']);
    });
  });

  describe("stop and search", () => {
    it("takes a search on suspicion with grounds, and a s.60 search with its authorisation instead", () => {
      expect(problems(stopAndSearch, suspicionSearch())).toEqual([]);
      expect(problems(stopAndSearch, section60Search())).toEqual([]);
    });

    it("refuses a s.60 search without the authorisation, and a search on suspicion without grounds", () => {
      expect(problems(stopAndSearch, without(section60Search(), "authorisingOfficer", "authorisationReference"))).toEqual([": missing authorisingOfficer", ": missing authorisationReference"]);
      expect(problems(stopAndSearch, without(suspicionSearch(), "grounds"))).toEqual([": missing grounds"]);
    });

    it("refuses a person with neither name nor description, a vehicle without its registration, and finds not listed", () => {
      const anonymous = without(section60Search(), "personDescription");
      expect(problems(stopAndSearch, anonymous)).toEqual([": missing personDescription"]);
      expect(problems(stopAndSearch, { ...anonymous, personName: "   " })).toEqual([": missing personDescription"]);
      expect(problems(stopAndSearch, { ...suspicionSearch(), searched: "Person and vehicle" })).toEqual([": missing vehicleRegistration"]);
      expect(problems(stopAndSearch, { ...suspicionSearch(), searched: "Person and vehicle", vehicleRegistration: "WK19 ABC" })).toEqual([]);
      expect(problems(stopAndSearch, { ...suspicionSearch(), itemsFound: undefined })).toEqual([": missing itemsFound"]);
      expect(problems(stopAndSearch, { ...suspicionSearch(), itemsFound: [{ item: "Lock knife" }] })).toEqual(["/itemsFound/0: missing quantity"]);
    });

    it("takes only the census ethnicities and a 24-hour time", () => {
      expect(problems(stopAndSearch, { ...suspicionSearch(), selfDefinedEthnicity: "IC1" })).toEqual(["/selfDefinedEthnicity: must be equal to one of the allowed values"]);
      expect(problems(stopAndSearch, { ...suspicionSearch(), searchTime: "9:40pm" })).toEqual(['/searchTime: must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"']);
    });
  });

  describe("missing person", () => {
    it("takes a report of a person living with dementia, with the Herbert Protocol reference", () => {
      expect(problems(missingPerson, missingAdult())).toEqual([]);
    });

    it("refuses dementia without the Herbert Protocol reference, a child in care without the Philomena one, and a report without rationale", () => {
      expect(problems(missingPerson, without(missingAdult(), "herbertProtocolReference"))).toEqual([": missing herbertProtocolReference"]);
      expect(problems(missingPerson, { ...missingAdult(), isChildInCare: true })).toEqual([": missing philomenaProtocolReference"]);
      expect(problems(missingPerson, { ...missingAdult(), isChildInCare: true, philomenaProtocolReference: "PP-CC-2026-112" })).toEqual([]);
      expect(problems(missingPerson, without(missingAdult(), "riskRationale"))).toEqual([": missing riskRationale"]);
      expect(problems(missingPerson, { ...missingAdult(), riskGrading: "Absent" })).toEqual(["/riskGrading: must be equal to one of the allowed values"]);
      expect(problems(missingPerson, { ...missingAdult(), actionsTaken: [{ action: "House search", takenBy: "PC 4417 Tom Hughes", takenAt: "this morning" }] })).toEqual(['/actionsTaken/0/takenAt: must match format "date-time"']);
    });
  });

  describe("MG12", () => {
    it("takes a list of two exhibits and refuses an exhibit without its reference, or no exhibits at all", () => {
      expect(problems(mg12ExhibitList, exhibitList())).toEqual([]);
      const [first, second] = exhibitList().exhibits as Answers[];
      expect(problems(mg12ExhibitList, { ...exhibitList(), exhibits: [first, without(second!, "reference")] })).toEqual(["/exhibits/1: missing reference"]);
      expect(problems(mg12ExhibitList, { ...exhibitList(), exhibits: [] })).toEqual(["/exhibits: must NOT have fewer than 1 items"]);
    });
  });

  // The server drops answers of hidden parts before validating (lib/forms/conditions.ts): a field a
  // rule requires must then be one the layout shows, or no submission could ever pass.
  it("keeps every valid sample valid once hidden answers are dropped: what a rule requires, the layout shows", () => {
    const samples: [FormDefinition, Answers][] = [
      [mg11WitnessStatement, adultWitness()],
      [mg11WitnessStatement, { ...childWitness(), ...childSpecialMeasures }],
      [stopAndSearch, suspicionSearch()],
      [stopAndSearch, section60Search()],
      [missingPerson, { ...missingAdult(), isChildInCare: true, philomenaProtocolReference: "PP-CC-2026-112" }],
      [mg12ExhibitList, exhibitList()],
    ];
    for (const [form, data] of samples) {
      const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
      expect(visibleAnswers(form, defined)).toEqual(defined);
      expect(problems(form, visibleAnswers(form, defined))).toEqual([]);
    }
    // And an answer to a hidden section is dropped: s.1 grounds left on a s.60 search go.
    expect(visibleAnswers(stopAndSearch, { ...section60Search(), grounds: "left over" })).not.toHaveProperty("grounds");
  });
});
