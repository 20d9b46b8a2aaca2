/**
 * The form library operations × the demo personas (security.md "route matrix", issue 7): each
 * operation of lib/forms called as each person of domain.md §8 on four forms — the national stop
 * and search form, DCP's local variant of it, a DCP local form of its own, and Dorset's variant —
 * with the expected answer written out by hand from the rules (policies/rules/forms.ts, the
 * operations' doc comments): allowed, 400 (a clear refusal of what cannot be done to this kind of
 * form), 403 (visible but forbidden), 404 (invisible, exactly like a missing id), or, for the
 * library list, "hidden" (answered without the form). A refused call changes nothing: the form's
 * row and every one of its versions, and the number of forms, are compared before and after.
 *
 * The rules, in short: everyone signed in reads national forms and nobody changes them in Accord
 * (an administrator makes a local variant instead); an agency's forms are read within the agency
 * only (to anyone else they do not exist), and made, edited, published and re-based only by its
 * agency administrators, who alone see their drafts. Vetting plays no part: forms are not marked
 * content, so Mark (vetting lapsed) reads the library as Tom does. The seed has no auditor and no
 * one else with lapsed vetting; Dorset has no administrator in the scenario, so its variant is made
 * by one built for the purpose, who is not among the personas asserted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario, PERSONA_EMAILS } from "@/db/factories";
import { testEngine } from "@/db/testing";
import type { PolicyCtx } from "../context";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { createForm } from "./create-form";
import { createFormVariant } from "./create-form-variant";
import { ensureNationalForms } from "./ensure-national-forms";
import type { FormDefinition } from "./form-definition";
import { getForm } from "./get-form";
import { getFormForEditing } from "./get-form-for-editing";
import { getNationalChanges } from "./get-national-changes";
import { listForms } from "./list-forms";
import { NATIONAL_FORMS } from "./national";
import { publishForm } from "./publish-form";
import { rebaseFormVariant } from "./rebase-form-variant";
import { saveFormDraft } from "./save-form-draft";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;
type Target = "national" | "dcp-variant" | "dcp-local" | "dor-variant";
type Outcome = "ok" | "hidden" | 400 | 403 | 404 | 409;

const ctxOf = async (person: Person) => policyCtx(db, await buildActor(db, s.userId(PEOPLE[person])));
const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const versionsOf = (formId: string) => db.select().from(t.formVersions).where(eq(t.formVersions.formId, formId)).orderBy(asc(t.formVersions.number));
const newestOf = async (formId: string) => (await versionsOf(formId)).at(-1)!;
const formCount = async () => Number((await db.select({ n: count() }).from(t.forms))[0]!.n);

/** The definition with one local field added to its first section (what an administrator's save adds). */
function withLocalField(definition: FormDefinition): FormDefinition {
  const next = clone(definition);
  (next.schema.properties as Record<string, unknown>).localOperationName = { type: "string", maxLength: 100 };
  next.layout.pages[0]!.sections[0]!.items.push({ field: "localOperationName", label: "Local operation name" });
  return next;
}

/** Everything one person may call, given the form under test (and a key to use if they make one). */
type Fixture = { formId: string; key: string };
const ACTIONS: Record<string, (ctx: PolicyCtx, f: Fixture) => Promise<unknown>> = {
  listForms: async (ctx, f) => ((await listForms(ctx)).items.some((i) => i.id === f.formId) ? "ok" : "hidden"),
  getForm: (ctx, f) => getForm(ctx, { formId: f.formId }),
  // The newest version by number: a variant's or local form's draft, the national form's latest publication.
  getFormNewest: async (ctx, f) => getForm(ctx, { formId: f.formId, versionNumber: (await newestOf(f.formId)).number }),
  getNationalChanges: (ctx, f) => getNationalChanges(ctx, { formId: f.formId }),
  getFormForEditing: (ctx, f) => getFormForEditing(ctx, { formId: f.formId }),
  createForm: (ctx, f) => createForm(ctx, { title: `Matrix form ${f.key}`, key: `f-${f.key}` }),
  createFormVariant: (ctx, f) => createFormVariant(ctx, { formId: f.formId, key: `v-${f.key}` }),
  saveFormDraft: async (ctx, f) => saveFormDraft(ctx, { formId: f.formId, definition: withLocalField((await newestOf(f.formId)).definition) }),
  publishForm: (ctx, f) => publishForm(ctx, { formId: f.formId }),
  rebaseFormVariant: (ctx, f) => rebaseFormVariant(ctx, { formId: f.formId }),
};
const ALL = Object.keys(ACTIONS);

