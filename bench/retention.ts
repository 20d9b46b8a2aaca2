/**
 * retention (benchmarks.md): the disposal sweep. 1 M labelled submissions on PostgreSQL (each a
 * real content row with its submitted version and its record_items row), 5 % of them due under a
 * label whose action is delete, 1 % under a standing hold (some of them due: they must never be
 * touched), an audit row and a certificate per disposal.
 *
 *   subject    sweepRetention() (lib/records/sweep-retention.ts) as the job queue runs it: every
 *              stage, the due items approved by the schedule and disposed in batches of
 *              ACCORD_RETENTION_SWEEP_BATCH, each with its certificate and "record.dispose" audit
 *              row, the content deleted;
 *   reference  one plain `DELETE FROM submissions WHERE id IN (… due and not held …)` of the same
 *              rows on the same data (no approval, certificate or audit; the schema's own triggers
 *              and cascades fire as for any delete). A plain DELETE of every due row would not
 *              run at all: the database refuses deleting held content (migration 0017).
 * The figure is rows disposed (or deleted) per second of wall time; ratio = subject / reference
 * per round, goal ≥ 0.5. Before every side the due slice is put back exactly as generated
 * (the rows re-inserted from a pristine copy kept in bench_* tables, the rounds' certificates
 * and audit rows removed, the tables vacuumed), so every side starts from the same data.
 *
 * Held items: after every side each held item's submission, version and record_items row are
 * compared with their generated state (an md5 of the row), and the certificates and audit rows
 * written are searched for them (by subject, and in the batch events' id lists). Any held item
 * touched fails the goal.
 *
 * OLTP: PC Tom Hughes reading (getSubmission, 70 %) and saving (saveSubmission, 30 %) his own
 * draft submissions in Operation Kestrel, labelled but not due (unrelated to the sweep), through
 * lib/submissions as the API calls them, 40 operations a second on a fixed schedule (open loop:
 * an operation's latency runs from its scheduled start, so queueing counts). Two more sides per
 * round: OLTP alone, and OLTP while a sweep runs in the same process (as the job queue runs it in
 * the server's process), for as long as that round's sweep took; p95 with sweep / without, goal
 * ≤ 1.2.
 *
 * The data is generated in SQL (INSERT … SELECT generate_series, fixed seed) into a database of its
 * own beside BENCH_DATABASE_URL's (`<name>_retention`, so that authz-list keeps its own), created by
 * the app's migrations and the demo seed, and reused while its data-version marker (a hash of
 * this generator and of db/migrations) matches. Due days are fixed in 2020 and not-due ones after
 * 2100, so the data means the same whatever day it runs.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Sql } from "postgres";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { toActor } from "@/lib/auth/resolve-actor";
import { buildAbility } from "@/lib/authz/build-ability";
import type { PolicyCtx } from "@/lib/context";
import { env } from "@/lib/env";
import { ukDay } from "@/lib/records/retention-clock";
import { retentionSweepContext, sweepRetention, type RetentionSweepResult } from "@/lib/records/sweep-retention";
import { getSubmission } from "@/lib/submissions/get-submission";
import { saveSubmission } from "@/lib/submissions/save-submission";
import { generatedDatabase } from "./generated-database";
import { alternateSides, environment, LoopDelay, pairsOf, prng, quantile, round, spread, summarise, type BenchConfig, type Benchmark, type RoundInfo } from "./harness";

const ITEMS = 1_000_000;
const QUICK_ITEMS = 100_000;
const SPACES = 400;
/** Shares of all items (1 M: 50,000 due; 7,500 held one by one, 1,875 of them due; 2,500 in a held space). */
const DUE_SHARE = 0.05;
const ITEM_HELD_DUE_SHARE = 0.001875;
const ITEM_HELD_NOT_DUE_SHARE = 0.005625;
/** Due items under a hold that has been released: they are disposed like the others. */
const RELEASED_HOLD_DUE_SHARE = 0.0005;
const OLTP_DRAFTS = 2000;
const OLTP_PER_SECOND = 40;
const OLTP_READ_SHARE = 0.7;
const OLTP_PERSON = "tom.hughes@dcp.example";
const OLTP_SPACE = "Operation Kestrel";

const GOALS = { ratio: 0.5, oltpRatio: 1.2 } as const;

// ---------------------------------------------------------------------------------------------
// The data.

