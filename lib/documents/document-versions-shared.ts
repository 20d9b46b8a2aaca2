/**
 * What the version operations share: the summary shape, the zod inputs, the document's current
 * content (live when it is open for co-editing), finding a version of a document (404 for a
 * version of another document), and the block diff. Reading versions needs reading the document
 * (getDocument: the same check and audit); saving and restoring need editing it.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import * as Y from "yjs";
import { documentStates, documentVersions } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import { liveState } from "../collab/live-documents";
import { documentJsonFromState } from "../collab/yjs-content";

export type VersionSummary = { id: string; number: number; kind: "auto" | "named" | "restore" | "remote"; name: string | null; marking: string; createdAt: string; createdBy: string | null };

export const ZDocumentId = z.object({ documentId: z.string() });
export const ZSaveDocumentVersion = ZDocumentId.extend({ name: z.string().trim().min(1, "Give the version a name").max(120, "A version name has at most 120 characters") });
export const ZDocumentVersion = ZDocumentId.extend({ versionId: z.string() });
export const ZCompareDocumentVersions = ZDocumentId.extend({ from: z.string(), to: z.string() });

/** The document's current content: the live state when it is open for co-editing, else the stored one. */
export async function currentState(ctx: PolicyCtx, documentId: string): Promise<Uint8Array> {
  const live = liveState(documentId);
  if (live) return live;
  const [row] = await ctx.db.select({ state: documentStates.state }).from(documentStates).where(eq(documentStates.documentId, documentId));
  return row?.state ?? Y.encodeStateAsUpdate(new Y.Doc());
}

/** A version of the document; NotFoundError for a missing id or another document's version. */
export async function versionRow(ctx: PolicyCtx, documentId: string, versionId: string) {
  if (!isUuid(versionId)) throw new NotFoundError();
  const [row] = await ctx.db.select().from(documentVersions).where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** The text of a state, one line per block, for comparing. */
export function blockLines(state: Uint8Array): string[] {
  const lines: string[] = [];
  const walk = (node: { type?: string; text?: string; content?: unknown[] }, into: string[]): void => {
    if (node.text) into.push(node.text);
    for (const child of (node.content ?? []) as (typeof node)[]) walk(child, into);
  };
  for (const block of (documentJsonFromState(state).content ?? []) as { type?: string; text?: string; content?: unknown[] }[]) {
    const parts: string[] = [];
    walk(block, parts);
    lines.push(parts.join(" ").trim());
  }
  return lines.filter((l) => l.length > 0);
}

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence) of two texts split into blocks. */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: "same", text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "removed", text: before[i++]! });
    else out.push({ kind: "added", text: after[j++]! });
  }
  while (i < n) out.push({ kind: "removed", text: before[i++]! });
  while (j < m) out.push({ kind: "added", text: after[j++]! });
  return out;
}
