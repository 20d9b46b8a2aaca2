/**
 * The authz-list data set on PostgreSQL: 1 M documents, 50 agencies, 20 k spaces, 300 agreements,
 * and six people whose memberships make the actor profiles. Generated in SQL (INSERT … SELECT
 * generate_series) with a fixed seed, and kept between runs: the bench database records a
 * data-version marker (a hash of this generator and of the migrations), and a run whose marker
 * matches reuses the data.
 *
 * Distributions, chosen to look like a real deployment rather than a uniform grid:
 *  - spaces per agency skewed towards the large forces (agency 1 owns ~5%, the smallest ~1.5%);
 *  - documents per space skewed (a few busy spaces hold over a thousand, most hold a few dozen);
 *  - markings: 55% OFFICIAL, 44% OFFICIAL-SENSITIVE, 1% SECRET (rank 3, which no one here opens);
 *  - descriptors: 80% none, then PERSONAL DATA, LEGAL, HR / MANAGEMENT, COMMERCIAL;
 *  - handling: 93% none, then RECIPIENTS ONLY, <ORG> USE ONLY, HMG USE ONLY, FOR PUBLIC RELEASE;
 *  - 15% of police spaces run under an agreement; in those, 15% of documents belong to a partner;
 *  - agreements: 85% active, the rest suspended, expired or past a missed review.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";

export const DOCUMENTS = 1_000_000;
export const QUICK_DOCUMENTS = 100_000;
export const AGENCIES = 50;
export const SPACES = 20_000;

/** One actor profile of benchmarks.md's "six actor profiles incl. no access". */
export type ProfileSpec = {
  key: string;
  label: string;
  email: string;
  agencyN: number;
  roles: string[];
  vettingLevel: string;
  vettingExpiresOn: string;
  /** SQL selecting the bench_space numbers (column n) the person is a member of. */
  memberships: string;
};

