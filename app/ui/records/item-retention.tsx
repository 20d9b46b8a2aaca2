import { getItemRetention } from "@/lib/records/get-item-retention";
import type { PolicyCtx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import type { ItemRetentionSummary } from "@/lib/records/list-item-retentions";
import { formatDate } from "../format";

type Props = { ctx: PolicyCtx; itemType: "document" | "file" | "submission"; itemId: string; compact?: boolean };

const DUE_FOR = { delete: "due for disposal on", review: "due for review on", relabel: "due for relabelling on" } as const;

/**
 * An item's retention label and disposal date (issue 8), for its page: "Retention: Crime file –
 * Group 3 · due for review on 1 Mar 2026", or the event its clock waits for. Shows nothing to
 * someone who may not know of the item (the page itself is then a 404 anyway).
 */
export async function ItemRetention({ ctx, itemType, itemId, compact = false }: Props) {
  const retention = await getItemRetention(ctx, { itemType, itemId }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!retention) return null;
  const { label } = retention;
  const text = label ? retentionText({ labelName: label.name, action: label.action, recordKind: label.recordKind, dueOn: retention.dueOn, waitingForEvent: retention.waitingForEvent }) : "No retention label";
  return (
    <span className={compact ? "meta" : undefined} data-testid={`retention-${itemType}`}>
      {compact ? text : <>Retention: {text}</>}
    </span>
  );
}

/** "Crime file – Group 3 · due for review on 1 Mar 2026", or the event its clock waits for. */
export function retentionText(r: ItemRetentionSummary): string {
  const kind = r.recordKind === "regulatory" ? " (regulatory record)" : r.recordKind === "record" ? " (record)" : "";
  return `${r.labelName}${kind} · ${r.dueOn ? `${DUE_FOR[r.action]} ${formatDate(r.dueOn)}` : `waiting for event: ${r.waitingForEvent ?? "its event"}`}`;
}
