/**
 * Notifications belong to their recipient, who alone sees them and marks them read ("update");
 * nobody creates one through the policy (Accord makes them for the people an operation or the
 * reminder sweep names, having asked the subject's rules first) and nobody deletes one. The
 * threat: reading someone else's notifications would tell you which cards they were given and
 * what is overdue for them, and marking them read would hide their reminders from them.
 */
import type { Can, DerivedFacts } from "../ability";

/** Notification rules. */
export function notificationRules(can: Can, facts: DerivedFacts): void {
  can(["read", "update"], "Notification", { recipientId: facts.actor.userId });
}
