"use client";
/**
 * Images put into a document from the editor: the toolbar's "Insert image" button, and images
 * pasted or dropped into the text. Each is uploaded to the document's space as a File carrying
 * the document's own marking (never lower: the image would otherwise be a way round it), with its
 * progress shown, and then inserted as an image node whose src is Accord's authorised file route
 * (the only src the schema keeps) and whose alt text the person writes (WCAG 1.1.1), the file
 * name being offered to start from. The server decides everything again: type from the content,
 * size, the marking, and whether this person may add the file at all.
 */
import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent } from "react";
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import type { ImageUploadOptions } from "@/lib/files/get-image-upload-options";
import { formatBytes } from "@/lib/files/format-bytes";
import { defaultAltText, IMAGE_ACCEPT, imageFileProblem, imageSrcOf, isImageCandidate, pastedImages, uploadErrorMessage, uploadNameFor, type UploadedImage } from "./image-files";

/** Where images go and how they are marked (decided on the server: getImageUploadOptions). */
export type ImageUploadTarget = ImageUploadOptions;

/** Receives files pasted or dropped into the editor; `at` is the drop position, if any. */
type FilesHandler = (files: File[], at: number | null) => void;

type ImageUploadStorage = {
  handler: FilesHandler | null;
  /** Makes `handler` the one that receives pasted and dropped files; returns how to stop. */
  listen(this: ImageUploadStorage, handler: FilesHandler): () => void;
};

declare module "@tiptap/core" {
  interface Storage {
    accordImageUpload: ImageUploadStorage;
  }
}

const MAX_ALT_LENGTH = 500;

/**
 * Hands images pasted or dropped into the editor to the Insert image button (which registers
 * itself in the storage while it is shown, that is, while the person may edit). Without one,
 * nothing is intercepted.
 */
export const ImageUpload = Extension.create<Record<string, never>, ImageUploadStorage>({
  name: "accordImageUpload",
  addStorage() {
    // tiptap copies this object for each editor: `this` in listen() is that editor's copy.
    return {
      handler: null,
      listen(handler) {
        this.handler = handler;
        return () => {
          if (this.handler === handler) this.handler = null;
        };
      },
    };
  },
  addProseMirrorPlugins() {
    const storage = this.storage;
    const handlerFor = (view: EditorView) => (view.editable ? storage.handler : null);
    return [
      new Plugin({
        key: new PluginKey("accordImageUpload"),
        props: {
          handlePaste(view, event) {
            const onFiles = handlerFor(view);
            const data = event.clipboardData;
            const files = pastedImages(Array.from(data?.files ?? []), data?.getData("text/plain") ?? "");
            if (!onFiles || files.length === 0) return false;
            onFiles(files, null);
            return true;
          },
          handleDrop(view, event, _slice, moved) {
            const onFiles = handlerFor(view);
            const files = Array.from(event.dataTransfer?.files ?? []);
            if (!onFiles || moved || files.length === 0) return false;
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
            // Handled even when none is an image: the browser would otherwise open the file in
            // place of the page. The button says why it was not put in.
            onFiles(files, at);
            return true;
          },
        },
      }),
    ];
  },
});

type Step =
  | { kind: "closed" }
  /** A file was offered that cannot be put in (shown before anything is sent). */
  | { kind: "refused"; message: string }
  | { kind: "describe"; file: File; note: string | null }
  | { kind: "uploading"; file: File; percent: number }
  /** Sent and refused or lost; `canRetry` when sending it again may work (the connection failed). */
  | { kind: "failed"; file: File; message: string; canRetry: boolean };

/**
 * The toolbar's Insert image button with its hidden file picker, and the dialog in which the
 * chosen, pasted or dropped image is described, uploaded (with its progress) and inserted.
 */
