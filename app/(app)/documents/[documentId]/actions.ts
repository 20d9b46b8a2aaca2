"use server";
// Server actions of the document page: its marking (lib/documents/remark-document.ts) and its
// versions. Each goes through actorAction to a lib operation that asks the policy.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { remarkDocument } from "@/lib/documents/remark-document";
import { saveDocumentVersion } from "@/lib/documents/save-document-version";
import { restoreDocumentVersion } from "@/lib/documents/restore-document-version";
import { ZDocumentVersion, ZSaveDocumentVersion } from "@/lib/documents/document-versions-shared";
import { deleteDocument, ZDeleteDocument } from "@/lib/documents/delete-document";

const ZForm = z.object({
  documentId: z.string(),
  marking: z.string(),
  justification: z.string().default(""),
  recipientIds: z.array(z.string()).default([]),
});

/** Re-marks a document from the form on its page. */
export async function remarkDocumentAction(_prev: ActionResult<{ marking: string }> | null, form: FormData): Promise<ActionResult<{ marking: string }>> {
  const input = { ...Object.fromEntries(form), recipientIds: form.getAll("recipientIds").map(String) };
  const result = await actorAction(ZForm, input, remarkDocument);
  if (result.ok) revalidatePath(`/documents/${String(form.get("documentId"))}`);
  return result;
}

type VersionResult = ActionResult<{ number: number }> | null;

/** Saves the document's current content as a named version. */
export async function saveDocumentVersionAction(_prev: VersionResult, form: FormData): Promise<ActionResult<{ number: number }>> {
  const input = { documentId: String(form.get("documentId") ?? ""), name: String(form.get("name") ?? "") };
  const result = await actorAction(ZSaveDocumentVersion, input, async (ctx, i) => ({ number: (await saveDocumentVersion(ctx, i)).number }));
  if (result.ok) revalidatePath(`/documents/${input.documentId}`);
  return result;
}

/** Restores a version as a new version, then shows the document. */
export async function restoreDocumentVersionAction(_prev: VersionResult, form: FormData): Promise<ActionResult<{ number: number }>> {
  const input = { documentId: String(form.get("documentId") ?? ""), versionId: String(form.get("versionId") ?? "") };
  const result = await actorAction(ZDocumentVersion, input, async (ctx, i) => ({ number: (await restoreDocumentVersion(ctx, i)).number }));
  if (!result.ok) return result;
  revalidatePath(`/documents/${input.documentId}`);
  redirect(`/documents/${input.documentId}`);
}

/** Deletes the document (lib/documents/delete-document.ts decides); the page then goes to its space. */
export async function deleteDocumentAction(input: { documentId: string; spaceId: string }): Promise<ActionResult<{ id: string; deleted: true }>> {
  const result = await actorAction(ZDeleteDocument, { documentId: input.documentId }, deleteDocument);
  if (result.ok) revalidatePath(`/spaces/${String(input.spaceId)}`);
  return result;
}
