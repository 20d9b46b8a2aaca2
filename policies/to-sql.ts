/**
 * Compiles the ability's rules for one action and subject into a SQL condition over the row's
 * own columns, so a list query returns exactly the rows `ability.can()` would allow (the property
 * test in lib/authz/accessible-where.property.test.ts checks this on both database engines).
 *
 * Fail closed: no rule means `null` ("no rows, no query": the caller must not query at all); a
 * field or operator this compiler does not know throws instead of being skipped.
 */
import { rulesToAST } from "@casl/ability/extra";
import { and, eq, gt, gte, lt, lte, not, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { AppAbility } from "./ability";
import type { Action, SubjectFields, SubjectType } from "./catalogue";

/** How each field a rule may test maps to a column; array columns are text[]. */
export type ColumnMap<S extends SubjectType> = {
  [K in keyof SubjectFields[S]]?: { column: AnyColumn; isArray?: boolean };
};

type FieldNode = { operator: string; field: string; value: unknown };
type CompoundNode = { operator: "and" | "or" | "not"; value: Node[] | Node };
type Node = FieldNode | CompoundNode;

// Abilities never change once built (defineAbilityFor makes a new one per request), so the
// condition compiled for one is kept with it: a page that lists twice compiles once.
const compiled = new WeakMap<AppAbility, WeakMap<object, Map<string, SQL | null>>>();

/** The SQL condition for rows the ability allows `action` on, or null when it allows none. */
export function accessibleWhere<S extends SubjectType>(
  ability: AppAbility,
  action: Action,
  subjectType: S,
  columns: ColumnMap<S>,
): SQL | null {
  const byColumns = compiled.get(ability) ?? new WeakMap<object, Map<string, SQL | null>>();
  compiled.set(ability, byColumns);
  const cache = byColumns.get(columns) ?? new Map<string, SQL | null>();
  byColumns.set(columns, cache);
  const key = `${action}|${subjectType}`;
  if (cache.has(key)) return cache.get(key)!;
  const result = compileAccessibleWhere(ability, action, subjectType, columns);
  cache.set(key, result);
  return result;
}

/** accessibleWhere() without keeping the result: what each new ability pays once (the benchmark's figure). */
export function compileAccessibleWhere<S extends SubjectType>(
  ability: AppAbility,
  action: Action,
  subjectType: S,
  columns: ColumnMap<S>,
): SQL | null {
  const ast = rulesToAST(ability, action, subjectType) as Node | null;
  if (!ast) return null;
  return compile(ast, columns as Record<string, { column: AnyColumn; isArray?: boolean } | undefined>);
}

function isCompound(node: Node): node is CompoundNode {
  return node.operator === "and" || node.operator === "or" || node.operator === "not";
}

function compile(node: Node, columns: Record<string, { column: AnyColumn; isArray?: boolean } | undefined>): SQL {
  if (isCompound(node)) {
    const children = (Array.isArray(node.value) ? node.value : [node.value]).map((n) => compile(n, columns));
    if (node.operator === "not") return not(children.length === 1 ? children[0]! : and(...children)!);
    if (children.length === 0) return node.operator === "and" ? sql`true` : sql`false`;
    if (children.length === 1) return children[0]!;
    return node.operator === "and" ? and(...children)! : or(...children)!;
  }
  const mapped = columns[node.field];
  if (!mapped) throw new Error(`accessibleWhere: no column for field "${node.field}"`);
  const { column, isArray } = mapped;
  const list = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new Error(`accessibleWhere: ${node.operator} on "${node.field}" needs a list`);
    return v;
  };
  // Each list is bound as ONE array parameter (`= ANY($n::uuid[])`), not one parameter per value:
  // a records manager's policy names ~1,000 spaces, and a thousand-parameter IN list costs more to
  // send, parse and plan than the page it filters (bench/results/authz-list.json).
  const textArray = (values: unknown[]) => sql`${sql.param(values)}::text[]`;
  const anyOf = (values: unknown[]) => sql`${column} = ANY(${sql.param(values)}::${sql.raw(elementType(column))}[])`;

  if (isArray) {
    switch (node.operator) {
      case "eq":
        return sql`${node.value} = ANY(${column})`;
      case "ne":
        return sql`NOT (${node.value} = ANY(${column}))`;
      case "in": {
        const values = list(node.value);
        return values.length === 0 ? sql`false` : sql`${column} && ${textArray(values)}`;
      }
      case "nin": {
        const values = list(node.value);
        return values.length === 0 ? sql`true` : sql`NOT (${column} && ${textArray(values)})`;
      }
      case "elemMatch": {
        // Only `{ $elemMatch: { $nin: [...] } }` (ucast names the element itself "__itself__"):
        // some element is outside the list, i.e. the array is not contained in it.
        const inner = node.value as Node;
        if (isCompound(inner) || inner.field !== "__itself__" || inner.operator !== "nin") break;
        const values = list(inner.value);
        return values.length === 0 ? sql`cardinality(${column}) > 0` : sql`NOT (${column} <@ ${textArray(values)})`;
      }
    }
    throw new Error(`accessibleWhere: operator "${node.operator}" is not supported on array field "${node.field}"`);
  }
  switch (node.operator) {
    case "eq":
      return eq(column, node.value);
    case "ne":
      return sql`${column} IS DISTINCT FROM ${node.value}`;
    case "in": {
      const values = list(node.value);
      return values.length === 0 ? sql`false` : anyOf(values);
    }
    case "nin": {
      // JavaScript's $nin holds for a missing value; SQL's NOT IN is unknown for NULL.
      const values = list(node.value);
      return values.length === 0 ? sql`true` : sql`(${column} IS NULL OR NOT (${anyOf(values)}))`;
    }
    case "lt":
      return lt(column, node.value);
    case "lte":
      return lte(column, node.value);
    case "gt":
      return gt(column, node.value);
    case "gte":
      return gte(column, node.value);
    default:
      throw new Error(`accessibleWhere: operator "${node.operator}" is not supported (field "${node.field}")`);
  }
}

