// @vitest-environment happy-dom
/**
 * The Comments panel rendered by React over happy-dom, with the API and the collaboration
 * provider stood in for: it shows what the server's answer allows and nothing more (a reader gets
 * no reply box, no Resolve, no Comment button; only one's own comment has Edit and Delete); it
 * refetches when the server's "comments-changed" arrives and after each change made in it; @ in a
 * reply offers the server's candidates as a listbox and Enter takes one into the mentions sent;
 * the server's refusal is shown as it was given; bodies are rendered as text.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";
import { documentExtensions } from "@/lib/editor/extensions";
import { stateFromDocumentJson } from "@/lib/collab/yjs-content";
import { ZCommentAnchor } from "@/lib/comments/comment-shared";
import { CommentHighlights, NEW_COMMENT_EVENT } from "./comment-highlights";
import type { CommentThreadList, CommentThreadView } from "@/lib/comments/comment-types";
import { CommentsLayout } from "./comments-panel";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DOCUMENT_ID = "6f1c2a4e-0000-4000-8000-000000000001";
const PRIYA = { id: "0b6f6c1e-1111-4000-8000-00000000000a", name: "DS Priya Shah", agency: { code: "DCP", name: "Devon & Cornwall Police" } };
const TOM = { id: "0b6f6c1e-1111-4000-8000-00000000000b", name: "PC Tom Hughes", agency: { code: "DCP", name: "Devon & Cornwall Police" } };
const anchor = { start: { tname: "default", assoc: 0 }, end: { tname: "default", assoc: 0 } };

function thread(overrides: Partial<CommentThreadView> = {}, canWrite = true): CommentThreadView {
  return {
    id: "7a000000-0000-4000-8000-000000000001",
    anchor,
    quote: "Vehicle seen leaving Paignton",
    createdBy: PRIYA,
    createdAt: "2026-11-26T12:00:00.000Z",
    resolvedAt: null,
    resolvedBy: null,
    comments: [
      {
        id: "7b000000-0000-4000-8000-000000000001",
        author: PRIYA,
        body: 'Ask @PC Tom Hughes <img src=x onerror="alert(1)">',
        mentions: [{ id: TOM.id, name: TOM.name }],
        createdAt: "2026-11-26T12:00:00.000Z",
        editedAt: null,
        isDeleted: false,
        permissions: { canEdit: false, canDelete: false },
      },
      {
        id: "7b000000-0000-4000-8000-000000000002",
        author: TOM,
        body: "On it.",
        mentions: [],
        createdAt: "2026-11-26T12:05:00.000Z",
        editedAt: null,
        isDeleted: false,
        permissions: { canEdit: canWrite, canDelete: canWrite },
      },
    ],
    permissions: { canReply: canWrite, canResolve: canWrite },
    ...overrides,
  };
}

/** A provider stand-in: only what the panel listens to. */
class FakeProvider {
  private listeners = new Map<string, Set<(payload: never) => void>>();
  on(event: string, fn: (payload: never) => void) {
    (this.listeners.get(event) ?? this.listeners.set(event, new Set()).get(event)!).add(fn);
  }
  off(event: string, fn: (payload: never) => void) {
    this.listeners.get(event)?.delete(fn);
  }
  emit(event: string, payload: unknown) {
    for (const fn of this.listeners.get(event) ?? []) fn(payload as never);
  }
}

let root: Root | undefined;
let container: HTMLDivElement;
let provider: FakeProvider;
let list: CommentThreadList;
const calls: { method: string; url: string; body: unknown }[] = [];
let refuseNext: { status: number; message: string } | null = null;

beforeEach(() => {
  calls.length = 0;
  refuseNext = null;
  provider = new FakeProvider();
  list = { documentId: DOCUMENT_ID, permissions: { canComment: true }, threads: [thread()] };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
      if (method !== "GET" && refuseNext) {
        const { status, message } = refuseNext;
        refuseNext = null;
        return json(status, { error: { code: "invalid_input", message } });
      }
      if (url.includes("/mention-candidates")) return json(200, { items: [TOM] });
      if (url.endsWith("/comments") && method === "GET") return json(200, list);
      return json(200, { id: "x" });
    }),
  );
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function render(canComment = true, editor: Editor | null = null) {
  root = createRoot(container);
  await act(async () => {
    root!.render(
      <CommentsLayout editor={editor} provider={provider as unknown as HocuspocusProvider} documentId={DOCUMENT_ID} canComment={canComment}>
        <div>the editor</div>
      </CommentsLayout>,
    );
  });
  await settle();
}