/** The generator, as the statements it runs in order (after the migrations and the demo seed). */
function generatorStatements(items: number): string[] {
  const due = Math.round(items * DUE_SHARE);
  const heldDue = Math.round(items * ITEM_HELD_DUE_SHARE);
  const heldNotDue = Math.round(items * ITEM_HELD_NOT_DUE_SHARE);
  const releasedDue = Math.round(items * RELEASED_HOLD_DUE_SHARE);
  const dcp = "(SELECT id FROM agencies WHERE code = 'DCP')";
  const user = (email: string) => `(SELECT id FROM users WHERE email = '${email}')`;
  // A published form version for the submissions (a national form: every deployment has them).
  const formVersion = "(SELECT v.id FROM form_versions v JOIN forms f ON f.id = v.form_id WHERE v.status = 'published' ORDER BY f.key, v.number LIMIT 1)";
  return [
    "SELECT setseed(0.2026)",
    `CREATE TABLE bench_space AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${SPACES}) n`,
    `INSERT INTO spaces (id, name, owner_agency_id, ceiling_marking, ceiling_rank, default_marking, default_rank)
      SELECT id, 'Records bench space ' || n, ${dcp}, 'OFFICIAL-SENSITIVE', 2, 'OFFICIAL', 1 FROM bench_space ORDER BY n`,
    `CREATE TABLE bench_owner AS SELECT row_number() OVER (ORDER BY email) - 1 AS k, id FROM users WHERE agency_id = ${dcp}`,
    `CREATE TABLE bench_label AS SELECT * FROM (VALUES ('delete', gen_random_uuid()), ('review', gen_random_uuid())) AS l(action, id)`,
    `INSERT INTO retention_labels (id, agency_id, reference, name, category, authority, trigger, period_years, action, review_stages)
      SELECT id, ${dcp}, 'BENCH-' || upper(action), CASE action WHEN 'delete' THEN 'Bench: routine records, delete after 6 years' ELSE 'Bench: case records, review after 6 years' END,
        'Bench', 'Accord benchmark', 'labelled', 6, action::retention_action,
        CASE action WHEN 'review' THEN jsonb_build_array(jsonb_build_object('name', 'Records review', 'reviewerIds', jsonb_build_array(${user("janet.okafor@dcp.example")}))) ELSE '[]'::jsonb END
      FROM bench_label`,
    // Each item: a random rank p (1..N) decides what it is; its number n decides its space.
    `CREATE TABLE bench_item AS
      SELECT n, gen_random_uuid() AS submission_id, gen_random_uuid() AS record_item_id, row_number() OVER (ORDER BY random()) AS p
      FROM generate_series(1, ${items}) n`,
    `ALTER TABLE bench_item ADD COLUMN kind text`,
    `UPDATE bench_item SET kind = CASE
        WHEN p <= ${heldDue} THEN 'held-due'
        WHEN p <= ${heldDue + releasedDue} THEN 'released-due'
        WHEN p <= ${due} THEN 'due'
        WHEN p <= ${due + heldNotDue} THEN 'held'
        ELSE 'not-due' END`,
    `INSERT INTO submissions (id, form_version_id, space_id, owning_agency_id, marking, marking_rank, owner_id, status, data, version, submitted_at, created_at, updated_at)
      SELECT i.submission_id, ${formVersion}, s.id, ${dcp}, 'OFFICIAL', 1, o.id, 'submitted',
        jsonb_build_object('summary', 'Bench record ' || i.n, 'reference', 'BR/' || i.n), 1,
        timestamptz '2014-01-01' + (i.n % 2000) * interval '1 day', timestamptz '2014-01-01' + (i.n % 2000) * interval '1 day', timestamptz '2014-01-01' + (i.n % 2000) * interval '1 day'
      FROM bench_item i JOIN bench_space s ON s.n = 1 + i.n % ${SPACES} JOIN bench_owner o ON o.k = i.n % (SELECT count(*) FROM bench_owner)`,
    `INSERT INTO submission_versions (submission_id, number, status, data, created_by, created_at)
      SELECT s.id, 1, 'submitted', s.data, s.owner_id, s.submitted_at FROM submissions s JOIN bench_item i ON i.submission_id = s.id`,
    `INSERT INTO record_items (id, item_type, item_id, space_id, owning_agency_id, label_id, applied_how, labelled_at, clock_started_on, due_on, state, updated_at)
      SELECT i.record_item_id, 'submission', i.submission_id, s.id, ${dcp},
        CASE WHEN i.kind IN ('held-due', 'released-due', 'due') OR i.n % 2 = 0 THEN (SELECT id FROM bench_label WHERE action = 'delete') ELSE (SELECT id FROM bench_label WHERE action = 'review') END,
        'rule', timestamptz '2014-01-01', date '2014-01-01',
        CASE WHEN i.kind IN ('held-due', 'released-due', 'due') THEN date '2020-01-01' + (i.n % 365) ELSE date '2100-01-01' + (i.n % 3650) END,
        'retained', timestamptz '2014-01-01'
      FROM bench_item i JOIN bench_space s ON s.n = 1 + i.n % ${SPACES}`,
    // Holds: one CPIA hold on items one by one (some due, most not), a public inquiry's hold on a
    // whole space, and a released hold (its items are no longer held).
    `CREATE TABLE bench_hold AS SELECT * FROM (VALUES ('items', gen_random_uuid()), ('space', gen_random_uuid()), ('released', gen_random_uuid())) AS h(key, id)`,
    `INSERT INTO holds (id, agency_id, name, kind, reference, reason, created_by, created_at, released_by, released_at, release_reason)
      SELECT id, ${dcp}, CASE key WHEN 'items' THEN 'Bench: Op Heron disclosure' WHEN 'space' THEN 'Bench: public inquiry moratorium' ELSE 'Bench: concluded case' END,
        CASE key WHEN 'items' THEN 'cpia' WHEN 'space' THEN 'public_inquiry' ELSE 'court_order' END::hold_kind, 'BENCH/' || key, 'Relevant material',
        ${user("janet.okafor@dcp.example")}, timestamptz '2024-01-01',
        CASE key WHEN 'released' THEN ${user("janet.okafor@dcp.example")} END, CASE key WHEN 'released' THEN timestamptz '2025-01-01' END, CASE key WHEN 'released' THEN 'Case concluded' END
      FROM bench_hold`,
    `INSERT INTO hold_scopes (hold_id, item_type, item_id)
      SELECT (SELECT id FROM bench_hold WHERE key = 'items'), 'submission', submission_id FROM bench_item WHERE kind IN ('held-due', 'held')`,
    `INSERT INTO hold_scopes (hold_id, space_id) SELECT (SELECT id FROM bench_hold WHERE key = 'space'), id FROM bench_space WHERE n = 1`,
    `INSERT INTO hold_scopes (hold_id, item_type, item_id)
      SELECT (SELECT id FROM bench_hold WHERE key = 'released'), 'submission', submission_id FROM bench_item WHERE kind = 'released-due'`,
    // The OLTP side's items: Tom's drafts in Operation Kestrel, labelled, not due.
    `CREATE TABLE bench_oltp AS SELECT n, gen_random_uuid() AS submission_id FROM generate_series(1, ${OLTP_DRAFTS}) n`,
    `INSERT INTO submissions (id, form_version_id, space_id, owning_agency_id, marking, marking_rank, owner_id, status, data, version)
      SELECT o.submission_id, ${formVersion}, (SELECT id FROM spaces WHERE name = '${OLTP_SPACE}'), ${dcp}, 'OFFICIAL', 1, ${user(OLTP_PERSON)}, 'draft', '{}'::jsonb, 1 FROM bench_oltp o`,
    `INSERT INTO record_items (item_type, item_id, space_id, owning_agency_id, label_id, applied_how, due_on)
      SELECT 'submission', o.submission_id, (SELECT id FROM spaces WHERE name = '${OLTP_SPACE}'), ${dcp}, (SELECT id FROM bench_label WHERE action = 'review'), 'space_default', date '2100-01-01' + o.n FROM bench_oltp o`,
    // What every round checks and restores: the held items as generated, and the due slice the
    // sweep disposes (due, not held) in pristine copies.
    `CREATE TABLE bench_held AS
      SELECT ri.item_id AS submission_id, ri.id AS record_item_id, md5(s::text) AS s_hash, md5(ri::text) AS ri_hash, md5(v::text) AS v_hash, ri.due_on <= date '2099-01-01' AS is_due
      FROM record_items ri JOIN submissions s ON s.id = ri.item_id JOIN submission_versions v ON v.submission_id = s.id
      WHERE EXISTS (SELECT 1 FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id WHERE h.released_at IS NULL AND (hs.space_id = ri.space_id OR (hs.item_type = ri.item_type AND hs.item_id = ri.item_id)))`,
    "CREATE UNIQUE INDEX ON bench_held (submission_id)",
    "CREATE UNIQUE INDEX ON bench_held (record_item_id)",
    `CREATE TABLE bench_due_items AS
      SELECT ri.* FROM record_items ri JOIN bench_item i ON i.record_item_id = ri.id
      WHERE i.kind IN ('due', 'released-due', 'held-due') AND NOT EXISTS (SELECT 1 FROM bench_held h WHERE h.record_item_id = ri.id)`,
    "CREATE UNIQUE INDEX ON bench_due_items (id)",
    "CREATE TABLE bench_due_submissions AS SELECT s.* FROM submissions s JOIN bench_due_items d ON d.item_id = s.id",
    "CREATE UNIQUE INDEX ON bench_due_submissions (id)",
    "CREATE TABLE bench_due_versions AS SELECT v.* FROM submission_versions v JOIN bench_due_items d ON d.item_id = v.submission_id",
    "DROP TABLE bench_space, bench_owner, bench_label, bench_hold",
  ];
}

