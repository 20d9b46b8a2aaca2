"use client";

/**
 * "Fill in a form" on the space page: choose a form of the library and start; the server makes
 * the draft (marked the higher of the form's and the space's default) and its page opens.
 */
import { useId, useState } from "react";
import { useRouter } from "next/navigation";

export function StartSubmissionForm({ spaceId, forms }: { spaceId: string; forms: { id: string; title: string }[] }) {
  const id = useId();
  const router = useRouter();
  const [formId, setFormId] = useState(forms[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="card row"
      style={{ alignItems: "flex-end", marginBottom: "1rem" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setStarting(true);
        const response = await fetch(`/api/v1/forms/${formId}/submissions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ spaceId }) }).catch(() => null);
        const body = (await response?.json().catch(() => null)) as { id?: string; error?: { message: string } } | null;
        setStarting(false);
        if (!response?.ok || !body?.id) {
          setError(body?.error?.message ?? "The form could not be started. Try again.");
          return;
        }
        router.push(`/submissions/${body.id}`);
      }}
    >
      <h3 id={`${id}-heading`} className="visually-hidden">
        Fill in a form
      </h3>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor={`${id}-form`}>Form to fill in</label>
        <select id={`${id}-form`} value={formId} onChange={(e) => setFormId(e.target.value)} aria-describedby={error ? `${id}-error` : undefined}>
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={isStarting || !formId}>
        {isStarting ? "Starting…" : "Start"}
      </button>
      {error && (
        <p className="alert" role="alert" id={`${id}-error`} style={{ width: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
