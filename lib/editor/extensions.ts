/**
 * The editor schema, shared by the browser editor, the collaboration server and every server-side
 * rendering (HTML, exports): a document can only hold what these extensions define. It is tight
 * on purpose (security.md): no raw HTML node, no iframes or embeds, no inline styles or classes,
 * links only to https/mailto/tel, images only from Accord's own file route.
 *
 * The browser adds Collaboration and CollaborationCaret on top (app/ui/editor); undo/redo then
 * comes from Yjs (per person), so StarterKit's own history is off.
 */
import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { TaskItem } from "@tiptap/extension-task-item";
import { TaskList } from "@tiptap/extension-task-list";
import Image from "@tiptap/extension-image";
import Mention, { type MentionOptions } from "@tiptap/extension-mention";
import { isSafeImageSrc, isSafeLinkUrl, LINK_PROTOCOLS } from "./safe-urls";

/** Heading levels a document may use (1 is the document's title on the page). */
export const HEADING_LEVELS = [2, 3, 4] as const;

/** What the browser adds to the schema's extensions (nothing that changes what a document may hold). */
export type DocumentExtensionOptions = {
  /** The @mention picker of the browser editor (app/ui/editor/mention-suggestion.ts); the server renders without one. */
  mentionSuggestion?: MentionOptions["suggestion"];
};

/** The extensions every document is made of. */
export function documentExtensions(options: DocumentExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      // Off: it appends an empty paragraph to a document ending in a list or table as soon as an
      // editor opens it, which would record a change (and an audit "edit") by merely looking.
      trailingNode: false,
      heading: { levels: [...HEADING_LEVELS] },
      codeBlock: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeLinkUrl(url),
        shouldAutoLink: (url) => isSafeLinkUrl(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Image.configure({ inline: false, allowBase64: false }).extend({
      // An image node keeps only a src that is one of Accord's files; anything else parses to no src.
      addAttributes() {
        return {
          src: { default: null, parseHTML: (el) => (isSafeImageSrc(el.getAttribute("src")) ? el.getAttribute("src") : null) },
          alt: { default: null },
          title: { default: null },
        };
      },
    }),
    Mention.configure({
      HTMLAttributes: { class: "mention" },
      renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
      renderHTML: ({ node }) => ["span", { class: "mention", "data-user-id": node.attrs.id }, `@${node.attrs.label ?? node.attrs.id}`],
      ...(options.mentionSuggestion ? { suggestion: options.mentionSuggestion } : {}),
    }),
  ];
}
