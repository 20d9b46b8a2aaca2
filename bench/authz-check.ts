/**
 * authz-check (benchmarks.md): what one CASL check costs as the rule set grows.
 *
 * For rule sets of up to about 10, 50, 100 and 500 rules (the actor's facts grow by memberships in
 * partner spaces under more agreements, so defineAbilityFor() itself produces the rules), it
 * measures, alternating A B A B:
 *   A  an object check, `ability.can("read", asSubject("Document", row))`, over a fixed mix of
 *      allowed and denied rows, as every single-document operation does (policies/authorize.ts);
 *   B  a type-level check, `ability.can("read", "Document")`, the cheapest question CASL answers;
 * and reports ns per check, the ratio A / B, checks per second, and the cost of building the
 * ability and making its first check (what each request pays once).
 *
 * Goals: ≥ 1 M object checks/s at ≤ 50 rules; build + first check ≤ 50 µs at ≤ 100 rules.
 */
import { defineAbilityFor, asSubject, type AbilityActor, type AppAbility, type MembershipFacts, type TaggedRow } from "@/policies/ability";
import type { AgreementFacts } from "@/policies/agreements";
import type { SubjectFields } from "@/policies/catalogue";
import { environment, LoopDelay, median, nowNs, prng, quantile, round, spread, summarise, type BenchConfig, type Benchmark, type Pair } from "./harness";

type DocumentFields = SubjectFields["Document"];

/**
 * The rule-set sizes asked for (benchmarks.md: 10, 50, 500; 100 is where the build goal stops).
 * Each set is the largest the actor's facts give within the size (see scaleForRules).
 */
const TARGET_RULES = [10, 50, 100, 500] as const;

const OWN = { id: "00000000-0000-4000-8000-000000000001", code: "OWN" };
const USER_ID = "00000000-0000-4000-8000-0000000000aa";
const OTHER_USER_ID = "00000000-0000-4000-8000-0000000000bb";
const NOW = new Date("2026-03-02T10:00:00Z");

const uuid = (kind: number, n: number) => `00000000-0000-4000-${(8000 + kind).toString(16)}-${n.toString(16).padStart(12, "0")}`;
const ownSpace = (i: number) => uuid(1, i);
const partnerSpace = (i: number) => uuid(2, i);
const partnerAgency = (i: number) => uuid(3, i);
const agreementId = (i: number) => uuid(4, i);

/**
 * An investigator (RV, not a space owner) of OWN, member of `2 + scale` own spaces and of `scale`
 * partner spaces, each run under its own agreement with two partner agencies. Each agreement adds
 * document-reading rules (per partner agency and handling variant, as policies/rules/documents.ts
 * writes them), so the rule count follows whatever the policy makes of these facts.
 */
function actorAtScale(scale: number): AbilityActor {
  const agreements: AgreementFacts[] = [];
  const memberships: MembershipFacts[] = [];
  for (let i = 0; i < 2 + scale; i++) {
    memberships.push({ spaceId: ownSpace(i), role: "member", spaceOwnerAgencyId: OWN.id, isMvOnly: false, agreements: [] });
  }
  for (let i = 0; i < scale; i++) {
    const isa: AgreementFacts = {
      id: agreementId(i),
      reference: `ISA-BENCH-${i}`,
      status: "active",
      startsOn: "2025-01-01",
      reviewOn: "2027-01-01",
      endsOn: null,
      maxRank: 2,
      descriptors: ["PERSONAL DATA"],
      partyAgencyIds: [partnerAgency(2 * i), OWN.id, partnerAgency(2 * i + 1)],
    };
    agreements.push(isa);
    memberships.push({ spaceId: partnerSpace(i), role: "member", spaceOwnerAgencyId: partnerAgency(2 * i), isMvOnly: false, agreements: [isa] });
  }
  return {
    userId: USER_ID,
    agencyId: OWN.id,
    agencyCode: OWN.code,
    isAgencyHmg: true,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: "2099-12-31",
    memberships,
    agencyAgreements: agreements,
    now: NOW,
  };
}

