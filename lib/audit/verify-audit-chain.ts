/**
 * Verifies the audit trail's hash chains (DPA 2018 s.62 integrity; ASVS v5.0.0-16.4.3): for each
 * agency's chain (and the system chain), every row's hash is recomputed here from the row's own
 * fields, each row's `prev_hash` must be the hash of the row before it, the sequence must have no
 * gap, and the chain's recorded head must be its last row. The first break of each chain is
 * named by row id and sequence number. Reads in pages of `pageSize` rows, so a long trail is
 * never held in memory.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Ctx } from "../context";
import { canonicalJson, sha256Hex } from "./canonical-json";

export const SYSTEM_CHAIN = "00000000-0000-0000-0000-000000000000";

export type ChainBreak = {
  /** The row where the chain stops holding (null when the break is at the head). */
  id: number | null;
  seq: number | null;
  reason: "altered" | "relinked" | "missing" | "unchained" | "head";
  message: string;
};

export type ChainReport = { chainKey: string; agencyName: string | null; rows: number; intact: boolean; lastSeq: number; firstBreak: ChainBreak | null };

export type AuditChainReport = { intact: boolean; rows: number; chains: ChainReport[] };

type Row = {
  id: number | string;
  chain_seq: number | string | null;
  prev_hash: string | null;
  hash: string | null;
  at_text: string;
  request_id: string | null;
  actor_user_id: string | null;
  agency_id: string | null;
  action: string;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  space_id: string | null;
  marking_before: string | null;
  marking_after: string | null;
  justification: string | null;
  details_text: string;
  kind: string | null;
};

/** What the trigger hashes: every field of the event and its link to the one before. */
export function eventHash(row: Row): string {
  return sha256Hex(
    canonicalJson({
      seq: row.chain_seq === null ? null : Number(row.chain_seq),
      prev: row.prev_hash,
      id: Number(row.id),
      at: row.at_text,
      requestId: row.request_id,
      actorUserId: row.actor_user_id,
      agencyId: row.agency_id,
      action: row.action,
      outcome: row.outcome,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      spaceId: row.space_id,
      markingBefore: row.marking_before,
      markingAfter: row.marking_after,
      justification: row.justification,
      details: { jsonbText: row.details_text },
      // Migration 0022: the s.62 kind is hashed only when set, so older links keep their hashes.
      ...(row.kind === null ? {} : { kind: row.kind }),
    }),
  );
}

const KEY = sql.raw(`coalesce(agency_id, '${SYSTEM_CHAIN}'::uuid)`);

/** Verifies every chain, or the one of `agencyId` (null: the system chain). */
export async function verifyAuditChain(ctx: Ctx, input: { agencyId?: string | null; pageSize?: number } = {}): Promise<AuditChainReport> {
  const pageSize = input.pageSize ?? 5_000;
  const wanted = input.agencyId === undefined ? null : (input.agencyId ?? SYSTEM_CHAIN);
  const heads = rowsOf<{ chain_key: string; seq: number | string; hash: string; name: string | null }>(
    await ctx.db.execute(sql`
      SELECT k.chain_key::text AS chain_key, coalesce(h.seq, 0) AS seq, coalesce(h.hash, '') AS hash, a.name
      FROM (SELECT chain_key FROM audit_chain_heads UNION SELECT DISTINCT ${KEY} FROM audit_events) AS k
      LEFT JOIN audit_chain_heads h ON h.chain_key = k.chain_key
      LEFT JOIN agencies a ON a.id = k.chain_key
      WHERE ${wanted === null ? sql`true` : sql`k.chain_key = ${wanted}::uuid`}
      ORDER BY a.name NULLS FIRST, k.chain_key`),
  );
  const chains: ChainReport[] = [];
  for (const head of heads) chains.push(await verifyChain(ctx, head.chain_key, head.name, { seq: Number(head.seq), hash: head.hash }, pageSize));
  return { intact: chains.every((c) => c.intact), rows: chains.reduce((n, c) => n + c.rows, 0), chains };
}

async function verifyChain(ctx: Ctx, chainKey: string, agencyName: string | null, head: { seq: number; hash: string }, pageSize: number): Promise<ChainReport> {
  let rows = 0;
  let prevHash = "";
  let expectedSeq = 1;
  let firstBreak: ChainBreak | null = null;
  const stop = (b: ChainBreak) => {
    firstBreak ??= b;
  };
  let after = 0;
  for (;;) {
    const page = rowsOf<Row>(
      await ctx.db.execute(sql`
        SELECT id, chain_seq, prev_hash, hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
               request_id, actor_user_id::text AS actor_user_id, agency_id::text AS agency_id, action, outcome::text AS outcome,
               subject_type, subject_id, space_id::text AS space_id, marking_before, marking_after, justification, details::text AS details_text, kind
        FROM audit_events
        WHERE ${KEY} = ${chainKey}::uuid AND chain_seq > ${after}
        ORDER BY chain_seq
        LIMIT ${pageSize}`),
    );
    for (const row of page) {
      rows++;
      const id = Number(row.id);
      const seq = Number(row.chain_seq);
      if (seq !== expectedSeq) stop({ id, seq, reason: "missing", message: `Row ${id} is link ${seq} but link ${expectedSeq} was expected: ${seq - expectedSeq} link(s) before it are missing.` });
      if (row.prev_hash !== prevHash) stop({ id, seq, reason: "relinked", message: `Row ${id} (link ${seq}) does not point to the row before it: the chain was cut or rebuilt here.` });
      if (row.hash === null || eventHash(row) !== row.hash) stop({ id, seq, reason: "altered", message: `Row ${id} (link ${seq}) does not match its hash: its contents were changed after it was written.` });
      prevHash = row.hash ?? "";
      expectedSeq = seq + 1;
      after = seq;
    }
    if (page.length < pageSize) break;
  }
  // A row inserted with the trigger switched off has no link at all.
  const unchained = rowsOf<{ id: number | string; n: number | string }>(
    await ctx.db.execute(sql`SELECT min(id) AS id, count(*) AS n FROM audit_events WHERE ${KEY} = ${chainKey}::uuid AND chain_seq IS NULL HAVING count(*) > 0`),
  )[0];
  if (unchained) {
    rows += Number(unchained.n);
    stop({ id: Number(unchained.id), seq: null, reason: "unchained", message: `Row ${Number(unchained.id)} was added without joining the chain (the chaining trigger was bypassed); ${Number(unchained.n)} such row(s).` });
  }
  const lastSeq = expectedSeq - 1;
  if (head.seq !== lastSeq || head.hash !== prevHash) {
    stop({ id: null, seq: head.seq, reason: "head", message: `The chain's recorded head is link ${head.seq} but its rows end at link ${lastSeq}: rows at its end were removed or the head was changed.` });
  }
  return { chainKey, agencyName, rows, intact: firstBreak === null, lastSeq, firstBreak };
}
