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
 * End to end (goal ≥ 1,000 submissions/s on PostgreSQL, ≥ 400/s on PGlite), on each engine in a
 * fresh database (PGlite in a new data directory on disk, as the app keeps it; PostgreSQL in a new
 * database beside BENCH_DATABASE_URL's, `<name>_forms`, dropped afterwards), migrated and seeded
 * with the demo scenario, the same form published as a DCP form (rows written through db/). One
 * submission is what a person does: PC Tom Hughes starts it in Operation Kestrel with his answers
 * (createSubmission: a draft, checked as a draft, with its audit row) and submits it
 * (submitSubmission: checked in full, the numbered version kept, its audit row), each operation
 * with its own request id and clock, the answers JSON.parse'd from the payload as a request body
 * is. 10 people (the pool's 10 connections) submit at once. The same 10,000 submissions, 1,000 a
 * round: the 10 % invalid must be refused with per-field errors (InvalidInputError with `issues`,
 * at create or at submit) and every valid one accepted, or the run fails; they are counted apart.
 *
 *   subject    a round of 1,000 such submissions, 10 at a time;
 *   reference  a round of plain single-row INSERTs of the same JSON texts into a table of one
 *              jsonb column in the same database, 10 at a time.
 *
 * Rounds alternate subject and reference after a warm-up round; the figure is ms of wall time per
 * submission (or INSERT) in the round, the ratio their quotient. Submissions/s against the goal
 * are the valid submissions accepted per second of the round's wall time (the invalid ones' time
 * included). Also reported: one at a time (no concurrency), each submission's latency, the cost
 * of building a person's ability (each API request pays it once; the operations here reuse one),
 * and that the rows and audit events written are the ones expected.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import * as t from "@/db/schema";
import { seedScenario } from "@/db/seed/seed-scenario";
import { toActor } from "@/lib/auth/resolve-actor";
import { buildAbility } from "@/lib/authz/build-ability";
import type { PolicyCtx } from "@/lib/context";
import { InvalidInputError } from "@/lib/errors";
import { parseFormDefinition, SCHEMA_DIALECT, type FormDefinition } from "@/lib/forms/form-definition";
import { formValidatorFor, validateSubmission } from "@/lib/forms/validate-submission";
import { createSubmission } from "@/lib/submissions/create-submission";
import { submitSubmission } from "@/lib/submissions/submit-submission";
import { alternate, alternateSides, environment, LoopDelay, nowNs, packageVersion, pairsOf, prng, quantile, round, spread, summarise, TMP_DIR, type BenchConfig, type Benchmark, type Spread } from "./harness";

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

// ---------------------------------------------------------------------------------------------
// End to end: submissions through lib/submissions, on PGlite and on PostgreSQL.

const SUBMITTER = "tom.hughes@dcp.example";
const SPACE = "Operation Kestrel";
/** People submitting at once: the PostgreSQL pool's size (db/client.ts), on both engines. */
const CONCURRENCY = 10;
const GOAL_PER_SECOND = { postgres: 1000, pglite: 400 } as const;
const REFERENCE_TABLE = "bench_forms_reference";

type Engine = "pglite" | "postgres";

/** One round of one side: its wall time, and for the subject what became of each submission. */
type E2eRound = {
  count: number;
  wallMs: number;
  accepted: number;
  refusedAtCreate: number;
  refusedAtSubmit: number;
  /** Each submission's own time (create + submit, or until refused), ms. */
  latencies: number[];
  /** CPU time of this process during the round (user + system), ms: on PGlite the database's too. */
  cpuMs: number;
};

/**
 * Runs `fn(i)` for every i in `indices`, `concurrency` at a time; returns the wall time in ms.
 * Each item starts from the event loop (setImmediate), as a request arrives from a socket: on
 * PGlite, whose queries resolve without I/O, the workers would otherwise chain every item in
 * microtasks and keep the loop (timers, other sockets) waiting for the whole round.
 */
async function runConcurrently(indices: readonly number[], concurrency: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, indices.length) }, async () => {
      while (next < indices.length) {
        const i = indices[next++]!;
        await new Promise((resolve) => setImmediate(resolve));
        await fn(i);
      }
    }),
  );
  return performance.now() - started;
}

