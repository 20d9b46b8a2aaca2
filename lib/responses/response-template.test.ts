/**
 * Template validation: the seeded pre-planned responses are valid as written, and a template
 * that breaks a rule is refused with a message naming what is wrong.
 */
import { describe, expect, it } from "vitest";
import { cardDates, describeOffset, ZResponseTemplate } from "./response-template";
import { SEED_RESPONSE_TEMPLATES } from "./seed-response-templates";

const card = { title: "Search", action: "Search the home address", startOffsetMinutes: 0, dueOffsetMinutes: 60 };
const template = { key: "test-template", title: "Test", summary: "A test template", columns: [{ title: "First hour", cards: [card] }] };

function issues(value: unknown): string[] {
  const parsed = ZResponseTemplate.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

describe("response templates", () => {
  it("seeds the two national templates, each with dated cards in several columns", () => {
    expect(SEED_RESPONSE_TEMPLATES.map((t) => t.key)).toEqual(["missing-person-high-risk", "major-event-crowd-management"]);
    for (const t of SEED_RESPONSE_TEMPLATES) {
      expect(t.columns.length).toBeGreaterThan(2);
      expect(t.columns.flatMap((c) => c.cards).length).toBeGreaterThan(8);
    }
  });

  it("accepts a minimal template and fills the defaults", () => {
    const parsed = ZResponseTemplate.parse(template);
    expect(parsed.columns[0]!.cards[0]).toMatchObject({ resources: [], labels: [], checklist: [] });
  });

  it.each([
    ["a card due before it starts", { ...template, columns: [{ title: "A", cards: [{ ...card, startOffsetMinutes: 60, dueOffsetMinutes: 0 }] }] }, /cannot fall due before it starts/],
    ["a 10,000-character title", { ...template, columns: [{ title: "A", cards: [{ ...card, title: "x".repeat(10_000) }] }] }, /longer than 200/],
    ["no columns", { ...template, columns: [] }, /at least one column/],
    ["an empty action", { ...template, columns: [{ title: "A", cards: [{ ...card, action: "   " }] }] }, /prescribed action is required/],
    ["an offset of a year", { ...template, columns: [{ title: "A", cards: [{ ...card, dueOffsetMinutes: 365 * 24 * 60 }] }] }, /due time can be at most 90 days after the response's start/],
    ["a start a year before", { ...template, columns: [{ title: "A", cards: [{ ...card, startOffsetMinutes: -365 * 24 * 60 }] }] }, /start can be at most 90 days before the response's start/],
    ["a fractional offset", { ...template, columns: [{ title: "A", cards: [{ ...card, dueOffsetMinutes: 1.5 }] }] }, /whole number of minutes/],
    ["a key with spaces", { ...template, key: "my template" }, /template key/],
    ["an unknown field on the template", { ...template, owner: "x" }, /A template has no field "owner"/],
    ["an unknown field on a column", { ...template, columns: [{ title: "A", cards: [], colour: "red" }] }, /A column has no field "colour"/],
    ["an unknown field on a card", { ...template, columns: [{ title: "A", cards: [{ ...card, priority: 1 }] }] }, /A card has no field "priority"/],
  ])("refuses %s with a clear message", (_what, value, message) => {
    expect(issues(value).join("; ")).toMatch(message);
  });

  it("names the field of a card due before it starts: its due time", () => {
    const parsed = ZResponseTemplate.safeParse({ ...template, columns: [{ title: "A", cards: [{ ...card, startOffsetMinutes: 60, dueOffsetMinutes: 0 }] }] });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path)).toEqual([["columns", 0, "cards", 0, "dueOffsetMinutes"]]);
  });

  it("dates a card from the response's start, before and after it", () => {
    const start = new Date("2026-12-01T10:00:00Z");
    expect(cardDates({ startOffsetMinutes: -120, dueOffsetMinutes: 30 }, start)).toEqual({
      startAt: new Date("2026-12-01T08:00:00Z"),
      dueAt: new Date("2026-12-01T10:30:00Z"),
    });
  });

  it.each([
    [0, "at start"],
    [15, "15 min after start"],
    [60, "1 h after start"],
    [270, "4 h 30 min after start"],
    [-120, "2 h before start"],
    [-14 * 24 * 60, "14 days before start"],
    [3 * 24 * 60, "3 days after start"],
    [24 * 60 + 90, "1 day 1 h 30 min after start"],
  ])("describes an offset of %i minutes as %j", (minutes, words) => {
    expect(describeOffset(minutes)).toBe(words);
  });
});