/**
 * The largest scale whose rule count stays within `target` (so a goal stated "at ≤ N rules" is
 * judged on a set that really has ≤ N); scale 0 when even that exceeds it, since that is the
 * smallest rule set this policy gives a member of one space.
 */
function scaleForRules(target: number): { scale: number; actor: AbilityActor; ability: AppAbility } {
  let best: { scale: number; actor: AbilityActor; ability: AppAbility } | undefined;
  for (let scale = 0; scale < 1000; scale++) {
    const actor = actorAtScale(scale);
    const ability = defineAbilityFor(actor);
    if (best && ability.rules.length > target) break;
    best = { scale, actor, ability };
  }
  return best!;
}

const doc = (over: Partial<DocumentFields> & Pick<DocumentFields, "spaceId" | "owningAgencyId">): DocumentFields => ({
  id: uuid(9, 0),
  markingRank: 1,
  descriptors: [],
  handling: "",
  recipientIds: [],
  useOnlyAgencyCodes: [],
  isRestricted: false,
  ...over,
});

/**
 * 256 rows, about half readable: own and partner documents the actor may read, and documents
 * denied for each reason the rules know (no standing in the space, marking above vetting, a
 * descriptor the agreement does not carry, an agency outside the agreement, an audience the actor
 * is not in). A denied row makes CASL try every rule, an allowed one stops at the first match.
 */
function rowMix(scale: number): DocumentFields[] {
  const random = prng(42 + scale);
  const pick = (n: number) => Math.floor(random() * n);
  const rows: DocumentFields[] = [];
  for (let i = 0; i < 256; i++) {
    const own = ownSpace(pick(2 + scale));
    const p = scale > 0 ? pick(scale) : -1;
    const partner = p >= 0 ? { spaceId: partnerSpace(p), owningAgencyId: partnerAgency(2 * p + pick(2)) } : { spaceId: own, owningAgencyId: OWN.id };
    const variants: DocumentFields[] = [
      // Readable.
      doc({ spaceId: own, owningAgencyId: OWN.id }),
      doc({ spaceId: own, owningAgencyId: OWN.id, markingRank: 2, handling: "RECIPIENTS ONLY", recipientIds: [OTHER_USER_ID, USER_ID] }),
      doc({ ...partner, markingRank: 2, descriptors: ["PERSONAL DATA"] }),
      doc({ ...partner, handling: "USE ONLY", useOnlyAgencyCodes: ["OWN"] }),
      // Denied.
      doc({ spaceId: uuid(5, i), owningAgencyId: OWN.id }),
      doc({ spaceId: own, owningAgencyId: OWN.id, markingRank: 3 }),
      doc({ ...partner, owningAgencyId: p >= 0 ? partner.owningAgencyId : uuid(6, 1), descriptors: p >= 0 ? ["LEGAL"] : [] }),
      doc({ spaceId: own, owningAgencyId: OWN.id, markingRank: 2, handling: "RECIPIENTS ONLY", recipientIds: [OTHER_USER_ID] }),
    ];
    rows.push({ ...variants[i % variants.length]!, id: uuid(9, i) });
  }
  return rows;
}

let sink = 0;

/** ns per call of `check` over a batch of `n` calls. */
function timeBatch(n: number, check: (i: number) => boolean): number {
  let hits = 0;
  const start = nowNs();
  for (let i = 0; i < n; i++) if (check(i)) hits++;
  const ns = (nowNs() - start) / n;
  sink += hits;
  return ns;
}

/** Iterations that take about `targetMs`, measured with a short trial. */
function calibrate(targetMs: number, check: (i: number) => boolean, minimum = 1000): number {
  let n = 10;
  for (;;) {
    const ns = timeBatch(n, check);
    if (ns * n > 5e6 || n >= 1e7) return Math.max(minimum, Math.round((targetMs * 1e6) / ns));
    n *= 4;
  }
}

