"use client";
/**
 * The co-editing editor: tiptap bound to the document's Yjs state through Hocuspocus on /collab,
 * with everyone's cursor, name and agency. The socket asks for a fresh one-minute token on every
 * (re)connect; the server decides who may edit and may take access away while the page is open,
 * in which case the content is removed from the page and the reason shown. Undo and redo are each
 * person's own (Yjs undo manager), so nobody undoes someone else's typing.
 */
import { useEffect, useRef, useState } from "react";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as Y from "yjs";
import { documentExtensions } from "@/lib/editor/extensions";
import { isSafeLinkUrl } from "@/lib/editor/safe-urls";
import { CommentHighlights } from "./comment-highlights";
import { CommentsLayout } from "./comments-panel";
import { mentionSuggestion } from "./mention-suggestion";
import { ImageUpload, InsertImageButton, type ImageUploadTarget } from "./image-upload";

type Props = {
  documentId: string;
  canEdit: boolean;
  /** Whether the person may comment (the policy's "comment"); the comments panel keeps it up to date. */
  canComment?: boolean;
  /** Where images put into the document are uploaded (decided on the server); absent: no images can be added. */
  imageUpload?: ImageUploadTarget | null;
  user: { id: string; name: string; agencyCode: string };
};

type Peer = { clientId: number; name: string; agency: string; color: string };
type Status = "connecting" | "connected" | "disconnected" | "revoked" | "refused";

const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#912b88", "#28a197", "#f47738"];

/** A stable colour per person, so their cursor looks the same to everyone. */
function colourFor(userId: string): string {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

async function fetchToken(documentId: string): Promise<string> {
  const res = await fetch(`/api/v1/documents/${documentId}/collab-token`, { method: "POST", credentials: "same-origin", cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 404 ? "not-found" : "token");
  return ((await res.json()) as { token: string }).token;
}

type Connection = { doc: Y.Doc; provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket };

/** The editor with live collaboration for one document. */
export function CollaborativeEditor(props: Props) {
  // The socket exists only in the browser: it is opened after the first render (never on the server).
  const [connection, setConnection] = useState<Connection | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new HocuspocusProviderWebsocket({ url: `${protocol}//${window.location.host}/collab`, autoConnect: false });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: props.documentId, document: doc, token: () => fetchToken(props.documentId) });
    // Connecting is subscribing to an external system (the socket), which only exists in the
    // browser: the one place to start it is an effect, and its handle must reach the render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConnection({ doc, provider, socket });
    return () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
  }, [props.documentId]);
  if (!connection) {
    return (
      <div className="editor-status" role="status" data-testid="collab-status">
        Connecting…
      </div>
    );
  }
  return <LiveEditor {...props} connection={connection} />;
}

function LiveEditor({ documentId, canEdit: initialCanEdit, canComment = false, user, connection, imageUpload }: Props & { connection: Connection }) {
  const { doc, provider, socket } = connection;
  const [status, setStatus] = useState<Status>("connecting");
  const [canEdit, setCanEdit] = useState(initialCanEdit);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [isSynced, setIsSynced] = useState(false);

  useEffect(() => {
    const onStatus = ({ status: s }: { status: string }) => setStatus((prev) => (prev === "revoked" || prev === "refused" ? prev : s === "connected" ? "connected" : s === "connecting" ? "connecting" : "disconnected"));
    const onSynced = ({ state }: { state: boolean }) => setIsSynced(state);
    const onClose = ({ event }: { event: { reason: string } }) => {
      if (event.reason === "access-revoked") {
        setStatus("revoked");
        provider.destroy();
        socket.destroy();
      }
    };
    const onFailed = () => {
      setStatus("refused");
      provider.destroy();
      socket.destroy();
    };
    const onStateless = ({ payload }: { payload: string }) => {
      try {
        const message = JSON.parse(payload) as { type?: string; canEdit?: boolean };
        if (message.type === "access" && typeof message.canEdit === "boolean") setCanEdit(message.canEdit);
      } catch {
        // Not ours: ignore.
      }
    };
    const onAwareness = () => {
      const states = provider.awareness?.getStates() ?? new Map();
      const list: Peer[] = [];
      states.forEach((state, clientId) => {
        const u = state.user as { name?: string; agency?: string; color?: string } | undefined;
        if (u?.name && clientId !== provider.awareness?.clientID) list.push({ clientId, name: u.name, agency: u.agency ?? "", color: u.color ?? "#505a5f" });
      });
      setPeers(list);
    };
    provider.on("status", onStatus);
    provider.on("synced", onSynced);
    provider.on("close", onClose);
    provider.on("authenticationFailed", onFailed);
    provider.on("stateless", onStateless);
    provider.on("awarenessChange", onAwareness);
    provider.attach();
    socket.connect();
    return () => {
      provider.off("status", onStatus);
      provider.off("synced", onSynced);
      provider.off("close", onClose);
      provider.off("authenticationFailed", onFailed);
      provider.off("stateless", onStateless);
      provider.off("awarenessChange", onAwareness);
    };
  }, [doc, provider, socket]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: initialCanEdit,
      extensions: [
        // The @mention picker offers only people who may read the document (the server decides).
        ...documentExtensions({ mentionSuggestion: mentionSuggestion(documentId) }),
        Collaboration.configure({ document: doc }),
        // Commented ranges, resolved from their Yjs positions (comment-highlights.ts); page decorations only.
        CommentHighlights,
        // Readers send no cursor (the server drops it anyway), so only editors get the caret extension.
        ...(initialCanEdit ? [CollaborationCaret.configure({ provider, user: { name: user.name, agency: user.agencyCode, color: colourFor(user.id) } })] : []),
        // Pasted and dropped images, handed to the Insert image button (image-upload.tsx).
        ...(initialCanEdit ? [ImageUpload] : []),
      ],
      editorProps: {
        attributes: {
          class: "editor-content",
          "aria-label": "Document text",
          "aria-multiline": "true",
          role: "textbox",
          "data-testid": "editor",
        },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    editor?.setEditable(canEdit && status !== "revoked");
  }, [editor, canEdit, status]);

  if (status === "revoked") {
    return (
      <div className="alert alert-warning" role="alert" data-testid="access-ended">
        <strong>Your access to this document has ended.</strong> You may have been removed from the space, its sharing agreement may have
        lapsed, or its marking may now be above your vetting. The content has been removed from this page.
      </div>
    );
  }
  if (status === "refused") {
    return (
      <div className="alert" role="alert" data-testid="access-refused">
        This document could not be opened for co-editing. Your session may have ended: reload the page or sign in again.
      </div>
    );
  }

  return (
    <div className="editor" data-synced={isSynced ? "true" : "false"}>
      <div className="editor-status" role="status" aria-live="polite" data-testid="collab-status">
        {status === "connected" ? (isSynced ? "Connected" : "Loading…") : status === "connecting" ? "Connecting…" : "Offline: your changes are kept and sent when the connection returns"}
        {!canEdit && <span data-testid="read-only-notice"> · You can read this document but not edit it</span>}
        {peers.length > 0 && (
          <span data-testid="presence">
            {" · Also here: "}
            {peers.map((p, i) => (
              <span key={p.clientId} className="peer" style={{ borderColor: p.color }}>
                {i > 0 ? ", " : ""}
                {p.name} ({p.agency})
              </span>
            ))}
          </span>
        )}
      </div>
      <CommentsLayout editor={editor} provider={provider} documentId={documentId} canComment={canComment}>
        {canEdit && editor && <Toolbar editor={editor} imageUpload={imageUpload} />}
        <EditorContent editor={editor} />
      </CommentsLayout>
    </div>
  );
}

