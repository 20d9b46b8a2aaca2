"use client";

/**
 * The form builder's small editors: a question (label, name, help, kind, required, limits,
 * choices, default), a section (title, help, disclosable, when shown) and a repeating group.
 * Each checks what it can before handing its spec to the builder (a label, unique name, at
 * least one choice), says what is wrong beside the control, and never loses what was typed.
 * A national question of a variant may have its label, help and default changed, nothing else.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { FIELD_NAME } from "@/lib/forms/form-definition";
import { FIELD_KINDS, FIELD_KIND_LABELS, nameFromLabel, type FieldKind, type FieldSpec, type SectionSpec } from "@/lib/forms/form-builder";

type Errors = Record<string, string>;

/** Focus moves into an editor when it opens, so that keyboard users land where they are typing. */
export function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

const isChoice = (kind: FieldKind) => kind === "select" || kind === "radio";
const isText = (kind: FieldKind) => kind === "text" || kind === "textarea";
const isNumber = (kind: FieldKind) => kind === "integer" || kind === "number";
const isYesNo = (kind: FieldKind) => kind === "yesno" || kind === "checkbox";

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="error-text" id={id}>
      {message}
    </p>
  ) : null;
}

/** A number typed in a limit box (blank: none; not a number: an error). */
function parseLimit(value: string, what: string, errors: Errors, key: string, isWhole = true): number | undefined {
  if (value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (isWhole && !Number.isInteger(n))) {
    errors[key] = `${what} must be a ${isWhole ? "whole " : ""}number`;
    return undefined;
  }
  return n;
}

type FieldEditorProps = {
  initial: FieldSpec | null;
  /** Names already used (a new question's name must differ). */
  taken: ReadonlySet<string>;
  isNational: boolean;
  /** Shown when the question is in a section asked only when an answer says so. */
  isConditional: boolean;
  onDone: (spec: FieldSpec) => void;
  onCancel: () => void;
  submitLabel: string;
};

