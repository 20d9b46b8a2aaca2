/**
 * When a labelled item falls due (issue 8): the day its label's clock starts, from the label's
 * trigger (the item's creation, its last change, its labelling, or an event: raised for it, or
 * computed from the subject, as the 100th birthday of review group 1), plus the label's period in
 * years, months and days. Days are UK calendar days written YYYY-MM-DD; an instant is taken on
 * the day it falls in London. Adding a year to 29 February lands on 28 February, as a month
 * added to 31 January lands on the last day of February: never in the month after.
 *
 * Pure and deterministic: the callers (labelling, events, the sweep) store what it answers.
 */

export type RetentionPeriod = { years: number; months: number; days: number };
export type ClockTrigger = "created" | "modified" | "labelled" | "event";
export type ClockLabel = { trigger: ClockTrigger; period: RetentionPeriod; isClearPeriod?: boolean; computedEvent?: "subject_100th_birthday" | null };
export type ClockItem = {
  createdAt: Date;
  modifiedAt: Date;
  labelledAt: Date;
  /** The day the label's event happened for this item, if it has been raised. */
  eventOn?: string | null;
  subjectDateOfBirth?: string | null;
  /** For a clear period: when new information about the subject was last recorded. */
  newInformationAt?: Date | null;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UK calendar day (YYYY-MM-DD) an instant falls in. */
export function ukDay(at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** A day plus a period: years and months first (clamped to the month's last day), then days. */
export function addPeriod(day: string, period: RetentionPeriod): string {
  if (!isDay(day)) throw new RangeError(`Not a day: ${day}`);
  if (period.years < 0 || period.months < 0 || period.days < 0) throw new RangeError("A retention period cannot be negative");
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const months = (m - 1) + period.months + period.years * 12;
  const year = y + Math.floor(months / 12);
  const month0 = months % 12;
  const clamped = new Date(Date.UTC(year, month0, Math.min(d, daysInMonth(year, month0))));
  clamped.setUTCDate(clamped.getUTCDate() + period.days);
  return clamped.toISOString().slice(0, 10);
}

/** The day the label's clock starts for the item, or null while it waits for its event. */
export function clockStart(label: ClockLabel, item: ClockItem): string | null {
  let start: string | null;
  switch (label.trigger) {
    case "created":
      start = ukDay(item.createdAt);
      break;
    case "modified":
      start = ukDay(item.modifiedAt);
      break;
    case "labelled":
      start = ukDay(item.labelledAt);
      break;
    case "event":
      if (label.computedEvent === "subject_100th_birthday") start = item.subjectDateOfBirth && isDay(item.subjectDateOfBirth) ? addPeriod(item.subjectDateOfBirth, { years: 100, months: 0, days: 0 }) : null;
      else start = item.eventOn && isDay(item.eventOn) ? item.eventOn : null;
      break;
  }
  // A clear period restarts whenever new information about the subject is recorded.
  if (start !== null && label.isClearPeriod && item.newInformationAt) {
    const fresh = ukDay(item.newInformationAt);
    if (fresh > start) start = fresh;
  }
  return start;
}

/** The day the item falls due (its clock's start plus the period), or null while it waits. */
export function dueOn(label: ClockLabel, item: ClockItem): string | null {
  const start = clockStart(label, item);
  return start === null ? null : addPeriod(start, label.period);
}

/** A period in words ("6 years", "1 year 6 months", "30 days", "no time"). */
export function describePeriod(period: RetentionPeriod): string {
  const part = (n: number, one: string) => (n === 0 ? null : `${n} ${one}${n === 1 ? "" : "s"}`);
  const parts = [part(period.years, "year"), part(period.months, "month"), part(period.days, "day")].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "no time";
}
