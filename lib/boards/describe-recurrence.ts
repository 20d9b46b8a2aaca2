/**
 * A card's recurrence in words ("Repeats daily", "Repeats every 2 weeks until 30 Jun 2026"), for
 * the card dialog and My work. Kept apart from recurrence.ts, which carries zod and the server's
 * errors, so that a client component can import it without them.
 */
import type { CardRecurrence } from "@/db/schema";

const UNITS = { daily: "days", weekly: "weeks", monthly: "months" } as const;

/** The recurrence as a short hint; `until` is a calendar date, shown as such (UTC, never shifted a day by the viewer's zone). */
export function describeRecurrence(recurrence: CardRecurrence): string {
  const every = recurrence.interval === 1 ? `Repeats ${recurrence.frequency}` : `Repeats every ${recurrence.interval} ${UNITS[recurrence.frequency]}`;
  if (!recurrence.until) return every;
  const until = new Date(`${recurrence.until}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${every} until ${until}`;
}
