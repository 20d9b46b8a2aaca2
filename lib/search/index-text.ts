/**
 * Limits shared by everything that writes text into the search index (search_entries.body).
 */

/** The most characters of an item's text kept for search (the SQL side caps the vector at the same). */
export const MAX_INDEXED_CHARS = 200_000;

// U+E000 and U+E001 are the marks search snippets use to show where a match starts and stops
// (search-content.ts); stored text must never contain them, or it could fake a highlight.
const MARKERS = /[\uE000\uE001]/g;
// NUL cannot be stored in a text column; other control characters carry nothing searchable.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** `text` made fit for the index: no snippet markers, no control characters, spaces collapsed. */
export function cleanIndexText(text: string): string {
  return text.replace(MARKERS, "").replace(CONTROLS, " ").replace(/[ \t]+/g, " ");
}