// ---------------------------------------------------------------------------------------------
// Rounds: reset, check.

type Counts = { items: number; due: number; dueHeld: number; held: number; toDispose: number; releasedHoldDue: number; holdScopes: number; oltpDrafts: number };

async function countsOf(sql: Sql): Promise<Counts> {
  const [row] = await sql<Record<keyof Counts, number>[]>`
    SELECT (SELECT count(*) FROM record_items WHERE item_type = 'submission' AND item_id NOT IN (SELECT submission_id FROM bench_oltp))::int AS items,
      (SELECT count(*) FROM record_items WHERE due_on <= date '2099-01-01')::int AS due,
      (SELECT count(*) FROM bench_held WHERE is_due)::int AS "dueHeld",
      (SELECT count(*) FROM bench_held)::int AS held,
      (SELECT count(*) FROM bench_due_items)::int AS "toDispose",
      (SELECT count(*) FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id WHERE h.released_at IS NOT NULL)::int AS "releasedHoldDue",
      (SELECT count(*) FROM hold_scopes)::int AS "holdScopes",
      (SELECT count(*) FROM bench_oltp)::int AS "oltpDrafts"`;
  return row!;
}

/** Puts the due slice back as generated and removes what the rounds wrote; returns the seconds it took. */
async function resetDueSlice(sql: Sql, auditBaseline: number): Promise<number> {
  const started = performance.now();
  await sql.begin(async (tx) => {
    // The bench's own maintenance, not the app's: the restored rows are the generated ones, and
    // the audit rows the rounds wrote are removed (audit_events refuses deletes by trigger, which
    // replica mode skips), so that every side starts from the same data.
    await tx.unsafe("SET LOCAL session_replication_role = replica");
    await tx.unsafe("DELETE FROM submissions WHERE id IN (SELECT id FROM bench_due_submissions)");
    await tx.unsafe("DELETE FROM submission_versions WHERE submission_id IN (SELECT id FROM bench_due_submissions)");
    await tx.unsafe("DELETE FROM record_items WHERE id IN (SELECT id FROM bench_due_items)");
    await tx.unsafe("INSERT INTO submissions SELECT * FROM bench_due_submissions");
    await tx.unsafe("INSERT INTO submission_versions SELECT * FROM bench_due_versions");
    await tx.unsafe("INSERT INTO record_items SELECT * FROM bench_due_items");
    await tx.unsafe("DELETE FROM disposal_certificates");
    await tx.unsafe("DELETE FROM audit_events WHERE id > $1", [auditBaseline]);
  });
  await sql.unsafe("VACUUM (ANALYZE) submissions, submission_versions, record_items, disposal_certificates, audit_events");
  return (performance.now() - started) / 1000;
}

