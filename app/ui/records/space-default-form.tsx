"use client";

/**
 * A space's default retention label (issue 8): a chooser of the agency's labels and "Apply to
 * existing content", posted to PUT /api/v1/spaces/{spaceId}/retention-default; the server decides
 * who may (records managers of the space's agency, the space's owners) and says how many items
 * it labelled.
 */
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi } from "../call-api";

type Choice = { id: string; reference: string; name: string };
type Result = { labelled: { document: number; file: number; submission: number } };

export function SpaceDefaultForm({ spaceId, labels, currentLabelId }: { spaceId: string; labels: Choice[]; currentLabelId: string | null }) {
  const id = useId();
  const router = useRouter();
  const [labelId, setLabelId] = useState(currentLabelId ?? "");
  const [applyToExisting, setApplyToExisting] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [isSaving, setSaving] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        setMessage(null);
        const result = await callJsonApi<Result>(`/spaces/${spaceId}/retention-default`, "PUT", { labelId: labelId || null, applyToExisting: Boolean(labelId) && applyToExisting });
        setSaving(false);
        if (!result.ok) {
          setMessage({ ok: false, text: result.error.message });
          return;
        }
        const { document, file, submission } = result.data.labelled;
        const total = document + file + submission;
        setMessage({ ok: true, text: labelId ? `Saved.${applyToExisting ? ` Labelled ${document} document${document === 1 ? "" : "s"}, ${file} file${file === 1 ? "" : "s"} and ${submission} submission${submission === 1 ? "" : "s"} that had no label (${total} in all).` : ""}` : "The space has no default label now." });
        router.refresh();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-label`}>Default label for new content</label>
        <select id={`${id}-label`} value={labelId} onChange={(e) => setLabelId(e.target.value)}>
          <option value="">No default label</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.reference} – {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={applyToExisting} disabled={!labelId} onChange={(e) => setApplyToExisting(e.target.checked)} /> Apply to existing content that has no label
        </label>
      </div>
      <button type="submit" className="button" disabled={isSaving}>
        {isSaving ? "Saving…" : "Save default label"}
      </button>
      {message && (
        <p className={message.ok ? "meta" : "alert"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
