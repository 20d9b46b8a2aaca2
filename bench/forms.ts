/**
 * forms (benchmarks.md): what validating a form submission costs, against what merely reading it
 * costs.
 *
 * A 50-field incident report written like the national forms (lib/forms/national/): text,
 * numbers, dates and times, enums, yes/no questions, a long free-text account, two sections shown
 * only when an answer says so (special measures for a witness under 18, vehicle details) with
 * if/then requirements, and a repeating group of exhibits (8 fields each, 0–4 items). 10,000
 * submissions made by a deterministic PRNG, 10 % of them invalid in one of twelve ways (a wrong
 * type, format, enum, length or pattern; a missing answer, a missing answer of a shown
 * conditional section or of an exhibit; an unknown field). Per round, over all 10,000:
 *
 *   subject    validateSubmission(definition, parsed, { isDraft: false, versionId }) on the
 *              already-parsed object, as the API calls it after its body parser: the 5 MB bound,
 *              unknown fields, hidden answers dropped, ajv, and the errors in plain words;
 *   reference  JSON.parse of the same submission's JSON text (what reading it costs).
 *
 * The figure is µs per submission; rounds alternate A B after a warm-up, and the ratio is the
 * median of the per-round ratios. Goal ≤ 2. Also reported: the valid and invalid submissions'
 * costs apart, and the cost without a version id (the definition hashed per call).
 *
 * Not measured yet: end-to-end submissions/s (goal ≥ 1,000/s on PostgreSQL, ≥ 400/s on PGlite),
 * through lib/submissions (which now exists); that half is still to be written.
 */
import { parseFormDefinition, SCHEMA_DIALECT, type FormDefinition } from "@/lib/forms/form-definition";
import { formValidatorFor, validateSubmission } from "@/lib/forms/validate-submission";
import { alternate, environment, LoopDelay, nowNs, packageVersion, prng, round, spread, type BenchConfig, type Benchmark } from "./harness";

const SUBMISSIONS = 10_000;
const INVALID_SHARE = 0.1;
const VERSION_ID = "bench-forms-incident-v1";

type Field = { name: string; label: string; schema: Record<string, unknown>; widget?: string; showWhen?: unknown };

const text = (max: number) => ({ type: "string", maxLength: max });
const INCIDENT_TYPES = ["Assault", "Burglary (dwelling)", "Burglary (business)", "Criminal damage", "Theft from person", "Theft of vehicle", "Theft from vehicle", "Shoplifting", "Robbery", "Public order", "Harassment", "Stalking", "Domestic abuse", "Fraud", "Drugs possession", "Drugs supply", "Weapons possession", "Road traffic collision", "Missing person", "Concern for welfare"];
const AREAS = ["North", "South", "East", "West", "Central", "City", "Coast", "Vale", "Moor", "Forest", "Borough", "Harbour"];
const WEATHER = ["Dry", "Rain", "Snow", "Fog", "High wind", "Unknown"];
const GENDERS = ["Female", "Male", "Other", "Prefer not to say"];
const ETHNICITIES = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "M1", "M2", "M3", "M4", "W1", "W2", "W3", "W4", "O1", "O2", "NS"];
const COLOURS = ["Black", "White", "Silver", "Grey", "Blue", "Red", "Green", "Yellow", "Orange", "Brown", "Purple", "Other"];
const CATEGORIES = ["Weapon", "Drugs", "Clothing", "Phone", "Computer", "Document", "Cash", "Vehicle part", "Forensic sample", "Other"];