// The answers, by hand. Nobody changes a national form; only Sam (DCP's administrator) makes forms.
const NATIONAL_READER: Record<string, Outcome> = {
  listForms: "ok",
  getForm: "ok",
  getFormNewest: "ok",
  getNationalChanges: "ok",
  getFormForEditing: 403,
  createForm: 403,
  createFormVariant: 403,
  saveFormDraft: 403,
  publishForm: 403,
  rebaseFormVariant: 403,
};
const NATIONAL_ADMIN: Record<string, Outcome> = {
  listForms: "ok",
  getForm: "ok",
  getFormNewest: "ok",
  getNationalChanges: "ok",
  getFormForEditing: 403,
  createForm: "ok",
  createFormVariant: "ok",
  saveFormDraft: 403,
  publishForm: 403,
  rebaseFormVariant: 403,
};
/** One's own agency's form, as someone who is not its administrator: read it, not its drafts, change nothing. */
const OWN_READER: Record<string, Outcome> = {
  listForms: "ok",
  getForm: "ok",
  getFormNewest: 404,
  getNationalChanges: "ok",
  getFormForEditing: 403,
  createForm: 403,
  createFormVariant: 403,
  saveFormDraft: 403,
  publishForm: 403,
  rebaseFormVariant: 403,
};
/** DCP's variant, as DCP's administrator: everything, but a variant is not a national form to extend (400). */
const OWN_ADMIN_VARIANT: Record<string, Outcome> = {
  listForms: "ok",
  getForm: "ok",
  getFormNewest: "ok",
  getNationalChanges: "ok",
  getFormForEditing: "ok",
  createForm: "ok",
  createFormVariant: 400,
  saveFormDraft: "ok",
  publishForm: "ok",
  rebaseFormVariant: "ok",
};
/** DCP's own local form, as its administrator: as a variant, but it extends nothing to re-base (400). */
const OWN_ADMIN_LOCAL: Record<string, Outcome> = {
  listForms: "ok",
  getForm: "ok",
  getFormNewest: "ok",
  getNationalChanges: "ok",
  getFormForEditing: "ok",
  createForm: "ok",
  createFormVariant: 400,
  saveFormDraft: "ok",
  publishForm: "ok",
  rebaseFormVariant: 400,
};
/** Another agency's form: it does not exist (making one's own form is another matter). */
const OTHER_AGENCY = (createForm: Outcome): Record<string, Outcome> => ({
  listForms: "hidden",
  getForm: 404,
  getFormNewest: 404,
  getNationalChanges: 404,
  getFormForEditing: 404,
  createForm,
  createFormVariant: 404,
  saveFormDraft: 404,
  publishForm: 404,
  rebaseFormVariant: 404,
});

const MATRIX: [Person, Target, Record<string, Outcome>][] = [
  ["sam", "national", NATIONAL_ADMIN],
  ["sam", "dcp-variant", OWN_ADMIN_VARIANT],
  ["sam", "dcp-local", OWN_ADMIN_LOCAL],
  ["sam", "dor-variant", OTHER_AGENCY("ok")],
  // DCP's people who are not its administrators: a supervisor, investigators (Mark's vetting has
  // lapsed, which forms do not look at) and the records manager.
  ...(["priya", "tom", "mark", "janet"] as const).flatMap((p): [Person, Target, Record<string, Outcome>][] => [
    [p, "national", NATIONAL_READER],
    [p, "dcp-variant", OWN_READER],
    [p, "dcp-local", OWN_READER],
    [p, "dor-variant", OTHER_AGENCY(403)],
  ]),
  // Alex is Dorset's: its variant is his agency's, DCP's forms do not exist for him.
  ["alex", "national", NATIONAL_READER],
  ["alex", "dcp-variant", OTHER_AGENCY(403)],
  ["alex", "dcp-local", OTHER_AGENCY(403)],
  ["alex", "dor-variant", OWN_READER],
  // The partner guests (Cornwall Council, the hospital trust) have no forms of their own here.
  ...(["helen", "ben", "aisha"] as const).flatMap((p): [Person, Target, Record<string, Outcome>][] => [
    [p, "national", NATIONAL_READER],
    [p, "dcp-variant", OTHER_AGENCY(403)],
    [p, "dcp-local", OTHER_AGENCY(403)],
    [p, "dor-variant", OTHER_AGENCY(403)],
  ]),
];

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return (await run()) === "hidden" ? "hidden" : "ok";
  } catch (err) {
    if (err instanceof NotFoundError) return 404;
    if (err instanceof ForbiddenError) return 403;
    if (err instanceof InvalidInputError) return 400;
    if (err instanceof ConflictError) return 409;
    throw err;
  }
}

/** A fresh form per (target, person, action), so that one call's effect (a publication, a re-base) does not decide the next. */
const pool = new Map<string, string>();
const poolKey = (target: Target, person: Person, action: string) => `${target}|${person}|${action}`;
let nationalId: string;

/** Stop and search as a new national version: one optional field more, which a re-base brings into a variant. */
function nationalRevision(): unknown[] {
  return NATIONAL_FORMS.map((f) => {
    if (f.key !== "stop-search") return f;
    const next = clone(f) as FormDefinition;
    (next.schema.properties as Record<string, unknown>).bodyWornVideoReference = { type: "string", maxLength: 50 };
    next.layout.pages[0]!.sections[0]!.items.push({ field: "bodyWornVideoReference", label: "Body-worn video reference" });
    return next;
  });
}

