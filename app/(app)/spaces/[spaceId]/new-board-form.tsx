"use client";

/** The space page's "New board" form: a title; the board opens once the server has created it. */
import { useId, useState } from "react";
import { useRouter } from "next/navigation";

export function NewBoardForm({ spaceId }: { spaceId: string }) {
  const id = useId();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  return (
    <form
      className="row"
      style={{ alignItems: "flex-end", marginBottom: "1rem" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        setError(null);
        const response = await fetch(`/api/v1/spaces/${spaceId}/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title }) });
        const body = (await response.json().catch(() => null)) as { id?: string; error?: { message: string } } | null;
        setSaving(false);
        if (!response.ok || !body?.id) {
          setError(body?.error?.message ?? "The board could not be created. Try again.");
          return;
        }
        router.push(`/spaces/${spaceId}/boards/${body.id}`);
      }}
    >
      <div className="field" style={{ flex: 1, margin: 0 }}>
        <label htmlFor={`${id}-title`}>New board title</label>
        <input id={`${id}-title`} type="text" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" className="button" disabled={isSaving}>
        {isSaving ? "Creating…" : "Create board"}
      </button>
      {error && (
        <p className="alert" role="alert" id={`${id}-error`} style={{ width: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
