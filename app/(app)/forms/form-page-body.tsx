/**
 * The questions of one page of a form, as a person fills them in: the page's sections (shown and
 * hidden live as the answers say), each field's control by its widget with its label, required
 * marker, help and error, and repeating groups with "Add" and "Remove". Shared by the submission
 * page (app/(app)/submissions/[submissionId]/fill-form.tsx) and the form builder's live preview,
 * so that the preview is exactly what staff will see. Holds no state: the caller owns the values.
 */
import { useMemo, type ReactNode } from "react";
import { isShown, type FormAnswers } from "@/lib/forms/conditions";
import type { FieldLayout, FormDefinition, GroupLayout, SectionLayout } from "@/lib/forms/form-definition";
import { controlId, schemaProperties, widgetOf, type ControlValue, type FormValues, type ItemValues, type SchemaNode } from "../submissions/[submissionId]/form-values";

/** Moves focus once React has rendered what the handler changed. */
export const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

export type Requirement = { required: Set<string>; whenShown: Set<string> };

export function requirementOf(definition: FormDefinition): Requirement {
  const schema = definition.schema as SchemaNode;
  return { required: new Set(schema.required ?? []), whenShown: new Set((schema.allOf ?? []).flatMap((c) => c.then?.required ?? [])) };
}

type SectionsProps = {
  definition: FormDefinition;
  /** The index of the page shown. */
  pageIndex: number;
  values: FormValues;
  answers: FormAnswers;
  errorOf: ReadonlyMap<string, string>;
  setField: (name: string, value: ControlValue | ItemValues[]) => void;
  announce: (message: string) => void;
};