/** Adding or changing a question. */
export function FieldEditor({ initial, taken, isNational, isConditional, onDone, onCancel, submitLabel }: FieldEditorProps) {
  const id = useId();
  const isNew = initial === null;
  const [label, setLabel] = useState(initial?.label ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [isNameEdited, setNameEdited] = useState(false);
  const [help, setHelp] = useState(initial?.help ?? "");
  const [kind, setKind] = useState<FieldKind>(initial?.kind ?? "text");
  const [isRequired, setRequired] = useState(initial?.isRequired ?? false);
  const [maxLength, setMaxLength] = useState(initial?.maxLength !== undefined ? String(initial.maxLength) : "");
  const [minimum, setMinimum] = useState(initial?.minimum !== undefined ? String(initial.minimum) : "");
  const [maximum, setMaximum] = useState(initial?.maximum !== undefined ? String(initial.maximum) : "");
  const [options, setOptions] = useState((initial?.options ?? []).join("\n"));
  const [defaultValue, setDefaultValue] = useState(initial?.defaultValue === undefined ? "" : String(initial.defaultValue));
  const [errors, setErrors] = useState<Errors>({});
  const first = useFocusOnOpen<HTMLInputElement>();
  const shownName = isNew && !isNameEdited ? (label.trim() ? nameFromLabel(label, taken) : "") : name;

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!label.trim()) found.label = "Enter the question";
    else if (label.trim().length > 200) found.label = "A question has at most 200 characters";
    if (isNew) {
      if (!FIELD_NAME.test(shownName)) found.name = "A name is a letter, then letters, digits or _ (at most 64)";
      else if (taken.has(shownName)) found.name = `The name "${shownName}" is already used in this form`;
    }
    if (help.length > 1000) found.help = "Help has at most 1,000 characters";
    const choices = options
      .split("\n")
      .map((o) => o.trim())
      .filter(Boolean);
    if (!isNational && isChoice(kind) && choices.length === 0) found.options = "Give at least one answer to choose from, one per line";
    if (new Set(choices).size !== choices.length) found.options = "Each answer to choose from must be different";
    const spec: FieldSpec = { name: isNew ? shownName : name, label, help: help.trim() || undefined, kind, isRequired };
    if (isText(kind)) spec.maxLength = parseLimit(maxLength, "The longest answer", found, "maxLength");
    if (spec.maxLength !== undefined && spec.maxLength < 1) found.maxLength = "The longest answer must be at least 1 character";
    if (isNumber(kind)) {
      spec.minimum = parseLimit(minimum, "The smallest answer", found, "minimum", kind === "integer");
      spec.maximum = parseLimit(maximum, "The largest answer", found, "maximum", kind === "integer");
      if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) found.maximum = "The largest answer must not be less than the smallest";
    }
    if (isChoice(kind)) spec.options = choices;
    if (defaultValue !== "") {
      if (isYesNo(kind)) spec.defaultValue = defaultValue === "true";
      else if (isNumber(kind)) {
        const n = Number(defaultValue);
        if (!Number.isFinite(n)) found.defaultValue = "The answer it starts with must be a number";
        else spec.defaultValue = n;
      } else if (isChoice(kind) && !choices.includes(defaultValue)) found.defaultValue = "The answer it starts with must be one of the answers to choose from";
      else spec.defaultValue = defaultValue;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setTimeout(() => document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus(), 0);
      return;
    }
    onDone(spec);
  }

  const described = (key: string, hint?: boolean) => [hint && `${id}-${key}-hint`, errors[key] && `${id}-${key}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label={isNew ? "New question" : `Change “${initial.label}”`} data-testid="field-editor">
      {isNational && <p className="hint">A question of the national form: you can change its wording, help and the answer it starts with; what it accepts and whether it is required stay as nationally set.</p>}
      <div className="field">
        <label htmlFor={`${id}-label`}>Question</label>
        <input type="text" ref={first} id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} aria-invalid={errors.label ? true : undefined} aria-describedby={described("label")} />
        <FieldError id={`${id}-label-error`} message={errors.label} />
      </div>
      {isNew && (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name in the data</label>
          <p className="hint" id={`${id}-name-hint`}>
            How the answer is named in exports and the API. Made from the question; it cannot change once the form is in use.
          </p>
          <input
            id={`${id}-name`}
            value={shownName}
            onChange={(e) => {
              setNameEdited(true);
              setName(e.target.value);
            }}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={described("name", true)}
          />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-help`}>Help text (optional)</label>
        <textarea id={`${id}-help`} rows={2} value={help} onChange={(e) => setHelp(e.target.value)} aria-invalid={errors.help ? true : undefined} aria-describedby={described("help")} />
        <FieldError id={`${id}-help-error`} message={errors.help} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind of answer</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as FieldKind)} disabled={isNational}>
          {FIELD_KINDS.map((k) => (
            <option key={k} value={k}>
              {FIELD_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      {isChoice(kind) && (
        <div className="field">
          <label htmlFor={`${id}-options`}>Answers to choose from, one per line</label>
          <textarea id={`${id}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} disabled={isNational} aria-invalid={errors.options ? true : undefined} aria-describedby={described("options")} />
          <FieldError id={`${id}-options-error`} message={errors.options} />
        </div>
      )}
      {isText(kind) && !isNational && (
        <div className="field">
          <label htmlFor={`${id}-maxLength`}>Longest answer, in characters (optional)</label>
          <input type="text" id={`${id}-maxLength`} inputMode="numeric" value={maxLength} onChange={(e) => setMaxLength(e.target.value)} aria-invalid={errors.maxLength ? true : undefined} aria-describedby={described("maxLength")} />
          <FieldError id={`${id}-maxLength-error`} message={errors.maxLength} />
        </div>
      )}
      {isNumber(kind) && !isNational && (
        <div className="row" style={{ gap: "1rem", flexWrap: "wrap" }}>
          <div className="field">
            <label htmlFor={`${id}-minimum`}>Smallest answer (optional)</label>
            <input type="text" id={`${id}-minimum`} inputMode="decimal" value={minimum} onChange={(e) => setMinimum(e.target.value)} aria-invalid={errors.minimum ? true : undefined} aria-describedby={described("minimum")} />
            <FieldError id={`${id}-minimum-error`} message={errors.minimum} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-maximum`}>Largest answer (optional)</label>
            <input type="text" id={`${id}-maximum`} inputMode="decimal" value={maximum} onChange={(e) => setMaximum(e.target.value)} aria-invalid={errors.maximum ? true : undefined} aria-describedby={described("maximum")} />
            <FieldError id={`${id}-maximum-error`} message={errors.maximum} />
          </div>
        </div>
      )}
      <div className="checkbox">
        <input type="checkbox" id={`${id}-required`} checked={isRequired} onChange={(e) => setRequired(e.target.checked)} disabled={isNational} aria-describedby={isConditional ? `${id}-required-hint` : undefined} />
        <label htmlFor={`${id}-required`}>Must be answered</label>
        {isConditional && (
          <p className="hint" id={`${id}-required-hint`}>
            Its section is asked only when an answer says so: it must be answered then, and not otherwise.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-defaultValue`}>Answer it starts with (optional)</label>
        {isYesNo(kind) ? (
          <select id={`${id}-defaultValue`} value={defaultValue} onChange={(e) => setDefaultValue(e.target.value)} aria-describedby={described("defaultValue")}>
            <option value="">None</option>
            <option value="true">{kind === "checkbox" ? "Ticked" : "Yes"}</option>
            <option value="false">{kind === "checkbox" ? "Not ticked" : "No"}</option>
          </select>
        ) : (
          <input type="text" id={`${id}-defaultValue`} value={defaultValue} onChange={(e) => setDefaultValue(e.target.value)} aria-invalid={errors.defaultValue ? true : undefined} aria-describedby={described("defaultValue")} />
        )}
        <FieldError id={`${id}-defaultValue-error`} message={errors.defaultValue} />
      </div>
      <div className="row" style={{ gap: "0.75rem" }}>
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export type ConditionChoice = { name: string; label: string; values: (string | boolean)[] };

type SectionEditorProps = {
  initial: SectionSpec | null;
  isNational: boolean;
  /** The answers a section may be shown on (yes/no and one-of-a-list questions outside it). */
  conditions: ConditionChoice[];
  onDone: (spec: SectionSpec) => void;
  onCancel: () => void;
  submitLabel: string;
  /** For a new section: it comes with its first question, asked here too. */
  children?: ReactNode;
};

const valueKey = (v: string | boolean) => (typeof v === "boolean" ? `b:${v}` : `s:${v}`);
const valueText = (v: string | boolean) => (v === true ? "Yes" : v === false ? "No" : v);

/** Adding or changing a section. */
export function SectionEditor({ initial, isNational, conditions, onDone, onCancel, submitLabel, children }: SectionEditorProps) {
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [help, setHelp] = useState(initial?.help ?? "");
  const [isDisclosable, setDisclosable] = useState(initial?.isDisclosable ?? true);
  const [whenField, setWhenField] = useState(initial?.showWhen?.field ?? "");
  const [whenValue, setWhenValue] = useState(initial?.showWhen ? valueKey(initial.showWhen.equals as string | boolean) : "");
  const [error, setError] = useState<string | null>(null);
  const first = useFocusOnOpen<HTMLInputElement>();
  const choice = conditions.find((c) => c.name === whenField);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError("Enter the section's title");
      setTimeout(() => document.getElementById(`${id}-title`)?.focus(), 0);
      return;
    }
    const value = choice?.values.find((v) => valueKey(v) === whenValue);
    onDone({ title, help: help.trim() || undefined, isDisclosable, showWhen: choice && value !== undefined ? { field: choice.name, equals: value } : null });
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label={initial ? `Change the section “${initial.title}”` : "New section"} data-testid="section-editor">
      <div className="field">
        <label htmlFor={`${id}-title`}>Section title</label>
        <input type="text" ref={first} id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-title-error` : undefined} />
        <FieldError id={`${id}-title-error`} message={error ?? undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-help`}>Guidance (optional)</label>
        <textarea id={`${id}-help`} rows={2} value={help} onChange={(e) => setHelp(e.target.value)} />
      </div>
      <div className="checkbox">
        <input type="checkbox" id={`${id}-disclosable`} checked={isDisclosable} onChange={(e) => setDisclosable(e.target.checked)} disabled={isNational && initial?.isDisclosable === false} />
        <label htmlFor={`${id}-disclosable`}>May be disclosed (untick for what is never disclosed to the defence)</label>
      </div>
      {!isNational && (
        <fieldset>
          <legend>When is it asked?</legend>
          <div className="field">
            <label htmlFor={`${id}-when-field`}>Only when this question…</label>
            <select
              id={`${id}-when-field`}
              value={whenField}
              onChange={(e) => {
                setWhenField(e.target.value);
                const next = conditions.find((c) => c.name === e.target.value);
                setWhenValue(next?.values[0] !== undefined ? valueKey(next.values[0]) : "");
              }}
            >
              <option value="">Always asked</option>
              {conditions.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          {choice && (
            <div className="field">
              <label htmlFor={`${id}-when-value`}>…is answered</label>
              <select id={`${id}-when-value`} value={whenValue} onChange={(e) => setWhenValue(e.target.value)}>
                {choice.values.map((v) => (
                  <option key={valueKey(v)} value={valueKey(v)}>
                    {valueText(v)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
      )}
      {children}
      <div className="row" style={{ gap: "0.75rem" }}>
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type GroupEditorProps = {
  initial: { label: string; itemLabel: string; help?: string } | null;
  taken: ReadonlySet<string>;
  onDone: (group: { name: string; label: string; itemLabel: string; help?: string }) => void;
  onCancel: () => void;
};

/** Adding or changing a repeating group (a new one starts with one short-text question, "Description"). */
export function GroupEditor({ initial, taken, onDone, onCancel }: GroupEditorProps) {
  const id = useId();
  const [label, setLabel] = useState(initial?.label ?? "");
  const [itemLabel, setItemLabel] = useState(initial?.itemLabel ?? "");
  const [help, setHelp] = useState(initial?.help ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const first = useFocusOnOpen<HTMLInputElement>();
  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!label.trim()) found.label = "Enter what the list is called, e.g. Exhibits";
    if (!itemLabel.trim()) found.itemLabel = "Enter what one item is called, e.g. Exhibit";
    else if (itemLabel.trim().length > 60) found.itemLabel = "At most 60 characters";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setTimeout(() => document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus(), 0);
      return;
    }
    onDone({ name: nameFromLabel(label, taken), label, itemLabel, help: help.trim() || undefined });
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label={initial ? `Change the list “${initial.label}”` : "New repeating list"} data-testid="group-editor">
      <div className="field">
        <label htmlFor={`${id}-label`}>What the list is called</label>
        <input type="text" ref={first} id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} aria-invalid={errors.label ? true : undefined} aria-describedby={errors.label ? `${id}-label-error` : undefined} />
        <FieldError id={`${id}-label-error`} message={errors.label} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-itemLabel`}>What one item is called</label>
        <input type="text" id={`${id}-itemLabel`} value={itemLabel} onChange={(e) => setItemLabel(e.target.value)} aria-invalid={errors.itemLabel ? true : undefined} aria-describedby={errors.itemLabel ? `${id}-itemLabel-error` : undefined} />
        <FieldError id={`${id}-itemLabel-error`} message={errors.itemLabel} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-help`}>Help text (optional)</label>
        <textarea id={`${id}-help`} rows={2} value={help} onChange={(e) => setHelp(e.target.value)} />
      </div>
      {!initial && <p className="hint">The list starts with one question, “Description”: change it or add more once it is added.</p>}
      <div className="row" style={{ gap: "0.75rem" }}>
        <button type="submit" className="button">
          {initial ? "Save the list" : "Add the list"}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
