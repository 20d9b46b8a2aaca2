"use server";
// Server action for the "New space" form (lib/spaces/create-space.ts decides and validates).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { createSpace, ZCreateSpace } from "@/lib/spaces/create-space";

/** Creates the space and opens it; on a refusal, returns the reason for the form to show. */
export async function createSpaceAction(_prev: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const input = {
    name: form.get("name") ?? "",
    purpose: form.get("purpose") ?? "",
    ceilingMarking: form.get("ceilingMarking") ?? "",
    defaultMarking: form.get("defaultMarking") ?? "",
    agreementIds: form.getAll("agreementIds").map(String),
    isMvOnly: form.get("isMvOnly") === "on",
    template: form.get("template") || undefined,
  };
  const result = await actorAction(ZCreateSpace, input, createSpace);
  if (!result.ok) return result;
  revalidatePath("/spaces");
  // Outside actorAction: redirect() works by throwing, which must reach Next.js.
  redirect(`/spaces/${result.data.id}`);
}
