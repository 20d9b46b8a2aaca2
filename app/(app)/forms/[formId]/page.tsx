import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getForm } from "@/lib/forms/get-form";
import { orNotFound } from "../../../ui/not-found-on-error";
import { formatDateTime } from "../../../ui/format";
import { FormPreview } from "../form-preview";

type Props = { params: Promise<{ formId: string }>; searchParams: Promise<{ version?: string | string[] }> };

/** A form's questions, page by page (the version people fill in now, or `?version=`); 404 when invisible. */
export default async function FormPage({ params, searchParams }: Props) {
  const { formId } = await params;
  const { version } = await searchParams;
  const ctx = await requireActorContext();
  const form = await orNotFound(() => getForm(ctx, { formId, versionNumber: typeof version === "string" && version !== "" ? version : undefined }));
  const shown = typeof version === "string" && version !== "" ? form.versions.find((v) => String(v.number) === version) : form.latestPublished;
  return (
    <>
      <p className="meta">
        <Link href="/forms">Forms</Link> / {form.title}
      </p>
      <h1>{form.title}</h1>
      <p>{form.summary}</p>
      <p className="meta">
        {form.scope === "national" ? "National form: the same for every agency; it cannot be changed here." : "Your agency's own form."}
        {shown ? ` Showing version ${shown.number}${shown.publishedAt ? `, published ${formatDateTime(shown.publishedAt)}` : " (draft)"}.` : ""}
      </p>
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
