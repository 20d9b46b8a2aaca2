"use client";

/**
 * A card's description as rich text: tiptap on the document schema (lib/editor/extensions.ts), so
 * that whatever this editor can make (typed, pasted or by shortcut) is exactly what the server's
 * cleaner keeps (cleanDocumentJson), and a card made through the API with a table or a mention
 * still opens whole. The toolbar offers the few things a card needs: bold, italic, bullets,
 * numbers and a link (https, mailto and tel only, checked here and by the schema and the server).
 * There is no Collaboration: a card is saved whole against its version (the dialog shows a
 * conflict), so undo and redo are the editor's own.
 *
 * Keyboard: the usual shortcuts work; the toolbar is one tab stop whose buttons the arrow keys
 * move between (the ARIA toolbar pattern); Tab and Shift+Tab always leave the text, never indent
 * a list item, so the editor is no keyboard trap (WCAG 2.1.2), and Escape closes the dialog as
 * from any other field. The text is a labelled multi-line
 * textbox, reachable by its visible label. Someone who may not change the card sees the
 * description rendered, read-only, with no toolbar and no editable box.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import type { AnyExtension, JSONContent } from "@tiptap/core";
import { UndoRedo } from "@tiptap/extensions";
import { documentExtensions } from "@/lib/editor/extensions";
import { cleanDocumentJson } from "@/lib/editor/clean-document-json";
import { documentPlainText } from "@/lib/editor/plain-text";
import { isSafeLinkUrl } from "@/lib/editor/safe-urls";

/** The card editor's extensions: the document schema, with StarterKit's undo/redo back on (the shared list turns it off for Yjs). */
export function descriptionExtensions(): AnyExtension[] {
  return [...documentExtensions(), UndoRedo];
}

/**
 * True for a key press the editor must leave to the browser: Tab and Shift+Tab move the focus on
 * (ProseMirror would indent a list item), and Escape closes the dialog, as from any other field
 * (ProseMirror would swallow it).
 */
export function isLeftToBrowser(event: Pick<globalThis.KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): boolean {
  return (event.key === "Tab" || event.key === "Escape") && !event.ctrlKey && !event.metaKey && !event.altKey;
}

type Props = {
  /** The base of the ids of the label, hint and fields (unique in the page). */
  id: string;
  /** The visible label, which also names the text box. */
  label: string;
  /** The description when the editor opens (later changes to it are not followed: the editor owns its content). */
  initialContent: JSONContent;
  isEditable: boolean;
  /** After every change: the editor's JSON, cleaned as the server will store it. */
  onChange?: (doc: JSONContent) => void;
};

/** The description field: label, toolbar and editor, or the rendered description when it is read-only. */
export function DescriptionEditor({ id, label, initialContent, isEditable, onChange }: Props) {
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const [isLinkOpen, setLinkOpen] = useState(false);
  const editor = useEditor({
    immediatelyRender: false,
    editable: isEditable,
    extensions: descriptionExtensions(),
    content: initialContent,
    editorProps: {
      attributes: isEditable
        ? { class: "editor-content", role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId, "aria-describedby": hintId, style: "min-height: 6rem", "data-testid": "card-description-editor" }
        : { class: "editor-content", role: "group", "aria-labelledby": labelId, style: "min-height: 0", "data-testid": "card-description" },
      // Returning true skips ProseMirror's key handling without preventing the browser's default.
      handleDOMEvents: { keydown: (_view, event) => isLeftToBrowser(event) },
    },
    onUpdate: ({ editor: changed }) => onChange?.(cleanDocumentJson(changed.getJSON())),
  });

  if (!isEditable) {
    // Images and tables have text of their own ("[image]", " | "), so only a description with nothing in it is empty.
    const isEmpty = documentPlainText(initialContent).trim() === "";
    return (
      <div className="field">
        <label id={labelId}>{label}</label>
        {isEmpty ? <p className="meta">No description.</p> : <EditorContent editor={editor} />}
      </div>
    );
  }
  return (
    <div className="field">
      <label id={labelId} onClick={() => editor?.commands.focus()}>
        {label}
      </label>
      <p className="hint" id={hintId}>
        Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbers (⌘ for Ctrl on a Mac). Tab moves on to the next field.
      </p>
      {editor && <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />}
      <EditorContent editor={editor} />
      {editor && isLinkOpen && <LinkField id={id} editor={editor} onDone={() => setLinkOpen(false)} />}
    </div>
  );
}

