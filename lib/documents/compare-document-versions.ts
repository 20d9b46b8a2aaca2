/** Compares two versions of a document (or one with its current content) block by block. */
import type { z } from "zod";
import type { PolicyCtx } from "../context";
import { getDocument, type DocumentView } from "./get-document";
import { blockLines, currentState, diffLines, versionRow, ZCompareDocumentVersions, type DiffLine } from "./document-versions-shared";

/** Compares two versions ("current" for the document as it is now), block by block. */
export async function compareDocumentVersions(ctx: PolicyCtx, raw: z.input<typeof ZCompareDocumentVersions>): Promise<{ document: DocumentView; from: string; to: string; lines: DiffLine[] }> {
  const input = ZCompareDocumentVersions.parse(raw);
  const document = await getDocument(ctx, { documentId: input.documentId });
  const load = async (id: string) => (id === "current" ? { label: "current", state: await currentState(ctx, document.id) } : await versionRow(ctx, document.id, id).then((v) => ({ label: `version ${v.number}`, state: v.state })));
  const [a, b] = [await load(input.from), await load(input.to)];
  return { document, from: a.label, to: b.label, lines: diffLines(blockLines(a.state), blockLines(b.state)) };
}
