/** How the file plan pages put a label's trigger, action and record kind in words. */
import type { RetentionLabelView } from "@/lib/records/file-plan-shared";

const TRIGGER: Record<RetentionLabelView["trigger"], string> = { created: "From creation", modified: "From last change", labelled: "From labelling", event: "After an event" };

/** What starts the clock, in words ("After Case closed"). */
export function triggerText(l: Pick<RetentionLabelView, "trigger" | "eventType" | "isClearPeriod">): string {
  const base = l.trigger === "event" && l.eventType ? `After ${l.eventType.name}` : TRIGGER[l.trigger];
  return l.isClearPeriod ? `${base} (clear period)` : base;
}

/** What happens at the end, in words ("Review in 2 stages"). */
export function actionText(l: Pick<RetentionLabelView, "action" | "reviewStages" | "relabelTo">): string {
  if (l.action === "delete") return "Delete";
  if (l.action === "relabel") return l.relabelTo ? `Relabel to ${l.relabelTo.reference}` : "Relabel";
  const n = l.reviewStages.length;
  return `Disposal review, ${n} ${n === 1 ? "stage" : "stages"}`;
}

export const RECORD_KIND: Record<RetentionLabelView["recordKind"], string> = { none: "Not a record", record: "Record", regulatory: "Regulatory record" };
