/** One hold with what it covers: for the agency's records managers and auditors (another agency's hold is 404, like a missing one). */
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { readableHold, toHoldViews, ZHoldRef, type HoldView } from "./holds-shared";

/** The hold, as the API shows it. */
export async function getHold(ctx: PolicyCtx, raw: { holdId: string } | unknown): Promise<HoldView> {
  const { holdId } = parseInput(ZHoldRef, raw);
  const [view] = await toHoldViews(ctx, [await readableHold(ctx, holdId)]);
  return view!;
}
