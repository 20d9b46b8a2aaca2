"use client";

/**
 * The form builder (issue 7): an agency's administrator builds a local form, or a local variant
 * of a national form, without writing JSON Schema: pages, sections (with guidance, whether they
 * may be disclosed, and when they are asked), questions of a dozen kinds, and repeating lists;
 * with a live preview of exactly what staff will fill in. For a variant, the national questions,
 * sections and rules are locked (their wording, help and defaults may change); if the national
 * form has a newer version, the difference is shown, to re-base onto it or keep the pin.
 *
 * The edits are lib/forms/form-builder.ts; the server checks whatever is saved (a variant
 * against its national version) and every problem it finds is listed, each beside its question
 * where it has one. Nothing is lost on any error: the definition stays as it is on the page, and
 * leaving with unsaved changes asks first.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FieldLayout, FormDefinition, GroupLayout, SectionLayout } from "@/lib/forms/form-definition";
import {
  addField,
  addGroup,
  addPage,
  addSection,
  conditionFields,
  FIELD_KIND_LABELS,
  kindOf,
  moveItem,
  movePage,
  moveSection,
  nameFromLabel,
  nationalParts,
  removeItem,
  removePage,
  removeSection,
  renamePage,
  requirementOfField,
  specOf,
  takenNames,
  updateField,
  updateGroup,
  updateSection,
  type FieldSpec,
  type Locks,
} from "@/lib/forms/form-builder";
import type { FormForEditing } from "@/lib/forms/get-form-for-editing";
import type { FormDetail } from "@/lib/forms/form-view";
import { describeCondition, fieldLabels } from "@/lib/forms/describe-condition";
import { callJsonApi, type ApiIssue } from "../../../../ui/call-api";
import { ErrorSummary } from "../../../../ui/error-summary";
import { FieldEditor, GroupEditor, SectionEditor, useFocusOnOpen } from "./builder-editors";
import { FormLivePreview } from "./form-live-preview";

type Editing =
  | { kind: "field"; path: string }
  | { kind: "new-field"; page: number; section: number; group?: string }
  | { kind: "group"; name: string }
  | { kind: "new-group"; page: number; section: number }
  | { kind: "section"; page: number; section: number }
  | { kind: "new-section"; page: number }
  | { kind: "page"; page: number }
  | { kind: "new-page" };

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
const canonical = (d: FormDefinition) => JSON.stringify(d);

export function FormBuilder({ data }: { data: FormForEditing }) {
  const router = useRouter();
  const [definition, setDefinition] = useState<FormDefinition>(data.form.definition!);
  const [savedJson, setSavedJson] = useState(() => canonical(data.form.definition!));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [version, setVersion] = useState(data.editing);
  const [national, setNational] = useState(data.national);
  const [changes, setChanges] = useState(data.nationalChanges);
  const [isPinKept, setPinKept] = useState(false);
  const [jsonText, setJsonText] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const isBusy = useRef(false);
  const [busy, setBusy] = useState(false);

  const locks: Locks = useMemo(() => ({ national: national?.definition ?? null }), [national]);
  const locked = useMemo(() => nationalParts(locks.national), [locks]);
  const taken = useMemo(() => takenNames(definition), [definition]);
  const labels = useMemo(() => fieldLabels(definition.layout), [definition]);
  const isDirty = canonical(definition) !== savedJson;
  const issuesOf = (path: string) => issues.filter((i) => i.path === path);

  // Leaving with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);

  const apply = (next: FormDefinition, message: string, focusId?: string) => {
    if (next === definition) {
      setAnnouncement("That cannot be changed here");
      return;
    }
    setDefinition(next);
    setEditing(null);
    setAnnouncement(message);
    if (focusId) focusSoon(focusId);
  };

  const loaded = (form: FormDetail, message: string) => {
    setDefinition(form.definition!);
    setSavedJson(canonical(form.definition!));
    const newest = form.versions.at(-1);
    setVersion(newest ? { number: newest.number, status: newest.status } : null);
    setIssues([]);
    setFormError(null);
    setAnnouncement(message);
  };

  async function run<T>(what: string, call: () => Promise<{ ok: true; data: T } | { ok: false; status: number; error: { message: string; issues?: ApiIssue[] } }>, done: (data: T) => void) {
    if (isBusy.current) return;
    isBusy.current = true;
    setBusy(true);
    setAnnouncement(`${what}…`);
    const result = await call();
    isBusy.current = false;
    setBusy(false);
    if (result.ok) return done(result.data);
    const found = (result.error.issues ?? []).filter((i) => typeof i.path === "string" && typeof i.message === "string");
    setIssues(found);
    setFormError(result.error.message);
    setAnnouncement(`${what} did not work`);
    focusSoon("builder-errors");
  }

  const save = () => run("Saving the draft", () => callJsonApi<FormDetail>(`/forms/${data.form.id}/draft`, "PUT", { definition }), (form) => loaded(form, "Draft saved"));
  const publish = () =>
    run(
      "Publishing",
      () => callJsonApi<FormDetail>(`/forms/${data.form.id}/publish`, "POST"),
      (form) => {
        setVersion(form.latestPublished ? { number: form.latestPublished.number, status: "published" } : version);
        setIssues([]);
        setFormError(null);
        setAnnouncement(`Version ${form.latestPublished?.number ?? ""} published: staff fill it in from now on`);
        router.refresh();
      },
    );
  const rebase = () =>
    run(
      "Re-basing onto the new national version",
      () => callJsonApi<FormDetail>(`/forms/${data.form.id}/rebase`, "POST"),
      (form) => {
        loaded(form, `Re-based onto national version ${changes.latestVersion}: review the draft, then publish it`);
        if (national && changes.latestVersion) setNational({ ...national, version: changes.latestVersion });
        setChanges({ ...changes, pinnedVersion: changes.latestVersion, changes: [] });
        router.refresh();
      },
    );

  const setMeta = (changesToMeta: Partial<Pick<FormDefinition, "title" | "summary" | "defaultMarking">> & { declaration?: string }) => {
    const { declaration, ...rest } = changesToMeta;
    const next = { ...definition, ...rest, layout: { ...definition.layout } };
    if (declaration !== undefined) {
      if (declaration.trim()) next.layout.declaration = declaration;
      else delete next.layout.declaration;
    }
    setDefinition(next);
  };

  const conditionChoicesFor = (page: number, section: number) => {
    const own = new Set(definition.layout.pages[page]?.sections[section]?.items.map((i) => ("group" in i ? i.group : i.field)) ?? []);
    return conditionFields(definition).filter((c) => !own.has(c.name));
  };

  const fieldRow = (f: FieldLayout, path: string, section: SectionLayout, isInGroup: boolean) => {
    const node = path.includes("[].") ? undefined : (definition.schema.properties as Record<string, unknown>)[f.field];
    const spec = specOf(definition, path);
    const isNational = locked.fields.has(path);
    const isEditingThis = editing?.kind === "field" && editing.path === path;
    const rowId = `b-item-${path.replace(/[^A-Za-z0-9_]/g, "-")}`;
    return (
      <li key={path} id={rowId} tabIndex={-1} className="builder-item" data-testid="builder-field">
        <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: "0.5rem" }}>
          <span>
            <strong>{f.label}</strong> <span className="meta">{FIELD_KIND_LABELS[spec?.kind ?? kindOf(node, f.widget)]}</span> {requirementOfField(definition, path) === "always" ? <span className="badge">Required</span> : requirementOfField(definition, path) === "sometimes" ? <span className="badge">Required in some cases</span> : null} {isNational && <span className="badge">National</span>}
            {f.help && <span className="hint" style={{ display: "block" }}>{f.help}</span>}
          </span>
          <span className="row" style={{ gap: "0.25rem", flexWrap: "wrap" }}>
            <button type="button" className="button button-secondary button-small" aria-label={`Change “${f.label}”`} onClick={() => setEditing({ kind: "field", path })}>
              Change
            </button>
            <button type="button" className="button button-secondary button-small" aria-label={`Move “${f.label}” up`} onClick={() => apply(moveItem(definition, path, -1), `“${f.label}” moved up`, rowId)}>
              Up
            </button>
            <button type="button" className="button button-secondary button-small" aria-label={`Move “${f.label}” down`} onClick={() => apply(moveItem(definition, path, 1), `“${f.label}” moved down`, rowId)}>
              Down
            </button>
            {!isNational && (
              <button type="button" className="button button-danger button-small" aria-label={`Remove “${f.label}”`} onClick={() => apply(removeItem(definition, path, locks), `“${f.label}” removed`, "b-structure")}>
                Remove
              </button>
            )}
          </span>
        </div>
        {issuesOf(path).map((i, k) => (
          <p key={k} className="error-text">
            {i.message}
          </p>
        ))}
        {isEditingThis && spec && (
          <FieldEditor
            initial={spec}
            taken={taken}
            isNational={isNational}
            isConditional={!isInGroup && Boolean(section.showWhen || f.showWhen)}
            submitLabel="Save the question"
            onCancel={() => {
              setEditing(null);
              focusSoon(rowId);
            }}
            onDone={(next) => apply(updateField(definition, path, next, locks), `“${next.label}” changed`, rowId)}
          />
        )}
      </li>
    );
  };

  const groupRow = (g: GroupLayout, page: number, s: number, section: SectionLayout) => {
    const isNational = locked.fields.has(g.group);
    const rowId = `b-item-${g.group}`;
    return (
      <li key={g.group} id={rowId} tabIndex={-1} className="builder-item" data-testid="builder-group">
        <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: "0.5rem" }}>
          <span>
            <strong>{g.label}</strong> <span className="meta">A list: add as many {g.itemLabel.toLocaleLowerCase("en-GB")}s as needed</span> {isNational && <span className="badge">National</span>}
          </span>
          <span className="row" style={{ gap: "0.25rem", flexWrap: "wrap" }}>
            <button type="button" className="button button-secondary button-small" aria-label={`Change the list “${g.label}”`} onClick={() => setEditing({ kind: "group", name: g.group })}>
              Change
            </button>
            <button type="button" className="button button-secondary button-small" aria-label={`Move “${g.label}” up`} onClick={() => apply(moveItem(definition, g.group, -1), `“${g.label}” moved up`, rowId)}>
              Up
            </button>
            <button type="button" className="button button-secondary button-small" aria-label={`Move “${g.label}” down`} onClick={() => apply(moveItem(definition, g.group, 1), `“${g.label}” moved down`, rowId)}>
              Down
            </button>
            {!isNational && (
              <button type="button" className="button button-danger button-small" aria-label={`Remove the list “${g.label}”`} onClick={() => apply(removeItem(definition, g.group, locks), `“${g.label}” removed`, "b-structure")}>
                Remove
              </button>
            )}
          </span>
        </div>
        {issuesOf(g.group).map((i, k) => (
          <p key={k} className="error-text">
            {i.message}
          </p>
        ))}
        {editing?.kind === "group" && editing.name === g.group && (
          <GroupEditor initial={g} taken={taken} onCancel={() => setEditing(null)} onDone={(next) => apply(updateGroup(definition, g.group, next), `“${next.label}” changed`, rowId)} />
        )}
        <ul className="builder-items">{g.fields.map((f) => fieldRow(f, `${g.group}[].${f.field}`, section, true))}</ul>
        {editing?.kind === "new-field" && editing.group === g.group ? (
          <FieldEditor
            initial={null}
            taken={taken}
            isNational={false}
            isConditional={false}
            submitLabel="Add the question"
            onCancel={() => setEditing(null)}
            onDone={(spec) => apply(addField(definition, { page, section: s, group: g.group }, spec, locks), `“${spec.label}” added to ${g.label}`, `b-item-${g.group}---${spec.name}`)}
          />
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing({ kind: "new-field", page, section: s, group: g.group })}>
            Add a question to “{g.label}”
          </button>
        )}
      </li>
    );
  };

  const firstQuestion = (label: string): FieldSpec => ({ name: nameFromLabel(label, taken), label, kind: "text", isRequired: false });

  return (
    <>
      <p role="status" className="meta" data-testid="builder-announcer">
        {announcement}
      </p>
      <p className="meta" data-testid="builder-version">
        {version?.status === "draft" ? `Editing the draft, version ${version.number}.` : version ? `Version ${version.number} is published: saving starts a new draft, version ${version.number + 1}.` : ""}
        {national ? ` A local variant of the national “${national.title}”, extending its version ${national.version}.` : ""} {isDirty ? <strong>Unsaved changes.</strong> : "All changes saved."}
      </p>

      <ErrorSummary id="builder-errors" message={formError} items={issues.map((i) => ({ message: i.message, detail: i.path && !labels.has(i.path) ? i.path : null }))}>
        <p className="meta">Your changes are still here; nothing was saved.</p>
      </ErrorSummary>

      {national && changes.changes.length > 0 && !isPinKept && (
        <section className="alert alert-warning" aria-labelledby="national-changes-title" data-testid="national-changes">
          <h2 id="national-changes-title" style={{ marginTop: 0 }}>
            The national form has a new version
          </h2>
          <p>
            This variant extends national version {changes.pinnedVersion}; version {changes.latestVersion} changed:
          </p>
          <ul>
            {changes.changes.map((c, k) => (
              <li key={k}>{c.summary}</li>
            ))}
          </ul>
          <p className="hint">Re-basing brings the national changes into a new draft and keeps your local questions; you review it, then publish. Keeping the pin leaves the variant as it is.</p>
          <div className="row" style={{ gap: "0.75rem" }}>
            <button type="button" className="button" disabled={busy || isDirty} aria-describedby={isDirty ? "rebase-hint" : undefined} onClick={() => void rebase()}>
              Re-base onto version {changes.latestVersion}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setPinKept(true)}>
              Keep version {changes.pinnedVersion} for now
            </button>
          </div>
          {isDirty && (
            <p className="hint" id="rebase-hint">
              Save or undo your changes first.
            </p>
          )}
        </section>
      )}

      <fieldset className="card stack">
        <legend>About the form</legend>
        <div className="field">
          <label htmlFor="b-title">Title</label>
          <input type="text" id="b-title" value={definition.title} onChange={(e) => setMeta({ title: e.target.value })} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="b-summary">Summary</label>
          <textarea id="b-summary" rows={2} value={definition.summary} onChange={(e) => setMeta({ summary: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="b-marking">Marking a submission starts with</label>
          <p className="hint" id="b-marking-hint">
            For example OFFICIAL or OFFICIAL-SENSITIVE. A submission is never marked below its space&apos;s default.
          </p>
          <input type="text" id="b-marking" value={definition.defaultMarking} onChange={(e) => setMeta({ defaultMarking: e.target.value })} aria-describedby="b-marking-hint" />
        </div>
        <div className="field">
          <label htmlFor="b-declaration">Declaration printed on every page (optional)</label>
          <textarea id="b-declaration" rows={2} value={definition.layout.declaration ?? ""} disabled={Boolean(national?.definition.layout.declaration)} onChange={(e) => setMeta({ declaration: e.target.value })} />
        </div>
      </fieldset>

      <div className="builder-layout">
        <section aria-labelledby="b-structure" className="stack">
          <h2 id="b-structure" tabIndex={-1}>
            Pages and questions
          </h2>
          {definition.layout.pages.map((page, p) => {
            const pageId = `b-page-${p}`;
            const hasNational = page.sections.some((sec) => locked.sections.has(sec.id));
            return (
              <section key={`${page.id}-${p}`} className="card stack" aria-labelledby={pageId} data-testid="builder-page">
                <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: "0.5rem" }}>
                  <h3 id={pageId} tabIndex={-1} style={{ margin: 0 }}>
                    Page {p + 1}: {page.title}
                  </h3>
                  <span className="row" style={{ gap: "0.25rem", flexWrap: "wrap" }}>
                    <button type="button" className="button button-secondary button-small" aria-label={`Rename page ${p + 1}`} onClick={() => setEditing({ kind: "page", page: p })}>
                      Rename
                    </button>
                    <button type="button" className="button button-secondary button-small" aria-label={`Move page ${p + 1} earlier`} onClick={() => apply(movePage(definition, p, -1), `Page “${page.title}” moved earlier`, `b-page-${p - 1}`)}>
                      Earlier
                    </button>
                    <button type="button" className="button button-secondary button-small" aria-label={`Move page ${p + 1} later`} onClick={() => apply(movePage(definition, p, 1), `Page “${page.title}” moved later`, `b-page-${p + 1}`)}>
                      Later
                    </button>
                    {!hasNational && (
                      <button type="button" className="button button-danger button-small" aria-label={`Remove page ${p + 1} and its questions`} onClick={() => apply(removePage(definition, p, locks), `Page “${page.title}” removed`, "b-structure")}>
                        Remove
                      </button>
                    )}
                  </span>
                </div>
                {editing?.kind === "page" && editing.page === p && (
                  <RenamePage title={page.title} onCancel={() => setEditing(null)} onDone={(title) => apply(renamePage(definition, p, title), `Page renamed “${title}”`, pageId)} />
                )}
                {page.sections.map((section, s) => {
                  const sectionId = `b-section-${p}-${s}`;
                  const isNational = locked.sections.has(section.id);
                  return (
                    <div key={section.id} className="builder-section" aria-labelledby={sectionId} role="group" data-testid="builder-section">
                      <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: "0.5rem" }}>
                        <h4 id={sectionId} tabIndex={-1} style={{ margin: 0 }}>
                          {section.title} {isNational && <span className="badge">National</span>} {section.isDisclosable === false && <span className="badge badge-warning">Not disclosable</span>}
                        </h4>
                        <span className="row" style={{ gap: "0.25rem", flexWrap: "wrap" }}>
                          <button type="button" className="button button-secondary button-small" aria-label={`Change the section “${section.title}”`} onClick={() => setEditing({ kind: "section", page: p, section: s })}>
                            Change
                          </button>
                          <button type="button" className="button button-secondary button-small" aria-label={`Move the section “${section.title}” up`} onClick={() => apply(moveSection(definition, p, s, -1), `“${section.title}” moved up`, `b-section-${p}-${s - 1}`)}>
                            Up
                          </button>
                          <button type="button" className="button button-secondary button-small" aria-label={`Move the section “${section.title}” down`} onClick={() => apply(moveSection(definition, p, s, 1), `“${section.title}” moved down`, `b-section-${p}-${s + 1}`)}>
                            Down
                          </button>
                          {!isNational && (
                            <button type="button" className="button button-danger button-small" aria-label={`Remove the section “${section.title}” and its questions`} onClick={() => apply(removeSection(definition, p, s, locks), `“${section.title}” removed`, pageId)}>
                              Remove
                            </button>
                          )}
                        </span>
                      </div>
                      {section.showWhen && <p className="meta">Asked only when {describeCondition(section.showWhen, labels)}</p>}
                      {section.help && <p className="hint">{section.help}</p>}
                      {issuesOf(`sections.${section.id}`).map((i, k) => (
                        <p key={k} className="error-text">
                          {i.message}
                        </p>
                      ))}
                      {editing?.kind === "section" && editing.page === p && editing.section === s && (
                        <SectionEditor
                          initial={{ title: section.title, help: section.help, isDisclosable: section.isDisclosable !== false, showWhen: section.showWhen && "equals" in section.showWhen ? { field: section.showWhen.field, equals: section.showWhen.equals } : null }}
                          isNational={isNational}
                          conditions={conditionChoicesFor(p, s)}
                          submitLabel="Save the section"
                          onCancel={() => setEditing(null)}
                          onDone={(spec) => apply(updateSection(definition, p, s, spec, locks), `Section “${spec.title}” changed`, sectionId)}
                        />
                      )}
                      <ul className="builder-items">{section.items.map((item) => ("group" in item ? groupRow(item, p, s, section) : fieldRow(item, item.field, section, false)))}</ul>
                      {editing?.kind === "new-field" && editing.page === p && editing.section === s && !editing.group && (
                        <FieldEditor
                          initial={null}
                          taken={taken}
                          isNational={false}
                          isConditional={Boolean(section.showWhen)}
                          submitLabel="Add the question"
                          onCancel={() => setEditing(null)}
                          onDone={(spec) => apply(addField(definition, { page: p, section: s }, spec, locks), `“${spec.label}” added`, `b-item-${spec.name}`)}
                        />
                      )}
                      {editing?.kind === "new-group" && editing.page === p && editing.section === s && (
                        <GroupEditor initial={null} taken={taken} onCancel={() => setEditing(null)} onDone={(g) => apply(addGroup(definition, { page: p, section: s }, g, { ...firstQuestion("Description"), name: nameFromLabel("Description", new Set()) }), `List “${g.label}” added`, `b-item-${g.name}`)} />
                      )}
                      <div className="row" style={{ gap: "0.5rem", flexWrap: "wrap" }}>
                        <button type="button" className="button button-secondary button-small" onClick={() => setEditing({ kind: "new-field", page: p, section: s })}>
                          Add a question to “{section.title}”
                        </button>
                        <button type="button" className="button button-secondary button-small" onClick={() => setEditing({ kind: "new-group", page: p, section: s })}>
                          Add a repeating list to “{section.title}”
                        </button>
                      </div>
                    </div>
                  );
                })}
                {editing?.kind === "new-section" && editing.page === p ? (
                  <NewSection
                    conditions={conditionFields(definition)}
                    onCancel={() => setEditing(null)}
                    onDone={(spec, question) => apply(addSection(definition, p, nameFromLabel(spec.title, taken), spec, { ...firstQuestion(question), name: nameFromLabel(question, new Set([...taken, nameFromLabel(spec.title, taken)])) }, locks), `Section “${spec.title}” added`, `b-section-${p}-${page.sections.length}`)}
                  />
                ) : (
                  <button type="button" className="button button-secondary button-small" onClick={() => setEditing({ kind: "new-section", page: p })}>
                    Add a section to page {p + 1}
                  </button>
                )}
              </section>
            );
          })}
          {editing?.kind === "new-page" ? (
            <NewSection
              isPage
              conditions={conditionFields(definition)}
              onCancel={() => setEditing(null)}
              onDone={(spec, question) => {
                const pageId = nameFromLabel(`${spec.title} page`, taken);
                const sectionId = nameFromLabel(spec.title, new Set([...taken, pageId]));
                const fieldName = nameFromLabel(question, new Set([...taken, pageId, sectionId]));
                apply(addPage(definition, { id: pageId, title: spec.title }, { id: sectionId, ...spec }, { ...firstQuestion(question), name: fieldName }, locks), `Page “${spec.title}” added`, `b-page-${definition.layout.pages.length}`);
              }}
            />
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setEditing({ kind: "new-page" })}>
              Add a page
            </button>
          )}
        </section>
        <FormLivePreview definition={definition} announce={setAnnouncement} />
      </div>

      <details className="card" style={{ marginTop: "1rem" }} onToggle={(e) => (e.currentTarget.open ? setJsonText(JSON.stringify(definition, null, 2)) : setJsonText(null))}>
        <summary>Edit the definition as JSON (advanced)</summary>
        <p className="hint" id="b-json-hint">
          The whole form as data: a JSON Schema (2020-12) of the answers and the layout of its pages. Apply it to see it in the preview; the server checks it when you save.
        </p>
        <label htmlFor="b-json">Definition</label>
        <textarea id="b-json" rows={16} style={{ width: "100%", fontFamily: "monospace" }} value={jsonText ?? ""} onChange={(e) => setJsonText(e.target.value)} aria-describedby={jsonError ? "b-json-hint b-json-error" : "b-json-hint"} aria-invalid={jsonError ? true : undefined} />
        {jsonError && (
          <p className="error-text" id="b-json-error">
            {jsonError}
          </p>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            try {
              const parsed = JSON.parse(jsonText ?? "") as FormDefinition;
              if (typeof parsed !== "object" || parsed === null || !parsed.layout || !Array.isArray(parsed.layout.pages) || typeof parsed.schema !== "object") throw new Error("A definition has a schema and a layout with pages");
              setDefinition(parsed);
              setJsonError(null);
              setAnnouncement("JSON applied: save to check and keep it");
            } catch (err) {
              setJsonError(`Not applied: ${err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : (err as Error).message}`);
            }
          }}
        >
          Apply the JSON
        </button>
      </details>

      <div className="row builder-actions" style={{ gap: "0.75rem", flexWrap: "wrap", marginTop: "1rem" }}>
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          Save draft
        </button>
        <button type="button" className="button button-secondary" disabled={busy || isDirty || version?.status !== "draft"} aria-describedby="b-publish-hint" onClick={() => void publish()}>
          Publish
        </button>
        <button type="button" className="button button-secondary" disabled={!isDirty} onClick={() => apply(JSON.parse(savedJson) as FormDefinition, "Changes undone: the saved draft is back")}>
          Undo unsaved changes
        </button>
        <Link href={`/forms/${data.form.id}`}>Back to the form</Link>
      </div>
      <p className="hint" id="b-publish-hint">
        {isDirty ? "Save the draft before publishing it." : version?.status === "draft" ? "Publishing makes this draft the version staff fill in; it can never change afterwards." : "There is no draft to publish: make a change and save it first."}
      </p>
    </>
  );
}

function RenamePage({ title, onDone, onCancel }: { title: string; onDone: (title: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const input = useFocusOnOpen<HTMLInputElement>();
  return (
    <form
      className="row"
      style={{ gap: "0.5rem", alignItems: "end", flexWrap: "wrap" }}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return setError("Enter the page's title");
        onDone(value);
      }}
    >
      <div className="field">
        <label htmlFor="b-rename-page">Page title</label>
        <input type="text" id="b-rename-page" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "b-rename-page-error" : undefined} ref={input} />
        {error && (
          <p className="error-text" id="b-rename-page-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button-small">
        Rename
      </button>
      <button type="button" className="button button-secondary button-small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** A new section (or page: its title, and its first section's) with its first question. */
