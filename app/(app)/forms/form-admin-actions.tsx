"use client";

/**
 * The form library's two ways to start building (agency administrators only; the server refuses
 * anyone else): a new local form from a title, and a local variant of a national form. Each opens
 * the form builder on the new draft; a refusal (a key already in use, a bad title) is shown
 * beside the control and nothing typed is lost.
 */
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi } from "../../ui/call-api";

export function NewFormForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError("Give the form a title");
      document.getElementById("new-form-title")?.focus();
      return;
    }
    setBusy(true);
    const result = await callJsonApi<{ id: string }>("/forms", "POST", { title });
    setBusy(false);
    if (result.ok) return router.push(`/forms/${result.data.id}/edit`);
    setError(result.error.message);
    document.getElementById("new-form-title")?.focus();
  }
  return (
    <form className="card row" style={{ gap: "0.75rem", alignItems: "end", flexWrap: "wrap" }} onSubmit={submit} noValidate aria-labelledby="new-form-heading">
      <h2 id="new-form-heading" className="visually-hidden">
        New local form
      </h2>
      <div className="field" style={{ flex: "1 1 20rem" }}>
        <label htmlFor="new-form-title">Title of a new local form</label>
        <input type="text" id="new-form-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-invalid={error ? true : undefined} aria-describedby={error ? "new-form-error" : undefined} />
        {error && (
          <p className="error-text" id="new-form-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={isBusy}>
        Create and build it
      </button>
    </form>
  );
}

export function MakeVariantButton({ formId, agencyName }: { formId: string; agencyName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  return (
    <div>
      <button
        type="button"
        className="button"
        disabled={isBusy}
        aria-describedby={error ? "make-variant-error" : undefined}
        onClick={async () => {
          setBusy(true);
          const result = await callJsonApi<{ id: string }>(`/forms/${formId}/variants`, "POST", {});
          setBusy(false);
          if (result.ok) return router.push(`/forms/${result.data.id}/edit`);
          setError(result.error.message);
        }}
      >
        Make a local variant for {agencyName}
      </button>
      {error && (
        <p className="error-text" id="make-variant-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
