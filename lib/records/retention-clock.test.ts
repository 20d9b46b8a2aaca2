/**
 * The retention clock: every trigger type starts it where it should (creation, last change,
 * labelling, a raised event, the subject's 100th birthday), a clear period restarts it when new
 * information is recorded, and periods add as calendars do (29 February, month ends, BST days).
 */
import { describe, expect, it } from "vitest";
import { addPeriod, clockStart, describePeriod, dueOn, isDay, ukDay, type ClockItem, type ClockLabel } from "./retention-clock";

const item: ClockItem = {
  createdAt: new Date("2019-03-10T09:00:00Z"),
  modifiedAt: new Date("2021-07-01T23:30:00Z"), // 2 July in London (BST)
  labelledAt: new Date("2022-01-15T12:00:00Z"),
  eventOn: null,
  subjectDateOfBirth: "1960-02-29",
};
const label = (trigger: ClockLabel["trigger"], years = 6, extra: Partial<ClockLabel> = {}): ClockLabel => ({ trigger, period: { years, months: 0, days: 0 }, ...extra });

describe("the retention clock", () => {
  it("starts on the day of the trigger, in UK days", () => {
    expect(dueOn(label("created"), item)).toBe("2025-03-10");
    expect(clockStart(label("modified"), item)).toBe("2021-07-02");
    expect(dueOn(label("modified"), item)).toBe("2027-07-02");
    expect(dueOn(label("labelled"), item)).toBe("2028-01-15");
  });

  it("waits for an event until it is raised, then starts on the day it happened", () => {
    expect(dueOn(label("event"), item)).toBeNull();
    expect(dueOn(label("event"), { ...item, eventOn: "2020-11-30" })).toBe("2026-11-30");
    expect(dueOn(label("event"), { ...item, eventOn: "not a day" })).toBeNull();
  });

  it("computes the subject's 100th birthday from their date of birth (review group 1), and waits without one", () => {
    const group1 = label("event", 0, { computedEvent: "subject_100th_birthday" });
    expect(dueOn(group1, item)).toBe("2060-02-29");
    expect(dueOn(group1, { ...item, subjectDateOfBirth: "1961-02-28" })).toBe("2061-02-28");
    expect(dueOn(group1, { ...item, subjectDateOfBirth: null })).toBeNull();
  });

  it("restarts a clear period when new information about the subject is recorded, never earlier", () => {
    const group2 = label("created", 10, { isClearPeriod: true });
    expect(dueOn(group2, item)).toBe("2029-03-10");
    expect(dueOn(group2, { ...item, newInformationAt: new Date("2024-05-05T10:00:00Z") })).toBe("2034-05-05");
    expect(dueOn(group2, { ...item, newInformationAt: new Date("2010-01-01T10:00:00Z") })).toBe("2029-03-10");
    expect(dueOn(label("created", 10), { ...item, newInformationAt: new Date("2024-05-05T10:00:00Z") })).toBe("2029-03-10");
  });

  it("adds periods as calendars do, and refuses negative ones", () => {
    expect(addPeriod("2024-02-29", { years: 1, months: 0, days: 0 })).toBe("2025-02-28");
    expect(addPeriod("2024-01-31", { years: 0, months: 1, days: 0 })).toBe("2024-02-29");
    expect(addPeriod("2024-12-31", { years: 0, months: 2, days: 1 })).toBe("2025-03-01");
    expect(addPeriod("2024-06-15", { years: 0, months: 0, days: 400 })).toBe("2025-07-20");
    expect(() => addPeriod("2024-06-15", { years: -1, months: 0, days: 0 })).toThrow(/negative/);
    expect(() => addPeriod("2024-13-01", { years: 1, months: 0, days: 0 })).toThrow(/Not a day/);
  });

  it("reads days and periods", () => {
    expect([isDay("2026-02-29"), isDay("2028-02-29"), isDay("2026-1-1")]).toEqual([false, true, false]);
    expect(ukDay(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(ukDay(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
    expect([describePeriod({ years: 6, months: 0, days: 0 }), describePeriod({ years: 1, months: 6, days: 0 }), describePeriod({ years: 0, months: 0, days: 0 })]).toEqual(["6 years", "1 year 6 months", "no time"]);
  });
});
