// @vitest-environment happy-dom
/**
 * The paste and drop half of image-upload.tsx, in a real tiptap editor over happy-dom (the DOM
 * @tiptap/html brings): pasted images and dropped files reach the Insert image button while it
 * listens and the person may edit, and only then; a paste with text stays the editor's; and an
 * image inserted with Accord's file URL is kept by the schema with its alt text.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { Slice } from "@tiptap/pm/model";
import { documentExtensions } from "@/lib/editor/extensions";
import { ImageUpload } from "./image-upload";

const SRC = "/api/v1/files/3f0c9a52-8d1e-4b7a-9c3d-2e4f5a6b7c8d/content";

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
});

function open(): { editor: Editor; received: { names: string[]; at: number | null }[]; stop: () => void } {
  const element = document.createElement("div");
  document.body.appendChild(element);
  editor = new Editor({ element, extensions: [...documentExtensions(), ImageUpload], content: "<p>Suspect vehicle</p>" });
  const received: { names: string[]; at: number | null }[] = [];
  const stop = editor.storage.accordImageUpload.listen((files, at) => received.push({ names: files.map((f) => f.name), at }));
  return { editor, received, stop };
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "image.png", { type: "image/png" });
const paste = (files: File[], text = "") => ({ clipboardData: { files, getData: (type: string) => (type === "text/plain" ? text : "") }, preventDefault() {} }) as unknown as ClipboardEvent;
const drop = (files: File[]) => ({ dataTransfer: { files }, clientX: 0, clientY: 0, preventDefault() {} }) as unknown as DragEvent;
const pasted = (e: Editor, event: ClipboardEvent) => e.view.someProp("handlePaste", (f) => f(e.view, event, Slice.empty)) ?? false;
const dropped = (e: Editor, event: DragEvent, moved = false) => e.view.someProp("handleDrop", (f) => f(e.view, event, Slice.empty, moved)) ?? false;

describe("ImageUpload", () => {
  it("hands a pasted image to the button, and leaves a paste with text to the editor", () => {
    const { editor, received } = open();
    expect(pasted(editor, paste([png()]))).toBe(true);
    expect(pasted(editor, paste([png()], "Copied from Word"))).toBe(false);
    expect(pasted(editor, paste([]))).toBe(false);
    expect(received).toEqual([{ names: ["image.png"], at: null }]);
  });

  it("hands every dropped file to the button (which refuses what is not an image), but not a drag within the text", () => {
    const { editor, received } = open();
    const pdf = new File(["%PDF-1.7"], "brief.pdf", { type: "application/pdf" });
    expect(dropped(editor, drop([pdf]))).toBe(true);
    expect(dropped(editor, drop([png()]), true)).toBe(false);
    expect(received).toHaveLength(1);
    expect(received[0]!.names).toEqual(["brief.pdf"]);
  });

  it("intercepts nothing once the button stops listening, or while the person may not edit", () => {
    const { editor, received, stop } = open();
    editor.setEditable(false);
    expect(pasted(editor, paste([png()]))).toBe(false);
    expect(dropped(editor, drop([png()]))).toBe(false);
    editor.setEditable(true);
    stop();
    expect(pasted(editor, paste([png()]))).toBe(false);
    expect(received).toEqual([]);
  });

  it("inserts an image of Accord's file route with its alt text, at the cursor", () => {
    const { editor } = open();
    editor.commands.setTextSelection(8);
    editor.chain().focus().setImage({ src: SRC, alt: "Blue van at the harbour" }).run();
    expect(editor.getJSON().content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "Suspect" }] },
      { type: "image", attrs: { src: SRC, alt: "Blue van at the harbour", title: null } },
      { type: "paragraph", content: [{ type: "text", text: " vehicle" }] },
    ]);
  });
});
