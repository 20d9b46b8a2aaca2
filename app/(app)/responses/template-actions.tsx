"use client";

/**
 * What a person may do with a template in the library, shown only when the server's policy says
 * so (the booleans of the list and of each template; the API decides again): "Copy to my agency"
 * (a dialog asking the copy's title and key, then the copy's editor opens), "Edit" for a local
 * template, and "Delete" after a confirmation. The dialogs are native modal <dialog>s: focus moves
 * into them, Escape cancels, focus returns to the button that opened them. After a deletion, the
 * announcement and focus go to the library's heading (LibraryAnnouncer), since the template's own
 * row, and the button with it, are gone.
 */
import { useId, useRef, useState } from "react";
import { ListAnnouncer, useAnnounce } from "../../ui/list-announcer";
import Link from "next/link";
import { useRouter } from "next/navigation";

/** The library's announcer (app/ui/list-announcer.tsx), outliving a deleted template's row. */
export function LibraryAnnouncer({ headingId, children }: { headingId: string; children: React.ReactNode }) {
  return (
    <ListAnnouncer headingId={headingId} testId="library-status">
      {children}
    </ListAnnouncer>
  );
}

type ApiAnswer = { id?: string; error?: { code: string; message: string } };

async function send(path: string, method: "POST" | "DELETE", body?: unknown): Promise<{ ok: boolean; answer: ApiAnswer | null }> {
  try {
    const response = await fetch(`/api/v1${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
    return { ok: response.ok, answer: (await response.json().catch(() => null)) as ApiAnswer | null };
  } catch {
    return { ok: false, answer: { error: { code: "network", message: "Accord could not be reached. Try again." } } };
  }
}

export type TemplateActionsProps = {
  template: { id: string; title: string; key: string; scope: "national" | "agency" };
  canCopy: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  /** The copy's key offered first: the template's own, unless the agency already holds one with it. */
  suggestedKey: string;
  agencyName: string;
};

/** The buttons of one template. */
export function TemplateActions({ template, canCopy, canUpdate, canDelete, suggestedKey, agencyName }: TemplateActionsProps) {
  if (!canCopy && !canUpdate && !canDelete) return null;
  return (
    <div className="row" style={{ marginBottom: "1rem" }}>
      {canCopy && <CopyTemplateButton template={template} suggestedKey={suggestedKey} agencyName={agencyName} />}
      {canUpdate && (
        <Link className="button button-secondary" href={`/responses/${template.id}/edit`}>
          Edit<span className="visually-hidden"> {template.title}</span>
        </Link>
      )}
      {canDelete && <DeleteTemplateButton template={template} />}
    </div>
  );
}

function CopyTemplateButton({ template, suggestedKey, agencyName }: { template: TemplateActionsProps["template"]; suggestedKey: string; agencyName: string }) {
  const router = useRouter();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(template.scope === "national" ? template.title : `${template.title} (copy)`);
  const [key, setKey] = useState(suggestedKey);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  function open() {
    setError(null);
    dialogRef.current?.showModal();
    titleRef.current?.focus();
  }

  return (
    <>
      <button type="button" ref={triggerRef} className="button" onClick={open} aria-haspopup="dialog">
        Copy to my agency<span className="visually-hidden"> {template.title}</span>
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-heading`} onClose={() => triggerRef.current?.focus()}>
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            setIsPending(true);
            const { ok, answer } = await send(`/response-templates/${template.id}/copies`, "POST", { title, ...(key.trim() ? { key: key.trim() } : {}) });
            setIsPending(false);
            if (!ok || !answer?.id) {
              setError(answer?.error?.message ?? "The template could not be copied. Try again.");
              return;
            }
            router.push(`/responses/${answer.id}/edit`);
          }}
        >
          <h2 id={`${id}-heading`}>Copy “{template.title}” to {agencyName}</h2>
          <p>The copy becomes a local template of {agencyName}, which you can then adapt: its own resources, contacts and local policy. The original is not changed.</p>
          {error && (
            <div className="alert" role="alert" id={`${id}-error`}>
              {error}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-title`}>Title of the copy</label>
            <input id={`${id}-title`} ref={titleRef} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>Key of the copy</label>
            <p className="hint" id={`${id}-key-hint`}>
              3 to 64 lowercase letters, digits and hyphens, different from your agency&apos;s other templates. Keeping the original&apos;s key marks the copy as your version of it.
            </p>
            <input id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value)} aria-describedby={`${id}-key-hint`} />
          </div>
          <div className="row">
            <button type="submit" className="button" disabled={isPending}>
              {isPending ? "Copying…" : "Make the copy"}
            </button>
            <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

function DeleteTemplateButton({ template }: { template: TemplateActionsProps["template"] }) {
  const router = useRouter();
  const announce = useAnnounce();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const isDeleted = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  function open() {
    setError(null);
    dialogRef.current?.showModal();
    // The safe choice has focus first: Enter does not delete anything.
    cancelRef.current?.focus();
  }

  async function confirmDelete() {
    setError(null);
    setIsPending(true);
    const { ok, answer } = await send(`/response-templates/${template.id}`, "DELETE");
    setIsPending(false);
    if (!ok) {
      setError(answer?.error?.message ?? "The template could not be deleted. Try again.");
      return;
    }
    // The row (and this button) is about to go: focus must not be sent back to it.
    isDeleted.current = true;
    dialogRef.current?.close();
    announce?.(`Deleted “${template.title}”.`);
    router.refresh();
  }

  return (
    <>
      <button type="button" ref={triggerRef} className="button button-danger" onClick={open} aria-haspopup="dialog">
        Delete<span className="visually-hidden"> {template.title}</span>
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={`${id}-heading`}
        onClose={() => {
          if (!isDeleted.current) triggerRef.current?.focus();
        }}
      >
        <h2 id={`${id}-heading`}>Delete “{template.title}”?</h2>
        <p>The template is removed from your agency&apos;s library for everyone, and cannot be recovered. Boards already started from it keep their cards. The deletion is recorded in the audit log.</p>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button type="button" className="button button-danger" onClick={() => void confirmDelete()} disabled={isPending}>
            {isPending ? "Deleting…" : "Delete template"}
          </button>
          <button type="button" ref={cancelRef} className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
