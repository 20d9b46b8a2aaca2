/**
 * The policy matrix for files in the demo scenario (domain.md §8; security.md "How it is
 * tested"): for every person, files in each seeded space at each marking, of the owning agency
 * and of partner agencies, × read/update/delete, and creating at each level in each space. The
 * expected answers are written out by hand from the rules of domain.md §2-§4 (a file follows the
 * document rules), never derived from the code under test. Each cell is checked through the
 * JavaScript check, authorize() (404 when invisible, 403 when visible but forbidden) and the SQL
 * list filter.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "@/db/testing";
import type { Db } from "@/db/client";
import { files } from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { AppAbility } from "@/policies/ability";
import { authorize, can } from "@/policies/authorize";
import type { SubjectFields } from "@/policies/catalogue";
import { ForbiddenError, NotFoundError } from "@/policies/errors";
import { accessibleWhere } from "@/policies/to-sql";
import { PEOPLE as SCENARIO_PEOPLE } from "@/db/seed/scenario";
import { buildAbility } from "./build-ability";
import { fileColumns, fileSubject } from "./columns";

// Every agreement in force, Mark's vetting expired, the guests current (as in policy-matrix.test.ts).
const NOW = new Date("2026-11-26T12:00:00Z");

type Person = "priya" | "tom" | "mark" | "janet" | "sam" | "alex" | "helen" | "ben" | "aisha";
/** Each person of domain.md §8 by first name (the seed's e-mails are first.last@agency). */
const PEOPLE = Object.fromEntries(SCENARIO_PEOPLE.map((p) => [p.email.split(".")[0], p.email])) as Record<Person, string>;

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const TRAINING = "DCP Training";

