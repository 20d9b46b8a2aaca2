/** Writing a compiled condition with literals: same rows as the bound form, and nothing unsafe written. */
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { documents } from "@/db/schema";
import { inlineCondition, inlinedKey, writeInline } from "./inline-condition";

const text = (s: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(s);
const anyOf = (values: unknown) => sql`${documents.spaceId} = ANY(${sql.param(values)}::uuid[])`;

describe("inlineCondition", () => {
  it("writes every value as a literal, so the text has no parameters", () => {
    const out = text(writeInline(and(anyOf(["a1", "b2"]), eq(documents.markingRank, 2), eq(documents.handling, "RECIPIENTS ONLY"))!));
    expect(out.params).toEqual([]);
    expect(out.sql).toContain(`= ANY('{"a1","b2"}'::uuid[])`);
    expect(out.sql).toContain(`"marking_rank" = 2`);
    expect(out.sql).toContain(`= 'RECIPIENTS ONLY'`);
  });

  it("doubles a quote inside a value, so it cannot end the literal", () => {
    const out = text(writeInline(eq(documents.title, "x' OR true --")));
    expect(out.sql).toBe(`"documents"."title" = 'x'' OR true --'`);
    expect(text(writeInline(anyOf(["x' OR true --"]))).sql).toContain(`'{"x'' OR true --"}'`);
  });

  it.each([
    ["a backslash", eq(documents.title, "a\\b")],
    ["a NUL", eq(documents.title, "a\u0000b")],
    ["a double quote in a list", anyOf(['a"b'])],
    ["an object", sql`${documents.title} = ${sql.param({ a: 1 })}`],
    ["a fraction", eq(documents.markingRank, 1.5)],
    ["null", sql`${documents.title} = ${sql.param(null)}`],
  ])("refuses %s rather than guess how to write it", (_label, condition) => {
    expect(() => writeInline(condition)).toThrow(/inlineCondition/);
  });

  it("refuses a condition that already holds a literal it did not write", () => {
    expect(() => writeInline(sql`${documents.title} = 'raw'`)).toThrow(/unexpected literal/);
  });

  it("keeps one inlined form per condition, with a key that names its text", () => {
    const condition = eq(documents.markingRank, 1);
    const once = inlineCondition(condition);
    expect(inlineCondition(condition)).toBe(once);
    expect(inlinedKey(once)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(inlinedKey(inlineCondition(eq(documents.markingRank, 2)))).not.toBe(inlinedKey(once));
    expect(inlinedKey(condition)).toBeUndefined();
  });
});
