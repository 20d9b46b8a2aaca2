/**
 * Parsing a template edit into clear errors, every one of them at once and each with the field it
 * is about. A template is a large form (columns, cards, offsets): one message at a time would make
 * a person save again and again to find each mistake, and a message without its field would not
 * say which of forty cards is wrong. Nothing is stored when any rule fails.
 */
import type { z } from "zod";
import { InvalidInputError } from "../errors";

/** The most problems one answer lists: enough to fix a page of mistakes, bounded for a hostile body. */
export const TEMPLATE_ISSUES_MAX = 50;

/** One problem: where it is (e.g. ["columns", 0, "cards", 2, "dueOffsetMinutes"]) and what is wrong, in words. */
export type TemplateIssue = { path: (string | number)[]; message: string };

/** A template edit that breaks a rule: the message is the first problem; `issues` are all of them, each with its field. */
export class InvalidTemplateError extends InvalidInputError {
  constructor(readonly issues: TemplateIssue[]) {
    super(issues.length > 1 ? `${issues[0]!.message} (and ${issues.length - 1} more ${issues.length === 2 ? "problem" : "problems"})` : (issues[0]?.message ?? "The template is not valid"));
  }
}

/** Parses `raw` with `schema`, or throws InvalidTemplateError naming every problem and its field. */
export function parseTemplateInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidTemplateError(
    parsed.error.issues.slice(0, TEMPLATE_ISSUES_MAX).map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== "symbol"), message: i.message })),
  );
}
