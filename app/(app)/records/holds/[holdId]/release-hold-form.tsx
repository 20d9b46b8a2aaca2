"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi } from "../../../../ui/call-api";

/** Releases the hold (POST /api/v1/holds/{holdId}/release); the reason is required, and the server says so when it is missing. */
export function ReleaseHoldForm({ holdId }: { holdId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    setPending(true);
    const result = await callJsonApi(`/holds/${holdId}/release`, "POST", { reason });
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    router.refresh();
  }

  return (
    <form className="card" noValidate onSubmit={onSubmit}>
      <h2>Release the hold</h2>
      <p className="hint">Once released, what it covers can be deleted or disposed of again (unless another hold stands over it).</p>
      <div className="field">
        <label htmlFor="release-reason">Reason for releasing</label>
        <textarea
          id="release-reason"
          name="reason"
          rows={3}
          required
          maxLength={5000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "release-reason-error" : undefined}
        />
        {error && (
          <p className="error-text" id="release-reason-error" role="alert" ref={errorRef} tabIndex={-1}>
            {error}
          </p>
        )}
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Releasing…" : "Release hold"}
      </button>
    </form>
  );
}