// 42 top-level answer fields and a repeating group of 8: 50 fields.
const SECTIONS: { id: string; title: string; showWhen?: unknown; fields: Field[] }[] = [
  {
    id: "incident",
    title: "The incident",
    fields: [
      { name: "incidentReference", label: "Incident reference", schema: { type: "string", pattern: "^[A-Z]{2}-[0-9]{6}-[0-9]{2}$", examples: ["KE-260501-03"] } },
      { name: "incidentDate", label: "Date of the incident", schema: { type: "string", format: "date" }, widget: "date" },
      { name: "incidentTime", label: "Time of the incident", schema: { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$", examples: ["14:30"] }, widget: "time" },
      { name: "reportedAt", label: "Date and time reported", schema: { type: "string", format: "date-time" }, widget: "datetime" },
      { name: "incidentType", label: "Type of incident", schema: { enum: INCIDENT_TYPES }, widget: "select" },
      { name: "location", label: "Location", schema: text(300) },
      { name: "policeArea", label: "Policing area", schema: { enum: AREAS }, widget: "select" },
      { name: "weather", label: "Weather", schema: { enum: WEATHER }, widget: "radio" },
    ],
  },
  {
    id: "person",
    title: "The person",
    fields: [
      { name: "surname", label: "Surname", schema: text(100) },
      { name: "forenames", label: "Forenames", schema: text(100) },
      { name: "dateOfBirth", label: "Date of birth", schema: { type: "string", format: "date" }, widget: "date" },
      { name: "age", label: "Age", schema: { type: "integer", minimum: 0, maximum: 130 }, widget: "number" },
      { name: "gender", label: "Gender", schema: { enum: GENDERS }, widget: "radio" },
      { name: "selfDefinedEthnicity", label: "Self-defined ethnicity", schema: { enum: ETHNICITIES }, widget: "select" },
      { name: "occupation", label: "Occupation", schema: text(100) },
      { name: "addressLine1", label: "Address line 1", schema: text(200) },
      { name: "addressLine2", label: "Address line 2", schema: text(200) },
      { name: "town", label: "Town or city", schema: text(100) },
      { name: "postcode", label: "Postcode", schema: { type: "string", pattern: "^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", examples: ["SW1A 1AA"] } },
      { name: "phone", label: "Phone number", schema: { type: "string", pattern: "^[0-9 +()-]{7,20}$" }, widget: "tel" },
      { name: "email", label: "Email address", schema: { type: "string", format: "email", maxLength: 254 }, widget: "email" },
      { name: "interpreterLanguage", label: "Interpreter language, if needed", schema: text(60) },
      { name: "isOver18", label: "Is the person over 18?", schema: { type: "boolean" }, widget: "yesno" },
    ],
  },
  {
    id: "measures",
    title: "Special measures",
    showWhen: { field: "isOver18", equals: false },
    fields: [
      { name: "specialMeasures", label: "Special measures needed", schema: text(2000), widget: "textarea" },
      { name: "appropriateAdult", label: "Appropriate adult", schema: text(200) },
      { name: "isParentNotified", label: "Has a parent or guardian been told?", schema: { type: "boolean" }, widget: "yesno" },
    ],
  },
  {
    id: "involvement",
    title: "What happened",
    fields: [
      { name: "hasVehicle", label: "Was a vehicle involved?", schema: { type: "boolean" }, widget: "yesno" },
      { name: "hasInjuries", label: "Was anyone injured?", schema: { type: "boolean" }, widget: "yesno" },
      { name: "injuryDetails", label: "Injuries", schema: text(2000), widget: "textarea", showWhen: { field: "hasInjuries", equals: true } },
      { name: "offenderCount", label: "Number of offenders", schema: { type: "integer", minimum: 0, maximum: 50 }, widget: "number" },
      { name: "estimatedLoss", label: "Estimated loss in pounds", schema: { type: "number", minimum: 0, maximum: 10_000_000 }, widget: "number" },
      { name: "circumstances", label: "Account of what happened", schema: text(20_000), widget: "textarea" },
    ],
  },
  {
    id: "vehicle",
    title: "The vehicle",
    showWhen: { field: "hasVehicle", equals: true },
    fields: [
      { name: "vrm", label: "Registration number", schema: { type: "string", pattern: "^[A-Z0-9 ]{2,8}$", examples: ["AB12 CDE"] } },
      { name: "vehicleMake", label: "Make", schema: text(60) },
      { name: "vehicleModel", label: "Model", schema: text(60) },
      { name: "vehicleColour", label: "Colour", schema: { enum: COLOURS }, widget: "select" },
      { name: "vehicleDamage", label: "Damage to the vehicle", schema: text(2000), widget: "textarea" },
    ],
  },
  {
    id: "officer",
    title: "Reporting officer",
    fields: [
      { name: "officerName", label: "Officer's name", schema: text(100) },
      { name: "collarNumber", label: "Collar number", schema: { type: "string", pattern: "^[0-9]{3,6}$" } },
      { name: "officerStation", label: "Station", schema: text(100) },
      { name: "officerEmail", label: "Officer's email address", schema: { type: "string", format: "email", maxLength: 254 }, widget: "email" },
      { name: "signedOn", label: "Date signed", schema: { type: "string", format: "date" }, widget: "date" },
    ],
  },
];

const EXHIBIT_FIELDS: Field[] = [
  { name: "reference", label: "Reference", schema: { type: "string", pattern: "^[A-Z]{2,4}/[0-9]{1,4}$", examples: ["ABC/1"] } },
  { name: "description", label: "Description", schema: text(500), widget: "textarea" },
  { name: "seizedAt", label: "Date and time seized", schema: { type: "string", format: "date-time" }, widget: "datetime" },
  { name: "seizedFrom", label: "Where seized", schema: text(200) },
  { name: "quantity", label: "Quantity", schema: { type: "integer", minimum: 1, maximum: 1000 }, widget: "number" },
  { name: "category", label: "Category", schema: { enum: CATEGORIES }, widget: "select" },
  { name: "isSealed", label: "Sealed?", schema: { type: "boolean" }, widget: "yesno" },
  { name: "sealNumber", label: "Seal number", schema: { type: "string", pattern: "^[A-Z][0-9]{6}$" }, showWhen: { field: "isSealed", equals: true } },
];

const requiredWhen = (field: string, value: unknown, required: string[]) => ({ if: { properties: { [field]: { const: value } }, required: [field] }, then: { required } });
const layoutField = (f: Field) => ({ field: f.name, label: f.label, ...(f.widget ? { widget: f.widget } : {}), ...(f.showWhen ? { showWhen: f.showWhen } : {}) });

/** The benchmark's form, parsed (so it is one the app would accept). */
function incidentReport(): FormDefinition {
  const properties: Record<string, unknown> = {};
  for (const s of SECTIONS) for (const f of s.fields) properties[f.name] = f.schema;
  properties.exhibits = {
    type: "array",
    maxItems: 20,
    items: {
      type: "object",
      properties: Object.fromEntries(EXHIBIT_FIELDS.map((f) => [f.name, f.schema])),
      required: ["reference", "description", "category"],
      allOf: [requiredWhen("isSealed", true, ["sealNumber"])],
    },
  };
  return parseFormDefinition({
    key: "bench-incident-report",
    title: "Incident report (benchmark)",
    summary: "A 50-field form shaped like the national forms, for the forms benchmark",
    defaultMarking: "OFFICIAL-SENSITIVE",
    schema: {
      $schema: SCHEMA_DIALECT,
      type: "object",
      properties,
      required: ["incidentReference", "incidentDate", "incidentType", "location", "surname", "forenames", "isOver18", "hasVehicle", "hasInjuries", "circumstances", "officerName", "collarNumber", "signedOn"],
      allOf: [requiredWhen("isOver18", false, ["specialMeasures", "appropriateAdult"]), requiredWhen("hasVehicle", true, ["vrm", "vehicleMake"]), requiredWhen("hasInjuries", true, ["injuryDetails"])],
    },
    layout: {
      pages: [
        { id: "details", title: "Details", sections: SECTIONS.slice(0, 3).map((s) => ({ id: s.id, title: s.title, ...(s.showWhen ? { showWhen: s.showWhen } : {}), items: s.fields.map(layoutField) })) },
        {
          id: "account",
          title: "Account",
          sections: [
            ...SECTIONS.slice(3).map((s) => ({ id: s.id, title: s.title, ...(s.showWhen ? { showWhen: s.showWhen } : {}), items: s.fields.map(layoutField) })),
            { id: "exhibitsSection", title: "Exhibits", items: [{ group: "exhibits", label: "Exhibits", itemLabel: "Exhibit", fields: EXHIBIT_FIELDS.map(layoutField) }] },
          ],
        },
      ],
    },
  });
}

const WORDS =
  "the a and then he she they I saw heard ran walked shouted towards away from car van door window street road corner shop night morning about later because after before man woman group two three blue red black jacket hood bag phone knife bottle glass broken near outside inside across junction bus stop station park".split(
    " ",
  );

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const date = (r: Random, fromYear: number, toYear: number) => `${int(r, fromYear, toYear)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`;
const dateTime = (r: Random) => `${date(r, 2025, 2026)}T${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}:00Z`;
function prose(r: Random, minChars: number, maxChars: number): string {
  const target = int(r, minChars, maxChars);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const w = pick(r, WORDS);
    parts.push(w);
    length += w.length + 1;
  }
  return `${parts.join(" ")}.`;
}
const upper = (r: Random, n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + int(r, 0, 25))).join("");

