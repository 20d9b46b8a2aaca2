"use server";
// Server actions for sharing agreements. Changing an agreement goes in two steps: "preview" works
// out who would lose or regain access (lib/agreements/preview-agreement-impact.ts) and "save"
// saves only if that is still what would happen (the fingerprint the person confirmed).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorAction, type ActionResult } from "@/lib/http/actor-action";
import { createAgreement, ZCreateAgreement } from "@/lib/agreements/create-agreement";
import { updateAgreement, ZUpdateAgreement } from "@/lib/agreements/update-agreement";
import { setAgreementStatus, ZSetAgreementStatus } from "@/lib/agreements/set-agreement-status";
import { previewAgreementImpact, impactFingerprint, type AgreementImpact } from "@/lib/agreements/preview-agreement-impact";
import type { PolicyCtx } from "@/lib/context";

/** The outcome of a two-step change: the effect to confirm, or the change saved. */
export type ChangeStep =
  | { stage: "preview"; impact: AgreementImpact; fingerprint: string; status?: string; isChangedSinceReview: boolean }
  | { stage: "saved"; message: string };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

/** The agreement terms in a form: parties are checked boxes, each with its own lawful basis field. */
function termsFromForm(form: FormData) {
  const partyIds = [...new Set(form.getAll("party").map(String))];
  return {
    title: text(form, "title"),
    purpose: text(form, "purpose") ?? "",
    parties: partyIds.map((agencyId) => ({ agencyId, lawfulBasis: text(form, `lawfulBasis:${agencyId}`) ?? "" })),
    maxMarking: text(form, "maxMarking"),
    descriptors: form.getAll("descriptors").map(String),
    startsOn: text(form, "startsOn"),
    reviewOn: text(form, "reviewOn") ?? "",
    endsOn: text(form, "endsOn") ?? "",
  };
}

/** Records a new agreement and opens its page. */
export async function createAgreementAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<unknown>> {
  const input = { ...termsFromForm(form), reference: text(form, "reference"), status: text(form, "status") };
  const result = await actorAction(ZCreateAgreement, input, createAgreement);
  if (!result.ok) return result;
  revalidatePath("/admin/agreements");
  redirect(`/admin/agreements/${result.data.id}?created=1`);
}

/** Runs the preview; when `confirmed` is given and still matches, runs `save` instead. */
async function previewThenSave(
  ctx: PolicyCtx,
  change: Parameters<typeof previewAgreementImpact>[1],
  confirmed: string | undefined,
  save: () => Promise<string>,
): Promise<ChangeStep> {
  const impact = await previewAgreementImpact(ctx, change);
  const fingerprint = impactFingerprint(impact);
  if (confirmed === undefined || confirmed !== fingerprint) {
    return { stage: "preview", impact, fingerprint, status: change.status, isChangedSinceReview: confirmed !== undefined };
  }
  return { stage: "saved", message: await save() };
}

const ZIntent = z.object({ intent: z.enum(["preview", "save"]), fingerprint: z.string().max(20_000).optional() });

/** Edits an agreement: first shows the effect, then saves on confirmation and opens its page. */
export async function updateAgreementAction(_prev: ActionResult<ChangeStep> | null, form: FormData): Promise<ActionResult<ChangeStep>> {
  const input = { ...termsFromForm(form), agreementId: text(form, "agreementId"), intent: text(form, "intent"), fingerprint: text(form, "fingerprint") };
  const result = await actorAction(ZUpdateAgreement.extend(ZIntent.shape), input, async (ctx, { intent, fingerprint, ...terms }) =>
    previewThenSave(
      ctx,
      {
        agreementId: terms.agreementId,
        partyAgencyIds: terms.parties.map((p) => p.agencyId),
        maxMarking: terms.maxMarking,
        descriptors: terms.descriptors,
        startsOn: terms.startsOn,
        reviewOn: terms.reviewOn,
        endsOn: terms.endsOn,
      },
      intent === "save" ? (fingerprint ?? "") : undefined,
      async () => {
        const saved = await updateAgreement(ctx, terms);
        return saved.changed.length === 0 ? `Nothing to save: ${saved.reference} is unchanged.` : `Changes to ${saved.reference} saved.`;
      },
    ),
  );
  if (result.ok && result.data.stage === "saved") {
    const id = String(input.agreementId);
    revalidatePath("/admin/agreements");
    revalidatePath(`/admin/agreements/${id}`);
    redirect(`/admin/agreements/${id}?saved=1`);
  }
  return result;
}

/** Activates, suspends or expires an agreement: first shows the effect, then saves on confirmation. */
export async function setAgreementStatusAction(_prev: ActionResult<ChangeStep> | null, form: FormData): Promise<ActionResult<ChangeStep>> {
  const input = Object.fromEntries(form);
  const result = await actorAction(ZSetAgreementStatus.extend(ZIntent.shape), input, async (ctx, { intent, fingerprint, agreementId, status }) =>
    previewThenSave(ctx, { agreementId, status }, intent === "save" ? (fingerprint ?? "") : undefined, async () => {
      const saved = await setAgreementStatus(ctx, { agreementId, status });
      const effect = [
        saved.losingCount > 0 && `${saved.losingCount} ${saved.losingCount === 1 ? "person has" : "people have"} lost access`,
        saved.regainingCount > 0 && `${saved.regainingCount} ${saved.regainingCount === 1 ? "person has" : "people have"} regained access`,
      ].filter(Boolean);
      return `${saved.reference} is now ${saved.after}.${effect.length ? ` ${effect.join("; ")}.` : ""}`;
    }),
  );
  if (result.ok && result.data.stage === "saved") {
    revalidatePath("/admin/agreements");
    revalidatePath(`/admin/agreements/${String(input.agreementId)}`);
  }
  return result;
}
