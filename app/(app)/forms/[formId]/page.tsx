import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getForm } from "@/lib/forms/get-form";
import { orNotFound } from "../../../ui/not-found-on-error";
import { formatDateTime } from "../../../ui/format";
import { FormPreview } from "../form-preview";
import { canCreateForms } from "@/lib/forms/list-forms";
import { MakeVariantButton } from "../form-admin-actions";

type Props = { params: Promise<{ formId: string }>; searchParams: Promise<{ version?: string | string[] }> };

/** A form's questions, page by page (the version people fill in now, or `?version=`); 404 when invisible. */
export default async function FormPage({ params, searchParams }: Props) {
  const { formId } = await params;
  const { version } = await searchParams;
  const ctx = await requireActorContext();
  const form = await orNotFound(() => getForm(ctx, { formId, versionNumber: typeof version === "string" && version !== "" ? version : undefined }));
  // Whether the reader may make their agency's forms (and so a local variant of a national one).
  const canMakeVariant = form.scope === "national" && canCreateForms(ctx);
  const shown = typeof version === "string" && version !== "" ? form.versions.find((v) => String(v.number) === version) : form.latestPublished;
  return (
    <>
      <p className="meta">
        <Link href="/forms">Forms</Link> / {form.title}
      </p>
      <h1>{form.title}</h1>
      <p>{form.summary}</p>
      <p>
        <Link href={`/forms/${form.id}/results`}>Results</Link>: the submissions of this form that you may read, to filter and export.
      </p>
      <p className="meta">
        {form.scope === "national" ? "National form: the same for every agency; it cannot be changed here." : "Your agency's own form."}
        {shown ? ` Showing version ${shown.number}${shown.publishedAt ? `, published ${formatDateTime(shown.publishedAt)}` : " (draft)"}.` : ""}
      </p>
      {(form.permissions.canUpdate || canMakeVariant) && (
        <div className="row" style={{ gap: "0.75rem", flexWrap: "wrap", marginBottom: "1rem" }}>
          {form.permissions.canUpdate && (
            <Link className="button" href={`/forms/${form.id}/edit`}>
              Open in the form builder
            </Link>
          )}
          {canMakeVariant && <MakeVariantButton formId={form.id} agencyName={ctx.actor.agency.name} />}
        </div>
      )}
      {form.versions.length > 1 && (
        <nav aria-label="Versions" className="meta">
          Versions:{" "}
          {form.versions.map((v, i) => (
            <span key={v.id}>
              {i > 0 && " · "}
              <Link href={`/forms/${form.id}?version=${v.number}`} aria-current={shown?.id === v.id ? "page" : undefined}>
                {v.number}
                {v.status === "draft" ? " (draft)" : ""}
              </Link>
            </span>
          ))}
        </nav>
      )}
      {form.definition ? <FormPreview definition={form.definition} /> : <div className="card empty">No version of this form has been published yet.</div>}
    </>
  );
}
