"use server";
// The audit page's action: the agency's justification setting (lib/agencies/set-justification-policy.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { setJustificationPolicy } from "@/lib/agencies/set-justification-policy";

export type JustificationPolicyResult = ActionResult<{ from: string | null }> | null;

export async function setJustificationPolicyAction(_prev: JustificationPolicyResult, form: FormData): Promise<JustificationPolicyResult> {
  const from = String(form.get("from") ?? "");
  const result = await actorAction(z.object({ from: z.string().nullable() }), { from: from === "never" ? null : from }, setJustificationPolicy);
  if (result.ok) revalidatePath("/admin/audit");
  return result;
}
