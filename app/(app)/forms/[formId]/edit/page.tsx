import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { ForbiddenError } from "@/lib/errors";
import { getFormForEditing, type FormForEditing } from "@/lib/forms/get-form-for-editing";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { FormBuilder } from "./form-builder";

type Props = { params: Promise<{ formId: string }> };

export const metadata = { title: "Form builder" };

/**
 * The form builder for an agency's form or local variant (its administrators only): 404 when
 * the form is invisible; a plain refusal when it is read-only to the reader (a national form,
 * or someone who is not one of the agency's administrators).
 */
export default async function EditFormPage({ params }: Props) {
  const { formId } = await params;
  const ctx = await requireActorContext();
  let data: FormForEditing;
  try {
    data = await orNotFound(() => getFormForEditing(ctx, { formId }));
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err;
    return (
      <>
        <h1>This form cannot be changed here</h1>
        <p>{err.message}.</p>
        <p>
          <Link href={`/forms/${formId}`}>Back to the form</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="meta">
        <Link href="/forms">Forms</Link> / <Link href={`/forms/${data.form.id}`}>{data.form.title}</Link> / Builder
      </p>
      <h1>Form builder: {data.form.title}</h1>
      <FormBuilder data={data} />
    </>
  );
}
