"use client";

/**
 * The file plan's smaller changes, for its records managers (the server refuses anyone else): a
 * new event type, a new labelling rule, removing a rule, and removing a label (retired when in
 * use, deleted otherwise). Each refusal is shown beside the control it is about, with nothing
 * typed lost; each success is announced and the page refreshed.
 */
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, type ApiIssue } from "../../../ui/call-api";

/** Focuses the element once React has rendered it (retrying for a few frames while it is not there yet). */
const focusSoon = (id: string, tries = 10): void => {
  setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else if (tries > 0) focusSoon(id, tries - 1);
  }, 16);
};

/** Splits a refusal into each field's message and what belongs to no field. */
function byField(error: { message: string; issues?: ApiIssue[] }, fields: string[]): { field: Record<string, string>; general: string | null } {
  const field: Record<string, string> = {};
  for (const i of error.issues ?? []) if (fields.includes(i.path)) field[i.path] = field[i.path] ? `${field[i.path]}. ${i.message}` : i.message;
  return { field, general: Object.keys(field).length === 0 ? error.message : null };
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="error-text" id={id}>
      {message}
    </p>
  );
}

export function NewEventTypeForm() {
  const router = useRouter();
  const [v, setV] = useState({ key: "", name: "", description: "" });
  const [errors, setErrors] = useState<{ field: Record<string, string>; general: string | null }>({ field: {}, general: null });
  const [status, setStatus] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await callJsonApi<{ name: string }>("/retention-event-types", "POST", v);
    if (result.ok) {
      setV({ key: "", name: "", description: "" });
      setErrors({ field: {}, general: null });
      setStatus(`Event type "${result.data.name}" added`);
      router.refresh();
      return;
    }
    const found = byField(result.error, ["key", "name", "description"]);
    setErrors(found);
    setStatus("The event type was not added");
    focusSoon(found.general ? "event-type-error" : `event-type-${Object.keys(found.field)[0]}`);
  }
  const input = (key: "key" | "name" | "description", label: string, hint?: string) => {
    const message = errors.field[key];
    const describedBy = [hint ? `event-type-${key}-hint` : null, message ? `event-type-${key}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field" style={{ flex: "1 1 14rem" }}>
        <label htmlFor={`event-type-${key}`}>{label}</label>
        {hint && (
          <p className="hint" id={`event-type-${key}-hint`}>
            {hint}
          </p>
        )}
        <input type="text" id={`event-type-${key}`} value={v[key]} onChange={(e) => setV((old) => ({ ...old, [key]: e.target.value }))} aria-invalid={message ? true : undefined} aria-describedby={describedBy} />
        <FieldError id={`event-type-${key}-error`} message={message} />
      </div>
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-event-type-heading">
      <h3 id="new-event-type-heading" style={{ marginTop: 0 }}>
        New event type
      </h3>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {errors.general && (
        <p className="error-text" id="event-type-error" role="alert" tabIndex={-1}>
          {errors.general}
        </p>
      )}
      <div className="row" style={{ alignItems: "start" }}>
        {input("name", "Name", "e.g. Court order expired")}
        {input("key", "Key", "Lowercase letters, digits and hyphens, e.g. court-order-expired")}
      </div>
      {input("description", "Description")}
      <button type="submit" className="button">
        Add the event type
      </button>
    </form>
  );
}

type LabelOption = { id: string; reference: string; name: string };

export function NewRuleForm({ labels, forms }: { labels: LabelOption[]; forms: { key: string; title: string }[] }) {
  const router = useRouter();
  const [v, setV] = useState({ labelId: "", itemType: "submission", formKey: "" });
  const [errors, setErrors] = useState<{ field: Record<string, string>; general: string | null }>({ field: {}, general: null });
  const [status, setStatus] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await callJsonApi("/retention-rules", "POST", { labelId: v.labelId, itemType: v.itemType, formKey: v.itemType === "submission" && v.formKey ? v.formKey : null });
    if (result.ok) {
      setErrors({ field: {}, general: null });
      setStatus("Rule added");
      router.refresh();
      return;
    }
    const found = byField(result.error, ["labelId", "itemType", "formKey"]);
    setErrors(found);
    setStatus("The rule was not added");
    focusSoon(found.general ? "rule-error" : `rule-${Object.keys(found.field)[0]}`);
  }
  const describe = (key: string) => (errors.field[key] ? { "aria-invalid": true as const, "aria-describedby": `rule-${key}-error` } : {});
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-rule-heading">
      <h3 id="new-rule-heading" style={{ marginTop: 0 }}>
        New labelling rule
      </h3>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {errors.general && (
        <p className="error-text" id="rule-error" role="alert" tabIndex={-1}>
          {errors.general}
        </p>
      )}
      <div className="row" style={{ alignItems: "start" }}>
        <div className="field" style={{ flex: "1 1 12rem" }}>
          <label htmlFor="rule-itemType">Items</label>
          <select id="rule-itemType" value={v.itemType} onChange={(e) => setV((old) => ({ ...old, itemType: e.target.value }))} {...describe("itemType")}>
            <option value="submission">Form submissions</option>
            <option value="document">Documents</option>
            <option value="file">Files</option>
          </select>
          <FieldError id="rule-itemType-error" message={errors.field.itemType} />
        </div>
        {v.itemType === "submission" && (
          <div className="field" style={{ flex: "1 1 14rem" }}>
            <label htmlFor="rule-formKey">Form</label>
            <select id="rule-formKey" value={v.formKey} onChange={(e) => setV((old) => ({ ...old, formKey: e.target.value }))} {...describe("formKey")}>
              <option value="">Every form</option>
              {forms.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.title}
                </option>
              ))}
            </select>
            <FieldError id="rule-formKey-error" message={errors.field.formKey} />
          </div>
        )}
        <div className="field" style={{ flex: "2 1 18rem" }}>
          <label htmlFor="rule-labelId">Label they get</label>
          <select id="rule-labelId" value={v.labelId} onChange={(e) => setV((old) => ({ ...old, labelId: e.target.value }))} {...describe("labelId")}>
            <option value="">Choose a label</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.reference} {l.name}
              </option>
            ))}
          </select>
          <FieldError id="rule-labelId-error" message={errors.field.labelId} />
        </div>
      </div>
      <button type="submit" className="button">
        Add the rule
      </button>
    </form>
  );
}

export function DeleteRuleButton({ ruleId, description }: { ruleId: string; description: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button-link"
        aria-describedby={error ? `rule-${ruleId}-error` : undefined}
        onClick={async () => {
          const result = await callJsonApi(`/retention-rules/${ruleId}`, "DELETE");
          if (result.ok) return router.refresh();
          setError(result.error.message);
        }}
      >
        Remove the rule for {description}
      </button>
      {error && (
        <p className="error-text" id={`rule-${ruleId}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Removing a label: the page says beforehand whether it will be retired (in use) or deleted, and asks to confirm. */
export function RemoveLabelButton({ labelId, isInUse, name }: { labelId: string; isInUse: boolean; name: string }) {
  const router = useRouter();
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = isInUse ? "Retire" : "Delete";
  if (!isConfirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => (setConfirming(true), focusSoon("remove-label-confirm"))}>
        {verb} this label
      </button>
    );
  }
  return (
    <div className="alert alert-warning" role="group" aria-labelledby="remove-label-question">
      <p id="remove-label-question" style={{ marginTop: 0 }}>
        {isInUse
          ? `"${name}" is in use, so it will be retired: what it labels keeps it and its schedule, and it is offered for nothing new.`
          : `"${name}" labels nothing, so it will be deleted from the file plan.`}
      </p>
      <div className="row">
        <button
          type="button"
          id="remove-label-confirm"
          className="button button-danger"
          onClick={async () => {
            const result = await callJsonApi<{ outcome: "retired" | "deleted" }>(`/retention-labels/${labelId}`, "DELETE");
            if (!result.ok) return setError(result.error.message);
            if (result.data.outcome === "deleted") router.push("/records/labels");
            router.refresh();
          }}
        >
          Yes, {verb.toLowerCase()} it
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
