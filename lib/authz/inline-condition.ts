/**
 * Writes a compiled policy condition (policies/to-sql.ts) as one SQL fragment with its values as
 * literals instead of bound parameters. A list query built on it then has the same text every
 * time the same person asks, so PostgreSQL's prepared statement and plan are reused instead of
 * binding and planning a policy that names a thousand spaces on every request
 * (bench/results/authz-list.json).
 *
 * The threat is SQL injection through a value written into the text. The compiler writes no
 * literals of its own, so every value comes from a bound parameter; each is written only if it is
 * of a type the rules produce (ids, codes, handling names, integers, lists of them) and free of
 * quotes' escape characters; anything else throws (fail closed).
 */
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

const dialect = new PgDialect();
// Conditions are compiled once per ability; their inlined forms are kept with them.
const inlined = new WeakMap<SQL, SQL>();

/** The condition with its values written as literals (the same object for the same condition). */
export function inlineCondition(condition: SQL): SQL {
  const hit = inlined.get(condition);
  if (hit) return hit;
  const result = writeInline(condition);
  inlined.set(condition, result);
  return result;
}

// A digest of each inlined condition's text, so that callers can key caches by what the SQL says
// without hashing tens of kilobytes on every lookup.
const inlinedKeys = new WeakMap<SQL, string>();

/** SHA-256 of the text of a condition inlineCondition() wrote (undefined for any other SQL). */
export function inlinedKey(condition: SQL): string | undefined {
  return inlinedKeys.get(condition);
}

/** The condition as one raw fragment with every bound value written as a literal (not kept). */
export function writeInline(condition: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(condition);
  // The compiler writes no literals of its own, so a quote here would mean a value escaped into
  // the text some other way: refuse rather than guess where literals begin and end.
  if (text.includes("'")) throw new Error("inlineCondition: unexpected literal in compiled condition");
  const inlined = text.replace(/\$(\d+)/g, (_m, n: string) => {
    const index = Number(n) - 1;
    if (!(index in params)) throw new Error(`inlineCondition: no value for $${n}`);
    return literal(params[index]);
  });
  const result = sql.raw(inlined);
  inlinedKeys.set(result, createHash("sha256").update(inlined).digest("base64url"));
  return result;
}

/** One element of an array literal: double-quoted; quotes, backslashes and NUL refused. */
function arrayElement(value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string" || /["\\\u0000]/.test(value)) throw new Error("inlineCondition: cannot write this value in an array literal");
  return `"${value.replaceAll("'", "''")}"`;
}

/** A SQL literal for a value the rules produce; anything else throws (fail closed). */
function literal(value: unknown): string {
  // One array literal, '{"a","b"}', which PostgreSQL reads once when it parses the statement
  // (ARRAY['a', 'b'] would be rebuilt element by element every time the statement is planned).
  if (Array.isArray(value)) return `'{${value.map(arrayElement).join(",")}}'`;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`inlineCondition: cannot write ${value} as a literal`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") {
    // Backslashes and NUL never occur in ids, codes or handling names; refusing them keeps the
    // literal safe whatever standard_conforming_strings is set to.
    if (/[\\\u0000]/.test(value)) throw new Error("inlineCondition: refusing to write a value with a backslash or NUL as a literal");
    return `'${value.replaceAll("'", "''")}'`;
  }
  throw new Error(`inlineCondition: cannot write a ${value === null ? "null" : typeof value} as a literal`);
}