export function InsertImageButton({ editor, target }: { editor: Editor; target: ImageUploadTarget }) {
  const id = useId();
  const ids = { title: `${id}-title`, alt: `${id}-alt`, altHint: `${id}-alt-hint`, altError: `${id}-alt-error`, progress: `${id}-progress` };
  const pickerRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  const firstActionRef = useRef<HTMLButtonElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  // Where focus goes back to when the dialog closes: the button, or the text for a paste or drop.
  const returnToEditor = useRef(false);
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [alt, setAlt] = useState("");
  const [altError, setAltError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  function offer(files: File[], fromEditor: boolean) {
    returnToEditor.current = fromEditor;
    setAltError(null);
    const images = files.filter((f) => isImageCandidate(f));
    const file = images[0] ?? files[0];
    if (!file) return;
    const problem = imageFileProblem(file, target.maxUploadBytes);
    if (problem) {
      setStep({ kind: "refused", message: problem });
    } else {
      setAlt(defaultAltText(file.name));
      setStep({ kind: "describe", file, note: images.length > 1 ? `Only the first of the ${images.length} images is put in; add the others one at a time.` : null });
    }
    if (!dialogRef.current?.open) dialogRef.current?.showModal();
  }

  const onEditorFiles = useEffectEvent((files: File[], at: number | null) => {
    // The image goes where it was dropped: the cursor is put there now (it follows other
    // people's edits while the image uploads) and the image is inserted at the cursor.
    if (at !== null) editor.commands.setTextSelection(at);
    offer(files, true);
  });

  // Pasted and dropped images come here while the button is shown (the person may edit).
  useEffect(() => editor.storage.accordImageUpload?.listen((files, at) => onEditorFiles(files, at)), [editor]);

  // Leaving the page (or losing the right to edit, which removes the toolbar) stops an upload.
  useEffect(() => () => xhrRef.current?.abort(), []);

  // Focus into the dialog: on the description (ready to overwrite) when there is a file to
  // describe, else on what can be done next; the alert itself is read out by its role.
  useEffect(() => {
    if (step.kind === "describe") {
      altRef.current?.focus();
      altRef.current?.select();
    } else if (step.kind === "refused" || step.kind === "failed") {
      firstActionRef.current?.focus();
    }
  }, [step.kind]);

  function chooseAnother() {
    close();
    pickerRef.current?.click();
  }

  function close() {
    xhrRef.current?.abort();
    xhrRef.current = null;
    dialogRef.current?.close();
  }

  function onClosed() {
    setStep({ kind: "closed" });
    if (returnToEditor.current) editor.commands.focus();
    else buttonRef.current?.focus();
  }

  function onPicked() {
    const files = Array.from(pickerRef.current?.files ?? []);
    // Cleared so that choosing the same file again is still a change.
    if (pickerRef.current) pickerRef.current.value = "";
    if (files.length > 0) offer(files, false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.kind !== "describe" && step.kind !== "failed") return;
    const description = alt.trim();
    if (!description) {
      setAltError("Describe the image, so that people who cannot see it know what it shows");
      altRef.current?.focus();
      return;
    }
    if (description.length > MAX_ALT_LENGTH) {
      setAltError(`Keep the description under ${MAX_ALT_LENGTH} characters`);
      altRef.current?.focus();
      return;
    }
    setAltError(null);
    upload(step.file, description);
  }

  function upload(file: File, description: string) {
    const name = uploadNameFor(file);
    const form = new FormData();
    form.set("file", new File([file], name, { type: file.type }));
    form.set("marking", target.marking);
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", `/api/v1/spaces/${encodeURIComponent(target.spaceId)}/files`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setStep({ kind: "uploading", file, percent: Math.min(100, Math.round((e.loaded / e.total) * 100)) });
    };
    xhr.onload = () => {
      xhrRef.current = null;
      const body = xhr.response as (UploadedImage & { error?: { code?: unknown; message?: unknown } }) | null;
      if (xhr.status !== 200) return fail(file, uploadErrorMessage(xhr.status, body), xhr.status >= 500);
      const src = body ? imageSrcOf(body) : null;
      if (!src) {
        // Uploaded, but not something a document can show (held in quarantine, say): the file
        // stays in the space's Files, and the person is told why it was not put in.
        const notice = typeof body?.notice === "string" ? body.notice : "Accord did not find an image it can show in this file.";
        return fail(file, `“${name}” was added to the space’s Files but not put into the document: ${notice}`, false);
      }
      returnToEditor.current = true;
      dialogRef.current?.close();
      editor.chain().focus().setImage({ src, alt: description }).run();
      setAnnouncement(`Inserted the image “${description}”.`);
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      fail(file, uploadErrorMessage(0, null), true);
    };
    setStep({ kind: "uploading", file, percent: 0 });
    setAnnouncement(`Uploading “${name}”…`);
    xhr.send(form);
  }

  function fail(file: File, message: string, canRetry: boolean) {
    setStep({ kind: "failed", file, message, canRetry });
    setAnnouncement("");
  }

  const file = step.kind === "describe" || step.kind === "uploading" || step.kind === "failed" ? step.file : null;
  const isUploading = step.kind === "uploading";

  return (
    <>
      <button type="button" ref={buttonRef} className="toolbar-button" onClick={() => pickerRef.current?.click()} title="Insert image (or paste or drop one into the text)">
        Insert image
      </button>
      {/* The button is the control people use; the picker itself is never focused. */}
      <input ref={pickerRef} type="file" accept={IMAGE_ACCEPT} hidden tabIndex={-1} aria-hidden="true" onChange={onPicked} data-testid="image-file-input" />
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="image-upload-status">
        {announcement}
      </span>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={ids.title}
        onClose={onClosed}
        onCancel={(e) => {
          // Escape cancels, also during an upload (which it stops).
          e.preventDefault();
          close();
        }}
        data-testid="image-upload-dialog"
      >
        <h2 id={ids.title}>Insert image</h2>
        {step.kind === "refused" ? (
          <>
            <div className="alert" role="alert" data-testid="image-upload-error">
              {step.message}
            </div>
            <div className="row">
              <button type="button" ref={firstActionRef} className="button" onClick={chooseAnother}>
                Choose another image
              </button>
              <button type="button" className="button button-secondary" onClick={close}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          file && (
            <form onSubmit={onSubmit} noValidate>
              <p className="meta">
                “{file.name || "Pasted image"}”, {formatBytes(file.size)}. It is added to this space’s Files marked <strong>{target.marking}</strong>, as the document is.
              </p>
              {step.kind === "describe" && step.note && <p className="meta">{step.note}</p>}
              <div className="field">
                <label htmlFor={ids.alt}>Description of the image</label>
                <p className="hint" id={ids.altHint}>
                  What it shows, for people who cannot see it (its alt text).
                </p>
                {altError && (
                  <p className="error-text" id={ids.altError}>
                    <span className="visually-hidden">Error: </span>
                    {altError}
                  </p>
                )}
                <input
                  ref={altRef}
                  id={ids.alt}
                  type="text"
                  value={alt}
                  onChange={(e) => setAlt(e.target.value)}
                  disabled={isUploading}
                  aria-describedby={altError ? `${ids.altHint} ${ids.altError}` : ids.altHint}
                  aria-invalid={altError ? true : undefined}
                />
              </div>
              {step.kind === "failed" && (
                <div className="alert" role="alert" data-testid="image-upload-error">
                  {step.message}
                </div>
              )}
              {step.kind === "uploading" && (
                <div className="upload-progress">
                  <label htmlFor={ids.progress}>Upload progress</label>
                  <progress id={ids.progress} max={100} value={step.percent}>
                    {step.percent}%
                  </progress>
                  <span aria-hidden="true">{step.percent}%</span>
                </div>
              )}
              <div className="row">
                {step.kind === "failed" && !step.canRetry ? (
                  <button type="button" ref={firstActionRef} className="button" onClick={chooseAnother}>
                    Choose another image
                  </button>
                ) : (
                  <button type="submit" ref={firstActionRef} className="button" disabled={isUploading}>
                    {isUploading ? "Uploading…" : step.kind === "failed" ? "Try again" : "Upload and insert"}
                  </button>
                )}
                <button type="button" className="button button-secondary" onClick={close}>
                  Cancel
                </button>
              </div>
            </form>
          )
        )}
      </dialog>
    </>
  );
}
