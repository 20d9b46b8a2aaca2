"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, type ApiIssue } from "../../../../ui/call-api";

type Props = {
  kinds: { value: string; label: string }[];
  spaces: { id: string; name: string; status: string }[];
  /** The single items of one space offered as well (the page's "?space=" choice). */
  itemsOf?: { space: { id: string; name: string }; items: { itemType: string; itemId: string; title: string; marking: string }[] } | null;
};

const TYPE_NAMES: Record<string, string> = { document: "Document", file: "File", submission: "Form submission" };

/** The field an issue's path belongs to ("spaceIds.2" belongs to "spaceIds"). */
const fieldOf = (issue: ApiIssue) => issue.path.split(".")[0] ?? "";

/**
 * The new-hold form. The server checks everything (POST /api/v1/holds); this form collects it and
 * shows each problem the API names (error.issues) beside its field, keeping what was typed.
 */
export function HoldForm({ kinds, spaces, itemsOf = null }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [isPending, setPending] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message, issues]);

  const errorOf = (field: string) => issues.filter((i) => fieldOf(i) === field).map((i) => i.message).join(" ") || null;
  const described = (field: string, hint?: string) => [hint, errorOf(field) ? `hold-${field}-error` : undefined].filter(Boolean).join(" ") || undefined;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    setPending(true);
    const result = await callJsonApi<{ id: string }>("/holds", "POST", {
      name: text("name"),
      kind: text("kind"),
      reference: text("reference"),
      reason: text("reason"),
      spaceIds: form.getAll("spaceIds").map(String),
      items: form.getAll("items").map((value) => {
        const [itemType, itemId] = String(value).split(":");
        return { itemType, itemId };
      }),
    });
    setPending(false);
    if (result.ok) {
      router.push(`/records/holds/${result.data.id}`);
      router.refresh();
      return;
    }
    setIssues(result.error.issues ?? []);
    setMessage(result.error.message);
  }

  const fieldError = (field: string) => {
    const error = errorOf(field);
    return error ? (
      <p className="error-text" id={`hold-${field}-error`}>
        {error}
      </p>
    ) : null;
  };

  return (
    <form className="card" noValidate onSubmit={onSubmit} aria-describedby={message ? "hold-form-error" : undefined}>
      {message && (
        <div className="alert" role="alert" id="hold-form-error" ref={alertRef} tabIndex={-1}>
          {message}
        </div>
      )}
      <div className="field">
        <label htmlFor="hold-name">Name</label>
        <input id="hold-name" name="name" type="text" required maxLength={200} aria-invalid={errorOf("name") ? true : undefined} aria-describedby={described("name")} />
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor="hold-kind">Kind</label>
        <select id="hold-kind" name="kind" required defaultValue="" aria-invalid={errorOf("kind") ? true : undefined} aria-describedby={described("kind")}>
          <option value="" disabled>
            Choose the kind of hold
          </option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        {fieldError("kind")}
      </div>
      <div className="field">
        <label htmlFor="hold-reference">Reference</label>
        <p className="hint" id="hold-reference-hint">
          Optional: the court order, the inquiry&apos;s reference, the CPIA schedule.
        </p>
        <input id="hold-reference" name="reference" type="text" maxLength={200} aria-invalid={errorOf("reference") ? true : undefined} aria-describedby={described("reference", "hold-reference-hint")} />
        {fieldError("reference")}
      </div>
      <div className="field">
        <label htmlFor="hold-reason">Reason</label>
        <p className="hint" id="hold-reason-hint">
          Why this material must be kept, as the audit trail and whoever releases the hold will read it.
        </p>
        <textarea id="hold-reason" name="reason" rows={3} required maxLength={5000} aria-invalid={errorOf("reason") ? true : undefined} aria-describedby={described("reason", "hold-reason-hint")} />
        {fieldError("reason")}
      </div>
      <fieldset aria-describedby={described("spaceIds", "hold-spaces-hint")}>
        <legend>Spaces it covers</legend>
        <p className="hint" id="hold-spaces-hint">
          Everything in each space chosen is held, whoever added it.
        </p>
        {spaces.length === 0 ? (
          <p className="meta">Your agency has no spaces.</p>
        ) : (
          spaces.map((space) => (
            <div key={space.id} className="checkbox">
              <input type="checkbox" id={`hold-space-${space.id}`} name="spaceIds" value={space.id} />
              <label htmlFor={`hold-space-${space.id}`}>
                {space.name}
                {space.status !== "active" ? ` (${space.status})` : ""}
              </label>
            </div>
          ))
        )}
        {fieldError("spaceIds")}
      </fieldset>
      {itemsOf && (
        <fieldset aria-describedby={described("items", "hold-items-hint")}>
          <legend>Single items of {itemsOf.space.name}</legend>
          <p className="hint" id="hold-items-hint">
            Only the items chosen are held; the rest of the space follows its schedule.
          </p>
          {itemsOf.items.length === 0 ? (
            <p className="meta">This space holds no documents, files or form submissions you may see.</p>
          ) : (
            itemsOf.items.map((item) => (
              <div key={item.itemId} className="checkbox">
                <input type="checkbox" id={`hold-item-${item.itemId}`} name="items" value={`${item.itemType}:${item.itemId}`} />
                <label htmlFor={`hold-item-${item.itemId}`}>
                  {TYPE_NAMES[item.itemType] ?? item.itemType}: {item.title} <span className="meta">({item.marking})</span>
                </label>
              </div>
            ))
          )}
          {fieldError("items")}
        </fieldset>
      )}
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Placing the hold…" : "Place hold"}
      </button>
    </form>
  );
}
