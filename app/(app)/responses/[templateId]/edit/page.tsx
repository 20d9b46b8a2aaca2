import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getResponseTemplate } from "@/lib/responses/get-response-template";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { TemplateEditor } from "./template-editor";

type Props = { params: Promise<{ templateId: string }> };

// Generic on purpose: a page title must not say whether a template exists.
export const metadata = { title: "Edit pre-planned response" };

/**
 * Edits one of the reader's agency's local templates. Another agency's template is a 404 like a
 * missing one; so is a template the reader may read but not change (a national one, or a local
 * one for someone who does not manage the agency's templates), as for the other edit pages: the
 * form exists only for those the policy lets save it, and the API decides again on saving.
 */
export default async function EditResponseTemplatePage({ params }: Props) {
  const { templateId } = await params;
  const ctx = await requireActorContext();
  const template = await orNotFound(() => getResponseTemplate(ctx, { templateId }));
  if (!template.permissions.canUpdate) notFound();
  return (
    <>
      <p className="meta">
        <Link href="/responses">Pre-planned responses</Link> / Edit
      </p>
      <h1>Edit “{template.title}”</h1>
      <p>
        <span className="badge badge-ok">Local template of {ctx.actor.agency.name}</span> <span className="meta">Key: {template.key}</span>
      </p>
      <p className="meta">Changes apply to responses started after you save; boards already started from this template keep their cards.</p>
      <TemplateEditor template={template} />
    </>
  );
}
