"use server";
// The justification prompt's action: opening a document or file with the person's reason, which
// is written on the consultation's audit event (lib/audit/justification.ts), then showing it.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { getDocument } from "@/lib/documents/get-document";
import { getFile } from "@/lib/files/get-file";
import { ZJustification } from "@/lib/audit/justification";

const ZJustify = z.object({
  subjectType: z.enum(["document", "file"]),
  subjectId: z.string().max(100),
  justification: ZJustification,
  // Only a path of Accord's own, so the redirect cannot be pointed elsewhere.
  returnTo: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, "Not a page of Accord"),
});

export type JustifyResult = ActionResult<null> | null;

/** Opens the item with a justification; back to its page on success, the reason on failure. */
export async function justifyAction(_prev: JustifyResult, form: FormData): Promise<JustifyResult> {
  const input = Object.fromEntries(["subjectType", "subjectId", "justification", "returnTo"].map((k) => [k, String(form.get(k) ?? "")]));
  const result = await actorAction(ZJustify, input, async (ctx, i) => {
    if (i.subjectType === "document") await getDocument(ctx, { documentId: i.subjectId, justification: i.justification });
    else await getFile(ctx, { fileId: i.subjectId, justification: i.justification });
    return null;
  });
  if (result.ok) redirect(input.returnTo!);
  return result;
}
