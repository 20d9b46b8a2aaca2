"use server";
// Server actions of the space page. Each goes through actorAction (who is acting, validated
// input, typed errors) to a lib operation that asks the policy; none decides anything itself.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { searchSpaceCandidates, ZSearchSpaceCandidates, type CandidateRow } from "@/lib/spaces/search-space-candidates";
import { addSpaceMember, ZAddSpaceMember } from "@/lib/spaces/add-space-member";
import { removeSpaceMember, ZRemoveSpaceMember } from "@/lib/spaces/remove-space-member";
import { changeMemberRole, ZChangeMemberRole } from "@/lib/spaces/change-member-role";
import { attestSpaceAccess, ZAttestSpaceAccess } from "@/lib/spaces/attest-space-access";
import { setSpaceStatus, ZSetSpaceStatus } from "@/lib/spaces/set-space-status";
import { createDocument, ZCreateDocument } from "@/lib/documents/create-document";
import { deleteFile, ZDeleteFile } from "@/lib/files/delete-file";

type FormResult = ActionResult<unknown> | null;

function refresh(spaceId: string): void {
  revalidatePath(`/spaces/${spaceId}`);
  revalidatePath("/spaces");
}

/** People the owner may look at for adding, each with whether (and how) they can be added. */
export async function searchSpaceCandidatesAction(input: { spaceId: string; query: string }): Promise<ActionResult<CandidateRow[]>> {
  return actorAction(ZSearchSpaceCandidates, input, searchSpaceCandidates);
}

/** Adds a person to the space in a role (guests until an end date). */
export async function addSpaceMemberAction(input: {
  spaceId: string;
  userId: string;
  role: string;
  expiresOn?: string;
}): Promise<ActionResult<{ role: string; expiresAt: string | null }>> {
  const result = await actorAction(ZAddSpaceMember, input, addSpaceMember);
  if (result.ok) refresh(input.spaceId);
  return result;
}

/** Removes someone from the space (owners). */
export async function removeSpaceMemberAction(_prev: FormResult, form: FormData): Promise<ActionResult<void>> {
  const result = await actorAction(ZRemoveSpaceMember, Object.fromEntries(form), removeSpaceMember);
  if (result.ok) refresh(String(form.get("spaceId")));
  return result;
}

const ZLeaveSpace = z.object({ spaceId: z.string() });

/** The signed-in person leaves the space; they are taken back to their spaces. */
export async function leaveSpaceAction(_prev: FormResult, form: FormData): Promise<ActionResult<void>> {
  // Who leaves is the actor, never a form field.
  const result = await actorAction(ZLeaveSpace, Object.fromEntries(form), (ctx, { spaceId }) =>
    removeSpaceMember(ctx, { spaceId, userId: ctx.actor.userId }),
  );
  if (!result.ok) return result;
  revalidatePath("/spaces");
  redirect("/spaces");
}

/** Changes a member's role (owners). */
export async function changeMemberRoleAction(_prev: FormResult, form: FormData): Promise<ActionResult<void>> {
  const result = await actorAction(ZChangeMemberRole, Object.fromEntries(form), changeMemberRole);
  if (result.ok) refresh(String(form.get("spaceId")));
  return result;
}

/** Records the owner's confirmation that everyone still needs access. */
export async function attestSpaceAccessAction(_prev: FormResult, form: FormData): Promise<ActionResult<{ nextDueAt: string }>> {
  const result = await actorAction(ZAttestSpaceAccess, Object.fromEntries(form), attestSpaceAccess);
  if (result.ok) refresh(String(form.get("spaceId")));
  return result;
}

/** Freezes, reopens or archives the space (owners). */
export async function setSpaceStatusAction(_prev: FormResult, form: FormData): Promise<ActionResult<void>> {
  const result = await actorAction(ZSetSpaceStatus, Object.fromEntries(form), setSpaceStatus);
  if (result.ok) refresh(String(form.get("spaceId")));
  return result;
}

/** Creates a document in the space and opens it. */
export async function createDocumentAction(_prev: FormResult, form: FormData): Promise<ActionResult<{ id: string }>> {
  const input = { spaceId: String(form.get("spaceId") ?? ""), title: String(form.get("title") ?? ""), marking: String(form.get("marking") ?? "") };
  const result = await actorAction(ZCreateDocument, input, createDocument);
  if (!result.ok) return result;
  refresh(input.spaceId);
  redirect(`/documents/${result.data.id}`);
}

/** Deletes a file of the space (those the policy lets delete it); the list is refreshed. */
export async function deleteFileAction(input: { spaceId: string; fileId: string }): Promise<ActionResult<{ id: string; deleted: true }>> {
  // deleteFile decides from the file's own row; spaceId only names the page to refresh.
  const result = await actorAction(ZDeleteFile, input, deleteFile);
  if (result.ok) refresh(String(input.spaceId));
  return result;
}