type Check = { heldTouched: number; dueLeft: number; certificates: number; disposeAuditRows: number };

/** What a side left: held items touched (must be 0), due unheld items left, certificates and dispose audit rows written. */
async function check(sql: Sql, auditBaseline: number): Promise<Check> {
  const [row] = await sql<Check[]>`
    WITH named AS (
      SELECT DISTINCT x.id FROM audit_events a
      CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(a.details -> 'ids') = 'array' THEN a.details -> 'ids' ELSE '[]'::jsonb END) AS x(id)
      WHERE a.id > ${auditBaseline}
    )
    SELECT
      (SELECT count(*) FROM bench_held h
        LEFT JOIN submissions s ON s.id = h.submission_id
        LEFT JOIN record_items ri ON ri.id = h.record_item_id
        LEFT JOIN submission_versions v ON v.submission_id = h.submission_id
        WHERE s.id IS NULL OR ri.id IS NULL OR v.id IS NULL
          OR md5(s::text) <> h.s_hash OR md5(ri::text) <> h.ri_hash OR md5(v::text) <> h.v_hash
          OR EXISTS (SELECT 1 FROM disposal_certificates c WHERE c.item_type = 'submission' AND c.item_id = h.submission_id)
          OR EXISTS (SELECT 1 FROM audit_events a WHERE a.id > ${auditBaseline} AND a.subject_type = 'submission' AND a.subject_id = h.submission_id::text)
          OR EXISTS (SELECT 1 FROM named WHERE named.id = h.record_item_id::text))::int AS "heldTouched",
      (SELECT count(*) FROM submissions s WHERE s.id IN (SELECT id FROM bench_due_submissions))::int AS "dueLeft",
      (SELECT count(*) FROM disposal_certificates)::int AS certificates,
      (SELECT count(*) FROM audit_events WHERE id > ${auditBaseline} AND action = 'record.dispose')::int AS "disposeAuditRows"`;
  return row!;
}

// ---------------------------------------------------------------------------------------------
// OLTP: Tom's reads and saves of his own drafts, on a fixed schedule.

async function policyCtxFor(db: Db, email: string): Promise<PolicyCtx> {
  const [row] = await db.select({ user: t.users, agency: t.agencies }).from(t.users).innerJoin(t.agencies, eq(t.agencies.id, t.users.agencyId)).where(eq(t.users.email, email));
  if (!row) throw new Error(`retention: no seeded user ${email}`);
  const now = new Date();
  const actor = toActor(row.user, row.agency, "bench", now);
  return { db, actor, requestId: `bench-${randomUUID()}`, now, ability: await buildAbility(db, actor, now) };
}

type OltpRound = { ops: number; reads: number; saves: number; latencies: number[]; p50Ms: number; p95Ms: number; p99Ms: number; seconds: number };

