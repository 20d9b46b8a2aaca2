"use client";

/**
 * The space page's "Start a pre-planned response" form: a template (its summary shown under the
 * choice), when the response starts (now unless changed, in the browser's local time) and an
 * optional board title, and where it goes: a new board (the default) or one of the space's boards
 * already under way, whose watchers see it fill. The server builds it all in one step; the board opens.
 */
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";

export type TemplateChoice = { id: string; title: string; summary: string; scope: "national" | "agency" };

/** Now as a datetime-local value (the browser's local time, to the minute). */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export type BoardChoice = { id: string; title: string };

export function StartResponseForm({ spaceId, templates, boards = [] }: { spaceId: string; templates: TemplateChoice[]; boards?: BoardChoice[] }) {
  const id = useId();
  const router = useRouter();
  const startsRef = useRef<HTMLInputElement>(null);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [title, setTitle] = useState("");
  // "" is a new board; otherwise the id of the board to add the response to.
  const [boardId, setBoardId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  // Filled in after hydration: the server cannot know the browser's clock or time zone.
  useEffect(() => {
    if (startsRef.current && !startsRef.current.value) startsRef.current.value = localNow();
  }, []);
  const chosen = templates.find((t) => t.id === templateId);
  const errorId = error ? `${id}-error` : undefined;
  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="card"
      style={{ marginBottom: "1rem" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const starts = new Date(startsRef.current?.value ?? "");
        if (Number.isNaN(starts.getTime())) {
          setError("Give the date and time the response starts.");
          startsRef.current?.focus();
          return;
        }
        setSaving(true);
        const response = await fetch(`/api/v1/spaces/${spaceId}/responses`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ templateId, startsAt: starts.toISOString(), ...(boardId ? { boardId } : title.trim() ? { title } : {}) }),
        });
        const body = (await response.json().catch(() => null)) as { boardId?: string; error?: { message: string } } | null;
        setSaving(false);
        if (!response.ok || !body?.boardId) {
          setError(body?.error?.message ?? "The response could not be started. Try again.");
          return;
        }
        router.push(`/spaces/${spaceId}/boards/${body.boardId}`);
      }}
    >
      <h3 id={`${id}-heading`}>Start a pre-planned response</h3>
      <p className="hint">
        Turns a template from the <Link href="/responses">library</Link> into a board here, every card dated from the start.
      </p>
      <div className="field">
        <label htmlFor={`${id}-template`}>Template</label>
        <select id={`${id}-template`} value={templateId} onChange={(e) => setTemplateId(e.target.value)} aria-describedby={`${id}-summary`} required>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
              {t.scope === "agency" ? " (local)" : ""}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-summary`} aria-live="polite">
          {chosen?.summary}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-starts`}>Starts</label>
        <input id={`${id}-starts`} ref={startsRef} type="datetime-local" required aria-invalid={error ? true : undefined} aria-describedby={errorId} />
      </div>
      {boards.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-board`}>Add to</label>
          <select id={`${id}-board`} value={boardId} onChange={(e) => setBoardId(e.target.value)}>
            <option value="">A new board</option>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {!boardId && (
      <div className="field">
        <label htmlFor={`${id}-title`}>Board title (optional)</label>
        <p className="hint" id={`${id}-title-hint`}>
          Leave empty for the template&apos;s title and the start.
        </p>
        <input id={`${id}-title`} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={`${id}-title-hint`} />
      </div>
      )}
      <button type="submit" className="button" disabled={isSaving || !templateId}>
        {isSaving ? "Starting…" : "Start response"}
      </button>
      {error && (
        <p className="alert" role="alert" id={`${id}-error`} style={{ marginTop: "1rem" }}>
          {error}
        </p>
      )}
    </form>
  );
}
