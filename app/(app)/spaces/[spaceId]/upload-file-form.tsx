"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";

type Props = {
  spaceId: string;
  /** The markings the server allows this person to give a file here, lowest first. */
  markings: string[];
  defaultMarking: string;
  maxUploadBytes: number;
  /** The limit as people read it, e.g. "25 MB". */
  maxUploadLabel: string;
  /** The accepted extensions, for the file picker (the server decides from the content). */
  accept: string;
};

type ApiError = { error?: { code?: string; message?: string } };
type Outcome = { tone: "success" | "warning"; text: string };

// Progress is announced at these steps only: a screen reader reading every percent is noise.
const ANNOUNCED_STEPS = [25, 50, 75];

/**
 * The upload form of a space: a file and its marking, sent with XMLHttpRequest so that its
 * progress can be shown (fetch cannot report upload progress) in a <progress> bar and announced
 * in a live region. The server checks everything again; this only collects, and shows each error
 * by the field it concerns.
 */
export function UploadFileForm({ spaceId, markings, defaultMarking, maxUploadBytes, maxUploadLabel, accept }: Props) {
  const router = useRouter();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const markingRef = useRef<HTMLSelectElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [markingError, setMarkingError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const announced = useRef(0);

  const ids = { file: `${id}-file`, fileHint: `${id}-file-hint`, fileError: `${id}-file-error`, marking: `${id}-marking`, markingError: `${id}-marking-error`, progress: `${id}-progress` };

  function fail(field: "file" | "marking", message: string) {
    if (field === "marking") setMarkingError(message);
    else setFileError(message);
    setAnnouncement(`The file was not uploaded: ${message}`);
    (field === "marking" ? markingRef : fileRef).current?.focus();
  }

  function onProgress(loaded: number, total: number) {
    const value = Math.min(100, Math.round((loaded / total) * 100));
    setPercent(value);
    const step = ANNOUNCED_STEPS.filter((s) => s <= value).at(-1) ?? 0;
    if (step > announced.current) {
      announced.current = step;
      setAnnouncement(`Uploading: ${step}%`);
    }
  }

  function onDone(xhr: XMLHttpRequest, name: string) {
    setIsUploading(false);
    const body = xhr.response as (ApiError & { notice?: string | null }) | null;
    if (xhr.status === 200) {
      setPercent(100);
      const notice = body?.notice ?? null;
      const text = notice ? `Uploaded “${name}”, but: ${notice}` : `Uploaded “${name}”.`;
      setOutcome({ tone: notice ? "warning" : "success", text });
      setAnnouncement(text);
      if (fileRef.current) fileRef.current.value = "";
      router.refresh();
      return;
    }
    setPercent(null);
    if (xhr.status === 401) return fail("file", "Your session has ended. Please sign in again.");
    const message = body?.error?.message ?? `The upload failed (status ${xhr.status}).`;
    fail(body?.error?.code === "invalid_marking" ? "marking" : "file", message);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFileError(null);
    setMarkingError(null);
    setOutcome(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return fail("file", "Choose a file to upload");
    if (file.size === 0) return fail("file", `“${file.name}” is empty`);
    if (file.size > maxUploadBytes) return fail("file", `“${file.name}” is larger than ${maxUploadLabel}, the most a file may be`);

    const form = new FormData();
    form.set("file", file);
    form.set("marking", markingRef.current?.value ?? defaultMarking);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/spaces/${encodeURIComponent(spaceId)}/files`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => onDone(xhr, file.name);
    xhr.onerror = () => {
      setIsUploading(false);
      setPercent(null);
      fail("file", "The upload did not reach Accord. Check your connection and try again.");
    };
    announced.current = 0;
    setPercent(0);
    setIsUploading(true);
    setAnnouncement(`Uploading “${file.name}”…`);
    xhr.send(form);
  }

  return (
    <form className="card file-upload" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`} data-testid="upload-file-form">
      <h3 id={`${id}-heading`}>Upload a file</h3>
      <div className="field">
        <label htmlFor={ids.file}>File</label>
        <p className="hint" id={ids.fileHint}>
          PDF, Word, Excel or PowerPoint, a PNG, JPEG, GIF or WebP image, or a text or CSV file, up to {maxUploadLabel}. Office files with macros are not accepted.
        </p>
        <FieldError id={ids.fileError} message={fileError} testId="file-error" />
        <input
          ref={fileRef}
          id={ids.file}
          name="file"
          type="file"
          accept={accept}
          {...describedBy(fileError, ids.fileError, ids.fileHint)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.marking}>Marking</label>
        <FieldError id={ids.markingError} message={markingError} testId="marking-error" />
        <select
          ref={markingRef}
          id={ids.marking}
          name="marking"
          defaultValue={defaultMarking}
          {...describedBy(markingError, ids.markingError)}
        >
          {markings.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={isUploading}>
        {isUploading ? "Uploading…" : "Upload file"}
      </button>
      {percent !== null && (
        <div className="upload-progress">
          <label htmlFor={ids.progress}>Upload progress</label>
          <progress id={ids.progress} max={100} value={percent}>
            {percent}%
          </progress>
          <span aria-hidden="true">{percent}%</span>
        </div>
      )}
      {outcome && (
        <p className={outcome.tone === "warning" ? "alert alert-warning" : "alert alert-info"} data-testid="upload-outcome">
          {outcome.text}
        </p>
      )}
      {/* Always in the page, so that what is put in it later is announced. */}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="upload-status">
        {announcement}
      </p>
    </form>
  );
}

/** A field's error, read out with the field (it is in the field's aria-describedby). */
function FieldError({ id, message, testId }: { id: string; message: string | null; testId: string }) {
  if (!message) return null;
  return (
    <p className="error-text" id={id} data-testid={testId}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The ARIA attributes that tie a field to its hint and, when there is one, its error. */
function describedBy(error: string | null, errorId: string, hintId?: string): { "aria-describedby"?: string; "aria-invalid"?: true } {
  const ids = [hintId, error ? errorId : undefined].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}