class Oltp {
  private readonly versions = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly random = prng(20261202);
  constructor(
    private readonly person: PolicyCtx,
    private readonly drafts: string[],
  ) {}

  /** Learns the drafts' current versions (saves need them). */
  async load(): Promise<void> {
    for (const id of this.drafts) {
      const s = await getSubmission(this.request(), { submissionId: id });
      this.versions.set(id, s.version);
    }
  }

  private request(): PolicyCtx {
    return { ...this.person, requestId: `bench-${randomUUID()}`, now: new Date() };
  }

  private pick(): string {
    for (;;) {
      const id = this.drafts[Math.floor(this.random() * this.drafts.length)]!;
      if (!this.busy.has(id)) return id;
    }
  }

  /** Runs operations at OLTP_PER_SECOND until `until` resolves (or for `seconds`). */
  async run(opts: { seconds?: number; until?: Promise<unknown> }): Promise<OltpRound> {
    const interval = 1000 / OLTP_PER_SECOND;
    const started = performance.now();
    const latencies: number[] = [];
    const inFlight = new Set<Promise<void>>();
    let reads = 0;
    let saves = 0;
    let isDone = false;
    let failure: unknown = null;
    opts.until?.then(
      () => (isDone = true),
      () => (isDone = true),
    );
    for (let i = 0; ; i++) {
      const scheduled = started + i * interval;
      if (opts.seconds !== undefined && scheduled - started >= opts.seconds * 1000) break;
      if (isDone || failure) break;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (isDone) break;
      const id = this.pick();
      const isRead = this.random() < OLTP_READ_SHARE;
      this.busy.add(id);
      const op = (async () => {
        try {
          if (isRead) {
            await getSubmission(this.request(), { submissionId: id });
            reads++;
          } else {
            const saved = await saveSubmission(this.request(), { submissionId: id, expectedVersion: this.versions.get(id)!, answers: {} });
            this.versions.set(id, saved.version);
            saves++;
          }
          latencies.push(performance.now() - scheduled);
        } catch (err) {
          failure ??= err;
        } finally {
          this.busy.delete(id);
        }
      })();
      inFlight.add(op);
      void op.finally(() => inFlight.delete(op));
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    const seconds = (performance.now() - started) / 1000;
    if (latencies.length < 10) throw new Error(`retention: only ${latencies.length} OLTP operations ran`);
    return { ops: latencies.length, reads, saves, latencies, p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95), p99Ms: quantile(latencies, 0.99), seconds };
  }
}

// ---------------------------------------------------------------------------------------------

type SweepRound = { rows: number; seconds: number; rowsPerSecond: number; result: RetentionSweepResult; resetSeconds: number; check: Check; cpuMs: number };
type DeleteRound = { rows: number; seconds: number; rowsPerSecond: number; resetSeconds: number; check: Check };
type OltpSweepRound = OltpRound & { sweep: { rows: number; seconds: number; heldTouched: number } };
/** What a side's round gives (alternateSides takes one type for every side). */
type SideRound = { sweep?: SweepRound; delete?: DeleteRound; oltp?: OltpRound; oltpWithSweep?: OltpSweepRound };

