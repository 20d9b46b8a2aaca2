/**
 * The audit trail exported for an auditor or the ICO: every event the actor may read that
 * matches the filters, oldest first, as CSV (for a spreadsheet) or JSON (every field, details
 * included, with each event's link number and hash so the copy can be checked against the
 * chain). Read through listAuditEvents, a page at a time, so the policy and the filters are the
 * browser's exactly. The export is itself audited (who took a copy of the trail, and which part).
 */
import { z } from "zod";
import type { PolicyCtx } from "../context";
import { InvalidInputError, parseInput } from "../errors";
import { recordAudit } from "./record-audit";
import { listAuditEvents, ZAuditFilters, type AuditEventView } from "./list-audit-events";

/** The most events one export holds: beyond it, narrow the filters (the message says so). */
export const AUDIT_EXPORT_MAX = 100_000;

export const ZExportAuditEvents = ZAuditFilters.extend({
  format: z.enum(["csv", "json"], { message: "format must be csv or json" }),
});

const CSV_COLUMNS = ["id", "at", "kind", "action", "outcome", "actor", "actorEmail", "agency", "subjectType", "subjectId", "space", "markingBefore", "markingAfter", "justification", "requestId", "chainSeq", "hash", "details"] as const;

/** A CSV field: quoted when it must be, and never read as a formula by a spreadsheet (CWE-1236). */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(e: AuditEventView): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: e.id,
    at: e.at,
    kind: e.kind,
    action: e.action,
    outcome: e.outcome,
    actor: e.actor?.name,
    actorEmail: e.actor?.email,
    agency: e.agency?.name,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    space: e.space?.name ?? e.space?.id,
    markingBefore: e.markingBefore,
    markingAfter: e.markingAfter,
    justification: e.justification,
    requestId: e.requestId,
    chainSeq: e.chainSeq,
    hash: e.hash,
    details: e.details,
  };
  return CSV_COLUMNS.map((c) => csvField(cells[c])).join(",");
}

export type AuditExport = { filename: string; contentType: string; body: Uint8Array; count: number };

export async function exportAuditEvents(ctx: PolicyCtx, raw: unknown): Promise<AuditExport> {
  const { format, ...filters } = parseInput(ZExportAuditEvents, raw);
  const events: AuditEventView[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listAuditEvents(ctx, { ...filters, before, limit: 500 });
    events.push(...page.items);
    if (events.length > AUDIT_EXPORT_MAX) throw new InvalidInputError(`More than ${AUDIT_EXPORT_MAX.toLocaleString("en-GB")} events match: narrow the days or the filters`);
    if (page.next === null) break;
    before = page.next;
  }
  events.reverse();
  await recordAudit(ctx, { action: "audit.export", subjectType: "audit_trail", subjectId: ctx.actor.agency.id, details: { format, filters, count: events.length } });
  const day = ctx.now.toISOString().slice(0, 10);
  const filename = `audit-${ctx.actor.agency.code}-${day}.${format}`;
  const text =
    format === "csv"
      ? `${CSV_COLUMNS.join(",")}\r\n${events.map((e) => `${csvRow(e)}\r\n`).join("")}`
      : JSON.stringify({ agency: ctx.actor.agency.code, exportedAt: ctx.now.toISOString(), exportedBy: ctx.actor.email, filters, events }, null, 2);
  return { filename, contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json", body: new TextEncoder().encode(text), count: events.length };
}
