/** What the agreement form offers: the levels this deployment may hold, and the descriptor catalogue. */
import { env } from "@/lib/env";
import { AGREEMENT_LEVELS } from "@/lib/agreements/agreement-terms";
import { DESCRIPTORS } from "@/policies/classification";
import { ceilingRank, RANKS } from "@/policies/markings";

/** Levels up to the deployment ceiling (lib/agreements refuses anything above it in any case). */
export function agreementFormOptions(): { levels: string[]; descriptors: string[] } {
  const max = ceilingRank(env().ceiling);
  return { levels: AGREEMENT_LEVELS.filter((l) => RANKS[l] <= max), descriptors: [...DESCRIPTORS] };
}
