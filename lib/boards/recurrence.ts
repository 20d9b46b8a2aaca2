/**
 * How a card repeats (issue 6: a daily patrol plan, a weekly review), as in Microsoft Planner:
 * completing an occurrence makes the next one (lib/boards/complete-card.ts). This file holds the
 * recurrence's input shape and decides, as pure functions, where the next occurrence falls.
 *
 * Dates move in UTC. Days and weeks are whole 24-hour days, so a card due at 08:00 UTC stays due
 * at 08:00 UTC through the clock changes (09:00 in British Summer Time). Months are calendar
 * months, clamped to the month's end: 31 January + 1 month is 28 February (29 in a leap year).
 * Each occurrence repeats from the one before it (the recurrence keeps no anchor day), so a
 * monthly series begun on the 31st goes on from the 28th once it has passed February.
 *
 * An occurrence completed late does not make one card for every date missed: the next one is the
 * first whose due date (or, without one, start date) is after the moment of completion. A series
 * ends once that date is after `until` (a calendar date, in UTC, inclusive).
 */
import { z } from "zod";
import type { CardRecurrence } from "@/db/schema";
import { InvalidInputError } from "../errors";

/** The longest interval: every 52 days, weeks or months. */
export const RECURRENCE_INTERVAL_MAX = 52;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A card's recurrence on the way in: `{ frequency, interval (default 1), until? }`, or null for
 * "does not repeat". `until` is the last date (YYYY-MM-DD) an occurrence may fall due on.
 */
export const ZRecurrence = z
  .object(
    {
      frequency: z.enum(["daily", "weekly", "monthly"], { message: "Say how often the card repeats: daily, weekly or monthly" }),
      interval: z
        .number({ message: `Say every how many days, weeks or months the card repeats: a whole number from 1 to ${RECURRENCE_INTERVAL_MAX}` })
        .int(`A card repeats every whole number of days, weeks or months (1 to ${RECURRENCE_INTERVAL_MAX})`)
        .min(1, `The interval is at least 1: a card repeats every 1 to ${RECURRENCE_INTERVAL_MAX} days, weeks or months`)
        .max(RECURRENCE_INTERVAL_MAX, `The interval is at most ${RECURRENCE_INTERVAL_MAX}: a card repeats every 1 to ${RECURRENCE_INTERVAL_MAX} days, weeks or months`)
        .default(1),
      until: z.union([z.iso.date({ message: "Give the date the card repeats until as YYYY-MM-DD, e.g. 2026-12-31" }), z.null()], { message: "Give the date the card repeats until as YYYY-MM-DD, e.g. 2026-12-31" }).optional(),
    },
    { message: "Give how the card repeats as { frequency, interval, until? }, or null for a card that does not repeat" },
  )
  .transform((r): CardRecurrence => (r.until ? { frequency: r.frequency, interval: r.interval, until: r.until } : { frequency: r.frequency, interval: r.interval }))
  .nullable();

/** The calendar date of an instant, in UTC (YYYY-MM-DD). */
export function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Refuses a recurrence the card cannot follow: one on a card with neither a due date nor a start
 * date (there is nothing to repeat from), or one that ends (`until`) before the card's own date.
 */
export function checkRecurrence(recurrence: CardRecurrence, startAt: Date | null, dueAt: Date | null): void {
  const anchor = dueAt ?? startAt;
  if (!anchor) throw new InvalidInputError("A repeating card needs a due date (or a start date) to repeat from: add one, or choose \"Does not repeat\"");
  if (recurrence.until !== undefined && recurrence.until < utcDateOf(anchor)) {
    throw new InvalidInputError(`The date the card repeats until (${recurrence.until}) cannot be before its ${dueAt ? "due" : "start"} date (${utcDateOf(anchor)})`);
  }
}

/** `date` moved on by `count` days, weeks or calendar months (clamped to the month's end), in UTC. */
export function shiftDate(date: Date, frequency: CardRecurrence["frequency"], count: number): Date {
  if (frequency === "daily") return new Date(date.getTime() + count * DAY_MS);
  if (frequency === "weekly") return new Date(date.getTime() + count * 7 * DAY_MS);
  const months = date.getUTCMonth() + count;
  const year = date.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  // Day 0 of the month after is the last day of this one. setUTCFullYear, not Date.UTC, which
  // would read the years 0-99 as 1900-1999.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month + 1, 0);
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay.getUTCDate()));
  return shifted;
}

/** The next occurrence's dates, and how many occurrences were passed over to reach it (completed late). */
export type NextOccurrence = { startAt: Date | null; dueAt: Date | null; skipped: number };

/**
 * Where the occurrence after one with these dates falls: both dates moved on by the same number
 * of intervals, the fewest that bring its due date (or, without one, its start date) after `now`.
 * Null when the series has ended (that date is after `until`) or there is no date to repeat from.
 */
export function nextOccurrence(dates: { startAt: Date | null; dueAt: Date | null }, recurrence: CardRecurrence, now: Date): NextOccurrence | null {
  const anchor = dates.dueAt ?? dates.startAt;
  if (!anchor) return null;
  const { frequency, interval } = recurrence;
  let steps = 1;
  if (frequency === "monthly") {
    // Every step before this one falls in a month before now's, so it is at or before now.
    const monthsBehind = (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
    steps = Math.max(1, Math.floor(monthsBehind / interval));
    while (shiftDate(anchor, frequency, steps * interval).getTime() <= now.getTime()) steps += 1;
  } else {
    const stepMs = (frequency === "weekly" ? 7 : 1) * interval * DAY_MS;
    const behind = now.getTime() - anchor.getTime();
    if (behind >= stepMs) steps = Math.floor(behind / stepMs) + 1;
  }
  const move = (d: Date | null) => (d ? shiftDate(d, frequency, steps * interval) : null);
  const next = { startAt: move(dates.startAt), dueAt: move(dates.dueAt), skipped: steps - 1 };
  const nextAnchor = (next.dueAt ?? next.startAt)!;
  // Past the year 9999 an instant has no ISO 8601 form that Accord reads back: the series ends.
  if (Number.isNaN(nextAnchor.getTime()) || nextAnchor.getUTCFullYear() > 9999) return null;
  if (recurrence.until !== undefined && utcDateOf(nextAnchor) > recurrence.until) return null;
  return next;
}
