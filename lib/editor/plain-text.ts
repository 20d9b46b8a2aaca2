/**
 * The plain text of editor JSON, for the places that show rich text as text: the card dialog's
 * "their version / yours" comparison, for one. Client-safe (no schema, no server code), and
 * forgiving: it reads any JSON the editor or the server's cleaner (clean-document-json.ts) makes,
 * and ignores what it does not know rather than failing.
 *
 * Each block is a line of its own; list items start with "• " or their number, task items with
 * "[x] " or "[ ] ", and what is nested in an item is indented; table cells are separated by
 * " | "; a hard break is a new line, a mention its "@name", an image its alt text in brackets.
 */
import type { JSONContent } from "@tiptap/core";

const INLINE_TYPES = new Set(["text", "hardBreak", "mention"]);

function inlineText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  if (node.type === "mention") return `@${String(node.attrs?.label ?? node.attrs?.id ?? "")}`;
  return "";
}

/** The lines of a list item (or task item) after its marker: its first line follows the marker, the rest are indented under it. */
function itemLines(item: JSONContent, marker: string): string[] {
  const lines = blocksLines(item.content ?? []);
  const [first = "", ...rest] = lines;
  return [`${marker}${first}`, ...rest.map((line) => (line ? `${" ".repeat(marker.length)}${line}` : line))];
}

function blockLines(node: JSONContent): string[] {
  const children = node.content ?? [];
  switch (node.type) {
    case "bulletList":
      return children.flatMap((item) => itemLines(item, "• "));
    case "orderedList": {
      const start = typeof node.attrs?.start === "number" && Number.isInteger(node.attrs.start) ? node.attrs.start : 1;
      return children.flatMap((item, i) => itemLines(item, `${start + i}. `));
    }
    case "taskList":
      return children.flatMap((item) => itemLines(item, item.attrs?.checked === true ? "[x] " : "[ ] "));
    case "table":
      return children.map((row) => (row.content ?? []).map((cell) => blocksLines(cell.content ?? []).join(" ")).join(" | "));
    case "image":
      return typeof node.attrs?.alt === "string" && node.attrs.alt ? [`[${node.attrs.alt}]`] : ["[image]"];
    case "horizontalRule":
      return ["—"];
    default:
      // A textblock (paragraph, heading, …) is one line, or several where it has hard breaks; any
      // other container (blockquote, a list item met outside a list) is the lines of its blocks.
      if (children.length === 0 || children.some((child) => INLINE_TYPES.has(child.type ?? ""))) return children.map(inlineText).join("").split("\n");
      return blocksLines(children);
  }
}

function blocksLines(blocks: JSONContent[]): string[] {
  return blocks.flatMap(blockLines);
}

/** The plain text of editor JSON: one line per block (an empty paragraph is an empty line); "" for nothing. */
export function documentPlainText(doc: JSONContent | null | undefined): string {
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.content)) return "";
  return blocksLines(doc.content).join("\n");
}
