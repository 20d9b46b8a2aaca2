/**
 * Conditional logic of a form (issue 7): whether a section, a repeating group or a field is shown
 * for the answers given so far, and the answers with everything hidden taken out.
 *
 * What a hidden part held is dropped, not kept: a witness who first says they are under 18, fills
 * in special measures and then corrects their age must not leave special-measures answers in the
 * record (nor have them disclosed, nor have them required). The browser (to show and hide as the
 * person types) and the server (to store and validate) run this same code, so the two cannot
 * disagree about what was asked. It is pure and imports nothing that runs: no zod, no ajv, nothing
 * of the server.
 *
 * A condition only ever sees answers of parts that are themselves shown: a section shown when
 * "vehicle damaged" is yes stays hidden once the vehicle section holding that answer is hidden,
 * whatever the stale answer says. visibleAnswers() therefore re-evaluates until nothing changes
 * (one pass when no condition names a field that is itself conditional).
 */
import type { FormCondition, FormDefinition, FormLayout } from "./form-definition";

/** A submission's answers: field name → value (a repeating group's value is a list of items). */
export type FormAnswers = Record<string, unknown>;

/** The value of a property the object holds itself (never one inherited, such as "constructor"). */
function own(answers: FormAnswers, field: string): unknown {
  return Object.hasOwn(answers, field) ? answers[field] : undefined;
}

/** Whether a value counts as an answer: not absent, null, blank text or an empty list. */
export function isAnswerGiven(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return /\S/.test(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Evaluates a condition. `itemFields`, when given, says which names belong to the item (so that
 * an item's unanswered field is not confused with a top-level field of the same name); without
 * it, a name the item holds is the item's.
 */
function evaluate(condition: FormCondition, answers: FormAnswers, item: FormAnswers | undefined, itemFields: ReadonlySet<string> | undefined): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluate(c, answers, item, itemFields));
  if ("any" in condition) return condition.any.some((c) => evaluate(c, answers, item, itemFields));
  const isItems = item !== undefined && (itemFields ? itemFields.has(condition.field) : Object.hasOwn(item, condition.field));
  const value = isItems ? own(item, condition.field) : own(answers, condition.field);
  if ("isAnswered" in condition) return isAnswerGiven(value) === condition.isAnswered;
  // A list of choices (checkboxes) matches when it holds the value.
  if ("equals" in condition) return Array.isArray(value) ? value.includes(condition.equals) : value === condition.equals;
  if ("in" in condition) return Array.isArray(value) ? value.some((v) => condition.in.includes(v as string | number | boolean)) : condition.in.includes(value as string | number | boolean);
  // Not a condition this code knows (parseFormDefinition refuses one): show the part, so that
  // what it asks is asked and validated rather than silently dropped.
  return true;
}

/**
 * Whether a part with this condition is shown for these answers; inside a repeating group, pass
 * the item's answers too: a field the item holds is read from the item first. No condition: shown.
 */
export function isShown(condition: FormCondition | undefined, answers: FormAnswers, item?: FormAnswers): boolean {
  return condition === undefined || evaluate(condition, answers, item, undefined);
}

/** A field with every condition that must hold for it to be shown (its section's, its own). */
type FieldRule = { name: string; conditions: FormCondition[] };
type GroupRule = FieldRule & {
  /** The item's fields that have a condition, and every field name of an item. */
  conditional: FieldRule[];
  fieldNames: ReadonlySet<string>;
  isChained: boolean;
};

/**
 * The layout reduced to what visibility needs. Building it walks the layout once; the server
 * keeps it with the compiled validator, so that a submission costs only the conditions it has.
 */
export type VisibilityPlan = {
  /** Every top-level field and group name the layout places. */
  names: ReadonlySet<string>;
  /** The top-level fields and groups that have a condition (their section's or their own). */
  conditional: FieldRule[];
  groups: GroupRule[];
  /** Whether a condition names a field that is itself conditional (needs re-passes). */
  isChained: boolean;
};

function namesIn(condition: FormCondition, into: Set<string>): Set<string> {
  if ("all" in condition) condition.all.forEach((c) => namesIn(c, into));
  else if ("any" in condition) condition.any.forEach((c) => namesIn(c, into));
  else into.add(condition.field);
  return into;
}

function isChainedAmong(rules: FieldRule[]): boolean {
  const conditional = new Set(rules.map((r) => r.name));
  return rules.some((r) => r.conditions.some((c) => [...namesIn(c, new Set())].some((n) => conditional.has(n))));
}

/** Builds the plan of a layout (see VisibilityPlan). */
export function visibilityPlan(layout: FormLayout): VisibilityPlan {
  const names = new Set<string>();
  const conditional: FieldRule[] = [];
  const groups: GroupRule[] = [];
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        const conditions = [section.showWhen, item.showWhen].filter((c): c is FormCondition => c !== undefined);
        const name = "group" in item ? item.group : item.field;
        names.add(name);
        if (conditions.length > 0) conditional.push({ name, conditions });
        if ("group" in item) {
          const inner = item.fields.filter((f) => f.showWhen !== undefined).map((f) => ({ name: f.field, conditions: [f.showWhen!] }));
          groups.push({ name, conditions, conditional: inner, fieldNames: new Set(item.fields.map((f) => f.field)), isChained: isChainedAmong(inner) });
        }
      }
  return { names, conditional, groups, isChained: isChainedAmong(conditional) };
}

