// @vitest-environment happy-dom
/**
 * The card description editor rendered by React over happy-dom: a labelled multi-line textbox
 * with a toolbar of toggles; Enter makes a new paragraph (what Playwright's fill() of two lines
 * ends up as); Tab inside a list item is left to the browser (focus moves on) instead of
 * indenting, and Escape too (it closes the dialog); links only to safe addresses; what it reports is the cleaned JSON the API takes;
 * someone who may not edit gets the description rendered, with no textbox and no toolbar.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Editor, type JSONContent } from "@tiptap/core";
import { documentSchema } from "@/lib/editor/document-schema";
import { DescriptionEditor, descriptionExtensions } from "./description-editor";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const t = (text: string, marks?: JSONContent["marks"]): JSONContent => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: JSONContent[]): JSONContent => (content.length ? { type: "paragraph", content } : { type: "paragraph" });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const bullets = (...items: string[]): JSONContent => ({ type: "bulletList", content: items.map((text) => ({ type: "listItem", content: [p(t(text))] })) });

let root: Root | undefined;
let container: HTMLDivElement;
let changes: JSONContent[];

beforeEach(() => {
  changes = [];
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
});

async function render(initialContent: JSONContent, isEditable = true) {
  root = createRoot(container);
  await act(async () => {
    root!.render(<DescriptionEditor id="card-description" label="Description" initialContent={initialContent} isEditable={isEditable} onChange={(d) => changes.push(d)} />);
  });
  // The editor is made after the first render (immediatelyRender: false).
  await act(async () => {
    await new Promise((r) => setTimeout(r, 10));
  });
}

const textbox = () => container.querySelector<HTMLElement>('[role="textbox"]');
const editorOf = (el: HTMLElement) => (el as HTMLElement & { editor: Editor }).editor;
const button = (name: string) => [...container.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent === name)!;
const keydown = (el: HTMLElement, key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  act(() => void el.dispatchEvent(event));
  return event;
};

describe("DescriptionEditor", () => {
  it("is a multi-line textbox named by its visible label, with a Formatting toolbar of toggles", async () => {
    await render(doc(p()));
    const box = textbox()!;
    expect(box.getAttribute("aria-multiline")).toBe("true");
    expect(document.getElementById(box.getAttribute("aria-labelledby")!)?.textContent).toBe("Description");
    expect(document.getElementById(box.getAttribute("aria-describedby")!)?.textContent).toContain("Tab moves on");
    const toolbar = container.querySelector('[role="toolbar"]')!;
    // Named so that getByLabel("Description") finds only the textbox.
    expect(toolbar.getAttribute("aria-label")).toBe("Formatting");
    expect([...toolbar.querySelectorAll("button")].map((b) => [b.textContent, b.getAttribute("aria-pressed"), b.tabIndex])).toEqual([
      ["Bold", "false", 0],
      ["Italic", "false", -1],
      ["Bullets", "false", -1],
      ["Numbered", "false", -1],
      ["Link", "false", -1],
    ]);
  });

  it("makes a new paragraph on Enter and reports the cleaned JSON: two lines are two paragraphs", async () => {
    await render(doc(p()));
    const box = textbox()!;
    const editor = editorOf(box);
    act(() => void editor.chain().focus("end").insertContent("line one").run());
    expect(keydown(box, "Enter").defaultPrevented).toBe(true);
    act(() => void editor.commands.insertContent("line two"));
    expect(changes.at(-1)).toEqual(doc(p(t("line one")), p(t("line two"))));
  });

  it("shows a mark as pressed where the cursor is, and the button toggles it", async () => {
    await render(doc(p(t("plain "), t("bold", [{ type: "bold" }]))));
    const editor = editorOf(textbox()!);
    act(() => void editor.commands.setTextSelection(9));
    expect(button("Bold").getAttribute("aria-pressed")).toBe("true");
    act(() => void editor.commands.setTextSelection(3));
    expect(button("Bold").getAttribute("aria-pressed")).toBe("false");
    act(() => void editor.commands.selectAll());
    act(() => button("Italic").click());
    expect(button("Italic").getAttribute("aria-pressed")).toBe("true");
    expect(changes.at(-1)).toEqual(doc(p(t("plain ", [{ type: "italic" }]), t("bold", [{ type: "bold" }, { type: "italic" }]))));
  });

  it("leaves Tab to the browser inside a list item instead of indenting it (no keyboard trap), and Escape", async () => {
    // Without the card editor's handling, Tab in a second list item indents it and keeps the focus.
    const plain = new Editor({ element: document.createElement("div"), extensions: descriptionExtensions(), content: doc(bullets("one", "two")) });
    plain.commands.setTextSelection(12);
    const trapped = keydown(plain.view.dom, "Tab");
    expect(trapped.defaultPrevented).toBe(true);
    expect(plain.getJSON().content![0]!.content).toHaveLength(1);
    plain.destroy();

    await render(doc(bullets("one", "two")));
    const box = textbox()!;
    const editor = editorOf(box);
    act(() => void editor.commands.setTextSelection(12));
    expect(keydown(box, "Tab").defaultPrevented).toBe(false);
    expect(keydown(box, "Tab", { shiftKey: true }).defaultPrevented).toBe(false);
    // Escape too, so that it closes the dialog as from any other field (ProseMirror would swallow it).
    expect(keydown(box, "Escape").defaultPrevented).toBe(false);
    expect(editor.getJSON()).toEqual(doc(bullets("one", "two")));
    expect(changes).toEqual([]);
  });

  it("moves between toolbar buttons with the arrow keys, one tab stop at a time", async () => {
    await render(doc(p()));
    const toolbar = container.querySelector<HTMLElement>('[role="toolbar"]')!;
    button("Bold").focus();
    keydown(button("Bold"), "ArrowLeft");
    expect(document.activeElement).toBe(button("Link"));
    expect([button("Bold").tabIndex, button("Link").tabIndex]).toEqual([-1, 0]);
    keydown(toolbar, "Home");
    expect(document.activeElement).toBe(button("Bold"));
  });

  it("adds a link only to an https, mailto or tel address", async () => {
    await render(doc(p(t("the policy"))));
    const editor = editorOf(textbox()!);
    act(() => void editor.commands.setTextSelection({ from: 5, to: 11 }));
    act(() => button("Link").click());
    const address = container.querySelector<HTMLInputElement>("#card-description-link")!;
    expect(document.querySelector(`label[for="${address.id}"]`)?.textContent).toBe("Link address");
    address.value = "javascript:alert(1)";
    expect(keydown(address, "Enter").defaultPrevented).toBe(true);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain("https://");
    expect(changes).toEqual([]);
    address.value = "https://example.org/policy";
    keydown(address, "Enter");
    expect(container.querySelector("#card-description-link")).toBeNull();
    expect(changes.at(-1)).toEqual(doc(p(t("the "), t("policy", [{ type: "link", attrs: { href: "https://example.org/policy" } }]))));
    expect(button("Link").getAttribute("aria-pressed")).toBe("true");
  });

  it("renders the description read-only for someone who may not edit it: no textbox, no toolbar", async () => {
    await render(doc(p(t("Ask for "), t("camera 2", [{ type: "bold" }]))), false);
    expect(textbox()).toBeNull();
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
    const shown = container.querySelector<HTMLElement>('[data-testid="card-description"]')!;
    expect(shown.getAttribute("contenteditable")).toBe("false");
    expect(shown.querySelector("strong")?.textContent).toBe("camera 2");
    expect(document.getElementById(shown.getAttribute("aria-labelledby")!)?.textContent).toBe("Description");
  });

  it("says so when a read-only description is empty", async () => {
    await render(doc(p()), false);
    expect(container.textContent).toContain("No description.");
  });
});

describe("descriptionExtensions", () => {
  it("is the document schema, so that the server's cleaner keeps whatever the card editor makes, with undo on", () => {
    const editor = new Editor({ extensions: descriptionExtensions() });
    const schema = documentSchema();
    expect(Object.keys(editor.schema.nodes).sort()).toEqual(Object.keys(schema.nodes).sort());
    expect(Object.keys(editor.schema.marks).sort()).toEqual(Object.keys(schema.marks).sort());
    expect(editor.extensionManager.extensions.map((e) => e.name)).toContain("undoRedo");
    editor.destroy();
  });
});
