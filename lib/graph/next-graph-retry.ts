import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Ctx } from "../context";

/** Seconds until the next pending outbox row falls due (0 if one is due now), or null when none waits. */
export async function nextGraphRetryInSeconds(ctx: Ctx): Promise<number | null> {
  const [row] = rowsOf<{ due: unknown }>(await ctx.db.execute(sql`SELECT min(next_attempt_at) AS due FROM graph_outbox WHERE state = 'pending'`));
  if (!row?.due) return null;
  const due = row.due instanceof Date ? row.due : new Date(String(row.due));
  return Math.max(0, (due.getTime() - Date.now()) / 1000);
}