/** Names hidden by the last visibility pass, for callers that must know (the validator). */
export type HiddenCollector = { fields: Set<string>; itemFields: Map<string, Set<string>[]> };

/** The names among `rules` whose conditions do not hold (undefined when none). */
function hiddenAmong(rules: FieldRule[], answers: FormAnswers, item?: FormAnswers, itemFields?: ReadonlySet<string>): Set<string> | undefined {
  let hidden: Set<string> | undefined;
  for (const rule of rules) {
    for (const c of rule.conditions) {
      if (!evaluate(c, answers, item, itemFields)) {
        (hidden ??= new Set()).add(rule.name);
        break;
      }
    }
  }
  return hidden;
}

const isSameSet = (a: Set<string> | undefined, b: Set<string> | undefined) => (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((x) => b!.has(x));

/** Whether a value is kept: an answer, or a list (an empty group is an answer: "no exhibits"). */
export function isKept(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.length > 0 && (value.charCodeAt(0) > 32 || /\S/.test(value));
  return true;
}

/**
 * `answers` without names the form does not have, hidden ones and unanswered ones: `answers`
 * itself when nothing is to go (the usual case, which then costs no copy), else a copy.
 */
function strip(answers: FormAnswers, names: ReadonlySet<string>, hidden: Set<string> | undefined, isKnownClean: boolean): FormAnswers {
  if (isKnownClean) {
    // Every key is known to be a field, answered: only a hidden one can have to go.
    let hasHidden = false;
    if (hidden) for (const name of hidden) if (Object.hasOwn(answers, name)) hasHidden = true;
    if (!hasHidden) return answers;
  }
  // for…in reads each value through V8's key cache; only own keys count (Object.hasOwn), so
  // nothing inherited is ever taken for an answer.
  let isClean = true;
  for (const k in answers) {
    if (!Object.hasOwn(answers, k) || !names.has(k) || hidden?.has(k) || !isKept(answers[k])) {
      isClean = false;
      break;
    }
  }
  if (isClean) return answers;
  const kept: FormAnswers = {};
  for (const k of Object.keys(answers)) if (names.has(k) && !hidden?.has(k) && isKept(answers[k])) kept[k] = answers[k];
  return kept;
}

/**
 * The answers kept of one object (the top level, or an item with `top` its top level): the
 * conditions are re-evaluated against what the last pass kept until nothing changes, since a part
 * shown or hidden only because of a stale answer changes what other conditions see. At most one
 * pass per conditional part (conditions that chase each other round have no stable answer; the
 * last pass is kept). `hiddenOut`, when given, receives every hidden name.
 */
function settle(rules: FieldRule[], isChained: boolean, answers: FormAnswers, names: ReadonlySet<string>, top: FormAnswers | undefined, isKnownClean: boolean, hiddenOut?: Set<string>): FormAnswers {
  const itemFields = top === undefined ? undefined : names;
  if (!isChained && isKnownClean && !hiddenOut) {
    // The usual case: nothing to drop but hidden answers, so only the conditions of fields that
    // hold an answer need evaluating (nothing is allocated when none of them is hidden).
    let hidden: Set<string> | undefined;
    for (const rule of rules) {
      if (!Object.hasOwn(answers, rule.name)) continue;
      for (const c of rule.conditions) {
        if (!(top === undefined ? evaluate(c, answers, undefined, undefined) : evaluate(c, top, answers, itemFields))) {
          (hidden ??= new Set()).add(rule.name);
          break;
        }
      }
    }
    return hidden ? strip(answers, names, hidden, true) : answers;
  }
  // Conditions see answers, never blank text or a field the form does not have.
  const base = strip(answers, names, undefined, isKnownClean);
  let hidden = top === undefined ? hiddenAmong(rules, base) : hiddenAmong(rules, top, base, itemFields);
  let kept = strip(base, names, hidden, true);
  for (let pass = 0; isChained && pass <= rules.length; pass++) {
    const next = top === undefined ? hiddenAmong(rules, kept) : hiddenAmong(rules, top, kept, itemFields);
    if (isSameSet(next, hidden)) break;
    hidden = next;
    kept = strip(base, names, hidden, true);
  }
  if (hiddenOut && hidden) for (const name of hidden) hiddenOut.add(name);
  return kept;
}

/**
 * The answers as stored and validated, from a plan: only fields of the form, only those shown,
 * only those answered (null and blank text count as not answered), each repeating group's items
 * treated the same way one by one. A group's value that is not a list, or an item that is not an
 * object, is kept as it is, for the validator to report. Never changes `answers`; returns it
 * itself (or reuses its items) where nothing is to go. `hidden`, when given, receives the names
 * hidden. `isKnownClean` is the caller's word that every key, in items too, is a field of the
 * form holding an answer (isKept): then only hidden answers are looked for.
 */
export function visibleAnswersByPlan(plan: VisibilityPlan, answers: FormAnswers, hidden?: HiddenCollector, isKnownClean = false): FormAnswers {
  if (hidden) {
    hidden.fields = new Set();
    hidden.itemFields = new Map();
  }
  let out = settle(plan.conditional, plan.isChained, answers, plan.names, undefined, isKnownClean, hidden?.fields);
  // Groups last: an item's condition may name any top-level field, which is now settled.
  for (const group of plan.groups) {
    const list = Object.hasOwn(out, group.name) ? out[group.name] : undefined;
    if (!Array.isArray(list)) continue;
    let items: unknown[] | undefined;
    const hiddenPerItem: Set<string>[] | undefined = hidden ? [] : undefined;
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      const itemHidden = hiddenPerItem ? new Set<string>() : undefined;
      hiddenPerItem?.push(itemHidden!);
      if (!isPlainObject(item)) continue;
      const kept = settle(group.conditional, group.isChained, item, group.fieldNames, out, isKnownClean, itemHidden);
      if (kept !== item) (items ??= list.slice())[i] = kept;
    }
    if (hidden && hiddenPerItem) hidden.itemFields.set(group.name, hiddenPerItem);
    if (items) {
      if (out === answers) out = { ...answers };
      out[group.name] = items;
    }
  }
  return out;
}

/** A plain object (what JSON.parse makes of `{…}`): not null, not a list, not a class instance. */
export function isPlainObject(value: unknown): value is FormAnswers {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The answers with every field of a hidden section, a hidden group or a hidden field removed
 * (per item inside a repeating group), and unanswered ones left out: what is stored and
 * validated. To show a form, evaluate each part's condition with isShown() against this result
 * rather than the raw answers, and the page shows exactly what the server keeps.
 */
export function visibleAnswers(definition: Pick<FormDefinition, "layout">, answers: FormAnswers): FormAnswers {
  return visibleAnswersByPlan(visibilityPlan(definition.layout), answers);
}