/** Formatting buttons; each says whether it is on (aria-pressed) and has a keyboard shortcut. */
function Toolbar({ editor, imageUpload }: { editor: Editor; imageUpload?: ImageUploadTarget | null }) {
  const [, force] = useState(0);
  const linkInput = useRef<HTMLInputElement>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  useEffect(() => {
    const update = () => force((n) => n + 1);
    editor.on("transaction", update);
    return () => {
      editor.off("transaction", update);
    };
  }, [editor]);
  const button = (label: string, isActive: boolean, run: () => void, shortcut?: string) => (
    <button type="button" className="toolbar-button" aria-pressed={isActive} onClick={run} title={shortcut ? `${label} (${shortcut})` : label}>
      {label}
    </button>
  );
  const chain = () => editor.chain().focus();
  const addLink = () => {
    const url = linkInput.current?.value.trim() ?? "";
    if (!isSafeLinkUrl(url)) {
      setLinkError("Links must start with https://, mailto: or tel:");
      return;
    }
    setLinkError(null);
    chain().extendMarkRange("link").setLink({ href: url }).run();
    if (linkInput.current) linkInput.current.value = "";
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {button("Bold", editor.isActive("bold"), () => chain().toggleBold().run(), "Ctrl+B")}
      {button("Italic", editor.isActive("italic"), () => chain().toggleItalic().run(), "Ctrl+I")}
      {button("Heading", editor.isActive("heading", { level: 2 }), () => chain().toggleHeading({ level: 2 }).run())}
      {button("Subheading", editor.isActive("heading", { level: 3 }), () => chain().toggleHeading({ level: 3 }).run())}
      {button("Bullets", editor.isActive("bulletList"), () => chain().toggleBulletList().run())}
      {button("Numbered", editor.isActive("orderedList"), () => chain().toggleOrderedList().run())}
      {button("Tasks", editor.isActive("taskList"), () => chain().toggleTaskList().run())}
      {button("Table", editor.isActive("table"), () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      {imageUpload && <InsertImageButton editor={editor} target={imageUpload} />}
      {button("Undo", false, () => chain().undo().run(), "Ctrl+Z")}
      {button("Redo", false, () => chain().redo().run(), "Ctrl+Shift+Z")}
      <span className="toolbar-link">
        <label htmlFor="editor-link-url" className="visually-hidden">
          Link address
        </label>
        <input id="editor-link-url" ref={linkInput} type="url" placeholder="https://…" aria-describedby={linkError ? "editor-link-error" : undefined} />
        <button type="button" className="toolbar-button" onClick={addLink}>
          Link
        </button>
        {linkError && (
          <span id="editor-link-error" role="alert" className="field-error">
            {linkError}
          </span>
        )}
      </span>
    </div>
  );
}