export const PROFILES: ProfileSpec[] = [
  {
    key: "partner",
    label: "council practitioner (agency 31) in 4 police spaces under a MASH agreement",
    email: "partner@bench.example",
    agencyN: 31,
    roles: ["practitioner"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships: "SELECT n FROM bench_space WHERE agreement_n = 301 ORDER BY random() LIMIT 4",
  },
  {
    key: "investigator",
    label: "police investigator (agency 1) in 300 spaces of their force, 20 of them shared under agreements",
    email: "investigator@bench.example",
    agencyN: 1,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships: `(SELECT n FROM bench_space WHERE agreement_n = 301 ORDER BY random() LIMIT 10)
      UNION ALL (SELECT n FROM bench_space WHERE agreement_n = 302 ORDER BY random() LIMIT 10)
      UNION ALL (SELECT n FROM bench_space WHERE owner_n = 1 AND agreement_n IS DISTINCT FROM 301 AND agreement_n IS DISTINCT FROM 302 ORDER BY random() LIMIT 280)`,
  },
  {
    key: "records-manager",
    label: "records manager (agency 1) in every space of their force (~1,000)",
    email: "records@bench.example",
    agencyN: 1,
    roles: ["records_manager"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships: "SELECT n FROM bench_space WHERE owner_n = 1",
  },
  {
    key: "expired-vetting",
    label: "officer (agency 2) whose RV vetting expired, in 150 spaces: reads OFFICIAL only",
    email: "expired@bench.example",
    agencyN: 2,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: "2024-06-30",
    memberships: "SELECT n FROM bench_space WHERE owner_n = 2 ORDER BY random() LIMIT 150",
  },
  {
    key: "cross-agency",
    label: "officer of another force (agency 3) in 30 spaces of agency 1 under the Kestrel agreement, and 20 of their own",
    email: "crossagency@bench.example",
    agencyN: 3,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships: `(SELECT n FROM bench_space WHERE agreement_n = 302 ORDER BY random() LIMIT 30)
      UNION ALL (SELECT n FROM bench_space WHERE owner_n = 3 ORDER BY random() LIMIT 20)`,
  },
  {
    key: "no-access",
    label: "council practitioner (agency 32) whose only spaces run under an agreement past its review date: no standing anywhere",
    email: "noaccess@bench.example",
    agencyN: 32,
    roles: ["practitioner"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships: "SELECT n FROM bench_space WHERE agreement_n = 303",
  },
];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The generator, as the statements it runs in order (after migrations, on an empty schema). */
export function generatorStatements(documents: number): string[] {
  const profiles = PROFILES.map(
    (p) => `(${lit(p.email)}, ${lit(p.label)}, ${p.agencyN}, ARRAY[${p.roles.map(lit).join(", ")}]::text[], ${lit(p.vettingLevel)}, ${lit(p.vettingExpiresOn)}::date)`,
  ).join(",\n      ");
  const profileUser = (email: string) => `(SELECT id::text FROM users WHERE email = ${lit(email)})`;
  return [
    "SELECT setseed(0.4242)",
    // Agencies: 30 police forces, 10 councils, 5 health, 5 probation.
    `CREATE TABLE bench_agency AS
      SELECT n, gen_random_uuid() AS id, 'AG' || lpad(n::text, 2, '0') AS code,
        CASE WHEN n <= 30 THEN 'police' WHEN n <= 40 THEN 'local_authority' WHEN n <= 45 THEN 'health' ELSE 'probation' END AS kind
      FROM generate_series(1, ${AGENCIES}) n`,
    `INSERT INTO agencies (id, code, name, kind, is_hmg)
      SELECT id, code, 'Bench agency ' || code, kind::agency_kind, kind IN ('police', 'probation') FROM bench_agency ORDER BY n`,
    // 20 people per agency, named as recipients of RECIPIENTS ONLY documents.
    `CREATE TABLE bench_user AS
      SELECT row_number() OVER (ORDER BY a.n, g) AS n, gen_random_uuid() AS id, a.id AS agency_id
      FROM bench_agency a CROSS JOIN generate_series(1, 20) g`,
    `INSERT INTO users (id, agency_id, email, name, roles, vetting_level, vetting_expires_on)
      SELECT id, agency_id, 'user-' || n || '@bench.example', 'Bench user ' || n, ARRAY['investigator'], 'RV', '2099-12-31' FROM bench_user ORDER BY n`,
    `INSERT INTO users (agency_id, email, name, roles, vetting_level, vetting_expires_on)
      SELECT a.id, p.email, p.label, p.roles, p.vetting, p.expires
      FROM (VALUES
      ${profiles}
      ) AS p(email, label, agency_n, roles, vetting, expires) JOIN bench_agency a ON a.n = p.agency_n`,
    // Spaces, skewed towards the large forces.
    `CREATE TABLE bench_space AS
      SELECT s.n, gen_random_uuid() AS id, a.n AS owner_n, a.id AS owner_id, a.code AS owner_code,
        NULL::int AS agreement_n, '{}'::uuid[] AS partner_ids, '{}'::text[] AS partner_codes
      FROM (SELECT n, 1 + floor(${AGENCIES} * power(random(), 1.3))::int AS owner_n FROM generate_series(1, ${SPACES}) n) s
      JOIN bench_agency a ON a.n = s.owner_n`,
    "CREATE UNIQUE INDEX ON bench_space (n)",
    `INSERT INTO spaces (id, name, owner_agency_id, ceiling_marking, ceiling_rank, default_marking, default_rank, is_mv_only)
      SELECT id, 'Bench space ' || n, owner_id, 'OFFICIAL-SENSITIVE', 2, 'OFFICIAL', 1, random() < 0.02 FROM bench_space ORDER BY n`,
    // Agreements: 300 between a police force and one or two partners, plus three the profiles use.
    `CREATE TABLE bench_agreement AS
      SELECT n, gen_random_uuid() AS id, owner_n,
        CASE WHEN r3 < 0.3 AND third_n NOT IN (owner_n, partner_n) THEN ARRAY[owner_n, partner_n, third_n] ELSE ARRAY[owner_n, partner_n] END AS party_ns,
        CASE WHEN r4 < 0.85 THEN 'active' WHEN r4 < 0.90 THEN 'suspended' WHEN r4 < 0.95 THEN 'expired' ELSE 'active' END AS status,
        CASE WHEN r4 >= 0.95 THEN '2025-01-01' ELSE '2099-01-01' END::date AS review_on,
        CASE WHEN r5 < 0.8 THEN 2 ELSE 1 END AS max_rank,
        CASE WHEN r6 < 0.6 THEN ARRAY['PERSONAL DATA'] WHEN r6 < 0.8 THEN ARRAY['PERSONAL DATA', 'LEGAL'] ELSE '{}'::text[] END AS descriptors
      FROM (
        SELECT n, owner_n, 1 + (owner_n + floor(49 * random())::int) % ${AGENCIES} AS partner_n, 1 + floor(${AGENCIES} * random())::int AS third_n,
          random() AS r3, random() AS r4, random() AS r5, random() AS r6
        FROM (SELECT n, 1 + floor(30 * random())::int AS owner_n FROM generate_series(1, 300) n) o
      ) x`,
    `INSERT INTO bench_agreement (n, id, owner_n, party_ns, status, review_on, max_rank, descriptors) VALUES
      (301, gen_random_uuid(), 1, ARRAY[1, 31, 41], 'active', '2099-01-01', 2, ARRAY['PERSONAL DATA']),
      (302, gen_random_uuid(), 1, ARRAY[1, 3], 'active', '2099-01-01', 2, ARRAY['PERSONAL DATA']),
      (303, gen_random_uuid(), 1, ARRAY[1, 32], 'active', '2025-01-01', 2, ARRAY['PERSONAL DATA'])`,
    `INSERT INTO agreements (id, reference, title, owner_agency_id, max_marking, max_rank, descriptors, status, starts_on, review_on)
      SELECT b.id, 'BENCH-ISA-' || b.n, 'Bench agreement ' || b.n, a.id, CASE b.max_rank WHEN 1 THEN 'OFFICIAL' ELSE 'OFFICIAL-SENSITIVE' END,
        b.max_rank, b.descriptors, b.status::agreement_status, '2024-01-01', b.review_on
      FROM bench_agreement b JOIN bench_agency a ON a.n = b.owner_n ORDER BY b.n`,
    `INSERT INTO agreement_parties (agreement_id, agency_id)
      SELECT DISTINCT b.id, a.id FROM bench_agreement b CROSS JOIN LATERAL unnest(b.party_ns) p(n) JOIN bench_agency a ON a.n = p.n`,
    // Bind spaces: the profiles' agreements first (on agency 1's spaces), then 15% of police spaces.
    "UPDATE bench_space SET agreement_n = 301 WHERE n IN (SELECT n FROM bench_space WHERE owner_n = 1 AND agreement_n IS NULL ORDER BY random() LIMIT 20)",
    "UPDATE bench_space SET agreement_n = 302 WHERE n IN (SELECT n FROM bench_space WHERE owner_n = 1 AND agreement_n IS NULL ORDER BY random() LIMIT 40)",
    "UPDATE bench_space SET agreement_n = 303 WHERE n IN (SELECT n FROM bench_space WHERE owner_n = 1 AND agreement_n IS NULL ORDER BY random() LIMIT 5)",
    `UPDATE bench_space s SET agreement_n = (SELECT b.n FROM bench_agreement b WHERE b.owner_n = s.owner_n AND b.n <= 300 ORDER BY random() LIMIT 1)
      WHERE s.agreement_n IS NULL AND s.owner_n <= 30 AND random() < 0.15`,
    `UPDATE bench_space s SET partner_ids = p.ids, partner_codes = p.codes
      FROM (SELECT b.n, array_agg(a.id ORDER BY a.n) AS ids, array_agg(a.code ORDER BY a.n) AS codes
            FROM bench_agreement b CROSS JOIN LATERAL unnest(b.party_ns) p(n) JOIN bench_agency a ON a.n = p.n
            WHERE p.n <> b.owner_n GROUP BY b.n) p
      WHERE p.n = s.agreement_n`,
    `INSERT INTO space_agreements (space_id, agreement_id)
      SELECT s.id, b.id FROM bench_space s JOIN bench_agreement b ON b.n = s.agreement_n`,
    // The profiles' memberships.
    ...PROFILES.map(
      (p) => `INSERT INTO space_members (space_id, user_id, role)
        SELECT s.id, (SELECT id FROM users WHERE email = ${lit(p.email)}), 'member'
        FROM bench_space s WHERE s.n IN (${p.memberships})`,
    ),
    // Documents, in three layers: draw the randoms, derive rank/handling/descriptors, then the text.
    `INSERT INTO documents (space_id, owning_agency_id, title, marking, marking_rank, descriptors, handling, recipient_ids, use_only_agency_codes, created_at, updated_at)
      SELECT space_id, owning_agency_id, 'Bench document ' || g,
        CASE rank WHEN 1 THEN 'OFFICIAL' WHEN 2 THEN 'OFFICIAL-SENSITIVE' ELSE 'SECRET' END
          || CASE handling WHEN '' THEN '' WHEN 'USE ONLY' THEN ' ' || array_to_string(use_only, '/') || ' USE ONLY' ELSE ' ' || handling END
          || CASE WHEN cardinality(descriptors) > 0 THEN ' ' || array_to_string(descriptors, ' ') ELSE '' END,
        rank, descriptors, handling,
        CASE WHEN handling = 'RECIPIENTS ONLY' THEN recipients ELSE '{}' END,
        CASE WHEN handling = 'USE ONLY' THEN use_only ELSE '{}' END,
        updated_at - r8 * interval '90 days', updated_at
      FROM (
        SELECT g, s.id AS space_id,
          CASE WHEN cardinality(s.partner_ids) > 0 AND r1 < 0.15 THEN s.partner_ids[1 + floor(r7 * cardinality(s.partner_ids))::int] ELSE s.owner_id END AS owning_agency_id,
          rank,
          CASE WHEN r3 < 0.80 THEN '{}'::text[] WHEN r3 < 0.92 THEN ARRAY['PERSONAL DATA'] WHEN r3 < 0.96 THEN ARRAY['LEGAL']
               WHEN r3 < 0.98 THEN ARRAY['PERSONAL DATA', 'HR / MANAGEMENT'] ELSE ARRAY['COMMERCIAL'] END AS descriptors,
          CASE WHEN r4 < 0.93 THEN '' WHEN r4 < 0.96 THEN CASE WHEN rank >= 2 THEN 'RECIPIENTS ONLY' ELSE '' END
               WHEN r4 < 0.98 THEN 'USE ONLY' WHEN r4 < 0.99 THEN 'HMG USE ONLY' ELSE CASE WHEN rank = 1 THEN 'FOR PUBLIC RELEASE' ELSE '' END END AS handling,
          ARRAY[u.id::text] || CASE WHEN r5 < 0.2 THEN ARRAY[${profileUser("investigator@bench.example")}]
                                    WHEN r5 < 0.3 THEN ARRAY[${profileUser("records@bench.example")}]
                                    WHEN r5 < 0.4 THEN ARRAY[${profileUser("crossagency@bench.example")}]
                                    WHEN r5 < 0.5 THEN ARRAY[${profileUser("partner@bench.example")}] ELSE '{}'::text[] END AS recipients,
          ARRAY[s.owner_code] || CASE WHEN r5 < 0.5 THEN s.partner_codes ELSE '{}'::text[] END AS use_only,
          now() - age * interval '365 days' AS updated_at, r8
        FROM (
          SELECT g, 1 + floor(${SPACES} * power(random(), 1.5))::int AS sn,
            random() AS r1, CASE WHEN r2 < 0.55 THEN 1 WHEN r2 < 0.99 THEN 2 ELSE 3 END AS rank, random() AS r3, random() AS r4,
            random() AS r5, random() AS r6, random() AS r7, random() AS r8, random() AS age
          FROM (SELECT g, random() AS r2 FROM generate_series(1, ${documents}) g) d0
        ) d
        JOIN bench_space s ON s.n = d.sn
        JOIN bench_user u ON u.n = 1 + floor(d.r6 * ${AGENCIES * 20})::int
      ) x`,
    // The load runs with session_replication_role = replica, which skips every trigger, including
    // those that keep the member_documents list index (migrations 0006, 0009): fill it as they would.
    `INSERT INTO member_documents (user_id, document_id, updated_at, marking_rank)
      SELECT m.user_id, d.id, d.updated_at, d.marking_rank FROM documents d JOIN space_members m ON m.space_id = d.space_id`,
  ];
}

/**
 * The marker a bench database carries when it holds this generator's data on the schema of the
 * committed migrations: a change to either (even an edited migration, which drizzle would not
 * re-apply) makes the next run rebuild the database, which takes well under a minute.
 */
export function dataVersion(documents: number): string {
  const hash = createHash("sha256").update(generatorStatements(documents).join(";\n"));
  const migrations = path.resolve(import.meta.dirname, "..", "db", "migrations");
  for (const file of fs.readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  }
  return `authz-list/v2/${documents}/${hash.digest("hex").slice(0, 16)}`;
}

/** Reads the marker (null when the database has none). */
export async function readMarker(sql: Sql): Promise<string | null> {
  const [exists] = await sql<{ ok: boolean }[]>`SELECT to_regclass('public.bench_meta') IS NOT NULL AS ok`;
  if (!exists?.ok) return null;
  const [row] = await sql<{ value: string }[]>`SELECT value FROM bench_meta WHERE key = 'data_version'`;
  return row?.value ?? null;
}

/**
 * Generates the data into a freshly migrated database. The documents' secondary indexes (those
 * the migrations made) are dropped during the load and rebuilt with their exact definitions, which
 * is several times faster than maintaining them row by row.
 */
export async function generate(sql: Sql, documents: number, log: (line: string) => void): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe("SET LOCAL maintenance_work_mem = '512MB'");
    await tx.unsafe("SET LOCAL work_mem = '64MB'");
    // Skip foreign-key triggers during the load (every id is drawn from rows just inserted).
    await tx.unsafe("SET LOCAL session_replication_role = replica");
    const indexes = await tx<{ name: string; def: string }[]>`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = 'documents' AND NOT x.indisprimary AND NOT x.indisunique`;
    for (const ix of indexes) await tx.unsafe(`DROP INDEX "${ix.name}"`);
    for (const statement of generatorStatements(documents)) {
      const started = Date.now();
      await tx.unsafe(statement);
      const first = statement.trim().split("\n")[0]!.slice(0, 70);
      log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${first}`);
    }
    for (const ix of indexes) {
      const started = Date.now();
      await tx.unsafe(ix.def);
      log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${ix.def.slice(0, 70)}`);
    }
    for (const t of ["bench_agency", "bench_user", "bench_space", "bench_agreement"]) await tx.unsafe(`DROP TABLE ${t}`);
    await tx.unsafe("CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL)");
    await tx.unsafe("INSERT INTO bench_meta VALUES ('data_version', $1), ('generated_at', now()::text)", [dataVersion(documents)]);
  });
  const started = Date.now();
  await sql.unsafe("VACUUM (ANALYZE)");
  log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  VACUUM (ANALYZE)`);
}
