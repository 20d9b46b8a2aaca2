/**
 * Search snippets as data, never markup: ts_headline marks where each match starts and stops with
 * two private-use characters (which stored text never contains: index-text.ts removes them), and
 * this splits its output into plain segments, each saying whether it is a match. Pages render a
 * match as <mark> through React, which escapes the text, so stored text can never become HTML.
 */

/** Where a match starts in ts_headline's output. */
export const SNIPPET_START = "\uE000";
/** Where a match stops. */
export const SNIPPET_STOP = "\uE001";

export type SnippetSegment = { text: string; isMatch: boolean };

/** The segments of a marked snippet, in order; adjacent segments of the same kind are merged. */
export function snippetSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isMatch = false;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.isMatch === isMatch) last.text += text;
    else segments.push({ text, isMatch });
    text = "";
  };
  for (const ch of marked) {
    if (ch === SNIPPET_START || ch === SNIPPET_STOP) {
      flush();
      isMatch = ch === SNIPPET_START;
    } else text += ch;
  }
  flush();
  return segments;
}