/** The shown sections of one page, with their fields and repeating groups. */
export function FormPageSections({ definition, pageIndex, values, answers, errorOf, setField, announce }: SectionsProps) {
  const properties = useMemo(() => schemaProperties(definition), [definition]);
  const requirement = useMemo(() => requirementOf(definition), [definition]);
  const page = definition.layout.pages[pageIndex];
  if (!page) return null;
  const isRequired = (name: string, isConditional: boolean) => requirement.required.has(name) || (isConditional && requirement.whenShown.has(name));

  const renderGroup = (group: GroupLayout, section: SectionLayout) => {
    const id = controlId(group.group);
    const items = (Array.isArray(values[group.group]) ? values[group.group] : []) as ItemValues[];
    const itemNodes = properties[group.group]?.items?.properties ?? {};
    const itemRequired = new Set(properties[group.group]?.items?.required ?? []);
    const itemAnswers = (Array.isArray(answers[group.group]) ? answers[group.group] : []) as FormAnswers[];
    const groupError = errorOf.get(group.group);
    const blank = () => Object.fromEntries(group.fields.map((f) => [f.field, widgetOf(f, itemNodes[f.field]) === "checkbox" ? false : widgetOf(f, itemNodes[f.field]) === "checkboxes" ? [] : ""])) as ItemValues;
    return (
      <fieldset key={group.group} id={id} tabIndex={-1} aria-describedby={[group.help && `${id}-hint`, groupError && `${id}-error`].filter(Boolean).join(" ") || undefined}>
        <legend>
          {group.label}
          {isRequired(group.group, Boolean(section.showWhen || group.showWhen)) && <span aria-hidden="true" className="meta"> (required)</span>}
        </legend>
        {group.help && (
          <p className="hint" id={`${id}-hint`}>
            {group.help}
          </p>
        )}
        {groupError && (
          <p className="error-text" id={`${id}-error`}>
            {groupError}
          </p>
        )}
        {items.length === 0 && <p className="meta">None added yet.</p>}
        {items.map((item, i) => {
          const itemId = controlId(`${group.group}[${i}]`);
          const itemError = errorOf.get(`${group.group}[${i}]`);
          return (
            <fieldset key={i} id={itemId} tabIndex={-1} className="card" style={{ marginBottom: "0.75rem" }}>
              <legend>
                {group.itemLabel} {i + 1}
              </legend>
              {itemError && <p className="error-text">{itemError}</p>}
              {group.fields
                .filter((f) => isShown(f.showWhen, answers, itemAnswers[i] ?? {}))
                .map((f) => (
                  <Field
                    key={f.field}
                    field={f}
                    node={itemNodes[f.field]}
                    id={controlId(`${group.group}[${i}].${f.field}`)}
                    value={item[f.field]}
                    isRequired={itemRequired.has(f.field)}
                    error={errorOf.get(`${group.group}[${i}].${f.field}`)}
                    onChange={(v) => setField(group.group, items.map((it, j) => (j === i ? { ...it, [f.field]: v } : it)))}
                  />
                ))}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setField(group.group, items.filter((_, j) => j !== i));
                  announce(`${group.itemLabel} ${i + 1} removed`);
                  focusSoon(`${id}-add`);
                }}
              >
                Remove {group.itemLabel} {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          id={`${id}-add`}
          className="button button-secondary"
          onClick={() => {
            setField(group.group, [...items, blank()]);
            announce(`${group.itemLabel} ${items.length + 1} added`);
            const first = group.fields[0];
            if (first) focusSoon(controlId(`${group.group}[${items.length}].${first.field}`));
          }}
        >
          Add {group.itemLabel}
        </button>
      </fieldset>
    );
  };

  return (
    <>
  {page.sections
    .filter((section) => isShown(section.showWhen, answers))
    .map((section) => (
      <section key={section.id} aria-labelledby={`section-${section.id}`} style={{ marginBottom: "1.5rem" }}>
        <h3 id={`section-${section.id}`}>
          {section.title} {!section.isDisclosable && <span className="badge badge-warning">Not disclosable</span>}
        </h3>
        {section.help && <p className="hint">{section.help}</p>}
        {section.items.map((item) => {
          if ("group" in item) return isShown(item.showWhen, answers) ? renderGroup(item, section) : null;
          if (!isShown(item.showWhen, answers)) return null;
          return (
            <Field
              key={item.field}
              field={item}
              node={properties[item.field]}
              id={controlId(item.field)}
              value={values[item.field] as ControlValue | undefined}
              isRequired={isRequired(item.field, Boolean(section.showWhen || item.showWhen))}
              error={errorOf.get(item.field)}
              onChange={(v) => setField(item.field, v)}
            />
          );
        })}
      </section>
    ))}
    </>
  );
}

type FieldProps = {
  field: FieldLayout;
  node: SchemaNode | undefined;
  id: string;
  value: ControlValue | undefined;
  isRequired: boolean;
  error: string | undefined;
  onChange: (value: ControlValue) => void;
};

/** One field: its control by widget, its label, required marker, help and error. */
export function Field({ field, node, id, value, isRequired, error, onChange }: FieldProps) {
  const widget = widgetOf(field, node);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.help && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  const marker = isRequired ? (
    <span aria-hidden="true" className="meta" style={{ fontWeight: 400 }}>
      {" "}
      (required)
    </span>
  ) : null;
  const text = typeof value === "string" ? value : "";
  const notes = (
    <>
      {field.help && (
        <p className="hint" id={hintId}>
          {field.help}
        </p>
      )}
      {error && (
        <p className="error-text" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
  const common = { "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, "aria-required": isRequired || undefined } as const;

  if (widget === "checkbox") {
    return (
      <div className="checkbox">
        <input type="checkbox" id={id} checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />
        <label htmlFor={id}>
          {field.label}
          {marker}
        </label>
        {field.help && (
          <p className="hint" id={hintId}>
            {field.help}
          </p>
        )}
        {error && (
          <p className="error-text" id={errorId} style={{ gridColumn: 2 }}>
            {error}
          </p>
        )}
      </div>
    );
  }

  if (widget === "radio" || widget === "yesno" || widget === "checkboxes") {
    const options: { value: string; label: string }[] =
      widget === "yesno"
        ? [
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]
        : ((widget === "checkboxes" ? node?.items?.enum : node?.enum) ?? []).map((o) => ({ value: String(o), label: String(o) }));
    const ticked = Array.isArray(value) ? value : [];
    return (
      <fieldset
        role={widget === "checkboxes" ? undefined : "radiogroup"}
        aria-labelledby={`${id}-legend`}
        aria-describedby={describedBy}
        aria-invalid={widget === "checkboxes" ? undefined : error ? true : undefined}
        aria-required={widget === "checkboxes" ? undefined : isRequired || undefined}
      >
        <legend id={`${id}-legend`}>
          {field.label}
          {marker}
        </legend>
        {notes}
        <div className={widget === "yesno" ? "row" : undefined} style={widget === "yesno" ? { gap: "1.5rem" } : undefined}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <div className="checkbox" key={o.value}>
                {widget === "checkboxes" ? (
                  <input type="checkbox" id={optionId} checked={ticked.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...ticked, o.value] : ticked.filter((t) => t !== o.value))} />
                ) : (
                  <input type="radio" id={optionId} name={id} value={o.value} checked={text === o.value} onChange={() => onChange(o.value)} />
                )}
                <label htmlFor={optionId} style={{ fontWeight: 400 }}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
        {widget !== "checkboxes" && text !== "" && !isRequired && (
          <button type="button" className="link-button" onClick={() => onChange("")}>
            Clear the answer to “{field.label}”
          </button>
        )}
      </fieldset>
    );
  }

  let control: ReactNode;
  if (widget === "textarea") control = <textarea id={id} rows={field.field === "statementText" ? 12 : 4} value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  else if (widget === "select")
    control = (
      <select id={id} value={text} onChange={(e) => onChange(e.target.value)} {...common}>
        <option value="">Choose…</option>
        {(node?.enum ?? []).map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  else {
    // A number is typed as text (inputMode brings up the keypad) so that nothing typed is lost to
    // the browser's number parsing; the server says when it is not a number.
    const type = widget === "datetime" ? "datetime-local" : widget === "number" ? "text" : widget;
    const inputMode = widget === "number" ? (node?.type === "integer" ? "numeric" : "decimal") : undefined;
    control = <input type={type} inputMode={inputMode} id={id} value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  }
  return (
    <div className="field" style={{ marginBottom: "1rem" }}>
      <label htmlFor={id}>
        {field.label}
        {marker}
      </label>
      {notes}
      {control}
    </div>
  );
}