/** The files put in the scenario for this matrix: where, whose, and how marked. */
type FileKey = "kestrelSensitive" | "kestrelOfficial" | "kestrelDorset" | "mashSensitive" | "mashOfficial" | "mashCouncil" | "mashCouncilLegacy" | "trainingOfficial";
const FILES: Record<FileKey, { space: string; agency: string; marking: string; descriptors?: string[] }> = {
  kestrelSensitive: { space: KESTREL, agency: "DCP", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  kestrelOfficial: { space: KESTREL, agency: "DCP", marking: "OFFICIAL" },
  kestrelDorset: { space: KESTREL, agency: "DOR", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  mashSensitive: { space: MASH, agency: "DCP", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  mashOfficial: { space: MASH, agency: "DCP", marking: "OFFICIAL" },
  mashCouncil: { space: MASH, agency: "CC", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  // Bad data: a raw legacy descriptor no agreement can list. Only its own agency may read it.
  mashCouncilLegacy: { space: MASH, agency: "CC", marking: "OFFICIAL", descriptors: ["PERSONAL"] },
  trainingOfficial: { space: TRAINING, agency: "DCP", marking: "OFFICIAL" },
};

const ACTIONS = ["read", "update", "delete"] as const;
type FileAction = (typeof ACTIONS)[number];
const R: FileAction[] = ["read", "update"];
const RD: FileAction[] = ["read", "update", "delete"];

/**
 * Who may do what to each file; files not named allow nothing. Reading needs standing in the
 * space, vetting that opens the marking and, for another agency's file, an agreement in force
 * allowing its marking and descriptors (ISA-SW-001: DCP and DOR; ISA-CC-014: DCP, CC and RCHT;
 * both OFFICIAL-SENSITIVE with PERSONAL DATA). Everyone in the scenario holds a role above
 * reader in open spaces, so whoever reads also updates. Deleting is for the originating agency's
 * space owner (Priya) or records manager (Janet). Another agency's file with a descriptor Accord
 * does not know crosses no agreement (the space owner included).
 */
const MATRIX: Record<Person, Partial<Record<FileKey, FileAction[]>>> = {
  priya: { kestrelSensitive: RD, kestrelOfficial: RD, kestrelDorset: R, mashSensitive: RD, mashOfficial: RD, mashCouncil: R, trainingOfficial: RD },
  tom: { kestrelSensitive: R, kestrelOfficial: R, kestrelDorset: R, trainingOfficial: R },
  // Expired vetting opens OFFICIAL only.
  mark: { kestrelOfficial: R, trainingOfficial: R },
  janet: { trainingOfficial: RD },
  sam: { trainingOfficial: R },
  // Alex's own agency's file in Kestrel: he reads it, but as a guest he may not delete it.
  alex: { kestrelSensitive: R, kestrelOfficial: R, kestrelDorset: R },
  helen: { mashSensitive: R, mashOfficial: R, mashCouncil: R, mashCouncilLegacy: R },
  // BPSS opens OFFICIAL only: of his own agency's files, the OFFICIAL one.
  ben: { mashOfficial: R, mashCouncilLegacy: R },
  aisha: { mashSensitive: R, mashOfficial: R, mashCouncil: R },
};

/** The ranks (1 OFFICIAL, 2 OFFICIAL-SENSITIVE) at which each person may add a file of their agency to each space. */
const CREATE: Record<Person, Partial<Record<string, number[]>>> = {
  priya: { [KESTREL]: [1, 2], [MASH]: [1, 2], [TRAINING]: [1, 2] },
  tom: { [KESTREL]: [1, 2], [TRAINING]: [1, 2] },
  mark: { [KESTREL]: [1], [TRAINING]: [1] },
  janet: { [TRAINING]: [1, 2] },
  sam: { [TRAINING]: [1, 2] },
  alex: { [KESTREL]: [1, 2] },
  helen: { [MASH]: [1, 2] },
  ben: { [MASH]: [1] },
  aisha: { [MASH]: [1, 2] },
};

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const abilities = new Map<Person, AppAbility>();
const rows = new Map<FileKey, SubjectFields["File"]>();

beforeAll(async () => {
  for (const [key, f] of Object.entries(FILES) as [FileKey, (typeof FILES)[FileKey]][]) {
    const [row] = await db
      .insert(files)
      .values({
        spaceId: s.spaceId(f.space),
        owningAgencyId: s.agencyId(f.agency),
        name: `${key}.pdf`,
        extension: "pdf",
        mediaType: "application/pdf",
        sizeBytes: 1,
        sha256: "",
        blobKey: `matrix-${key}`,
        marking: f.marking,
        markingRank: f.marking.startsWith("OFFICIAL-SENSITIVE") ? 2 : 1,
        descriptors: f.descriptors ?? (f.marking.endsWith("PERSONAL DATA") ? ["PERSONAL DATA"] : []),
      })
      .returning();
    rows.set(key, fileSubject(row!));
  }
  for (const [person, email] of Object.entries(PEOPLE) as [Person, string][]) {
    abilities.set(person, await buildAbility(db, await buildActor(db, s.userId(email), NOW), NOW));
  }
});

const abilityOf = (p: Person) => abilities.get(p)!;
const rowOf = (k: FileKey) => rows.get(k)!;
const cells = (Object.keys(PEOPLE) as Person[]).flatMap((p) => (Object.keys(FILES) as FileKey[]).map((f) => [p, f, MATRIX[p][f] ?? []] as const));

describe(`file policy matrix of the demo scenario (${testEngine})`, () => {
  it("covers every person of the scenario", () => {
    expect(Object.keys(PEOPLE).sort()).toEqual(Object.keys(MATRIX).sort());
    expect(Object.keys(CREATE).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(cells)("%s × %s allows exactly %j", (person, key, allowed) => {
    const ability = abilityOf(person);
    const row = rowOf(key);
    for (const action of ACTIONS) {
      const isAllowed = allowed.includes(action);
      expect(can(ability, action, "File", row), `${person} ${action} ${key}`).toBe(isAllowed);
      const run = () => authorize(ability, action, "File", row);
      if (!allowed.includes("read")) expect(run).toThrow(NotFoundError);
      else if (!isAllowed) expect(run).toThrow(ForbiddenError);
      else expect(run).not.toThrow();
    }
    // Files are not re-marked or shared on their own: nobody may.
    expect(can(ability, "remark", "File", row)).toBe(false);
    expect(can(ability, "share", "File", row)).toBe(false);
  });

  it.each(Object.keys(PEOPLE) as Person[])("lists in SQL exactly the files %s may read, update and delete", async (person) => {
    for (const action of ACTIONS) {
      const expected = (Object.keys(FILES) as FileKey[]).filter((k) => (MATRIX[person][k] ?? []).includes(action)).map((k) => rowOf(k).id).sort();
      const where = accessibleWhere(abilityOf(person), action, "File", fileColumns);
      if (where === null) {
        expect(expected, `${person} ${action}: no rule, so no file`).toEqual([]);
        continue;
      }
      const found = await db.select({ id: files.id }).from(files).where(where);
      expect(found.map((r) => r.id).sort(), `${person} ${action}`).toEqual(expected);
    }
  });

  it.each(Object.keys(PEOPLE) as Person[])("lets %s add files of their agency exactly where and as high as expected", async (person) => {
    const agencyId = (await buildActor(db, s.userId(PEOPLE[person]), NOW)).agency.id;
    for (const space of [KESTREL, MASH, TRAINING]) {
      for (const rank of [1, 2, 3]) {
        const draft = { id: "", spaceId: s.spaceId(space), owningAgencyId: agencyId, markingRank: rank, descriptors: [], handling: "", recipientIds: [], useOnlyAgencyCodes: [], isRestricted: false };
        expect(can(abilityOf(person), "create", "File", draft), `${person} create rank ${rank} in ${space}`).toBe((CREATE[person][space] ?? []).includes(rank));
        // Never as another agency.
        expect(can(abilityOf(person), "create", "File", { ...draft, owningAgencyId: s.agencyId(agencyId === s.agencyId("DCP") ? "CC" : "DCP") })).toBe(false);
      }
    }
  });
});