/** Bold, italic, bullets, numbers and link: toggles whose aria-pressed says whether each is on where the cursor is. */
function Toolbar({ editor, onLink }: { editor: Editor; onLink: () => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      isBold: e.isActive("bold"),
      isItalic: e.isActive("italic"),
      isBulletList: e.isActive("bulletList"),
      isOrderedList: e.isActive("orderedList"),
      isLink: e.isActive("link"),
    }),
  });
  // The one button in the tab order (roving tabindex); the arrow keys, Home and End move it.
  const [current, setCurrent] = useState(0);
  const chain = () => editor.chain().focus();
  const buttons: { label: string; isPressed: boolean; shortcut?: string; run: () => void }[] = [
    { label: "Bold", isPressed: state.isBold, shortcut: "Control+B", run: () => chain().toggleBold().run() },
    { label: "Italic", isPressed: state.isItalic, shortcut: "Control+I", run: () => chain().toggleItalic().run() },
    { label: "Bullets", isPressed: state.isBulletList, shortcut: "Control+Shift+8", run: () => chain().toggleBulletList().run() },
    { label: "Numbered", isPressed: state.isOrderedList, shortcut: "Control+Shift+7", run: () => chain().toggleOrderedList().run() },
    // Pressed inside a link: pressing it again takes the link off (its text stays), as for bold.
    { label: "Link", isPressed: state.isLink, run: () => (state.isLink ? chain().extendMarkRange("link").unsetLink().run() : onLink()) },
  ];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = buttons.length - 1;
    const next = { ArrowRight: current === last ? 0 : current + 1, ArrowLeft: current === 0 ? last : current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(next);
    event.currentTarget.querySelectorAll("button")[next]?.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {buttons.map((b, i) => (
        <button
          key={b.label}
          type="button"
          className="toolbar-button"
          aria-pressed={b.isPressed}
          aria-keyshortcuts={b.shortcut}
          title={b.label === "Link" && b.isPressed ? "Remove the link" : b.label}
          tabIndex={i === current ? 0 : -1}
          onFocus={() => setCurrent(i)}
          onClick={b.run}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The address of a link to add: put on the selected text, or inserted as its own text when
 * nothing is selected. Only https, mailto and tel addresses are taken. Enter adds it (without
 * submitting the card); Escape closes the field (without closing the dialog).
 */
function LinkField({ id, editor, onDone }: { id: string; editor: Editor; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  const add = () => {
    const href = input.current?.value.trim() ?? "";
    if (!isSafeLinkUrl(href)) {
      setError("Give a full address starting with https://, mailto: or tel:");
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty) chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.extendMarkRange("link").setLink({ href }).run();
    onDone();
  };
  const cancel = () => {
    editor.commands.focus();
    onDone();
  };
  return (
    <div className="field" style={{ marginTop: "0.5rem" }}>
      <label htmlFor={`${id}-link`}>Link address</label>
      <div className="row">
        <input
          ref={input}
          id={`${id}-link`}
          type="text"
          inputMode="url"
          autoComplete="url"
          placeholder="https://…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-link-error` : undefined}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            } else if (event.key === "Escape") {
              event.preventDefault();
              event.stopPropagation();
              cancel();
            }
          }}
        />
        <button type="button" className="button button-secondary button-small" onClick={add}>
          Add link
        </button>
        <button type="button" className="button button-secondary button-small" onClick={cancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error-text" id={`${id}-link-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