describe(`form library actions × personas (${testEngine})`, () => {
  beforeAll(async () => {
    nationalId = (await db.select().from(t.forms).where(eq(t.forms.key, "stop-search")))[0]!.id;
    const sam = await ctxOf("sam");
    const dorAdmin = await buildUser(db, { agencyId: s.agencyId("DOR"), name: "Dorset forms administrator", jobTitle: "Agency Administrator", roles: ["agency_admin"], vettingLevel: "MV" });
    const dor = await policyCtx(db, await buildActor(db, dorAdmin.id));
    for (const person of Object.keys(PEOPLE) as Person[]) {
      for (const action of ALL) {
        const key = `${person}-${action.toLowerCase()}`;
        pool.set(poolKey("dcp-variant", person, action), (await createFormVariant(sam, { formId: nationalId, key: `dcpv-${key}` })).id);
        pool.set(poolKey("dcp-local", person, action), (await createForm(sam, { title: `DCP local ${key}`, key: `dcpl-${key}` })).id);
        pool.set(poolKey("dor-variant", person, action), (await createFormVariant(dor, { formId: nationalId, key: `dorv-${key}` })).id);
      }
    }
    // The national form moves on after every variant was made: each is pinned to version 1 while
    // version 2 is the latest, so there is something to show and to re-base onto.
    expect(await ensureNationalForms(db, nationalRevision())).toEqual(["stop-search"]);
  });

  it("covers every person of the scenario, every form and every form operation", () => {
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(Object.keys(PEOPLE)));
    for (const person of Object.keys(PEOPLE)) expect(MATRIX.filter(([p]) => p === person).map(([, target]) => target).sort(), person).toEqual(["dcp-local", "dcp-variant", "dor-variant", "national"]);
    for (const [, , expected] of MATRIX) expect(Object.keys(expected).sort()).toEqual([...ALL].sort());
  });

  it.each(MATRIX)("%s on the %s form", async (person, target, expected) => {
    const ctx = await ctxOf(person);
    for (const action of ALL) {
      const formId = target === "national" ? nationalId : pool.get(poolKey(target, person, action))!;
      const snapshot = async () => ({ form: (await db.select().from(t.forms).where(eq(t.forms.id, formId)))[0], versions: await versionsOf(formId), forms: await formCount() });
      const before = await snapshot();
      const got = await outcomeOf(() => ACTIONS[action]!(ctx, { formId, key: `${target}-${person}` }));
      expect(got, `${person} ${action} on the ${target} form`).toBe(expected[action]);
      if (got !== "ok") expect(await snapshot(), `${person} ${action} on the ${target} form: unchanged`).toEqual(before);
    }
    // What the pages are told the person may do (booleans from the policy) says the same as what the
    // server did: an administrator's form may be changed and deleted by them, by nobody else.
    expect((await listForms(ctx)).permissions.canCreate, `${person} told they may make forms`).toBe(expected.createForm === "ok");
    if (expected.getForm === "ok") {
      const mayChange = expected.saveFormDraft === "ok";
      const formId = target === "national" ? nationalId : pool.get(poolKey(target, person, "getForm"))!;
      expect((await getForm(ctx, { formId })).permissions, `${person} told what they may do to the ${target} form`).toEqual({ canUpdate: mayChange, canDelete: mayChange });
    }
  });

  it("gave each allowed change its effect (so an 'ok' above is not an empty answer)", async () => {
    const pooled = (target: Target, action: string) => pool.get(poolKey(target, "sam", action))!;
    expect((await versionsOf(pooled("dcp-variant", "publishForm"))).map((v) => [v.number, v.status])).toEqual([[1, "published"]]);
    expect(JSON.stringify((await newestOf(pooled("dcp-local", "saveFormDraft"))).definition)).toContain("localOperationName");
    const rebased = await newestOf(pooled("dcp-variant", "rebaseFormVariant"));
    expect(JSON.stringify(rebased.definition)).toContain("bodyWornVideoReference");
    expect(rebased.extendsVersionId).toBe((await newestOf(nationalId)).id);
    const samForms = await db.select({ key: t.forms.key, agencyId: t.forms.agencyId, extendsFormId: t.forms.extendsFormId }).from(t.forms).where(eq(t.forms.createdBy, s.userId(PEOPLE.sam)));
    expect(samForms).toEqual(expect.arrayContaining([{ key: "v-national-sam", agencyId: s.agencyId("DCP"), extendsFormId: nationalId }, { key: "f-national-sam", agencyId: s.agencyId("DCP"), extendsFormId: null }]));
    // Nobody else made a form: every other person's createForm and createFormVariant was refused.
    expect((await db.select({ key: t.forms.key }).from(t.forms)).map((f) => f.key).filter((k) => /^[fv]-/.test(k) && !k.endsWith("-sam"))).toEqual([]);
  });
});