type RuleSetResult = {
  targetRules: number;
  rules: number;
  /** The rules CASL consults for ("read", "Document"), which is what an object check walks. */
  documentReadRules: number;
  memberships: number;
  agreements: number;
  rows: { count: number; readable: number };
  objectVsType: ReturnType<typeof summarise>;
  /** The same object check with rows tagged beforehand (no asSubject copy in the loop). */
  preTaggedObjectNs: ReturnType<typeof spread>;
  objectChecksPerSecond: { median: number; min: number; max: number };
  buildAndFirstCheck: {
    unit: string;
    /** Per round: the median and p95 of single build+check timings. */
    rounds: { medianUs: number; p95Us: number }[];
    medianUs: ReturnType<typeof spread>;
    p95Us: ReturnType<typeof spread>;
    /** defineAbilityFor alone, median µs per round. */
    buildOnlyMedianUs: ReturnType<typeof spread>;
  };
};

async function measureRuleSet(target: number, pairs: number, batchMs: number): Promise<RuleSetResult> {
  const { scale, actor, ability } = scaleForRules(target);
  const rows = rowMix(scale);
  const tagged: TaggedRow[] = rows.map((r) => asSubject("Document", r));
  const readable = rows.filter((r) => ability.can("read", asSubject("Document", r))).length;
  const mask = rows.length - 1;

  const objectCheck = (i: number) => ability.can("read", asSubject("Document", rows[i & mask]!));
  const preTaggedCheck = (i: number) => ability.can("read", tagged[i & mask]!);
  const typeCheck = () => ability.can("read", "Document");
  const buildAndCheck = (i: number) => defineAbilityFor(actor).can("read", asSubject("Document", rows[i & mask]!));
  const buildOnly = () => defineAbilityFor(actor).rules.length > 0;

  // Warm-up doubles as calibration: every path runs in growing batches until one takes 5 ms.
  const nObject = calibrate(batchMs, objectCheck);
  const nType = calibrate(batchMs, typeCheck);
  const nPreTagged = calibrate(batchMs, preTaggedCheck);
  const nBuild = calibrate(batchMs / 2, buildAndCheck, 50);
  const nBuildOnly = calibrate(batchMs / 4, buildOnly, 50);

  const objectPairs: Pair[] = [];
  const preTagged: number[] = [];
  const buildRounds: { medianUs: number; p95Us: number }[] = [];
  const buildOnlyMedians: number[] = [];
  const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
  // One unrecorded round first (warm-up), then the recorded ones.
  for (let round_ = -1; round_ < pairs; round_++) {
    const isRecorded = round_ >= 0;
    await yieldToLoop();
    const a = timeBatch(nObject, objectCheck);
    const b = timeBatch(nType, typeCheck);
    if (isRecorded) objectPairs.push({ subject: round(a), reference: round(b), ratio: round(a / b) });
    await yieldToLoop();
    const pre = timeBatch(nPreTagged, preTaggedCheck);
    if (isRecorded) preTagged.push(pre);
    await yieldToLoop();
    // Build + first check, timed one at a time: each is a fresh ability, as on a request.
    const singles: number[] = [];
    for (let i = 0; i < nBuild; i++) {
      const t0 = nowNs();
      if (buildAndCheck(i)) sink++;
      singles.push(nowNs() - t0);
    }
    if (isRecorded) buildRounds.push({ medianUs: round(median(singles) / 1e3), p95Us: round(quantile(singles, 0.95) / 1e3) });
    await yieldToLoop();
    const onlies: number[] = [];
    for (let i = 0; i < nBuildOnly; i++) {
      const t0 = nowNs();
      if (buildOnly()) sink++;
      onlies.push(nowNs() - t0);
    }
    if (isRecorded) buildOnlyMedians.push(median(onlies) / 1e3);
  }
  const objectVsType = summarise("ns per check (A: object check incl. asSubject; B: type-level check)", objectPairs);
  const perSecond = objectPairs.map((p) => 1e9 / p.subject);
  const ps = spread(perSecond);
  const r = (s: ReturnType<typeof spread>) => ({ median: round(s.median), min: round(s.min), max: round(s.max) });
  return {
    targetRules: target,
    rules: ability.rules.length,
    documentReadRules: ability.rulesFor("read", "Document").length,
    memberships: actor.memberships.length,
    agreements: actor.agencyAgreements.length,
    rows: { count: rows.length, readable },
    objectVsType,
    preTaggedObjectNs: r(spread(preTagged)),
    objectChecksPerSecond: { median: Math.round(ps.median), min: Math.round(ps.min), max: Math.round(ps.max) },
    buildAndFirstCheck: {
      unit: "µs for defineAbilityFor(actor) + one object check on a fresh ability",
      rounds: buildRounds,
      medianUs: r(spread(buildRounds.map((b) => b.medianUs))),
      p95Us: r(spread(buildRounds.map((b) => b.p95Us))),
      buildOnlyMedianUs: r(spread(buildOnlyMedians)),
    },
  };
}

