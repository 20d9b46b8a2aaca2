/**
 * The editor's translations: a template into form fields and back without losing or changing
 * anything (offsets either side of the start, lists one item a line, empty references), offsets
 * that are not numbers caught before anything is sent, and the server's problems put beside the
 * fields they are about, pinned to the card or column (not its position) they were found in.
 */
import { describe, expect, it } from "vitest";
import { describeOffset, ZResponseTemplate } from "@/lib/responses/response-template";
import { SEED_RESPONSE_TEMPLATES } from "@/lib/responses/seed-response-templates";
import { bodyOf, draftOf, fieldErrorsOf, fieldKey, FORM_KEY, minutesOf, moved, offsetDraftOf, offsetWords } from "./template-draft";

const UPDATED = "2026-01-01T00:00:00.000Z";

describe("the template editor's draft", () => {
  it.each(SEED_RESPONSE_TEMPLATES.map((t) => [t.title, t] as const))("turns %s into fields and back unchanged", (_title, template) => {
    const { body, errors } = bodyOf(draftOf(template), UPDATED);
    expect(errors).toEqual({});
    expect(body.expectedUpdatedAt).toBe(UPDATED);
    const content = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "expectedUpdatedAt"));
    const parsed = ZResponseTemplate.parse({ ...content, key: template.key });
    // Empty references come back as "" (the server leaves them out); everything else is as it was.
    const withoutEmpty = JSON.parse(JSON.stringify(parsed, (k, v: unknown) => (k === "reference" && v === "" ? undefined : v))) as unknown;
    expect(withoutEmpty).toEqual(template);
  });

  it.each([
    [0, { direction: "after", hours: "0", minutes: "0" }],
    [15, { direction: "after", hours: "0", minutes: "15" }],
    [270, { direction: "after", hours: "4", minutes: "30" }],
    [-120, { direction: "before", hours: "2", minutes: "0" }],
    [-21 * 24 * 60, { direction: "before", hours: "504", minutes: "0" }],
  ] as const)("shows an offset of %i minutes as %j, and reads it back", (minutes, fields) => {
    expect(offsetDraftOf(minutes)).toEqual(fields);
    expect(minutesOf(fields)).toBe(minutes);
  });

  it("reads empty fields as 0 and refuses what is not a whole number, without sending anything", () => {
    expect(minutesOf({ direction: "after", hours: "", minutes: " " })).toBe(0);
    expect(minutesOf({ direction: "before", hours: "1.5", minutes: "0" })).toMatch(/Hours must be a whole number/);
    expect(minutesOf({ direction: "after", hours: "1", minutes: "-5" })).toMatch(/Minutes must be a whole number/);
    expect(offsetWords({ direction: "before", hours: "26", minutes: "0" }, describeOffset)).toBe("1 day 2 h before start");
    expect(offsetWords({ direction: "after", hours: "x", minutes: "0" }, describeOffset)).toBeNull();

    const draft = draftOf(SEED_RESPONSE_TEMPLATES[0]!);
    const card = draft.columns[1]!.cards[0]!;
    card.due = { ...card.due, hours: "two" };
    expect(bodyOf(draft, UPDATED).errors).toEqual({ [fieldKey("card", card.uid, "due")]: ["Hours must be a whole number, 0 or more"] });
  });

  it("sends lists one item a line, leaving blank lines out", () => {
    const draft = draftOf(SEED_RESPONSE_TEMPLATES[0]!);
    draft.columns[0]!.cards[0]!.resources = "  PolSA \n\n Dog unit\n";
    const columns = bodyOf(draft, UPDATED).body.columns as { cards: { resources: string[] }[] }[];
    expect(columns[0]!.cards[0]!.resources).toEqual(["PolSA", "Dog unit"]);
  });

  it("puts each server problem by its field, pinned to the card or column it was found in", () => {
    const draft = draftOf(SEED_RESPONSE_TEMPLATES[0]!);
    const [c0, c1] = draft.columns;
    const errors = fieldErrorsOf(
      [
        { path: ["title"], message: "A template's title is required" },
        { path: ["columns"], message: "A template has at most 12 columns" },
        { path: ["columns", 1, "title"], message: "A column's title is required" },
        { path: ["columns", 0, "cards", 2, "dueOffsetMinutes"], message: "A card cannot fall due before it starts" },
        { path: ["columns", 0, "cards", 1, "startOffsetMinutes"], message: "A card's start can be at most 90 days before the response's start" },
        { path: ["columns", 1, "cards", 0, "resources", 3], message: "A resource is longer than 200 characters" },
        { path: ["columns", 1, "cards", 0], message: 'A card has no field "colour"' },
        { path: ["columns", 0, "cards"], message: "A column has at most 60 cards" },
        { path: ["columns", 40, "title"], message: "Out of range" },
        { path: [], message: 'A template edit has no field "key"' },
      ],
      draft,
    );
    expect(errors).toEqual({
      title: ["A template's title is required"],
      columns: ["A template has at most 12 columns"],
      [fieldKey("column", c1!.uid, "title")]: ["A column's title is required"],
      [fieldKey("card", c0!.cards[2]!.uid, "due")]: ["A card cannot fall due before it starts"],
      [fieldKey("card", c0!.cards[1]!.uid, "start")]: ["A card's start can be at most 90 days before the response's start"],
      [fieldKey("card", c1!.cards[0]!.uid, "resources")]: ["Item 4: A resource is longer than 200 characters"],
      [fieldKey("card", c1!.cards[0]!.uid)]: ['A card has no field "colour"'],
      [fieldKey("column", c0!.uid, "cards")]: ["A column has at most 60 cards"],
      [FORM_KEY]: ["Out of range", 'A template edit has no field "key"'],
    });
  });

  it("moves an item by one place, and not past either end", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    const list = ["a", "b"];
    expect(moved(list, 0, -1)).toBe(list);
    expect(moved(list, 1, 1)).toBe(list);
  });
});
