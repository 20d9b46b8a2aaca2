// @vitest-environment happy-dom
/**
 * The editor's @mention picker in a real tiptap editor over happy-dom, with the candidates route
 * stood in for: typing "@" and part of a name asks the server (for this document, with the query),
 * lists the answer as a listbox the editor points at (aria-controls, aria-activedescendant), moves
 * with the arrow keys, and Enter inserts the schema's Mention node with the person's id and name,
 * nothing else. Escape closes the list and leaves the text as typed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Editor } from "@tiptap/core";
import { documentExtensions } from "@/lib/editor/extensions";
import { mentionSuggestion } from "./mention-suggestion";

const DOCUMENT_ID = "6f1c2a4e-0000-4000-8000-000000000001";
const PEOPLE = [
  { id: "0b6f6c1e-1111-4000-8000-000000000001", name: "DC Alex Morgan", agency: { code: "DOR", name: "Dorset Police" } },
  { id: "0b6f6c1e-1111-4000-8000-000000000002", name: "PC Tom Hughes", agency: { code: "DCP", name: "Devon & Cornwall Police" } },
];

let editor: Editor | undefined;
const requests: string[] = [];
beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      requests.push(url);
      return new Response(JSON.stringify({ items: PEOPLE }), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => {
  editor?.destroy();
  editor = undefined;
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

function open(): Editor {
  const element = document.createElement("div");
  document.body.appendChild(element);
  editor = new Editor({ element, extensions: documentExtensions({ mentionSuggestion: { ...mentionSuggestion(DOCUMENT_ID), debounce: 0 } }), content: "<p>Ask</p>" });
  editor.commands.focus("end");
  return editor;
}

/** Types text at the caret, as a keyboard would (no HTML parsing in between). */
const type = (e: Editor, text: string) => e.view.dispatch(e.state.tr.insertText(text));
const key = (e: Editor, k: string) => e.view.someProp("handleKeyDown", (f) => f(e.view, new KeyboardEvent("keydown", { key: k })));
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe("the @mention picker", () => {
  it("lists the people the server offers, as a listbox the editor points at, and inserts the chosen one", async () => {
    const e = open();
    type(e, " @to");
    await until(() => document.querySelectorAll('[role="option"]').length === 2);
    expect(requests.at(-1)).toBe(`/api/v1/documents/${DOCUMENT_ID}/mention-candidates?q=to`);
    const list = document.querySelector('[role="listbox"]')!;
    expect(list.getAttribute("aria-label")).toBe("People who can read this document");
    expect(e.view.dom.getAttribute("aria-controls")).toBe(list.id);
    const options = [...document.querySelectorAll('[role="option"]')];
    expect(options.map((o) => o.textContent)).toEqual(["DC Alex Morgan (Dorset Police)", "PC Tom Hughes (Devon & Cornwall Police)"]);
    expect(e.view.dom.getAttribute("aria-activedescendant")).toBe(options[0]!.id);
    expect(document.querySelector('[role="status"]')?.textContent).toBe("2 people who can read this document");

    key(e, "ArrowDown");
    const selected = document.querySelector('[role="option"][aria-selected="true"]')!;
    expect(selected.textContent).toContain("PC Tom Hughes");
    expect(e.view.dom.getAttribute("aria-activedescendant")).toBe(selected.id);
    key(e, "Enter");

    const paragraph = e.getJSON().content?.[0] as { content?: { type: string; attrs?: Record<string, unknown> }[] } | undefined;
    const mention = paragraph?.content?.find((n) => n.type === "mention");
    expect(mention?.attrs).toMatchObject({ id: PEOPLE[1]!.id, label: "PC Tom Hughes" });
    expect(e.getText()).toContain("Ask @PC Tom Hughes");
    await until(() => document.querySelector('[role="listbox"]') === null);
    expect(e.view.dom.hasAttribute("aria-activedescendant")).toBe(false);
  });

  it("closes on Escape and leaves the text as typed", async () => {
    const e = open();
    type(e, " @al");
    await until(() => document.querySelectorAll('[role="option"]').length === 2);
    key(e, "Escape");
    await until(() => document.querySelector('[role="listbox"]') === null);
    expect(e.getText()).toBe("Ask @al");
    expect(JSON.stringify(e.getJSON())).not.toContain('"mention"');
  });
});
