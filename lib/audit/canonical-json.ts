/**
 * The audit chain's canonical JSON: the exact text PostgreSQL's jsonb gives an object (keys shorter
 * first, then byte order; ", " and ": " between them), so the database's chaining trigger and the
 * verifier, which recomputes every hash here in TypeScript, hash the same bytes without the
 * verifier having to trust any function in the database it is checking.
 */
import { createHash } from "node:crypto";

/** A top-level value of an audit row: text, a whole number, null, or JSON already in jsonb's text form. */
export type CanonicalValue = string | number | null | { jsonbText: string };

function keyOrder(a: string, b: string): number {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length !== y.length ? x.length - y.length : Buffer.compare(x, y);
}

function valueText(v: CanonicalValue): string {
  if (v === null) return "null";
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Error(`canonical JSON: ${v} is not a whole number`);
    return String(v);
  }
  if (typeof v === "string") return JSON.stringify(v);
  return v.jsonbText;
}

/** An object's canonical text, as `jsonb_build_object(…)::text` would print it. */
export function canonicalJson(fields: Record<string, CanonicalValue>): string {
  const keys = Object.keys(fields).sort(keyOrder);
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${valueText(fields[k]!)}`).join(", ")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
