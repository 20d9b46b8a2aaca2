"use server";
// Server actions for a person's own API tokens.
import { revalidatePath } from "next/cache";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { createAccessToken, ZCreateAccessToken } from "@/lib/tokens/create-access-token";
import { revokeAccessToken, ZRevokeAccessToken } from "@/lib/tokens/revoke-access-token";

/** Creates a token; the result carries the secret, shown once. */
export async function createAccessTokenAction(
  _prev: ActionResult<{ token: string; expiresAt: string }> | null,
  form: FormData,
): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  const result = await actorAction(ZCreateAccessToken, Object.fromEntries(form), createAccessToken);
  if (result.ok) revalidatePath("/settings/tokens");
  return result.ok ? { ok: true, data: { token: result.data.token, expiresAt: result.data.expiresAt } } : result;
}

/** Revokes one of the person's tokens. */
export async function revokeAccessTokenAction(form: FormData): Promise<void> {
  await actorAction(ZRevokeAccessToken, Object.fromEntries(form), revokeAccessToken);
  revalidatePath("/settings/tokens");
}
