/**
 * Commented ranges shown in the editor, and the anchors new comments get.
 *
 * A thread's anchor is a pair of Yjs relative positions (stored in the database, never as marks
 * in the document: people who may comment but not edit must be able to comment, and comments
 * must never enter the content). This ProseMirror plugin resolves them against the live Yjs
 * document through the ySync plugin's mapping (`relativePositionToAbsolutePosition`), so a
 * highlight follows everyone's edits, and draws each as an inline decoration: attributes on the
 * page only, nothing in the schema or the stored content.
 *
 * When to resolve: the mapping between Yjs types and ProseMirror nodes is brought up to date by
 * y-tiptap before it dispatches a remote change, but only after a local change has been applied
 * (in its view update). So ranges are resolved afresh when the threads change and on every
 * transaction that comes from Yjs, and mapped through the transaction otherwise, which is exact
 * for local edits.
 */
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { CommentAnchor } from "@/lib/comments/comment-types";

/** A thread as the highlights need it. */
export type HighlightedThread = { id: string; anchor: CommentAnchor };

type Range = { from: number; to: number };
type HighlightState = { threads: HighlightedThread[]; activeId: string | null; ranges: Map<string, Range>; decorations: DecorationSet };
type HighlightMeta = { threads?: HighlightedThread[]; activeId?: string | null };

const highlightsKey = new PluginKey<HighlightState>("accordCommentHighlights");

/** Dispatched on the editor's DOM when a highlight is clicked: `detail.threadId` names its thread. */
export const ACTIVATE_THREAD_EVENT = "accord-comment-activate";
/** Dispatched on the editor's DOM by Ctrl+Alt+M: the comment panel opens a new comment on the selection. */
export const NEW_COMMENT_EVENT = "accord-comment-new";

type YSyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null } | undefined;

function ySync(state: EditorState): YSyncState {
  return ySyncPluginKey.getState(state) as YSyncState;
}

/** Each thread's range in the current document, from its relative positions; unresolvable or collapsed ranges are left out. */
function resolveRanges(ystate: YSyncState, state: EditorState, threads: HighlightedThread[]): Map<string, Range> {
  const ranges = new Map<string, Range>();
  if (!ystate?.binding) return ranges;
  const size = state.doc.content.size;
  for (const thread of threads) {
    try {
      const from = relativePositionToAbsolutePosition(ystate.doc, ystate.type, Y.createRelativePositionFromJSON(thread.anchor.start), ystate.binding.mapping);
      const to = relativePositionToAbsolutePosition(ystate.doc, ystate.type, Y.createRelativePositionFromJSON(thread.anchor.end), ystate.binding.mapping);
      if (from === null || to === null) continue;
      const start = Math.max(0, Math.min(from, size));
      const end = Math.max(0, Math.min(to, size));
      // The commented text was deleted (or the range never reached this client): nothing to mark.
      if (end > start) ranges.set(thread.id, { from: start, to: end });
    } catch {
      // An anchor naming items this client has not received yet resolves on a later change.
    }
  }
  return ranges;
}

function mapRanges(ranges: Map<string, Range>, tr: Transaction): Map<string, Range> {
  const mapped = new Map<string, Range>();
  for (const [id, r] of ranges) {
    // Both ends keep to the character after them, as their Yjs positions do (assoc 0).
    const from = tr.mapping.map(r.from, 1);
    const to = tr.mapping.map(r.to, 1);
    if (to > from) mapped.set(id, { from, to });
  }
  return mapped;
}

function decorate(state: EditorState, ranges: Map<string, Range>, activeId: string | null): DecorationSet {
  const decorations = [...ranges].map(([id, r]) =>
    Decoration.inline(r.from, r.to, { class: id === activeId ? "comment-highlight comment-highlight-active" : "comment-highlight", "data-comment-thread": id }, { threadId: id }),
  );
  return DecorationSet.create(state.doc, decorations);
}

/** The thread whose range holds `pos` (the shortest, where ranges overlap). */
function threadAt(state: EditorState, pos: number): string | null {
  const ranges = highlightsKey.getState(state)?.ranges;
  let best: { id: string; length: number } | null = null;
  for (const [id, r] of ranges ?? []) {
    if (pos < r.from || pos > r.to) continue;
    if (!best || r.to - r.from < best.length) best = { id, length: r.to - r.from };
  }
  return best?.id ?? null;
}

/** The comment highlights and the Ctrl+Alt+M shortcut, for the collaborative editor. */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",

  addKeyboardShortcuts() {
    return {
      "Ctrl-Alt-m": ({ editor }) => {
        editor.view.dom.dispatchEvent(new CustomEvent(NEW_COMMENT_EVENT, { bubbles: true }));
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightsKey,
        state: {
          init: (_config, state) => ({ threads: [], activeId: null, ranges: new Map(), decorations: DecorationSet.create(state.doc, []) }),
          apply(tr, prev, oldState, newState) {
            const meta = tr.getMeta(highlightsKey) as HighlightMeta | undefined;
            const threads = meta?.threads ?? prev.threads;
            const activeId = meta && "activeId" in meta ? (meta.activeId ?? null) : prev.activeId;
            if (meta?.threads || tr.getMeta(ySyncPluginKey) !== undefined) {
              // newState's ySync state is there when that plugin comes first; the objects it holds are the same either way.
              const ranges = resolveRanges(ySync(newState) ?? ySync(oldState), newState, threads);
              return { threads, activeId, ranges, decorations: decorate(newState, ranges, activeId) };
            }
            if (tr.docChanged) {
              const ranges = mapRanges(prev.ranges, tr);
              return { threads, activeId, ranges, decorations: decorate(newState, ranges, activeId) };
            }
            if (activeId !== prev.activeId) return { ...prev, activeId, decorations: decorate(newState, prev.ranges, activeId) };
            return prev;
          },
        },
        props: {
          decorations: (state) => highlightsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const threadId = threadAt(view.state, pos);
            if (threadId) view.dom.dispatchEvent(new CustomEvent(ACTIVATE_THREAD_EVENT, { bubbles: true, detail: { threadId } }));
            // The click still places the caret as usual.
            return false;
          },
        },
      }),
    ];
  },
});

/** Shows these threads' ranges in the editor (replacing any shown before). */
export function setCommentHighlights(editor: Editor, threads: HighlightedThread[]): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(highlightsKey, { threads } satisfies HighlightMeta).setMeta("addToHistory", false));
}

/** Marks one thread's range as the one being looked at (or none). */
export function setActiveCommentThread(editor: Editor, threadId: string | null): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(highlightsKey, { activeId: threadId } satisfies HighlightMeta).setMeta("addToHistory", false));
}

/** The range a thread is shown at now, or null when its text is gone. */
export function rangeOfThread(editor: Editor, threadId: string): Range | null {
  return highlightsKey.getState(editor.state)?.ranges.get(threadId) ?? null;
}

/** The selection as a thread anchor (its Yjs relative positions) and the text it holds; null when nothing is selected. */
export function anchorFromSelection(editor: Editor): { anchor: CommentAnchor; quote: string } | null {
  const { from, to, empty } = editor.state.selection;
  const ystate = ySync(editor.state);
  if (empty || !ystate?.binding) return null;
  const relative = (pos: number) => Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, ystate.type, ystate.binding!.mapping)) as CommentAnchor["start"];
  const quote = editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
  return { anchor: { start: relative(from), end: relative(to) }, quote };
}