/** The rows of a raw query, whichever driver ran it (PGlite gives `{ rows }`, postgres.js the rows). */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database on the engine, migrated and seeded; `drop` removes it afterwards. */
async function freshDatabase(config: BenchConfig, engine: Engine): Promise<{ handle: DatabaseHandle; where: string; serverVersion: string | null; drop: () => Promise<void> }> {
  if (engine === "pglite") {
    const dataDir = path.join(TMP_DIR, "forms-pglite");
    fs.rmSync(dataDir, { recursive: true, force: true });
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await seedScenario(handle.db);
    const [version] = await rowsOf<{ server_version: string }>(handle.db, sql`SHOW server_version`);
    return { handle, where: `PGlite on disk, in a new data directory (${path.relative(process.cwd(), dataDir)}, removed afterwards)`, serverVersion: version?.server_version ?? null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  const name = `${base}_forms`;
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE_URL names an unusual database "${base}"; use letters, digits and _`);
  const admin = postgres(withDatabase(config.databaseUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(config.databaseUrl, name);
  const handle = await openDatabase({ databaseUrl: url });
  await migrateDatabase(handle);
  await seedScenario(handle.db);
  const [version] = await rowsOf<{ server_version: string }>(handle.db, sql`SHOW server_version`);
  const serverVersion = version?.server_version ?? null;
  return {
    handle,
    where: `PostgreSQL, a new database "${name}" beside BENCH_DATABASE_URL's (dropped afterwards)`,
    serverVersion,
    drop: async () => {
      const again = postgres(withDatabase(config.databaseUrl, "postgres"), { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

/** A signed-in person's context, built from the database as a request builds it. */
async function policyCtxFor(db: Db, email: string): Promise<PolicyCtx> {
  const [row] = await db.select({ user: t.users, agency: t.agencies }).from(t.users).innerJoin(t.agencies, eq(t.agencies.id, t.users.agencyId)).where(eq(t.users.email, email));
  if (!row) throw new Error(`forms: no seeded user ${email}`);
  const now = new Date();
  const actor = toActor(row.user, row.agency, "bench", now);
  return { db, actor, requestId: `bench-${randomUUID()}`, now, ability: await buildAbility(db, actor, now) };
}

/** The benchmark's form, published as a form of the submitter's agency (written through db/). */
async function publishBenchForm(db: Db, definition: FormDefinition, agencyId: string): Promise<{ formId: string; versionId: string }> {
  const now = new Date();
  const [form] = await db.insert(t.forms).values({ key: definition.key, scope: "agency", agencyId, title: definition.title, summary: definition.summary, createdAt: now, updatedAt: now }).returning({ id: t.forms.id });
  const [version] = await db.insert(t.formVersions).values({ formId: form!.id, number: 1, status: "published", definition, createdAt: now, publishedAt: now }).returning({ id: t.formVersions.id });
  return { formId: form!.id, versionId: version!.id };
}

type EngineResult = Awaited<ReturnType<typeof endToEnd>>;
/** The end-to-end half on one engine. */
async function endToEnd(config: BenchConfig, engine: Engine, definition: FormDefinition, w: Workload, log: (line: string) => void) {
  const perRound = config.isQuick ? 200 : 1000;
  const pairs = config.isQuick ? 5 : Math.floor(SUBMISSIONS / perRound) - 1;
  const warmup = 1;
  const sequential = { pairs: 5, perRound: config.isQuick ? 40 : 200 };
  const loadAverageAtStart = os.loadavg().map((n) => round(n, 3));
  const setupStarted = performance.now();
  const fresh = await freshDatabase(config, engine);
  const db = fresh.handle.db;
  try {
    const tom = await policyCtxFor(db, SUBMITTER);
    const [kestrel] = await db.select().from(t.spaces).where(eq(t.spaces.name, SPACE));
    if (!kestrel) throw new Error(`forms: the seeded scenario has no ${SPACE}`);
    const { formId, versionId } = await publishBenchForm(db, definition, tom.actor.agency.id);
    await db.execute(sql.raw(`CREATE TABLE ${REFERENCE_TABLE} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), data jsonb NOT NULL)`));
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(`  ${engine}: ${fresh.where} ready in ${round(setupSeconds, 3)} s`);

    const request = (): PolicyCtx => ({ ...tom, requestId: `bench-${randomUUID()}`, now: new Date() });
    const errorSamples = new Map<string, number>();
    /** One person's submission: start it with the answers, then submit it. */
    const submitOne = async (i: number, r: E2eRound) => {
      const started = performance.now();
      let stage: "create" | "submit" = "create";
      try {
        const draft = await createSubmission(request(), { formId, spaceId: kestrel.id, answers: JSON.parse(w.payloads[i]!) as unknown });
        stage = "submit";
        const submitted = await submitSubmission(request(), { submissionId: draft.id, expectedVersion: draft.version });
        if (submitted.status !== "submitted") throw new Error(`forms: submission #${i} is ${submitted.status} after submitting`);
        if (w.isInvalid[i]) throw new Error(`forms: invalid submission #${i} was accepted end to end`);
        r.accepted++;
      } catch (err) {
        const issues = err instanceof InvalidInputError ? (err.details?.issues as { path: string; message: string }[] | undefined) : undefined;
        if (!w.isInvalid[i] || !issues || issues.length === 0) throw err;
        if (stage === "create") r.refusedAtCreate++;
        else r.refusedAtSubmit++;
        const sample = `${stage}: ${issues[0]!.path}: ${issues[0]!.message}`;
        errorSamples.set(sample, (errorSamples.get(sample) ?? 0) + 1);
      }
      r.latencies.push(performance.now() - started);
    };
    const insertOne = async (i: number, r: E2eRound) => {
      const started = performance.now();
      await db.execute(sql`INSERT INTO ${sql.raw(REFERENCE_TABLE)} (data) VALUES (${w.payloads[i]!}::jsonb)`);
      r.latencies.push(performance.now() - started);
    };
    const side = (run: (i: number, r: E2eRound) => Promise<void>, slice: (index: number) => number[], concurrency: number) => async ({ index }: { index: number }): Promise<E2eRound> => {
      const r: E2eRound = { count: 0, wallMs: 0, accepted: 0, refusedAtCreate: 0, refusedAtSubmit: 0, latencies: [], cpuMs: 0 };
      const indices = slice(index);
      r.count = indices.length;
      const cpu = process.cpuUsage();
      r.wallMs = await runConcurrently(indices, concurrency, (i) => run(i, r));
      const used = process.cpuUsage(cpu);
      r.cpuMs = (used.user + used.system) / 1000;
      return r;
    };
    // Round k takes the k-th slice of the workload: every submission goes through once.
    const sliceOf = (size: number) => (index: number) => Array.from({ length: size }, (_, j) => (index * size + j) % SUBMISSIONS);

    const loop = new LoopDelay();
    const rounds = await loop.during(() =>
      alternateSides({ pairs, warmup, sides: { subject: side(submitOne, sliceOf(perRound), CONCURRENCY), reference: side(insertOne, sliceOf(perRound), CONCURRENCY) } }),
    );
    const eventLoopDelay = loop.stop();
    // Diagnostic: one at a time, on the warm-up round's submissions again (as new submissions).
    const oneAtATime = await alternateSides({ pairs: sequential.pairs, warmup: 0, sides: { subject: side(submitOne, sliceOf(sequential.perRound), 1), reference: side(insertOne, sliceOf(sequential.perRound), 1) } });

    const abilityBuildMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await policyCtxFor(db, SUBMITTER);
      abilityBuildMs.push(performance.now() - t0);
    }

    // What was written is what the operations promise: a submitted row, its version and two audit
    // events per accepted submission; a draft and one audit event per one refused at submit.
    const all = [...rounds.subject, ...oneAtATime.subject];
    // The warm-up round is not in `rounds`: its counts are what the database holds beyond them.
    const warmupRound = { accepted: 0, refusedAtSubmit: 0 };
    const expected = { accepted: all.reduce((n, r) => n + r.accepted, 0), refusedAtSubmit: all.reduce((n, r) => n + r.refusedAtSubmit, 0) };
    const byStatus = await db.select({ status: t.submissions.status, n: count() }).from(t.submissions).where(eq(t.submissions.formVersionId, versionId)).groupBy(t.submissions.status);
    const statusCount = (status: string) => Number(byStatus.find((b) => b.status === status)?.n ?? 0);
    const ids = db.select({ id: sql`${t.submissions.id}::text` }).from(t.submissions).where(eq(t.submissions.formVersionId, versionId));
    const audits = await db.select({ action: t.auditEvents.action, n: count() }).from(t.auditEvents).where(and(inArray(t.auditEvents.action, ["submission.create", "submission.submit"]), inArray(t.auditEvents.subjectId, ids))).groupBy(t.auditEvents.action);
    const auditCount = (action: string) => Number(audits.find((a) => a.action === action)?.n ?? 0);
    const [versionsRow] = await db.select({ n: count() }).from(t.submissionVersions).innerJoin(t.submissions, eq(t.submissions.id, t.submissionVersions.submissionId)).where(eq(t.submissions.formVersionId, versionId));
    const submitted = statusCount("submitted");
    const drafts = statusCount("draft");
    warmupRound.accepted = submitted - expected.accepted;
    warmupRound.refusedAtSubmit = drafts - expected.refusedAtSubmit;
    const written = {
      submitted,
      drafts,
      submissionVersions: Number(versionsRow?.n ?? 0),
      createAuditEvents: auditCount("submission.create"),
      submitAuditEvents: auditCount("submission.submit"),
      referenceRows: Number((await rowsOf<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${REFERENCE_TABLE}`)))[0]?.n ?? NaN),
    };
    const isWrittenRight =
      warmupRound.accepted > 0 &&
      written.submissionVersions === submitted &&
      written.submitAuditEvents === submitted &&
      written.createAuditEvents === submitted + drafts;
    if (!isWrittenRight) throw new Error(`forms: the rows written are not the ones expected: ${JSON.stringify({ written, expected, warmupRound })}`);

    const perSubmission = (r: E2eRound) => r.wallMs / r.count;
    const acceptedPerSecond = (r: E2eRound) => r.accepted / (r.wallMs / 1000);
    const pairList = pairsOf(rounds.subject, rounds.reference, perSubmission);
    const versusInsert = summarise(`ms of wall time per item, ${CONCURRENCY} at a time (A: a submission created and submitted through lib/submissions; B: a single-row INSERT of its JSON)`, pairList);
    const accepted = spread(rounds.subject.map(acceptedPerSecond));
    const attempts = spread(rounds.subject.map((r) => r.count / (r.wallMs / 1000)));
    const inserts = spread(rounds.reference.map((r) => r.count / (r.wallMs / 1000)));
    const latencies = rounds.subject.flatMap((r) => r.latencies);
    const seqPairs = summarise("ms per item, one at a time", pairsOf(oneAtATime.subject, oneAtATime.reference, perSubmission));
    const r4 = (x: Spread): Spread => ({ median: round(x.median), min: round(x.min), max: round(x.max) });
    const goal = GOAL_PER_SECOND[engine];
    return {
      engine,
      database: fresh.where,
      serverVersion: fresh.serverVersion,
      setupSeconds: round(setupSeconds),
      loadAverageAtStart,
      method: { concurrency: CONCURRENCY, submissionsPerRound: perRound, pairs, warmupRounds: warmup, roundOrder: "subject, reference" },
      goal: { goal: `>= ${goal.toLocaleString("en-GB")} accepted submissions/s (median of the recorded rounds)`, isMet: accepted.median >= goal },
      acceptedSubmissionsPerSecond: r4(accepted),
      attemptsPerSecond: { ...r4(attempts), note: "valid and invalid submissions handled per second" },
      referenceInsertsPerSecond: r4(inserts),
      versusSingleRowInsert: versusInsert,
      latencyMs: { p50: round(quantile(latencies, 0.5)), p95: round(quantile(latencies, 0.95)), p99: round(quantile(latencies, 0.99)), note: `one submission's own time (create + submit), with ${CONCURRENCY} submitting at once` },
      processCpuMsPerItem: {
        subject: r4(spread(rounds.subject.map((r) => r.cpuMs / r.count))),
        reference: r4(spread(rounds.reference.map((r) => r.cpuMs / r.count))),
        note: engine === "pglite" ? "this process's CPU per submission or INSERT: the operations, drizzle and the embedded database itself" : "this process's CPU per submission or INSERT (operations, drizzle, postgres.js); the PostgreSQL server's own CPU is not in it",
      },
      outcomes: {
        perRound: rounds.subject.map((r) => ({ submissions: r.count, accepted: r.accepted, refusedAtCreate: r.refusedAtCreate, refusedAtSubmit: r.refusedAtSubmit, wallMs: round(r.wallMs) })),
        refusedTotal: all.reduce((n, r) => n + r.refusedAtCreate + r.refusedAtSubmit, 0),
        firstErrorSamples: [...errorSamples.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([message, times]) => ({ message, times })),
      },
      oneAtATime: {
        submissionsPerRound: sequential.perRound,
        versusSingleRowInsert: seqPairs,
        acceptedSubmissionsPerSecond: r4(spread(oneAtATime.subject.map(acceptedPerSecond))),
        attemptsPerSecond: r4(spread(oneAtATime.subject.map((r) => r.count / (r.wallMs / 1000)))),
      },
      written: { ...written, warmupRound, check: "one submission_versions row and one submission.submit event per submitted; one submission.create event per submission (submitted or left a draft when refused at submit)" },
      abilityBuildMs: { ...r4(spread(abilityBuildMs)), note: "loading the person's facts and defineAbilityFor, which each API request pays once; the operations here reuse one ability" },
      eventLoopDelay: { ...eventLoopDelay, note: engine === "pglite" ? "while the recorded rounds ran: the operations, drizzle and the embedded database itself share this event loop, so it waits for a wave of up to 10 submissions at a time" : "while the recorded rounds ran (the operations, drizzle and postgres.js share this event loop)" },
    };
  } finally {
    await fresh.handle.close();
    await fresh.drop();
  }
}

let sink = 0;

export const forms: Benchmark = {
  name: "forms",
  async run(config: BenchConfig) {
    // environment() is taken at the end (it needs PostgreSQL's version): the load at the start too.
    const loadAverageAtStart = os.loadavg().map((n) => round(n, 3));
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

    // End to end, on each engine in turn (PostgreSQL only when it answers).
    const log = (line: string) => console.log(line);
    const engines: Partial<Record<Engine, EngineResult>> = {};
    const skipped: Partial<Record<Engine, string>> = {};
    for (const engine of ["pglite", "postgres"] as const) {
      try {
        engines[engine] = await endToEnd(config, engine, definition, w, log);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (engine !== "postgres" || (code !== "ECONNREFUSED" && code !== "ENOTFOUND" && code !== "CONNECT_TIMEOUT")) throw err;
        skipped[engine] = `not measured: PostgreSQL at BENCH_DATABASE_URL did not answer (${code})`;
        log(`  postgres: ${skipped[engine]}`);
      }
    }
    const e2eGoal = (engine: Engine) => engines[engine]?.goal.isMet ?? null;
    const endToEndIsMet = e2eGoal("pglite") === true && e2eGoal("postgres") === true ? true : e2eGoal("pglite") === false || e2eGoal("postgres") === false ? false : null;
    const result = {
      name: "forms",
      description:
        "Submission validation cost. A = validateSubmission(definition, parsed, { isDraft: false, versionId }) over 10,000 parsed submissions of a 50-field form (10 % invalid); B = JSON.parse of the same submissions' JSON. Ratio = A / B per alternating round. Then end to end (see endToEnd): submissions created and submitted through lib/submissions on PGlite and on PostgreSQL, against single-row INSERTs of the same JSON.",
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
        endToEndSubmissionsPerSecond: {
          goal: ">= 1,000/s on PostgreSQL, >= 400/s on PGlite (valid submissions accepted per second, median of the recorded rounds)",
          isMet: endToEndIsMet,
          postgres: e2eGoal("postgres"),
          pglite: e2eGoal("pglite"),
          ...(Object.keys(skipped).length > 0 ? { note: Object.values(skipped).join("; ") } : {}),
        },
      },
      validationVsParse,
      diagnostics: {
        compileMs: round(compileMs),
        validUsPerSubmission: validUs,
        invalidUsPerSubmission: invalidUs,
        withoutVersionIdUsPerSubmission: { ...noVersionIdUs, note: "2,000 submissions; the definition is hashed on every call to find its compiled validator" },
      },
      endToEnd: {
        description: `One submission = PC Tom Hughes starting it in ${SPACE} with his answers (createSubmission: the draft checked, stored, audited) and submitting it (submitSubmission: checked in full, the version kept, audited), each with its own request id, the answers JSON.parse'd from the payload; ${CONCURRENCY} people at once. The 10,000 submissions of the validation half, 1,000 a round (10 % invalid: each must be refused with per-field errors, the valid ones accepted). Reference: a single-row INSERT of the same JSON text into a one-jsonb-column table in the same database, ${CONCURRENCY} at a time. Rounds alternate after a warm-up round.`,
        form: "the 50-field incident report above, published as a DCP form version (rows written through db/) in a fresh, migrated database seeded with the demo scenario",
        pglite: engines.pglite ?? skipped.pglite ?? null,
        postgres: engines.postgres ?? skipped.postgres ?? null,
      },
      eventLoopDelay: { ...eventLoopDelay, note: "each round is one synchronous loop over every submission, so the delay measures about one round by design" },
      environment: {
        ...environment(engines.postgres?.serverVersion ?? null, "not pinned: the validation half is CPU-only in one process; end to end, PGlite runs inside this process and the PostgreSQL server is a system service sharing both cores"),
        loadAverageAtStart,
        loadAverageNote: "machine.loadAverage is at the end of the run (which itself keeps about one core busy); loadAverageAtStart at its start, and each end-to-end engine's at its own start",
        pgliteServerVersion: engines.pglite?.serverVersion ?? null,
        ajv: packageVersion("ajv"),
        ajvFormats: packageVersion("ajv-formats"),
      },
      antiDeadCodeSink: sink,
    };
    const summary = [
      `validation ${validationVsParse.subject.median} µs, JSON.parse ${validationVsParse.reference.median} µs per submission (mean ${w.meanBytes} bytes): ratio ${validationVsParse.ratio.median} [${validationVsParse.ratio.min}–${validationVsParse.ratio.max}], goal ≤ 2 ${isMet ? "met" : "NOT met"}`,
      `valid ${validUs.median} µs, invalid ${invalidUs.median} µs, without a version id ${noVersionIdUs.median} µs; compile ${round(compileMs)} ms`,
      ...(["postgres", "pglite"] as const).map((engine) => {
        const e = engines[engine];
        if (!e) return `end to end on ${engine}: ${skipped[engine] ?? "not measured"}`;
        return `end to end on ${engine}: ${e.acceptedSubmissionsPerSecond.median} accepted submissions/s [${e.acceptedSubmissionsPerSecond.min}–${e.acceptedSubmissionsPerSecond.max}] at ${CONCURRENCY} at once (goal ≥ ${GOAL_PER_SECOND[engine]}/s ${e.goal.isMet ? "met" : "NOT met"}); ${e.versusSingleRowInsert.subject.median} ms per submission vs ${e.versusSingleRowInsert.reference.median} ms per single-row INSERT: ×${e.versusSingleRowInsert.ratio.median} [${e.versusSingleRowInsert.ratio.min}–${e.versusSingleRowInsert.ratio.max}]; p95 ${e.latencyMs.p95} ms; one at a time ${e.oneAtATime.acceptedSubmissionsPerSecond.median}/s; refused ${e.outcomes.refusedTotal}`;
      }),
    ];
    return { result, summary };
  },
};
