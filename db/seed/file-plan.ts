/**
 * Devon & Cornwall Police's demo file plan (issue 8; domain.md §5): the event types that start
 * retention clocks, a realistic schedule of retention labels including the police review groups
 * 1–4, and the rule that labels every MG11 witness statement. All of it is editable data in the
 * file plan, never constants: the periods follow the review groups as domain.md records them and
 * MUST be confirmed against the current APP text (and the force's own schedule) before they are
 * relied on, which each label's description says.
 */
import type { Db } from "../client";
import * as t from "../schema";

const CODE = "Police Information and Records Management Code of Practice (College of Policing, 2023)";
const APP = "APP Information management: retention, review and disposal";
const CPIA = "CPIA 1996";
const DPA = "DPA 2018 s.39";
const CONFIRM = "The period must be confirmed against the current APP text before it is relied on.";

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";

export type SeedEventType = { key: string; name: string; description: string; computed: "subject_100th_birthday" | null };

export const FILE_PLAN_EVENT_TYPES: SeedEventType[] = [
  { key: "case-closed", name: "Case closed", description: "The investigation or case is closed (no further action, or the end of proceedings and any appeal).", computed: null },
  { key: "conviction", name: "Conviction", description: "The subject is convicted of the offence the record is about.", computed: null },
  { key: "subject-100th-birthday", name: "Subject's 100th birthday", description: "Computed from the subject's date of birth, for review group 1: the day the subject is deemed 100 years old.", computed: "subject_100th_birthday" },
  { key: "missing-person-found", name: "Missing person found", description: "The missing person is found, or the report is otherwise closed.", computed: null },
];

export type SeedLabel = {
  reference: string;
  name: string;
  category: string;
  authority: string;
  citation: string;
  description: string;
  period: { years: number; months: number; days: number };
  trigger: "created" | "modified" | "labelled" | "event";
  /** The key of one of FILE_PLAN_EVENT_TYPES, for trigger "event". */
  eventKey?: string;
  isClearPeriod?: boolean;
  action: "delete" | "review" | "relabel";
  /** Review stages: each a name and its reviewers by e-mail. */
  stages?: { name: string; reviewers: string[] }[];
  recordKind: "none" | "record" | "regulatory";
};

const years = (n: number) => ({ years: n, months: 0, days: 0 });
const recordsReview = { name: "Records manager review", reviewers: [JANET] };
const investigativeReview = { name: "Investigative review", reviewers: [PRIYA] };