function NewSection({ isPage, conditions, onDone, onCancel }: { isPage?: boolean; conditions: ReturnType<typeof conditionFields>; onDone: (spec: Parameters<typeof updateSection>[3], question: string) => void; onCancel: () => void }) {
  const [question, setQuestion] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <div data-testid={isPage ? "new-page" : "new-section"}>
      {isPage && <h3>New page</h3>}
      <SectionEditor
        initial={null}
        isNational={false}
        conditions={conditions}
        submitLabel={isPage ? "Add the page" : "Add the section"}
        onCancel={onCancel}
        onDone={(spec) => {
          if (!question.trim()) {
            setError("Enter the first question");
            document.getElementById("b-first-question")?.focus();
            return;
          }
          onDone(spec, question);
        }}
      >
        <div className="field">
          <label htmlFor="b-first-question">First question</label>
          <p className="hint" id="b-first-question-hint">
            Short text to begin with: change its kind, or add more, once it is added.
          </p>
          <input type="text" id="b-first-question" value={question} onChange={(e) => setQuestion(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "b-first-question-hint b-first-question-error" : "b-first-question-hint"} />
          {error && (
            <p className="error-text" id="b-first-question-error">
              {error}
            </p>
          )}
        </div>
      </SectionEditor>
    </div>
  );
}
