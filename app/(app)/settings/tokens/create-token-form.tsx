"use client";
import { useActionState } from "react";
import { createAccessTokenAction } from "./actions";

/** Form to make a token; shows the secret once, with a warning that it will not be shown again. */
export function CreateTokenForm() {
  const [result, action, isPending] = useActionState(createAccessTokenAction, null);
  return (
    <form action={action} className="card" noValidate>
      <h2 style={{ marginTop: 0 }}>New token</h2>
      {result && !result.ok && (
        <div className="alert" role="alert">
          {result.error.message}
        </div>
      )}
      {result?.ok && (
        <div className="alert alert-info" role="status">
          <p>
            <strong>Copy this token now.</strong> It will not be shown again. It acts with your rights until{" "}
            {new Date(result.data.expiresAt).toLocaleDateString("en-GB", { dateStyle: "long" })}.
          </p>
          <code data-testid="new-token" style={{ wordBreak: "break-all" }}>
            {result.data.token}
          </code>
        </div>
      )}
      <div className="field">
        <label htmlFor="token-name">Name</label>
        <p className="hint" id="token-name-hint">
          What the token is for, e.g. &quot;case-management export&quot;.
        </p>
        <input id="token-name" name="name" type="text" required maxLength={80} aria-describedby="token-name-hint" />
      </div>
      <div className="field">
        <label htmlFor="token-expiry">Expires after</label>
        <select id="token-expiry" name="expiresInDays" defaultValue="90">
          <option value="7">7 days</option>
          <option value="30">30 days</option>
          <option value="90">90 days</option>
          <option value="365">1 year</option>
        </select>
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
