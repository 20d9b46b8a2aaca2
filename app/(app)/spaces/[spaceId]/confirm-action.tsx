"use client";
import { useActionState, useEffect, useId, useRef } from "react";
import type { ActionResult } from "@/lib/http/actor-action";

type FormAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

type Props = {
  /** The server action; it receives `fields` as form data. */
  action: FormAction;
  fields: Record<string, string>;
  /** The button's text, and the extra words screen readers hear after it (e.g. whom it removes). */
  label: string;
  labelSuffix?: string;
  variant?: "primary" | "secondary" | "danger";
  /** When set, the button opens a modal dialog that asks first. */
  confirm?: { title: string; body: React.ReactNode; confirmLabel: string };
  /** Announced (role=status) after the action succeeds, for actions whose effect is not obvious. */
  successMessage?: string;
};

const VARIANT = { primary: "button", secondary: "button button-secondary", danger: "button button-danger" } as const;

/**
 * A button that runs one server action, optionally after a confirmation in a native modal
 * <dialog> (focus moves into it, Escape cancels, focus returns to the button). Refusals are
 * announced in role=alert; the page itself shows the outcome once the server re-renders it.
 */
export function ConfirmAction({ action, fields, label, labelSuffix, variant = "secondary", confirm, successMessage }: Props) {
  const [result, dispatch, isPending] = useActionState(action, null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const error = result && !result.ok ? result.error.message : null;

  useEffect(() => {
    if (result?.ok) dialogRef.current?.close();
  }, [result]);

  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const text = (
    <>
      {label}
      {labelSuffix && <span className="visually-hidden"> {labelSuffix}</span>}
    </>
  );

  if (!confirm) {
    return (
      <form action={dispatch}>
        {hidden}
        <button type="submit" className={VARIANT[variant]} disabled={isPending}>
          {text}
        </button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {result?.ok && successMessage && (
          <p className="meta" role="status">
            {successMessage}
          </p>
        )}
      </form>
    );
  }

  function open() {
    dialogRef.current?.showModal();
    // The safe choice has focus first: Enter does not carry out a destructive action.
    cancelRef.current?.focus();
  }

  return (
    <>
      <button type="button" ref={triggerRef} className={VARIANT[variant]} onClick={open} aria-haspopup="dialog">
        {text}
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={() => triggerRef.current?.focus()}>
        <h2 id={titleId}>{confirm.title}</h2>
        <div>{confirm.body}</div>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <form action={dispatch} className="row">
          {hidden}
          <button type="submit" className={variant === "danger" ? "button button-danger" : "button"} disabled={isPending}>
            {isPending ? "Working…" : confirm.confirmLabel}
          </button>
          <button type="button" ref={cancelRef} className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </form>
      </dialog>
    </>
  );
}
