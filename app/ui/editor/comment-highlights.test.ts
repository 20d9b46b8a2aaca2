// @vitest-environment happy-dom
/**
 * The comment highlights in real tiptap editors over happy-dom, two of them co-editing through
 * their Yjs documents as the collaboration server would relay them: an anchor taken from one
 * person's selection is accepted by the server's anchor schema and highlights the same words in the
 * other person's editor; the highlight follows edits made by either, before and inside the range;
 * it goes when its words are deleted; clicking it names its thread; and nothing of it enters the
 * document's content.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";
import { documentExtensions } from "@/lib/editor/extensions";
import { stateFromDocumentJson } from "@/lib/collab/yjs-content";
import { ZCommentAnchor } from "@/lib/comments/comment-shared";
import { ACTIVATE_THREAD_EVENT, anchorFromSelection, CommentHighlights, NEW_COMMENT_EVENT, rangeOfThread, setActiveCommentThread, setCommentHighlights } from "./comment-highlights";

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
  document.body.replaceChildren();
});

const INITIAL = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Vehicle seen leaving Paignton at 21:40" }] }] };

/** Two people's editors on one document, each change relayed to the other at once. */
function pair(): { alice: Editor; bob: Editor } {
  const docs = [new Y.Doc(), new Y.Doc()];
  const initial = stateFromDocumentJson(INITIAL);
  for (const d of docs) Y.applyUpdate(d, initial);
  docs[0]!.on("update", (update: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(docs[1]!, update, "relay"));
  docs[1]!.on("update", (update: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(docs[0]!, update, "relay"));
  const [alice, bob] = docs.map((document_) => {
    const element = document.createElement("div");
    document.body.appendChild(element);
    const editor = new Editor({ element, extensions: [...documentExtensions(), Collaboration.configure({ document: document_ }), CommentHighlights] });
    editors.push(editor);
    return editor;
  });
  return { alice: alice!, bob: bob! };
}

/** The text a thread is highlighted on in this editor, or null. */
function highlighted(editor: Editor, threadId: string): string | null {
  const range = rangeOfThread(editor, threadId);
  return range ? editor.state.doc.textBetween(range.from, range.to) : null;
}

/** The document position of the first occurrence of `words`. */
function positionOf(editor: Editor, words: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return;
    const at = node.text!.indexOf(words);
    if (at >= 0) found = pos + at;
  });
  if (found < 0) throw new Error(`"${words}" is not in the document`);
  return found;
}

function select(editor: Editor, words: string) {
  const from = positionOf(editor, words);
  editor.commands.setTextSelection({ from, to: from + words.length });
}

describe("comment highlights", () => {
  it("anchors one person's selection so that it highlights the same words for another, following both people's edits", () => {
    const { alice, bob } = pair();
    select(alice, "leaving Paignton");
    const selected = anchorFromSelection(alice)!;
    expect(selected.quote).toBe("leaving Paignton");
    // What the editor makes is what the server accepts, exactly.
    expect(ZCommentAnchor.parse(JSON.parse(JSON.stringify(selected.anchor)))).toEqual(selected.anchor);

    const thread = { id: "thread-1", anchor: JSON.parse(JSON.stringify(selected.anchor)) };
    setCommentHighlights(bob, [thread]);
    setCommentHighlights(alice, [thread]);
    expect(highlighted(bob, "thread-1")).toBe("leaving Paignton");
    expect(bob.view.dom.querySelector('[data-comment-thread="thread-1"]')?.textContent).toBe("leaving Paignton");

    // Alice types before the range (a remote edit for Bob); Bob types inside it (local for him).
    alice.commands.insertContentAt(1, "Blue ");
    expect(bob.getText()).toContain("Blue Vehicle seen leaving Paignton");
    expect(highlighted(bob, "thread-1")).toBe("leaving Paignton");
    bob.commands.insertContentAt(positionOf(bob, "Paignton"), "central ");
    expect(highlighted(bob, "thread-1")).toBe("leaving central Paignton");
    expect(highlighted(alice, "thread-1")).toBe("leaving central Paignton");

    // The highlight is a decoration of the page: the content holds no trace of the comment.
    expect(JSON.stringify(bob.getJSON())).not.toContain("thread-1");
    expect(bob.getHTML()).not.toContain("comment");
  });

  it("drops the highlight when its words are deleted, and shows only the threads it is given", () => {
    const { alice, bob } = pair();
    select(alice, "Paignton");
    const first = { id: "a", anchor: anchorFromSelection(alice)!.anchor };
    select(alice, "21:40");
    const second = { id: "b", anchor: anchorFromSelection(alice)!.anchor };
    setCommentHighlights(bob, [first, second]);
    expect([highlighted(bob, "a"), highlighted(bob, "b")]).toEqual(["Paignton", "21:40"]);

    const from = positionOf(alice, "Paignton");
    alice.commands.deleteRange({ from, to: from + "Paignton".length });
    // Bob's highlight is recomputed from the anchor when Alice's change arrives.
    expect(highlighted(bob, "a")).toBeNull();
    expect(highlighted(bob, "b")).toBe("21:40");
    setCommentHighlights(bob, [first]);
    expect(highlighted(bob, "b")).toBeNull();
    expect(bob.view.dom.querySelectorAll("[data-comment-thread]")).toHaveLength(0);
  });

  it("marks the thread being looked at, names the thread of a clicked highlight, and has no anchor without a selection", () => {
    const { alice } = pair();
    select(alice, "seen");
    const thread = { id: "t", anchor: anchorFromSelection(alice)!.anchor };
    setCommentHighlights(alice, [thread]);
    setActiveCommentThread(alice, "t");
    expect(alice.view.dom.querySelector('[data-comment-thread="t"]')?.className).toContain("comment-highlight-active");

    const clicked: string[] = [];
    alice.view.dom.addEventListener(ACTIVATE_THREAD_EVENT, (e) => clicked.push((e as CustomEvent<{ threadId: string }>).detail.threadId));
    const inside = positionOf(alice, "seen") + 2;
    alice.view.someProp("handleClick", (f) => f(alice.view, inside, new MouseEvent("click")));
    expect(clicked).toEqual(["t"]);

    const opened: string[] = [];
    alice.view.dom.addEventListener(NEW_COMMENT_EVENT, () => opened.push("new"));
    alice.view.dom.dispatchEvent(new KeyboardEvent("keydown", { key: "m", ctrlKey: true, altKey: true, bubbles: true }));
    expect(opened).toEqual(["new"]);

    alice.commands.setTextSelection(3);
    expect(anchorFromSelection(alice)).toBeNull();
  });
});