export const authzCheck: Benchmark = {
  name: "authz-check",
  async run(config: BenchConfig) {
    const loop = new LoopDelay().start();
    const pairs = config.isQuick ? 5 : 9;
    const batchMs = config.isQuick ? 20 : 80;
    const ruleSets: RuleSetResult[] = [];
    for (const target of TARGET_RULES) ruleSets.push(await measureRuleSet(target, pairs, batchMs));
    const eventLoopDelay = loop.stop();

    const atMost = (n: number) => ruleSets.filter((s) => s.rules <= n);
    const checksGoalMet = atMost(50).length > 0 && atMost(50).every((s) => s.objectChecksPerSecond.median >= 1e6);
    const buildGoalMet = atMost(100).length > 0 && atMost(100).every((s) => s.buildAndFirstCheck.medianUs.median <= 50);
    const result = {
      name: "authz-check",
      description:
        "CASL check cost by rule-set size. A = ability.can('read', asSubject('Document', row)) over 256 rows (about half readable); B = ability.can('read', 'Document'). Ratio = A / B per alternating pair.",
      method: {
        pairs,
        batchMsPerSide: batchMs,
        warmup: "each path runs in calibration batches of growing size (until one takes 5 ms), then one full unrecorded round, before the recorded rounds",
        actor: "RV investigator of one agency, member of 2 + k own spaces and k partner spaces, each partner space under its own agreement with two partner agencies; k is the largest giving at most the target rule count (the smallest set, k = 0, is what the policy gives a member of two spaces)",
      },
      goals: {
        objectChecksPerSecondAtMost50Rules: { goal: ">= 1,000,000 /s", isMet: checksGoalMet },
        buildAndFirstCheckAtMost100Rules: { goal: "<= 50 µs (median)", isMet: buildGoalMet },
      },
      ruleSets,
      eventLoopDelay: {
        ...eventLoopDelay,
        note: "checks run in synchronous batches with a yield between them, so the delay measures about one batch (the batch length above) by design; it is recorded to show the process was not stalled beyond that",
      },
      environment: environment(null, "not pinned: a CPU-only benchmark in one process; with 2 cores shared by other sessions, taskset would only fix it to a core others also use"),
      // Counted checks, written out so the JIT cannot drop the measured calls as unused.
      antiDeadCodeSink: sink,
    };
    const summary = [
      ...ruleSets.map(
        (s) =>
          `${s.rules} rules (${s.documentReadRules} for read Document): object ${s.objectVsType.subject.median} ns, type ${s.objectVsType.reference.median} ns, ratio ${s.objectVsType.ratio.median} [${s.objectVsType.ratio.min}–${s.objectVsType.ratio.max}], ${(s.objectChecksPerSecond.median / 1e6).toFixed(2)} M checks/s, build+first check ${s.buildAndFirstCheck.medianUs.median} µs (p95 ${s.buildAndFirstCheck.p95Us.median} µs)`,
      ),
      `goal ≥ 1 M checks/s at ≤ 50 rules: ${checksGoalMet ? "met" : "NOT met"}; goal build+first check ≤ 50 µs at ≤ 100 rules: ${buildGoalMet ? "met" : "NOT met"}`,
    ];
    return { result, summary };
  },
};