/** A complete, valid submission (sometimes with leftover answers of a hidden section, as people change their minds). */
function validSubmission(r: Random): Record<string, unknown> {
  const isOver18 = r() < 0.85;
  const hasVehicle = r() < 0.3;
  const hasInjuries = r() < 0.25;
  const s: Record<string, unknown> = {
    incidentReference: `${upper(r, 2)}-${pad(int(r, 0, 999_999), 6)}-${pad(int(r, 0, 99))}`,
    incidentDate: date(r, 2025, 2026),
    incidentTime: `${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}`,
    reportedAt: dateTime(r),
    incidentType: pick(r, INCIDENT_TYPES),
    location: `${int(r, 1, 300)} ${pick(r, ["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road"])}, ${pick(r, AREAS)}`,
    policeArea: pick(r, AREAS),
    weather: pick(r, WEATHER),
    surname: pick(r, ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Khan", "Patel", "O'Brien", "Nowak"]),
    forenames: pick(r, ["Ann", "Ben", "Chloe Marie", "Dev", "Ewa", "Farah", "George", "Hannah", "Isaac", "Jo"]),
    dateOfBirth: date(r, 1940, 2012),
    age: isOver18 ? int(r, 18, 90) : int(r, 8, 17),
    gender: pick(r, GENDERS),
    selfDefinedEthnicity: pick(r, ETHNICITIES),
    addressLine1: `${int(r, 1, 200)} ${pick(r, ["Acacia Avenue", "Elm Close", "Victoria Terrace", "King's Road"])}`,
    town: pick(r, ["Dorton", "Kestrel Bay", "Northwick", "Easthaven"]),
    postcode: `${upper(r, 2)}${int(r, 1, 9)} ${int(r, 1, 9)}${upper(r, 2)}`,
    isOver18,
    hasVehicle,
    hasInjuries,
    offenderCount: int(r, 0, 4),
    circumstances: prose(r, 300, 3000),
    officerName: pick(r, ["PC Tom Reid", "PC Priya Shah", "DC Sam Cole", "PS Mark Lee"]),
    collarNumber: String(int(r, 100, 99_999)),
    officerStation: pick(r, ["Dorton", "Kestrel Bay", "Northwick"]),
    officerEmail: `officer${int(r, 1, 999)}@dcp.police.example`,
    signedOn: date(r, 2025, 2026),
  };
  if (r() < 0.6) s.occupation = pick(r, ["Nurse", "Driver", "Student", "Retired", "Shop assistant"]);
  if (r() < 0.5) s.addressLine2 = pick(r, ["Flat 2", "Top floor", "Rear entrance"]);
  if (r() < 0.7) s.phone = `07${pad(int(r, 0, 999_999_999), 9)}`;
  if (r() < 0.6) s.email = `person${int(r, 1, 9999)}@example.com`;
  if (r() < 0.05) s.interpreterLanguage = pick(r, ["Polish", "Urdu", "Romanian", "Welsh"]);
  if (r() < 0.4) s.estimatedLoss = Math.round(r() * 500_000) / 100;
  if (!isOver18 || r() < 0.05) {
    s.specialMeasures = prose(r, 40, 300);
    s.appropriateAdult = pick(r, ["Mother", "Father", "Social worker", "Guardian"]);
    s.isParentNotified = r() < 0.8;
  }
  if (hasInjuries) s.injuryDetails = prose(r, 40, 400);
  if (hasVehicle || r() < 0.03) {
    s.vrm = `${upper(r, 2)}${pad(int(r, 0, 99))} ${upper(r, 3)}`;
    s.vehicleMake = pick(r, ["Ford", "Vauxhall", "BMW", "Toyota", "Kia"]);
    s.vehicleModel = pick(r, ["Focus", "Corsa", "3 Series", "Yaris", "Ceed"]);
    s.vehicleColour = pick(r, COLOURS);
    if (r() < 0.5) s.vehicleDamage = prose(r, 20, 300);
  }
  const exhibits = int(r, 0, 4);
  if (exhibits > 0 || r() < 0.5) {
    s.exhibits = Array.from({ length: exhibits }, (_, i) => {
      const isSealed = r() < 0.7;
      const item: Record<string, unknown> = { reference: `${upper(r, 3)}/${i + 1}`, description: prose(r, 10, 120), category: pick(r, CATEGORIES), isSealed, quantity: int(r, 1, 5) };
      if (isSealed) item.sealNumber = `${upper(r, 1)}${pad(int(r, 0, 999_999), 6)}`;
      if (r() < 0.8) item.seizedAt = dateTime(r);
      if (r() < 0.6) item.seizedFrom = pick(r, ["Pocket", "Vehicle footwell", "Bag", "Kitchen drawer"]);
      return item;
    });
  }
  return s;
}

/** One of twelve ways a submission is wrong, applied in place. */
const MUTATIONS: ((s: Record<string, unknown>, r: Random) => void)[] = [
  (s) => (s.age = "forty"),
  (s) => (s.incidentDate = "31/12/2025"),
  (s) => (s.incidentType = "Something else"),
  (s) => delete s.surname,
  (s) => (s.notes = "a field the form does not have"),
  (s) => (s.exhibits = [...((s.exhibits as unknown[] | undefined) ?? []), { description: "Knife", category: "Weapon" }]),
  (s) => (s.postcode = "not a postcode"),
  (s) => {
    s.isOver18 = false;
    delete s.specialMeasures;
    delete s.appropriateAdult;
  },
  (s, r) => (s.circumstances = prose(r, 20_100, 21_000)),
  (s) => (s.officerEmail = "officer at police"),
  (s) => (s.collarNumber = 12345),
  (s, r) => (s.exhibits = [{ reference: "ABC/1", description: prose(r, 10, 60), category: "Cash", quantity: 0 }]),
];

type Workload = { payloads: string[]; parsed: unknown[]; isInvalid: boolean[]; meanBytes: number; maxBytes: number };

function workload(): Workload {
  const r = prng(20260501);
  // Exactly 10 % invalid, scattered (a shuffled choice rather than every tenth).
  const order = Array.from({ length: SUBMISSIONS }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const invalid = new Set(order.slice(0, Math.round(SUBMISSIONS * INVALID_SHARE)));
  const payloads: string[] = [];
  const isInvalid: boolean[] = [];
  let k = 0;
  for (let i = 0; i < SUBMISSIONS; i++) {
    const s = validSubmission(r);
    if (invalid.has(i)) MUTATIONS[k++ % MUTATIONS.length]!(s, r);
    payloads.push(JSON.stringify(s));
    isInvalid.push(invalid.has(i));
  }
  const bytes = payloads.map((p) => Buffer.byteLength(p));
  return { payloads, parsed: payloads.map((p) => JSON.parse(p) as unknown), isInvalid, meanBytes: Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length), maxBytes: Math.max(...bytes) };
}

let sink = 0;

export const forms: Benchmark = {
  name: "forms",
  async run(config: BenchConfig) {
    const pairs = config.isQuick ? 5 : 11;
    const warmup = config.isQuick ? 1 : 3;
    const definition = incidentReport();
    const compileStarted = nowNs();
    formValidatorFor(definition, VERSION_ID);
    const compileMs = (nowNs() - compileStarted) / 1e6;
    const w = workload();

    // The workload must be what it says: every valid one accepted, every invalid one refused.
    const outcomes = w.parsed.map((p) => validateSubmission(definition, p, { isDraft: false, versionId: VERSION_ID }));
    const wrong = outcomes.map((o, i) => (o.ok === w.isInvalid[i] ? i : -1)).filter((i) => i >= 0);
    if (wrong.length > 0) {
      const o = outcomes[wrong[0]!]!;
      throw new Error(`forms: ${wrong.length} submissions validated against expectation, e.g. #${wrong[0]}: ${JSON.stringify(o.ok ? "accepted" : o.errors)}`);
    }
    const errorSamples = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : o.errors.map((e) => `${e.path}: ${e.message}`))))].slice(0, 12);

    const subjectRound = (indices: readonly number[], versionId: string | undefined) => {
      let accepted = 0;
      const start = nowNs();
      for (const i of indices) if (validateSubmission(definition, w.parsed[i], { isDraft: false, versionId }).ok) accepted++;
      const us = (nowNs() - start) / indices.length / 1e3;
      sink += accepted;
      return us;
    };
    const all = w.parsed.map((_, i) => i);
    const referenceRound = () => {
      let count = 0;
      const start = nowNs();
      for (let i = 0; i < SUBMISSIONS; i++) if (JSON.parse(w.payloads[i]!) !== null) count++;
      const us = (nowNs() - start) / SUBMISSIONS / 1e3;
      sink += count;
      return us;
    };

    const loop = new LoopDelay().start();
    const validationVsParse = await alternate({ unit: "µs per submission (A: validateSubmission of the parsed object; B: JSON.parse of its text)", pairs, warmup, subject: () => subjectRound(all, VERSION_ID), reference: referenceRound });
    const eventLoopDelay = loop.stop();

    // Diagnostics after the recorded rounds: valid and invalid apart, and without a version id.
    const validOnes = all.filter((i) => !w.isInvalid[i]);
    const invalidOnes = all.filter((i) => w.isInvalid[i]);
    const rounds = (f: () => number) => spread(Array.from({ length: config.isQuick ? 3 : 5 }, f));
    const r = (s: ReturnType<typeof spread>) => ({ median: round(s.median), min: round(s.min), max: round(s.max) });
    const validUs = r(rounds(() => subjectRound(validOnes, VERSION_ID)));
    const invalidUs = r(rounds(() => subjectRound(invalidOnes, VERSION_ID)));
    const noVersionIdUs = r(rounds(() => subjectRound(all.slice(0, 2000), undefined)));

    const isMet = validationVsParse.ratio.median <= 2;
    const result = {
      name: "forms",
      description:
        "Submission validation cost. A = validateSubmission(definition, parsed, { isDraft: false, versionId }) over 10,000 parsed submissions of a 50-field form (10 % invalid); B = JSON.parse of the same submissions' JSON. Ratio = A / B per alternating round.",
      method: {
        pairs,
        warmupRounds: warmup,
        submissionsPerRound: SUBMISSIONS,
        compiledOnce: "the definition is compiled before the rounds (versionId cache); compile time is reported apart",
      },
      workload: {
        fields: { topLevel: SECTIONS.reduce((n, s) => n + s.fields.length, 0), perExhibit: EXHIBIT_FIELDS.length, repeatingGroups: 1, conditionalSections: SECTIONS.filter((s) => s.showWhen).length },
        submissions: SUBMISSIONS,
        invalid: invalidOnes.length,
        invalidKinds: ["wrong type (age)", "bad date format", "value not in enum", "missing required", "unknown field", "exhibit without reference", "postcode pattern", "shown conditional section incomplete", "text too long", "bad email", "number for text", "exhibit quantity below minimum"],
        meanBytes: w.meanBytes,
        maxBytes: w.maxBytes,
        prngSeed: 20260501,
        errorSamples,
      },
      goals: {
        validationVsParse: { goal: "<= 2 (median of per-round ratios)", isMet },
        endToEndSubmissionsPerSecond: { goal: ">= 1,000/s on PostgreSQL, >= 400/s on PGlite", isMet: null, note: "not measured yet: storage exists now (lib/submissions), the end-to-end half is still to be written" },
      },
      validationVsParse,
      diagnostics: {
        compileMs: round(compileMs),
        validUsPerSubmission: validUs,
        invalidUsPerSubmission: invalidUs,
        withoutVersionIdUsPerSubmission: { ...noVersionIdUs, note: "2,000 submissions; the definition is hashed on every call to find its compiled validator" },
      },
      endToEnd: "not measured yet: storage exists now (lib/submissions), the end-to-end half is still to be written",
      eventLoopDelay: { ...eventLoopDelay, note: "each round is one synchronous loop over every submission, so the delay measures about one round by design" },
      environment: { ...environment(null, "not pinned: a CPU-only benchmark in one process"), ajv: packageVersion("ajv"), ajvFormats: packageVersion("ajv-formats") },
      antiDeadCodeSink: sink,
    };
    const summary = [
      `validation ${validationVsParse.subject.median} µs, JSON.parse ${validationVsParse.reference.median} µs per submission (mean ${w.meanBytes} bytes): ratio ${validationVsParse.ratio.median} [${validationVsParse.ratio.min}–${validationVsParse.ratio.max}], goal ≤ 2 ${isMet ? "met" : "NOT met"}`,
      `valid ${validUs.median} µs, invalid ${invalidUs.median} µs, without a version id ${noVersionIdUs.median} µs; compile ${round(compileMs)} ms`,
      "end-to-end submissions/s: not measured yet (the end-to-end half is still to be written)",
    ];
    return { result, summary };
  },
};
