/**
 * The inline content of a paragraph or heading as styled runs of text, for the exports that lay
 * out text themselves (.docx and PDF). Links keep their href only when it is safe, even though
 * the JSON was cleaned before: each renderer checks what it writes.
 */
import type { JSONContent } from "@tiptap/core";
import { isSafeLinkUrl } from "../editor/safe-urls";

export type RunStyle = { bold: boolean; italic: boolean; underline: boolean; strike: boolean; code: boolean };

/** A stretch of text with one style (and a link), or a forced line break. */
export type InlineRun = { kind: "text"; text: string; style: RunStyle; href?: string } | { kind: "break" };

/** Text with no mark. */
export const PLAIN: RunStyle = { bold: false, italic: false, underline: false, strike: false, code: false };

/** The text a mention shows: "@" and the person's name as it was when mentioned. */
export function mentionText(node: JSONContent): string {
  const label = node.attrs?.label ?? node.attrs?.id;
  return `@${typeof label === "string" && label ? label : "someone"}`;
}

/** The box a task item shows in front of its text. */
export function taskBox(checked: unknown): string {
  return checked === true ? "☑" : "☐";
}

/** The text an image stands in as, in formats that do not embed Accord's files. */
export function imagePlaceholder(node: JSONContent): string {
  const alt = node.attrs?.alt;
  return typeof alt === "string" && alt.trim() ? `[Image: ${alt.trim()}]` : "[Image]";
}

/** The inline children of `node` as runs (text, mentions and hard breaks; anything else is skipped). */
export function inlineRuns(node: JSONContent): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const child of node.content ?? []) {
    if (child.type === "hardBreak") runs.push({ kind: "break" });
    else if (child.type === "mention") runs.push({ kind: "text", text: mentionText(child), style: PLAIN });
    else if (child.type === "text" && typeof child.text === "string") {
      const style = { ...PLAIN };
      let href: string | undefined;
      for (const mark of child.marks ?? []) {
        if (mark.type === "link") href = isSafeLinkUrl(mark.attrs?.href) ? mark.attrs.href : undefined;
        else if (mark.type in style) style[mark.type as keyof RunStyle] = true;
      }
      runs.push(href ? { kind: "text", text: child.text, style, href } : { kind: "text", text: child.text, style });
    }
  }
  return runs;
}
