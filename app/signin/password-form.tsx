"use client";
import { useActionState } from "react";
import { signInWithPasswordAction, type SignInState } from "./actions";

/** The demo e-mail and password form, with errors announced to screen readers. */
export function PasswordForm() {
  const [state, action, isPending] = useActionState<SignInState, FormData>(signInWithPasswordAction, {});
  return (
    <form action={action} noValidate aria-describedby={state.error ? "signin-error" : undefined}>
      {state.error && (
        <div className="alert" role="alert" id="signin-error">
          {state.error}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">E-mail address</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={state.fieldErrors?.email ? true : undefined}
          aria-describedby={state.fieldErrors?.email ? "email-error" : undefined}
        />
        {state.fieldErrors?.email && (
          <p className="error-text" id="email-error">
            {state.fieldErrors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.fieldErrors?.password ? true : undefined}
          aria-describedby={state.fieldErrors?.password ? "password-error" : undefined}
        />
        {state.fieldErrors?.password && (
          <p className="error-text" id="password-error">
            {state.fieldErrors.password}
          </p>
        )}
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
