"use server";
// Server actions for the agency administrator's people page.
import { revalidatePath } from "next/cache";
import { setUserStatus, ZSetUserStatus } from "@/lib/users/set-user-status";
import { endSessionsOfUser, ZEndSessionsOfUser } from "@/lib/users/end-sessions-of-user";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";

/** Disables or re-enables a person of the administrator's agency. */
export async function setUserStatusAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<{ endedSessions: number }>> {
  const result = await actorAction(ZSetUserStatus, Object.fromEntries(form), setUserStatus);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

/** Ends every session of a person of the administrator's agency. */
export async function endSessionsAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<number>> {
  return actorAction(ZEndSessionsOfUser, Object.fromEntries(form), endSessionsOfUser);
}
