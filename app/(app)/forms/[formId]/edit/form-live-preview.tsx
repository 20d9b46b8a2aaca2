"use client";

/**
 * The form builder's live preview: the form being built, exactly as staff will fill it in (the
 * same page component as a submission's page), page by page, sections shown and hidden as the
 * answers given here say. Answers typed here are the builder's own scratch: never saved or sent.
 */
import { useMemo, useState } from "react";
import type { FormDefinition } from "@/lib/forms/form-definition";
import { defaultAnswers } from "@/lib/forms/form-builder";
import { answersToValues, valuesToAnswers, type ControlValue, type FormValues, type ItemValues } from "../../../submissions/[submissionId]/form-values";
import { FormPageSections } from "../../form-page-body";

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

export function FormLivePreview({ definition, announce }: { definition: FormDefinition; announce: (message: string) => void }) {
  const [typed, setTyped] = useState<FormValues>({});
  const [pageIndex, setPageIndex] = useState(0);
  // Every field has a value (its default, or blank), overlaid with what was typed in the preview.
  const values = useMemo(() => ({ ...answersToValues(definition, defaultAnswers(definition)), ...typed }), [definition, typed]);
  const answers = useMemo(() => valuesToAnswers(definition, values), [definition, values]);
  const pages = definition.layout.pages;
  const shown = Math.min(pageIndex, pages.length - 1);
  const setField = (name: string, value: ControlValue | ItemValues[]) => setTyped((v) => ({ ...v, [name]: value }));
  return (
    <section aria-labelledby="preview-title" className="card" data-testid="builder-preview">
      <h2 id="preview-title" style={{ marginTop: 0 }}>
        Preview
      </h2>
      <p className="hint">What staff will see, with your unsaved changes. Answers typed here are not kept.</p>
      {definition.layout.declaration && (
        <p className="meta" role="note">
          Declaration printed on every page: {definition.layout.declaration}
        </p>
      )}
      <nav aria-label="Pages of the preview">
        <ol>
          {pages.map((p, i) => (
            <li key={`${p.id}-${i}`}>
              <button type="button" className="link-button" aria-current={i === shown ? "step" : undefined} style={i === shown ? { fontWeight: 700 } : undefined} onClick={() => setPageIndex(i)}>
                {p.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby="preview-page-heading">
        <h3 id="preview-page-heading">
          Page {shown + 1} of {pages.length}: {pages[shown]?.title}
        </h3>
        <FormPageSections definition={definition} pageIndex={shown} values={values} answers={answers} errorOf={NO_ERRORS} setField={setField} announce={announce} />
        <div className="row" style={{ gap: "0.75rem" }}>
          {shown > 0 && (
            <button type="button" className="button button-secondary" onClick={() => setPageIndex(shown - 1)}>
              Previous page
            </button>
          )}
          {shown < pages.length - 1 && (
            <button type="button" className="button button-secondary" onClick={() => setPageIndex(shown + 1)}>
              Next page
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={() => setTyped({})}>
            Clear preview answers
          </button>
        </div>
      </form>
    </section>
  );
}
