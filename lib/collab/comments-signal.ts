/**
 * A nudge from a comment operation, once it has committed, to the collaboration server: "this
 * document's comments changed", which the server passes to the document's open connections as a
 * stateless message so that everyone's Comments panel refetches the (permission-trimmed) list
 * without reloading. The message carries no content, only the fact of a change: each client asks
 * the API again, as itself. Only the server sends it; what clients send is never relayed
 * (collab-server.ts, onStateless). Next.js bundles lib/ apart from server.ts, so the two halves of
 * the process share the listener through a global symbol, as access-signal.ts does.
 */
const KEY = Symbol.for("accord.collab.commentsChanged");

/** The stateless message the document's connections receive. */
export const COMMENTS_CHANGED_MESSAGE = JSON.stringify({ type: "comments-changed" });

type Registry = { [KEY]?: (documentId: string) => void };

/** Tells the collaboration server (if one runs in this process) that a document's comments changed. */
export function signalCommentsChanged(documentId: string): void {
  try {
    (globalThis as Registry)[KEY]?.(documentId);
  } catch (err) {
    // The change is committed whatever happens here: a panel that misses the nudge catches up on
    // its next reconnect or reload.
    console.error("[collab] could not announce a comment change", err);
  }
}

/** Registers the collaboration server's broadcast (one per process). */
export function onCommentsChanged(listener: ((documentId: string) => void) | undefined): void {
  (globalThis as Registry)[KEY] = listener;
}
