/**
 * Where a repeating card's next occurrence falls (pure, no database): days, weeks and calendar
 * months in UTC, month ends clamped (leap years too), an occurrence completed late giving one next
 * occurrence rather than one per missed date, the series ending after `until`; and the input's
 * and the card's refusals, each with a message that says what to change.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors";
import { describeRecurrence } from "./describe-recurrence";
import { checkRecurrence, nextOccurrence, shiftDate, ZRecurrence } from "./recurrence";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The next occurrence's dates as ISO strings (null when the series has ended). */
const next = (dates: { startAt?: string; dueAt?: string }, recurrence: Parameters<typeof nextOccurrence>[1], now: string) => {
  const got = nextOccurrence({ startAt: dates.startAt ? at(dates.startAt) : null, dueAt: dates.dueAt ? at(dates.dueAt) : null }, recurrence, at(now));
  return got && { startAt: iso(got.startAt), dueAt: iso(got.dueAt), skipped: got.skipped };
};
const messageOf = (raw: unknown) => {
  const parsed = ZRecurrence.safeParse(raw);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("ZRecurrence", () => {
  it("takes a frequency, an interval (1 by default) and an optional until, and null for no recurrence", () => {
    expect(ZRecurrence.parse({ frequency: "weekly" })).toEqual({ frequency: "weekly", interval: 1 });
    expect(ZRecurrence.parse({ frequency: "monthly", interval: 3, until: "2026-12-31" })).toEqual({ frequency: "monthly", interval: 3, until: "2026-12-31" });
    expect(ZRecurrence.parse({ frequency: "daily", interval: 2, until: null })).toEqual({ frequency: "daily", interval: 2 });
    expect(ZRecurrence.parse(null)).toBeNull();
  });

  it("refuses an interval of 0, 1000 or 1.5, an unknown frequency and a malformed until, saying what to send", () => {
    expect(messageOf({ frequency: "daily", interval: 0 })).toMatch(/interval is at least 1/);
    expect(messageOf({ frequency: "daily", interval: 1000 })).toMatch(/interval is at most 52/);
    expect(messageOf({ frequency: "daily", interval: 1.5 })).toMatch(/whole number/);
    expect(messageOf({ frequency: "daily", interval: "2" })).toMatch(/whole number from 1 to 52/);
    expect(messageOf({ frequency: "hourly" })).toBe("Say how often the card repeats: daily, weekly or monthly");
    expect(messageOf({ frequency: "daily", until: "31/12/2026" })).toMatch(/YYYY-MM-DD/);
    expect(messageOf({ frequency: "daily", until: "2027-02-29" })).toMatch(/YYYY-MM-DD/);
    expect(messageOf("daily")).toMatch(/frequency, interval, until/);
  });
});

describe("shiftDate (UTC)", () => {
  it("clamps a calendar month to the month's end, in common and leap years", () => {
    expect(iso(shiftDate(at("2026-01-31T09:00:00Z"), "monthly", 1))).toBe("2026-02-28T09:00:00.000Z");
    expect(iso(shiftDate(at("2028-01-31T09:00:00Z"), "monthly", 1))).toBe("2028-02-29T09:00:00.000Z");
    expect(iso(shiftDate(at("2026-03-31T09:00:00Z"), "monthly", 1))).toBe("2026-04-30T09:00:00.000Z");
    // Across a year end, and twelve months on from a leap day.
    expect(iso(shiftDate(at("2026-11-30T23:30:00Z"), "monthly", 3))).toBe("2027-02-28T23:30:00.000Z");
    expect(iso(shiftDate(at("2028-02-29T12:00:00Z"), "monthly", 12))).toBe("2029-02-28T12:00:00.000Z");
  });

  it("moves days and weeks by whole UTC days, through the clock change", () => {
    // 29 March 2026 is the start of British Summer Time: the instant stays 08:00 UTC.
    expect(iso(shiftDate(at("2026-03-28T08:00:00Z"), "daily", 1))).toBe("2026-03-29T08:00:00.000Z");
    expect(iso(shiftDate(at("2026-03-25T08:00:00Z"), "weekly", 2))).toBe("2026-04-08T08:00:00.000Z");
    expect(iso(shiftDate(at("2028-02-28T08:00:00Z"), "daily", 1))).toBe("2028-02-29T08:00:00.000Z");
  });
});

describe("nextOccurrence", () => {
  it("moves the start and due dates on by one interval when completed on time", () => {
    expect(next({ startAt: "2026-06-01T08:00:00Z", dueAt: "2026-06-01T17:00:00Z" }, { frequency: "daily", interval: 1 }, "2026-06-01T12:00:00Z")).toEqual({
      startAt: "2026-06-02T08:00:00.000Z",
      dueAt: "2026-06-02T17:00:00.000Z",
      skipped: 0,
    });
    expect(next({ dueAt: "2026-06-05T09:00:00Z" }, { frequency: "weekly", interval: 2 }, "2026-06-04T09:00:00Z")).toEqual({ startAt: null, dueAt: "2026-06-19T09:00:00.000Z", skipped: 0 });
    expect(next({ dueAt: "2026-01-31T09:00:00Z" }, { frequency: "monthly", interval: 1 }, "2026-01-30T09:00:00Z")).toEqual({ startAt: null, dueAt: "2026-02-28T09:00:00.000Z", skipped: 0 });
  });

  it("repeats from the start date when the card has no due date", () => {
    expect(next({ startAt: "2026-06-01T08:00:00Z" }, { frequency: "weekly", interval: 1 }, "2026-06-01T09:00:00Z")).toEqual({ startAt: "2026-06-08T08:00:00.000Z", dueAt: null, skipped: 0 });
    expect(next({}, { frequency: "daily", interval: 1 }, "2026-06-01T09:00:00Z")).toBeNull();
  });

  it("gives one next occurrence, after now, for a card completed three days late", () => {
    // Due 1 June 17:00, completed 4 June 12:00: the occurrences of 2, 3 and 4 June are passed over
    // (the 4th's 17:00 is still ahead, so it is the next one).
    expect(next({ startAt: "2026-06-01T08:00:00Z", dueAt: "2026-06-01T17:00:00Z" }, { frequency: "daily", interval: 1 }, "2026-06-04T12:00:00Z")).toEqual({
      startAt: "2026-06-04T08:00:00.000Z",
      dueAt: "2026-06-04T17:00:00.000Z",
      skipped: 2,
    });
    // Exactly on a later due date: that one is not after now, so the one after it.
    expect(next({ dueAt: "2026-06-01T17:00:00Z" }, { frequency: "daily", interval: 1 }, "2026-06-03T17:00:00Z")).toMatchObject({ dueAt: "2026-06-04T17:00:00.000Z", skipped: 2 });
    expect(next({ dueAt: "2026-06-01T09:00:00Z" }, { frequency: "weekly", interval: 1 }, "2026-06-20T10:00:00Z")).toMatchObject({ dueAt: "2026-06-22T09:00:00.000Z", skipped: 2 });
    // Months late: every 2 months from 31 January, completed on 15 June: 31 March and 31 May are
    // passed over, and 31 July is the next.
    expect(next({ dueAt: "2026-01-31T09:00:00Z" }, { frequency: "monthly", interval: 2 }, "2026-06-15T10:00:00Z")).toMatchObject({ dueAt: "2026-07-31T09:00:00.000Z", skipped: 2 });
    // Late within the month: 28 February is already past on 28 February at noon.
    expect(next({ dueAt: "2026-01-31T09:00:00Z" }, { frequency: "monthly", interval: 1 }, "2026-02-28T12:00:00Z")).toMatchObject({ dueAt: "2026-03-31T09:00:00.000Z", skipped: 1 });
  });

  it("ends the series when the next date is after until (inclusive, a UTC date)", () => {
    const daily = (until: string) => ({ frequency: "daily" as const, interval: 1, until });
    expect(next({ dueAt: "2026-06-01T17:00:00Z" }, daily("2026-06-02"), "2026-06-01T12:00:00Z")).toMatchObject({ dueAt: "2026-06-02T17:00:00.000Z" });
    expect(next({ dueAt: "2026-06-02T17:00:00Z" }, daily("2026-06-02"), "2026-06-02T12:00:00Z")).toBeNull();
    // Completed so late that the next date after now is past until.
    expect(next({ dueAt: "2026-06-01T17:00:00Z" }, daily("2026-06-05"), "2026-06-09T12:00:00Z")).toBeNull();
    expect(next({ dueAt: "2026-01-31T09:00:00Z" }, { frequency: "monthly", interval: 1, until: "2026-02-27" }, "2026-01-31T10:00:00Z")).toBeNull();
  });
});

describe("checkRecurrence", () => {
  const daily = { frequency: "daily" as const, interval: 1 };
  it("refuses a recurrence on a card with neither a due date nor a start date", () => {
    expect(() => checkRecurrence(daily, null, null)).toThrow(InvalidInputError);
    expect(() => checkRecurrence(daily, null, null)).toThrow(/needs a due date \(or a start date\)/);
    expect(() => checkRecurrence(daily, at("2026-06-01T08:00:00Z"), null)).not.toThrow();
    expect(() => checkRecurrence(daily, null, at("2026-06-01T08:00:00Z"))).not.toThrow();
  });

  it("refuses an until before the card's own date", () => {
    expect(() => checkRecurrence({ ...daily, until: "2026-05-31" }, at("2026-06-01T08:00:00Z"), at("2026-06-01T17:00:00Z"))).toThrow("The date the card repeats until (2026-05-31) cannot be before its due date (2026-06-01)");
    expect(() => checkRecurrence({ ...daily, until: "2026-05-31" }, at("2026-06-01T08:00:00Z"), null)).toThrow(/before its start date/);
    expect(() => checkRecurrence({ ...daily, until: "2026-06-01" }, null, at("2026-06-01T17:00:00Z"))).not.toThrow();
  });
});

describe("describeRecurrence", () => {
  it("says how a card repeats", () => {
    expect(describeRecurrence({ frequency: "daily", interval: 1 })).toBe("Repeats daily");
    expect(describeRecurrence({ frequency: "weekly", interval: 2 })).toBe("Repeats every 2 weeks");
    expect(describeRecurrence({ frequency: "monthly", interval: 1, until: "2026-12-31" })).toBe("Repeats monthly until 31 Dec 2026");
  });
});
