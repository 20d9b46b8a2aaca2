"use server";
// Server action: change a document's marking (originating agency only; see lib/documents/remark-document.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { remarkDocument } from "@/lib/documents/remark-document";

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