export const FILE_PLAN_LABELS: SeedLabel[] = [
  {
    reference: "RRD-G1",
    name: "Group 1 – certain public protection matters – until the subject is 100",
    category: "Police review groups",
    authority: APP,
    citation: `${CODE}; ${DPA}`,
    description: `Serious violent or sexual offences, MAPPA, potentially dangerous people: retained until the subject is deemed 100 years old, and reviewed every 10 years for adequacy, not for deletion. ${CONFIRM}`,
    period: years(0),
    trigger: "event",
    eventKey: "subject-100th-birthday",
    action: "review",
    stages: [recordsReview, { name: "Public protection review", reviewers: [PRIYA] }],
    recordKind: "record",
  },
  {
    reference: "RRD-G2",
    name: "Group 2 – other sexual, violent or serious offences – 10-year clear period",
    category: "Police review groups",
    authority: APP,
    citation: `${CODE}; ${DPA}`,
    description: `Reviewed after a 10-year clear period: the clock restarts whenever new information about the subject is recorded. Every decision to retain is recorded with its reason. ${CONFIRM}`,
    period: years(10),
    trigger: "created",
    isClearPeriod: true,
    action: "review",
    stages: [recordsReview, investigativeReview],
    recordKind: "record",
  },
  {
    reference: "RRD-G3",
    name: "Group 3 – all other offences – 6 years after case closed",
    category: "Police review groups",
    authority: APP,
    citation: `${CODE}; ${DPA}`,
    description: `A minimum of 6 years after the case is closed, then time-based disposal if nothing new has been recorded, after review. ${CONFIRM}`,
    period: years(6),
    trigger: "event",
    eventKey: "case-closed",
    action: "review",
    stages: [recordsReview],
    recordKind: "record",
  },
  {
    reference: "RRD-G4",
    name: "Group 4 – undetected crime – 6 years from creation, then review by seriousness",
    category: "Police review groups",
    authority: APP,
    citation: `${CODE}; ${DPA}`,
    description: `Undetected crime is kept according to the seriousness of the offence: reviewed 6 years after the record was made, when the reviewer decides by seriousness whether to keep it longer. ${CONFIRM}`,
    period: years(6),
    trigger: "created",
    action: "review",
    stages: [recordsReview],
    recordKind: "record",
  },
  {
    reference: "CRM-01",
    name: "Crime file – 6 years after case closed",
    category: "Crime and case files",
    authority: `${APP}; ${CPIA}`,
    citation: `${CPIA} Code of Practice (relevant material retained at least until the case is concluded); ${DPA}`,
    description: `The investigation file of a crime: kept 6 years after the case is closed, then reviewed by the records manager and the investigating supervisor. Relevant material under CPIA 1996 is held for as long as the Code requires (a hold, whatever this schedule says). ${CONFIRM}`,
    period: years(6),
    trigger: "event",
    eventKey: "case-closed",
    action: "review",
    stages: [recordsReview, investigativeReview],
    recordKind: "record",
  },
  {
    reference: "FRM-MG11",
    name: "Forms – witness statements – 6 years after case closed",
    category: "Forms",
    authority: `${APP}; ${CPIA}`,
    citation: `Prosecution Team Manual of Guidance (MG11); ${CPIA}; ${DPA}`,
    description: `MG11 witness statements: kept with the case, 6 years after it is closed, then reviewed. Every MG11 submission gets this label (labelling rule). ${CONFIRM}`,
    period: years(6),
    trigger: "event",
    eventKey: "case-closed",
    action: "review",
    stages: [recordsReview],
    recordKind: "record",
  },
  {
    reference: "FRM-SS",
    name: "Forms – stop and search records – 12 months from creation",
    category: "Forms",
    authority: APP,
    citation: `PACE 1984 Code A (revised, in force 20 Dec 2023); ${DPA}`,
    // Unconfirmed: PACE Code A sets what a record holds and how a copy is obtained, not how long it
    // is kept; 12 months is a placeholder for the force's schedule, reviewed rather than deleted
    // outright until it is confirmed (a record linked to an offence belongs with that case instead).
    description: `Stop and search records not linked to an offence: 12 months from the record, then reviewed. Unconfirmed: PACE Code A does not itself set a retention period; confirm against APP and the force's schedule. ${CONFIRM}`,
    period: years(1),
    trigger: "created",
    action: "review",
    stages: [recordsReview],
    recordKind: "none",
  },
  {
    reference: "FRM-MISPER",
    name: "Forms – missing person reports – 6 years after the person is found",
    category: "Forms",
    authority: `${APP}; APP Missing persons`,
    citation: `${CODE}; ${DPA}`,
    description: `Missing person reports: kept 6 years after the person is found (longer where the report is linked to a crime or a public protection matter, under that label), then reviewed. ${CONFIRM}`,
    period: years(6),
    trigger: "event",
    eventKey: "missing-person-found",
    action: "review",
    stages: [recordsReview],
    recordKind: "record",
  },
  {
    reference: "ADM-01",
    name: "General correspondence – 2 years from last change",
    category: "Administration",
    authority: APP,
    citation: DPA,
    description: `Routine correspondence with no evidential or public protection value: deleted 2 years after it was last changed. ${CONFIRM}`,
    period: years(2),
    trigger: "modified",
    action: "delete",
    recordKind: "none",
  },
  {
    reference: "CUS-01",
    name: "Custody record – regulatory record",
    category: "Custody",
    authority: `${APP}; APP Detention and custody`,
    citation: `PACE 1984 Code C; ${CODE}; ${DPA}`,
    description: `Custody records: a regulatory record, locked (content cannot be edited or deleted, and the label cannot be removed), reviewed 6 years after the record was made. ${CONFIRM}`,
    period: years(6),
    trigger: "created",
    action: "review",
    stages: [recordsReview, investigativeReview],
    recordKind: "regulatory",
  },
];

/** The labelling rules: an item type and, for submissions, a form key, with the reference of the label they apply. */
export const FILE_PLAN_RULES: { itemType: "document" | "file" | "submission"; formKey: string | null; labelReference: string }[] = [{ itemType: "submission", formKey: "mg11", labelReference: "FRM-MG11" }];

/** Seeds the file plan of the agency (inside the scenario's transaction); `userId` finds people by e-mail. */
export async function seedFilePlan(tx: Db, agencyId: string, createdBy: string, userId: (email: string) => string): Promise<void> {
  const types = await tx
    .insert(t.retentionEventTypes)
    .values(FILE_PLAN_EVENT_TYPES.map((e) => ({ agencyId, key: e.key, name: e.name, description: e.description, computed: e.computed, createdBy })))
    .returning({ id: t.retentionEventTypes.id, key: t.retentionEventTypes.key });
  const typeId = new Map(types.map((e) => [e.key, e.id]));
  const labels = await tx
    .insert(t.retentionLabels)
    .values(
      FILE_PLAN_LABELS.map((l) => ({
        agencyId,
        reference: l.reference,
        name: l.name,
        category: l.category,
        authority: l.authority,
        citation: l.citation,
        description: l.description,
        periodYears: l.period.years,
        periodMonths: l.period.months,
        periodDays: l.period.days,
        trigger: l.trigger,
        eventTypeId: l.eventKey ? (typeId.get(l.eventKey) ?? fail(`${l.reference} names an unknown event type ${l.eventKey}`)) : null,
        isClearPeriod: l.isClearPeriod ?? false,
        action: l.action,
        reviewStages: (l.stages ?? []).map((s) => ({ name: s.name, reviewerIds: s.reviewers.map(userId) })),
        recordKind: l.recordKind,
        createdBy,
      })),
    )
    .returning({ id: t.retentionLabels.id, reference: t.retentionLabels.reference });
  const labelId = new Map(labels.map((l) => [l.reference, l.id]));
  await tx.insert(t.retentionRules).values(FILE_PLAN_RULES.map((r) => ({ agencyId, itemType: r.itemType, formKey: r.formKey, labelId: labelId.get(r.labelReference) ?? fail(`a rule names an unknown label ${r.labelReference}`), createdBy })));
}

function fail(message: string): never {
  throw new Error(`File plan data is inconsistent: ${message}`);
}
