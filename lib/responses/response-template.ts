/**
 * A pre-planned response (PPR): a template of a board's columns and cards, each card with its
 * prescribed action, the resources it needs, reference material and due times relative to the
 * moment the response starts. "Start response" turns one into a real board with real dates.
 *
 * Templates are national (every agency sees them) or local to one agency (which may extend a
 * national one). They are stored and validated as one document rather than as rows, because a
 * template is always read, shown and instantiated whole; the limits below keep one from growing
 * into something no one could review on a page.
 */
import { z } from "zod";

/** Minutes in a day, for offsets written as days. */
export const DAY_MINUTES = 24 * 60;

// A planning card may fall due weeks before the start (a safety advisory group meets well before
// the event); a follow-up weeks after it (a structured debrief).
const OFFSET_LIMIT_MINUTES = 90 * DAY_MINUTES;

const text = (max: number, what: string) => z.string({ message: `${what} must be text` }).trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);

/**
 * An object that refuses a field it does not know, naming it, rather than silently dropping it:
 * an edit sent with a misspelt field would otherwise look saved and be lost.
 */
export const knownFields = <S extends z.ZodRawShape>(what: string, shape: S) =>
  z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? `${what} has no field ${issue.keys.map((k) => `"${k}"`).join(", ")}` : undefined) });

/** An offset from the start, in whole minutes, within the limits; `what` names which ("start", "due time"). */
const offset = (what: string) =>
  z
    .number({ message: `A card's ${what} must be a number of minutes from the response's start` })
    .int(`A card's ${what} must be a whole number of minutes from the response's start`)
    .min(-OFFSET_LIMIT_MINUTES, `A card's ${what} can be at most ${OFFSET_LIMIT_MINUTES / DAY_MINUTES} days before the response's start`)
    .max(OFFSET_LIMIT_MINUTES, `A card's ${what} can be at most ${OFFSET_LIMIT_MINUTES / DAY_MINUTES} days after the response's start`);

export const ZTemplateCard = knownFields("A card", {
  title: text(200, "A card's title"),
  /** What must be done, as the template prescribes it (plain text; becomes the card's description). */
  action: text(2000, "A card's prescribed action"),
  /** People, teams or kit the action needs. */
  resources: z.array(text(200, "A resource"), { message: "A card's resources must be a list" }).max(20, "A card has at most 20 resources").default([]),
  /** Where the procedure is written down (an APP section, a local policy). */
  reference: z.string({ message: "A card's reference must be text" }).trim().max(300, "A card's reference is longer than 300 characters").optional(),
  /** When work on the card starts and when it is due, in minutes from the response's start (negative: before it). */
  startOffsetMinutes: offset("start"),
  dueOffsetMinutes: offset("due time"),
  labels: z.array(text(40, "A label"), { message: "A card's labels must be a list" }).max(10, "A card has at most 10 labels").default([]),
  checklist: z.array(text(500, "A checklist item"), { message: "A card's checklist must be a list" }).max(30, "A card's checklist has at most 30 items").default([]),
}).refine((c) => c.dueOffsetMinutes >= c.startOffsetMinutes, { message: "A card cannot fall due before it starts", path: ["dueOffsetMinutes"] });

export const ZTemplateColumn = knownFields("A column", {
  title: text(100, "A column's title"),
  cards: z.array(ZTemplateCard, { message: "A column's cards must be a list" }).max(60, "A column has at most 60 cards"),
});

export const ZResponseTemplate = knownFields("A template", {
  /** A stable key, so a seeded template is recognised and updated rather than duplicated. */
  key: z.string({ message: "A template key must be text" }).regex(/^[a-z0-9-]{3,64}$/, "A template key is 3 to 64 lowercase letters, digits and hyphens"),
  title: text(200, "A template's title"),
  summary: text(1000, "A template's description"),
  /** The doctrine it follows (e.g. College of Policing APP). */
  reference: z.string({ message: "A template's reference must be text" }).trim().max(300, "A template's reference is longer than 300 characters").optional(),
  columns: z.array(ZTemplateColumn, { message: "A template's columns must be a list" }).min(1, "A template needs at least one column").max(12, "A template has at most 12 columns"),
});

export type ResponseTemplateCard = z.infer<typeof ZTemplateCard>;
export type ResponseTemplateContent = z.infer<typeof ZResponseTemplate>;

/** The start and due instants of a template card for a response starting at `startsAt`. */
export function cardDates(card: Pick<ResponseTemplateCard, "startOffsetMinutes" | "dueOffsetMinutes">, startsAt: Date): { startAt: Date; dueAt: Date } {
  return {
    startAt: new Date(startsAt.getTime() + card.startOffsetMinutes * 60_000),
    dueAt: new Date(startsAt.getTime() + card.dueOffsetMinutes * 60_000),
  };
}

/** An offset from the start in words, as the library shows it: "at start", "1 h after start", "14 days before start". */
export function describeOffset(minutes: number): string {
  if (minutes === 0) return "at start";
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / DAY_MINUTES);
  const hours = Math.floor((abs % DAY_MINUTES) / 60);
  const mins = abs % 60;
  const parts = [days > 0 ? `${days} ${days === 1 ? "day" : "days"}` : "", hours > 0 ? `${hours} h` : "", mins > 0 ? `${mins} min` : ""].filter(Boolean);
  return `${parts.join(" ")} ${minutes < 0 ? "before" : "after"} start`;
}