/** Lets pending fetches and timers run, inside act. */
async function settle(ms = 20) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

const byLabel = (label: string) => container.querySelector<HTMLElement>(`[aria-label="${label}"]`);
const buttons = (scope: ParentNode = container) => [...scope.querySelectorAll("button")].map((b) => b.textContent);
async function typeInto(el: HTMLTextAreaElement, text: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(el, text);
    el.setSelectionRange(text.length, text.length);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
async function press(el: HTMLElement, key: string) {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  });
}
async function click(el: Element) {
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}

describe("the Comments panel", () => {
  it("shows the threads as the server gave them, bodies as text, and only the controls it allows", async () => {
    await render();
    const article = container.querySelector("article")!;
    expect(article.getAttribute("aria-label")).toBe("Comment thread on “Vehicle seen leaving Paignton”");
    expect(article.textContent).toContain("DS Priya Shah (Devon & Cornwall Police)");
    // Markup in a body stays text; the mention is marked as such.
    expect(article.querySelector("img")).toBeNull();
    expect(article.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(article.querySelector(".mention")?.textContent).toBe("@PC Tom Hughes");
    expect(article.querySelector('form[aria-label="Reply"]')).not.toBeNull();
    expect(buttons(article)).toEqual(expect.arrayContaining(["Resolve", "Show in text", "Edit your comment", "Delete your comment"]));
    // Edit and Delete belong to the one comment the server said is the reader's own.
    expect(article.querySelectorAll("li")[0]!.textContent).not.toContain("Edit");
  });

  it("gives a reader the threads and nothing to write with", async () => {
    list = { documentId: DOCUMENT_ID, permissions: { canComment: false }, threads: [thread({}, false)] };
    await render(false);
    const article = container.querySelector("article")!;
    expect(article.textContent).toContain("On it.");
    expect(article.querySelector("form")).toBeNull();
    expect(article.querySelector("textarea")).toBeNull();
    expect(buttons(article)).toEqual(["Show in text"]);
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
  });

  it("fetches the list again when the server says the comments changed, and only then", async () => {
    await render();
    const gets = () => calls.filter((c) => c.method === "GET" && c.url === `/api/v1/documents/${DOCUMENT_ID}/comments`).length;
    expect(gets()).toBe(1);
    list = { ...list, threads: [...list.threads, thread({ id: "7a000000-0000-4000-8000-000000000002", quote: "21:40" })] };
    await act(async () => provider.emit("stateless", { payload: JSON.stringify({ type: "access", canEdit: true }) }));
    await act(async () => provider.emit("stateless", { payload: "not json" }));
    await settle();
    expect(gets()).toBe(1);
    await act(async () => provider.emit("stateless", { payload: JSON.stringify({ type: "comments-changed" }) }));
    await settle();
    expect(gets()).toBe(2);
    expect(container.querySelectorAll("article")).toHaveLength(2);
    // A reconnect refetches too, in case a message was missed.
    await act(async () => provider.emit("synced", { state: true }));
    await settle();
    expect(gets()).toBe(3);
  });

  it("hides resolved threads until asked, and says when there is nothing open", async () => {
    list = { ...list, threads: [thread({ resolvedAt: "2026-11-26T13:00:00.000Z", resolvedBy: { id: TOM.id, name: TOM.name } })] };
    await render();
    expect(container.querySelector("article")).toBeNull();
    expect(container.textContent).toContain("No open comments.");
    const toggle = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(toggle.parentElement!.textContent).toContain("Show resolved (1)");
    await click(toggle);
    expect(container.querySelector("article")!.textContent).toContain("Resolved by PC Tom Hughes");
    expect(buttons(container.querySelector("article")!)).toContain("Reopen");
  });

  it("offers the people who may read the document after @, and sends the reply with the one chosen", async () => {
    await render();
    const reply = byLabel("Reply")!;
    const box = reply.querySelector("textarea")!;
    await typeInto(box, "Thanks @To");
    await settle(250);
    const listbox = reply.querySelector<HTMLElement>('[role="listbox"]')!;
    expect(listbox.getAttribute("aria-label")).toBe("People who can read this document");
    expect(box.getAttribute("aria-controls")).toBe(listbox.id);
    const option = listbox.querySelector('[role="option"]')!;
    expect(option.textContent).toContain("PC Tom Hughes");
    expect(box.getAttribute("aria-activedescendant")).toBe(option.id);
    expect(calls.some((c) => c.url === `/api/v1/documents/${DOCUMENT_ID}/mention-candidates?q=To`)).toBe(true);
    await press(box, "Enter");
    expect(box.value).toBe("Thanks @PC Tom Hughes ");
    expect(reply.querySelector('[role="listbox"]')).toBeNull();
    await click(reply.querySelector('button[type="submit"]')!);
    const sent = calls.find((c) => c.method === "POST");
    expect(sent).toEqual({ method: "POST", url: "/api/v1/comment-threads/7a000000-0000-4000-8000-000000000001/comments", body: { body: "Thanks @PC Tom Hughes ", mentionIds: [TOM.id] } });
    expect(box.value).toBe("");
  });

  it("shows the server's refusal as it was given, and keeps what was typed", async () => {
    await render();
    const reply = byLabel("Reply")!;
    const box = reply.querySelector("textarea")!;
    await typeInto(box, "cc someone");
    refuseNext = { status: 400, message: "PC Mark Ellis cannot read this document, so cannot be mentioned in its comments. Remove the mention and try again." };
    await click(reply.querySelector('button[type="submit"]')!);
    expect(reply.querySelector('[role="alert"]')?.textContent).toBe("PC Mark Ellis cannot read this document, so cannot be mentioned in its comments. Remove the mention and try again.");
    expect(box.value).toBe("cc someone");
    // An empty reply is refused before anything is sent.
    await typeInto(box, "   ");
    const before = calls.length;
    await click(reply.querySelector('button[type="submit"]')!);
    expect(calls.length).toBe(before);
    expect(reply.querySelector('[role="alert"]')?.textContent).toBe("Write a reply first: it cannot be empty");
  });

  it("resolves through the API and fetches the list again", async () => {
    await render();
    const resolve = [...container.querySelectorAll("button")].find((b) => b.textContent === "Resolve")!;
    await click(resolve);
    expect(calls.find((c) => c.method === "PATCH")).toEqual({ method: "PATCH", url: "/api/v1/comment-threads/7a000000-0000-4000-8000-000000000001", body: { resolved: true } });
    expect(calls.filter((c) => c.method === "GET" && c.url.endsWith("/comments")).length).toBe(2);
  });

  it("comments on the editor's selection: the Comment button (or Ctrl+Alt+M) opens the form on it, and the anchor sent highlights it", async () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, stateFromDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Vehicle seen leaving Paignton" }] }] }));
    const element = document.createElement("div");
    document.body.appendChild(element);
    const editor = new Editor({ element, extensions: [...documentExtensions(), Collaboration.configure({ document: ydoc }), CommentHighlights] });
    try {
      list = { documentId: DOCUMENT_ID, permissions: { canComment: true }, threads: [] };
      await render(true, editor);
      const toolbar = byLabel("Comments")!;
      expect(toolbar.getAttribute("role")).toBe("toolbar");
      // Nothing selected: the button says what to do.
      await click(toolbar.querySelector("button")!);
      expect(toolbar.querySelector('[role="alert"]')?.textContent).toBe("Select the text you want to comment on first, then choose Comment.");

      await act(async () => {
        editor.commands.setTextSelection({ from: 14, to: 30 });
      });
      await act(async () => {
        editor.view.dom.dispatchEvent(new CustomEvent(NEW_COMMENT_EVENT, { bubbles: true }));
      });
      const form = byLabel("New comment")!;
      expect(form.textContent).toContain("leaving Paignton");
      const box = form.querySelector("textarea")!;
      expect(document.activeElement).toBe(box);
      await typeInto(box, "Which camera?");
      await click(form.querySelector('button[type="submit"]')!);
      const sent = calls.find((c) => c.method === "POST")!;
      expect(sent.url).toBe(`/api/v1/documents/${DOCUMENT_ID}/comments`);
      const body = sent.body as { anchor: unknown; quote: string; body: string; mentionIds: string[] };
      expect(body).toMatchObject({ quote: "leaving Paignton", body: "Which camera?", mentionIds: [] });
      expect(() => ZCommentAnchor.parse(body.anchor)).not.toThrow();
      expect(byLabel("New comment")).toBeNull();

      // The server now lists the thread: its words are highlighted in the editor.
      list = { ...list, threads: [thread({ anchor: body.anchor as CommentThreadView["anchor"], quote: body.quote, comments: [] })] };
      await act(async () => provider.emit("stateless", { payload: JSON.stringify({ type: "comments-changed" }) }));
      await settle();
      expect(editor.view.dom.querySelector("[data-comment-thread]")?.textContent).toBe("leaving Paignton");
    } finally {
      editor.destroy();
    }
  });
});
