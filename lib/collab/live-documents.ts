/**
 * A way for an operation (restoring a version) to change a document's content through the
 * collaboration server when the document is open there, so that the change reaches every open
 * editor and is not overwritten by the server's in-memory state when it next stores. Next.js
 * bundles lib/ apart from server.ts, so the two share the registration through a global symbol.
 * Without a collaboration server in the process (tests, tools), callers write the stored state.
 */
import * as Y from "yjs";

const KEY = Symbol.for("accord.collab.liveDocuments");

/** What the collaboration server offers for documents it has open. */
export type LiveDocuments = {
  /** The live state of an open document (ahead of the stored one by up to the store window), or null. */
  state(documentId: string): Uint8Array | null;
  /** Replaces an open document's whole content with `state`; false when it is not open. */
  replace(documentId: string, state: Uint8Array): Promise<boolean>;
};

type Registry = { [KEY]?: LiveDocuments };

/** Registers the collaboration server's live documents (one per process). */
export function registerLiveDocuments(live: LiveDocuments | undefined): void {
  (globalThis as Registry)[KEY] = live;
}

/** The live state of the document if it is open in this process. */
export function liveState(documentId: string): Uint8Array | null {
  return (globalThis as Registry)[KEY]?.state(documentId) ?? null;
}

/** Replaces the content of the live document if it is open in this process. */
export async function replaceLiveContent(documentId: string, state: Uint8Array): Promise<boolean> {
  const live = (globalThis as Registry)[KEY];
  return live ? live.replace(documentId, state) : false;
}

/**
 * Makes `target`'s content equal to `source`'s as ordinary Yjs changes (delete everything, insert
 * copies), so that history continues and every client merges it like any edit.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc, field: string): void {
  const to = target.getXmlFragment(field);
  const from = source.getXmlFragment(field);
  const copy = (node: Y.XmlElement | Y.XmlText): Y.XmlElement | Y.XmlText => {
    if (node instanceof Y.XmlText) {
      const text = new Y.XmlText();
      text.applyDelta(node.toDelta());
      return text;
    }
    const element = new Y.XmlElement(node.nodeName);
    for (const [name, value] of Object.entries(node.getAttributes())) element.setAttribute(name, value as string);
    element.insert(0, node.toArray().map((child) => copy(child as Y.XmlElement | Y.XmlText)));
    return element;
  };
  target.transact(() => {
    to.delete(0, to.length);
    to.insert(0, from.toArray().map((child) => copy(child as Y.XmlElement | Y.XmlText)));
  }, "accord-restore");
}
