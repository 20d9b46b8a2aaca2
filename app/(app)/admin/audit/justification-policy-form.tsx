"use client";
import { useActionState } from "react";
import { setJustificationPolicyAction } from "./actions";

/** The agency's administrators choose from which marking its people must say why before opening or exporting. */
export function JustificationPolicyForm({ from, levels }: { from: string | null; levels: string[] }) {
  const [result, action, isPending] = useActionState(setJustificationPolicyAction, null);
  return (
    <form action={action} className="row" style={{ gap: "0.5rem", alignItems: "end", flexWrap: "wrap" }}>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="justification-from">Ask for a justification before opening or exporting content marked</label>
        <select id="justification-from" name="from" defaultValue={from ?? "never"} aria-describedby={result && !result.ok ? "justification-policy-error" : undefined}>
          <option value="never">Never</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {l} and above
            </option>
          ))}
        </select>
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save"}
      </button>
      {result && !result.ok && (
        <p id="justification-policy-error" className="field-error" role="alert">
          {result.error.message}
        </p>
      )}
      {result?.ok && (
        <p role="status" className="meta">
          Saved: {result.data.from ? `a justification is asked from ${result.data.from}` : "no justification is asked"}.
        </p>
      )}
    </form>
  );
}
