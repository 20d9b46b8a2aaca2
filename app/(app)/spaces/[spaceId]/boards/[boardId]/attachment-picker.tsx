"use client";

/**
 * Choosing a briefing's attachments: the files of the board's space that this person may open,
 * as the files API lists them for them (GET /api/v1/spaces/{spaceId}/files, filtered by the policy
 * on the server), one checkbox each with its marking. Files already attached (when publishing an
 * update) are listed even if the newest-first list would not reach them. Nothing here decides
 * access: the server checks every attachment again on publishing.
 */
import { useEffect, useId, useState } from "react";
import type { FileView } from "@/lib/files/file-view";
import { MarkingBadge } from "../../../../../ui/marking-badge";
import { callJsonApi, PLAIN_FALLBACKS } from "../../../../../ui/call-api";

/** The most files offered: the files API's own bound on one answer. */
const FILES_LIMIT = 200;
/** The most attachments of one revision, as lib/briefings/briefing-shared.ts has it (not imported: it is server code). */
const ATTACHMENTS_MAX = 20;

type Choice = { id: string; name: string; marking?: string; markingRank?: number; isDownloadable: boolean };

/** Checkboxes for the space's files; `selected` are the chosen ids. */
export function AttachmentPicker({ spaceId, selected, onChange, attached = [] }: { spaceId: string; selected: string[]; onChange: (ids: string[]) => void; attached?: { id: string; name: string; isDownloadable: boolean }[] }) {
  const id = useId();
  const [files, setFiles] = useState<FileView[] | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    let isCancelled = false;
    void callJsonApi<{ items: FileView[] }>(`/spaces/${spaceId}/files?limit=${FILES_LIMIT}`, "GET", undefined, PLAIN_FALLBACKS).then((result) => {
      if (isCancelled) return;
      if (result.ok) setFiles(result.data.items);
      else setError(`The space's files could not be listed: ${result.error.message}`);
    });
    return () => {
      isCancelled = true;
    };
  }, [spaceId]);

  const listed: Choice[] = (files ?? []).map((f) => ({ id: f.id, name: f.name, marking: f.marking, markingRank: f.markingRank, isDownloadable: f.status === "clean" }));
  const choices: Choice[] = [...listed, ...attached.filter((a) => !listed.some((f) => f.id === a.id))];
  const isFull = selected.length >= ATTACHMENTS_MAX;
  const toggle = (fileId: string, isChecked: boolean) => onChange(isChecked ? [...selected.filter((x) => x !== fileId), fileId] : selected.filter((x) => x !== fileId));

  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend>Attachments (optional)</legend>
      <p className="hint" id={`${id}-hint`}>
        Files of this space that you can open, up to {ATTACHMENTS_MAX}. Each reader sees only the attachments they may open themselves.
        {selected.length > 0 && ` ${selected.length} chosen.`}
      </p>
      {files === null && !error && <p className="meta">Loading the space&apos;s files…</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {files !== null && choices.length === 0 && <p className="meta">There are no files in this space that you can open. Upload them in the space&apos;s Files section first.</p>}
      {choices.map((f) => {
        const isChecked = selected.includes(f.id);
        return (
          <div key={f.id} className="checkbox">
            <input type="checkbox" id={`${id}-${f.id}`} checked={isChecked} disabled={!isChecked && isFull} onChange={(e) => toggle(f.id, e.currentTarget.checked)} />
            <label htmlFor={`${id}-${f.id}`}>
              {f.name} {f.marking && <MarkingBadge marking={f.marking} rank={f.markingRank ?? 1} />}
              {!f.isDownloadable && <span className="meta"> (held in quarantine: it cannot be downloaded)</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
