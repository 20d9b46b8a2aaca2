"use client";
import { useActionState } from "react";
import { justifyAction } from "./actions";

/**
 * Shown instead of a document or file whose opening the person's agency asks them to justify
 * (DPA 2018 s.62). It names the marking, never the title: nothing of the content is shown until
 * the reason is given and logged.
 */
export function JustificationPrompt({ subjectType, subjectId, marking, returnTo }: { subjectType: "document" | "file"; subjectId: string; marking: string; returnTo: string }) {
  const [result, action, isPending] = useActionState(justifyAction, null);
  const errorId = "justification-error";
  return (
    <section className="card" aria-labelledby="justification-heading" style={{ maxWidth: "40rem" }}>
      <h1 id="justification-heading">Why do you need to open this?</h1>
      <p>
        This {subjectType} is marked <strong>{marking}</strong>. Your agency asks you to record why you need it before you open it. Your reason is kept in the audit
        trail with the time and your name, and covers opening this {subjectType} again for the next hour.
      </p>
      <form action={action}>
        <input type="hidden" name="subjectType" value={subjectType} />
        <input type="hidden" name="subjectId" value={subjectId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <div className="field">
          <label htmlFor="justification">Justification</label>
          <textarea
            id="justification"
            name="justification"
            rows={3}
            minLength={10}
            maxLength={500}
            required
            aria-describedby={result && !result.ok ? `justification-hint ${errorId}` : "justification-hint"}
            aria-invalid={result && !result.ok ? true : undefined}
          />
          <p id="justification-hint" className="meta">
            For example: &ldquo;Strategy meeting on 14 March, reviewing the safety plan&rdquo;. At least 10 characters.
          </p>
        </div>
        {result && !result.ok && (
          <p id={errorId} className="field-error" role="alert">
            {result.error.message}
          </p>
        )}
        <button className="button" type="submit" disabled={isPending}>
          {isPending ? "Opening…" : `Open the ${subjectType}`}
        </button>
      </form>
    </section>
  );
}
