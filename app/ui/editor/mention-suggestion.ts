/**
 * The @mention picker of the document editor: typing "@" and part of a name lists the people who
 * may read the document (the server decides: /api/v1/documents/{id}/mention-candidates), and
 * choosing one inserts the editor schema's existing Mention node (id and name, nothing else).
 *
 * Accessible as a listbox: the editor (a textbox) points at it with aria-controls and at the
 * highlighted person with aria-activedescendant; Arrow keys move, Enter or Tab chooses, Escape
 * closes; a live region says how many people were found. The popup is built with DOM text nodes
 * only (never HTML), and positioned by the suggestion utility's own mount.
 */
import type { MentionOptions } from "@tiptap/extension-mention";
import type { MentionCandidate } from "@/lib/comments/comment-types";

type Item = { id: string; label: string; agency: string };

/** Asks the server for the people who may read the document and whose name contains `query`. */
export async function fetchMentionCandidates(documentId: string, query: string, signal?: AbortSignal): Promise<MentionCandidate[]> {
  const response = await fetch(`/api/v1/documents/${documentId}/mention-candidates?q=${encodeURIComponent(query)}`, { credentials: "same-origin", cache: "no-store", signal });
  if (!response.ok) return [];
  return ((await response.json()) as { items: MentionCandidate[] }).items;
}

let popupCount = 0;

/** The Mention extension's `suggestion` for one document. */
export function mentionSuggestion(documentId: string): MentionOptions["suggestion"] {
  return {
    char: "@",
    debounce: 150,
    items: async ({ query, signal }): Promise<Item[]> =>
      (await fetchMentionCandidates(documentId, query, signal).catch(() => [])).map((c) => ({ id: c.id, label: c.name, agency: c.agency.name })),
    render: () => {
      const id = `mention-popup-${++popupCount}`;
      let popup: HTMLDivElement | null = null;
      let list: HTMLUListElement | null = null;
      let status: HTMLParagraphElement | null = null;
      let unmount: (() => void) | null = null;
      let items: Item[] = [];
      let active = 0;
      let choose: (item: Item) => void = () => {};
      let editorDom: HTMLElement | null = null;
      let isLoading = false;

      const draw = () => {
        if (!list || !status || !editorDom) return;
        const options = items.map((item, index) => {
          const option = document.createElement("li");
          option.id = `${id}-option-${index}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", String(index === active));
          option.className = index === active ? "mention-option mention-option-active" : "mention-option";
          const name = document.createElement("span");
          name.textContent = item.label;
          const agency = document.createElement("span");
          agency.className = "meta";
          agency.textContent = ` (${item.agency})`;
          option.append(name, agency);
          // mousedown, not click: the editor keeps its focus and selection.
          option.addEventListener("mousedown", (event) => {
            event.preventDefault();
            choose(item);
          });
          return option;
        });
        list.replaceChildren(...options);
        list.hidden = items.length === 0;
        status.textContent = isLoading ? "Looking for people…" : items.length === 0 ? "No one found who can read this document" : `${items.length} ${items.length === 1 ? "person" : "people"} who can read this document`;
        editorDom.setAttribute("aria-controls", list.id);
        editorDom.setAttribute("aria-autocomplete", "list");
        if (items[active]) editorDom.setAttribute("aria-activedescendant", `${id}-option-${active}`);
        else editorDom.removeAttribute("aria-activedescendant");
      };

      return {
        onStart: (props) => {
          editorDom = props.editor.view.dom as HTMLElement;
          items = props.items as Item[];
          isLoading = props.loading;
          active = 0;
          choose = (item) => props.command({ id: item.id, label: item.label });
          popup = document.createElement("div");
          popup.className = "mention-popup";
          list = document.createElement("ul");
          list.id = `${id}-list`;
          list.setAttribute("role", "listbox");
          list.setAttribute("aria-label", "People who can read this document");
          status = document.createElement("p");
          status.className = "mention-status";
          status.setAttribute("role", "status");
          popup.append(list, status);
          unmount = props.mount(popup);
          draw();
        },
        onUpdate: (props) => {
          items = props.items as Item[];
          isLoading = props.loading;
          active = Math.min(active, Math.max(0, items.length - 1));
          choose = (item) => props.command({ id: item.id, label: item.label });
          draw();
        },
        onKeyDown: ({ event }) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (items.length === 0) return true;
            active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
            draw();
            return true;
          }
          if (event.key === "Enter" || event.key === "Tab") {
            const item = items[active];
            if (!item) return false;
            choose(item);
            return true;
          }
          // Escape: the suggestion utility closes the popup (onExit) after this.
          return false;
        },
        onExit: () => {
          unmount?.();
          unmount = null;
          popup = list = status = null;
          if (editorDom) {
            editorDom.removeAttribute("aria-controls");
            editorDom.removeAttribute("aria-activedescendant");
            editorDom.removeAttribute("aria-autocomplete");
          }
          editorDom = null;
        },
      };
    },
  };
}