/** The SQL type of a scalar column's values, for casting an array parameter; only known types. */
function elementType(column: AnyColumn): string {
  const type = (column as unknown as { getSQLType(): string }).getSQLType();
  if (!/^(uuid|text|smallint|integer|bigint|boolean)$/.test(type)) throw new Error(`accessibleWhere: no array cast for column type "${type}"`);
  return type;
}

/**
 * The highest value of a numeric field that any rule allowing `action` lets through, read off the
 * same rules accessibleWhere() compiles: null when no rule allows anything, Infinity when some
 * rule leaves the field unbounded (or bounds it in a way this does not read). A list uses it as a
 * pre-filter on a copy of the field kept in an index (member_documents.marking_rank), to skip
 * rows no rule could pass before fetching them; the compiled policy still decides every row, so
 * a ceiling too high costs time and can never widen access. Inverted rules only take away, so
 * they cannot raise it and are ignored.
 */
export function fieldCeiling<S extends SubjectType>(ability: AppAbility, action: Action, subjectType: S, field: keyof SubjectFields[S] & string): number | null {
  let ceiling: number | null = null;
  for (const rule of ability.rulesFor(action, subjectType)) {
    if (rule.inverted) continue;
    const bound = ruleCeiling((rule.conditions as Record<string, unknown> | undefined)?.[field]);
    ceiling = ceiling === null ? bound : Math.max(ceiling, bound);
  }
  return ceiling;
}

function ruleCeiling(condition: unknown): number {
  if (typeof condition === "number") return condition;
  if (condition === null || typeof condition !== "object") return Infinity;
  const ops = condition as Record<string, unknown>;
  const bounds: number[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if ((op === "$lte" || op === "$lt" || op === "$eq") && typeof value === "number") bounds.push(value);
    else if (op === "$in" && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number")) bounds.push(Math.max(...value));
    else if (op !== "$gte" && op !== "$gt") return Infinity;
  }
  return bounds.length > 0 ? Math.min(...bounds) : Infinity;
}