export const retention: Benchmark = {
  name: "retention",
  async run(config: BenchConfig) {
    const loadAverageAtStart = os.loadavg().map((n) => round(n, 3));
    const items = config.isQuick ? QUICK_ITEMS : ITEMS;
    const pairs = 5;
    const warmup = 1;
    const log = (line: string) => console.log(line);
    // audit_baseline: the trail's last id before any round, so each round's disposal audit rows are counted from it.
    const prepared = await generatedDatabase(config, {
      suffix: "retention",
      versionPrefix: `retention/v1/${items}`,
      statements: generatorStatements(items),
      what: `${items.toLocaleString("en-GB")} items`,
      extraMeta: { audit_baseline: "SELECT COALESCE(max(id), 0)::text FROM audit_events" },
      log,
    });
    const { handle, sql } = prepared;
    const db = handle.db;
    try {
      const [baselineRow] = await sql<{ value: string }[]>`SELECT value FROM bench_meta WHERE key = 'audit_baseline'`;
      const auditBaseline = Number(baselineRow!.value);
      // A run interrupted mid-round leaves its round's work behind: start from the data as generated.
      await resetDueSlice(sql, auditBaseline);
      const counts = await countsOf(sql);
      const [version] = await sql<{ server_version: string }[]>`SHOW server_version`;
      const batchSize = env().retentionSweepBatch;
      log(`  ${counts.items.toLocaleString("en-GB")} items, ${counts.due.toLocaleString("en-GB")} due (${counts.dueHeld} of them held), ${counts.held.toLocaleString("en-GB")} held, ${counts.toDispose.toLocaleString("en-GB")} to dispose; batch ${batchSize}`);

      const tom = await policyCtxFor(db, OLTP_PERSON);
      const drafts = (await sql<{ id: string }[]>`SELECT submission_id::text AS id FROM bench_oltp ORDER BY n`).map((r) => r.id);
      const oltp = new Oltp(tom, drafts);
      await oltp.load();

      const today = ukDay(new Date());
      const referenceDelete = `
        DELETE FROM submissions WHERE id IN (
          SELECT ri.item_id FROM record_items ri JOIN retention_labels l ON l.id = ri.label_id
          WHERE ri.item_type = 'submission' AND ri.state = 'retained' AND ri.due_on IS NOT NULL AND ri.due_on <= '${today}'::date AND l.action = 'delete'
            AND NOT EXISTS (SELECT 1 FROM hold_scopes hs JOIN holds h ON h.id = hs.hold_id WHERE h.released_at IS NULL AND (hs.space_id = ri.space_id OR (hs.item_type = ri.item_type AND hs.item_id = ri.item_id))))`;

      const loop = new LoopDelay();
      const lastSweepSeconds = { value: 10 };
      const failures: string[] = [];
      const heldTouchedEver = { value: 0 };
      const expectClean = (side: string, round: RoundInfo, c: Check, disposed: number, isSweep: boolean) => {
        const problems: string[] = [];
        // Held items touched are a failed goal, reported (every round, warm-up included), not a broken run.
        heldTouchedEver.value = Math.max(heldTouchedEver.value, c.heldTouched);
        if (c.dueLeft > 0) problems.push(`${c.dueLeft} due items left`);
        // (With held items touched the counts are off too; that round is reported as failing its goal instead.)
        if (disposed !== counts.toDispose && c.heldTouched === 0) problems.push(`${disposed} disposed, ${counts.toDispose} expected`);
        if (isSweep && c.heldTouched === 0 && (c.certificates !== counts.toDispose || c.disposeAuditRows !== counts.toDispose)) problems.push(`${c.certificates} certificates and ${c.disposeAuditRows} record.dispose audit rows for ${counts.toDispose} disposals`);
        if (problems.length > 0) failures.push(`${side}, round ${round.index}: ${problems.join("; ")}`);
      };

      const sweepOnce = async () => {
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const result = await sweepRetention(retentionSweepContext(db), { batchSize });
        const seconds = (performance.now() - t0) / 1000;
        const used = process.cpuUsage(cpu);
        return { result, seconds, cpuMs: (used.user + used.system) / 1000 };
      };

      const sides = await alternateSides<"subject" | "reference" | "oltpAlone" | "oltpWithSweep", SideRound>({
        pairs,
        warmup,
        sides: {
          subject: async (r: RoundInfo) => {
            const resetSeconds = await resetDueSlice(sql, auditBaseline);
            const { result, seconds, cpuMs } = await loop.during(sweepOnce);
            lastSweepSeconds.value = seconds;
            const c = await check(sql, auditBaseline);
            expectClean("subject", r, c, result.disposed, true);
            log(`  round ${r.index}${r.isWarmup ? " (warm-up)" : ""}: sweep ${result.disposed} in ${seconds.toFixed(2)} s (${Math.round(result.disposed / seconds)}/s), held touched ${c.heldTouched}`);
            return { sweep: { rows: result.disposed, seconds, rowsPerSecond: result.disposed / seconds, result, resetSeconds, check: c, cpuMs } };
          },
          reference: async (r: RoundInfo) => {
            const resetSeconds = await resetDueSlice(sql, auditBaseline);
            const t0 = performance.now();
            const deleted = await sql.unsafe(referenceDelete);
            const seconds = (performance.now() - t0) / 1000;
            const c = await check(sql, auditBaseline);
            expectClean("reference", r, c, deleted.count, false);
            log(`  round ${r.index}: plain DELETE ${deleted.count} in ${seconds.toFixed(2)} s (${Math.round(deleted.count / seconds)}/s), held touched ${c.heldTouched}`);
            return { delete: { rows: deleted.count, seconds, rowsPerSecond: deleted.count / seconds, resetSeconds, check: c } };
          },
          oltpAlone: async (r: RoundInfo) => {
            await resetDueSlice(sql, auditBaseline);
            const o = await oltp.run({ seconds: Math.max(5, lastSweepSeconds.value) });
            log(`  round ${r.index}: OLTP alone p95 ${o.p95Ms.toFixed(1)} ms over ${o.ops} ops`);
            return { oltp: o };
          },
          oltpWithSweep: async (r: RoundInfo) => {
            await resetDueSlice(sql, auditBaseline);
            const sweep = sweepOnce();
            const o = await oltp.run({ until: sweep });
            const s = await sweep;
            const c = await check(sql, auditBaseline);
            expectClean("OLTP with sweep", r, c, s.result.disposed, true);
            log(`  round ${r.index}: OLTP with sweep p95 ${o.p95Ms.toFixed(1)} ms over ${o.ops} ops (sweep ${s.seconds.toFixed(2)} s), held touched ${c.heldTouched}`);
            return { oltpWithSweep: { ...o, sweep: { rows: s.result.disposed, seconds: s.seconds, heldTouched: c.heldTouched } } };
          },
        },
      });
      // Diagnostic after the recorded rounds: the same sweep in larger batches (ACCORD_RETENTION_SWEEP_BATCH).
      const largerBatches: { batchSize: number; seconds: number; rowsPerSecond: number; heldTouched: number }[] = [];
      for (const size of [2000, 10_000]) {
        await resetDueSlice(sql, auditBaseline);
        const t0 = performance.now();
        const r = await sweepRetention(retentionSweepContext(db), { batchSize: size });
        const seconds = (performance.now() - t0) / 1000;
        const c = await check(sql, auditBaseline);
        expectClean(`sweep in batches of ${size}`, { index: -1, isWarmup: false }, c, r.disposed, true);
        largerBatches.push({ batchSize: size, seconds: round(seconds), rowsPerSecond: round(r.disposed / seconds), heldTouched: c.heldTouched });
        log(`  batches of ${size}: sweep ${r.disposed} in ${seconds.toFixed(2)} s (${Math.round(r.disposed / seconds)}/s), held touched ${c.heldTouched}`);
      }
      const rounds = { subject: sides.subject.map((x) => x.sweep!), reference: sides.reference.map((x) => x.delete!), oltpAlone: sides.oltpAlone.map((x) => x.oltp!), oltpWithSweep: sides.oltpWithSweep.map((x) => x.oltpWithSweep!) };
      // Leave the database as generated for the next run.
      await resetDueSlice(sql, auditBaseline);
      const eventLoopDelay = loop.stop();
      if (failures.length > 0) throw new Error(`retention: the sides did not do what they must:\n  ${failures.join("\n  ")}`);

      const rowsPerSecond = summarise("rows disposed per second of wall time (A: sweepRetention, every stage, certificates and audit rows; B: one plain DELETE of the same rows); ratio A / B, higher is better", pairsOf(rounds.subject, rounds.reference, (x) => x.rowsPerSecond));
      const oltpP95 = summarise(`OLTP p95 ms (Tom's getSubmission 70 % / saveSubmission 30 % at ${OLTP_PER_SECOND}/s; A: while a sweep runs; B: alone, as long as the round's sweep took); ratio A / B`, pairsOf(rounds.oltpWithSweep, rounds.oltpAlone, (x) => x.p95Ms));
      const heldTouched = [...rounds.subject.map((x) => x.check.heldTouched), ...rounds.reference.map((x) => x.check.heldTouched), ...rounds.oltpWithSweep.map((x) => x.sweep.heldTouched), ...largerBatches.map((x) => x.heldTouched)];
      const heldTouchedMax = Math.max(heldTouchedEver.value, ...heldTouched);
      const goals = {
        rowsPerSecondRatio: { goal: `>= ${GOALS.ratio} (median of per-round ratios, Accord sweep / plain DELETE)`, isMet: rowsPerSecond.ratio.median >= GOALS.ratio },
        heldRecordsTouched: { goal: "0 held records touched, in every round of every side", isMet: heldTouchedMax === 0, worstRound: heldTouchedMax },
        oltpP95Ratio: { goal: `<= ${GOALS.oltpRatio} (median of per-round ratios, p95 with sweep / without)`, isMet: oltpP95.ratio.median <= GOALS.oltpRatio },
      };
      const r4 = (values: number[]) => {
        const s = spread(values);
        return { median: round(s.median), min: round(s.min), max: round(s.max) };
      };
      const result = {
        name: "retention",
        description:
          "The disposal sweep. A = sweepRetention() (lib/records/sweep-retention.ts) over 1 M labelled submissions, 5 % due under a label whose action is delete, 1 % held: each due unheld item approved by the schedule and disposed in the same transaction with its certificate and its record.dispose audit row, its content (submission, version, record item) deleted. B = one plain DELETE FROM submissions WHERE id IN (the same due, unheld items). Figure = rows per second; ratio A / B per alternating round. Held items are checked untouched after every side. OLTP p95 (reads and saves of unrelated drafts through lib/submissions) with a sweep running against without.",
        method: {
          pairs,
          warmupRounds: warmup,
          roundOrder: "subject, reference, OLTP alone, OLTP with sweep",
          batchSize,
          reset: "before every side, the due slice is restored from pristine copies (bench_due_* tables), the rounds' certificates and audit rows removed (the bench's maintenance, in replica mode), and the touched tables vacuumed and analysed; not timed in the figures",
          reference: "postgres.js, one statement in its own transaction, the due and unheld rows chosen in the statement as the sweep chooses them",
          oltp: `open loop at ${OLTP_PER_SECOND} operations/s, latency from each operation's scheduled start; the sweep runs in the same process, as the job queue runs it in the server's`,
        },
        workload: {
          items: counts.items,
          contentKind: "form submissions (status submitted), each with its submitted version (submission_versions) and its record_items row; the cheapest content to dispose: no blobs (files) and no Yjs state, versions, comments or member_documents rows (documents)",
          spaces: SPACES,
          due: counts.due,
          dueShare: DUE_SHARE,
          held: counts.held,
          heldShare: round(counts.held / counts.items),
          dueAndHeld: counts.dueHeld,
          holds: "a CPIA hold on items one by one (7,500 per million items: a quarter of them due), a public-inquiry hold on one whole space (~2,500 items per million), and a released hold on 500 due items per million (disposed like the rest)",
          holdScopes: counts.holdScopes,
          disposedPerRound: counts.toDispose,
          labels: "two labels of DCP's file plan: delete after 6 years (every due item, and half the others) and review after 6 years (the rest; none due, so no review starts)",
          oltpDrafts: counts.oltpDrafts,
          database: prepared.where,
          data: prepared.data,
          scaledDown: config.isQuick ? `quick run: ${items.toLocaleString("en-GB")} items` : null,
        },
        goals,
        rowsPerSecond,
        heldTouched: { perSide: { subject: rounds.subject.map((x) => x.check.heldTouched), reference: rounds.reference.map((x) => x.check.heldTouched), oltpWithSweep: rounds.oltpWithSweep.map((x) => x.sweep.heldTouched), largerBatches: largerBatches.map((x) => x.heldTouched) }, max: heldTouchedMax, note: "also checked after every warm-up round; any held item touched in any round fails the run" },
        oltpP95,
        sweep: {
          seconds: r4(rounds.subject.map((x) => x.seconds)),
          rowsPerSecond: r4(rounds.subject.map((x) => x.rowsPerSecond)),
          result: rounds.subject[0]!.result,
          processCpuMsPerRow: { ...r4(rounds.subject.map((x) => x.cpuMs / x.rows)), note: "this process's CPU (the sweep's JavaScript, drizzle, postgres.js) per disposal; the PostgreSQL server's own CPU is not in it" },
          statementsPerBatch: "approval: BEGIN, the UPDATE claiming and approving the batch, one audit row per agency, COMMIT; disposal: BEGIN, the claim (SELECT … FOR UPDATE SKIP LOCKED), one read of the items, one statement writing every certificate and its audit row, one DELETE of the submissions (their versions and record items go by cascade and trigger), one DELETE of any record item left, COMMIT",
          withOltp: { seconds: r4(rounds.oltpWithSweep.map((x) => x.sweep.seconds)) },
        },
        largerBatches: { note: "after the recorded rounds, one sweep each (diagnostic; the rounds use the configured batch); compare with referenceDelete.rowsPerSecond", sweeps: largerBatches },
        referenceDelete: { seconds: r4(rounds.reference.map((x) => x.seconds)), rowsPerSecond: r4(rounds.reference.map((x) => x.rowsPerSecond)) },
        oltp: {
          alone: rounds.oltpAlone.map((x) => ({ ops: x.ops, reads: x.reads, saves: x.saves, p50Ms: round(x.p50Ms), p95Ms: round(x.p95Ms), p99Ms: round(x.p99Ms), seconds: round(x.seconds) })),
          withSweep: rounds.oltpWithSweep.map((x) => ({ ops: x.ops, reads: x.reads, saves: x.saves, p50Ms: round(x.p50Ms), p95Ms: round(x.p95Ms), p99Ms: round(x.p99Ms), seconds: round(x.seconds) })),
        },
        resetSeconds: r4([...rounds.subject, ...rounds.reference].map((x) => x.resetSeconds)),
        eventLoopDelay: { ...eventLoopDelay, note: "while the subject's sweeps ran (its JavaScript and the driver share this event loop)" },
        environment: { ...environment(version?.server_version ?? null, "not pinned: the PostgreSQL server is a system service sharing both cores with this process"), loadAverageAtStart },
      };
      const summary = [
        `sweep ${rowsPerSecond.subject.median} rows/s vs plain DELETE ${rowsPerSecond.reference.median} rows/s: ratio ${rowsPerSecond.ratio.median} [${rowsPerSecond.ratio.min}–${rowsPerSecond.ratio.max}] (goal ≥ ${GOALS.ratio} ${goals.rowsPerSecondRatio.isMet ? "met" : "NOT met"})`,
        `held records touched: ${heldTouchedMax} (goal 0 ${goals.heldRecordsTouched.isMet ? "met" : "NOT met"}); ${counts.toDispose.toLocaleString("en-GB")} disposed per round of ${counts.items.toLocaleString("en-GB")} items`,
        `OLTP p95 ${oltpP95.subject.median} ms with sweep vs ${oltpP95.reference.median} ms without: ×${oltpP95.ratio.median} [${oltpP95.ratio.min}–${oltpP95.ratio.max}] (goal ≤ ${GOALS.oltpRatio} ${goals.oltpP95Ratio.isMet ? "met" : "NOT met"})`,
      ];
      return { result, summary };
    } finally {
      await handle.close();
    }
  },
};
