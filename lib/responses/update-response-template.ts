/**
 * Edits an agency's local pre-planned response template: its title, description (summary),
 * reference and its columns and cards (each card's prescribed action, resources, reference
 * material, labels, checklist and start and due offsets from the response's start). The order of
 * the columns and of the cards in them is the order sent.
 *
 * Who may: "update" on the ResponseTemplate in the policy (the agency's administrators and
 * supervisors, for their own agency's local templates). A national template is read-only to
 * everyone (403 while visible: it is the same for every agency, and changing it here would make
 * every agency start from something no one reviewed); another agency's local template is 404,
 * exactly like a missing one. The edited template is validated whole, by the same format every
 * template passes (response-template.ts), and every problem is reported with its field at once;
 * nothing is stored when any fails. A stale edit (someone saved meanwhile) is refused with 409 and
 * the template as it is now, rather than silently overwriting their work. Audited as
 * "response_template.update" in the same transaction.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { responseTemplates } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { responseTemplateSubject } from "../authz/columns";
import { knownFields, ZResponseTemplate, type ResponseTemplateContent } from "./response-template";
import { readableTemplate, toTemplateView, type ResponseTemplateRow, type ResponseTemplateView } from "./get-response-template";
import { InvalidTemplateError, parseTemplateInput, type TemplateIssue } from "./parse-template-input";

/** The fields an edit may change; the key stays what the template was copied with. */
const EDITABLE = ["title", "summary", "reference", "columns"] as const;

export const ZUpdateResponseTemplate = knownFields("A template edit (title, summary, reference, columns, expectedUpdatedAt)", {
  templateId: z.string({ message: "Name the template" }),
  /** The template's updatedAt as the editor loaded it: when someone has saved since, the edit is refused (409). */
  expectedUpdatedAt: z.iso.datetime({ offset: true, message: "expectedUpdatedAt is the template's updatedAt as you loaded it (an ISO 8601 date and time)" }).optional(),
  title: ZResponseTemplate.shape.title.optional(),
  summary: ZResponseTemplate.shape.summary.optional(),
  reference: ZResponseTemplate.shape.reference,
  columns: ZResponseTemplate.shape.columns.optional(),
});
export type UpdateResponseTemplateInput = z.input<typeof ZUpdateResponseTemplate>;

// Control characters have no place in a title or label: the board operations refuse them when a
// response is started, so the template refuses them when it is written, where they can be fixed.
const CONTROL = /[\u0000-\u001F\u007F]/;

/** The titles and labels of `content` that hold a control character, as issues with their fields. */
function controlCharacterIssues(content: ResponseTemplateContent): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (CONTROL.test(content.title)) issues.push({ path: ["title"], message: "A template's title cannot contain control characters" });
  content.columns.forEach((column, i) => {
    if (CONTROL.test(column.title)) issues.push({ path: ["columns", i, "title"], message: "A column's title cannot contain control characters" });
    column.cards.forEach((card, j) => {
      if (CONTROL.test(card.title)) issues.push({ path: ["columns", i, "cards", j, "title"], message: "A card's title cannot contain control characters" });
      card.labels.forEach((label, k) => {
        if (CONTROL.test(label)) issues.push({ path: ["columns", i, "cards", j, "labels", k], message: "A label cannot contain control characters" });
      });
    });
  });
  return issues;
}

/** The content with empty references left out (an empty field in the form means "none"). */
function withoutEmptyReferences(content: ResponseTemplateContent): ResponseTemplateContent {
  const { reference, ...rest } = content;
  return {
    ...rest,
    ...(reference ? { reference } : {}),
    columns: content.columns.map((column) => ({
      ...column,
      cards: column.cards.map(({ reference: cardReference, ...card }) => ({ ...card, ...(cardReference ? { reference: cardReference } : {}) })),
    })),
  };
}

/** The template row, when the actor may change it: 404 when invisible, 403 when read-only to them. */
export async function changeableTemplate(ctx: PolicyCtx, templateId: unknown, action: "update" | "delete"): Promise<ResponseTemplateRow> {
  const row = await readableTemplate(ctx, templateId);
  if (!can(ctx.ability, action, "ResponseTemplate", responseTemplateSubject(row))) {
    // Which words to use, not whether to refuse: the policy has decided that already.
    const verb = action === "update" ? "change" : "delete";
    throw new ForbiddenError(
      row.scope === "national"
        ? `National templates are read-only: no one can ${verb} them in Accord.${action === "update" ? " Copy it to your agency to adapt it." : ""}`
        : `Only your agency's administrators and supervisors can ${verb} its templates`,
    );
  }
  return row;
}

/** Saves the edit; returns the template as it now is. */
export async function updateResponseTemplate(ctx: PolicyCtx, raw: unknown): Promise<ResponseTemplateView> {
  const row = await changeableTemplate(ctx, raw && typeof raw === "object" ? (raw as { templateId?: unknown }).templateId : undefined, "update");
  const input = parseTemplateInput(ZUpdateResponseTemplate, raw);
  const changes = Object.fromEntries(EDITABLE.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  const fields = Object.keys(changes);
  if (fields.length === 0) throw new InvalidTemplateError([{ path: [], message: "Nothing to change: send the title, summary, reference or columns" }]);
  // The whole template is checked again as one, so an edit can never leave it in a shape a response cannot start from.
  const content = withoutEmptyReferences(parseTemplateInput(ZResponseTemplate, { ...(row.content as object), ...changes, key: row.key }));
  const controlIssues = controlCharacterIssues(content);
  if (controlIssues.length > 0) throw new InvalidTemplateError(controlIssues);
  return inTransaction(ctx, async (tx) => {
    const [current] = await tx.db.select().from(responseTemplates).where(eq(responseTemplates.id, row.id)).for("update").limit(1);
    if (!current) throw new NotFoundError();
    if (input.expectedUpdatedAt !== undefined && new Date(input.expectedUpdatedAt).getTime() !== current.updatedAt.getTime()) {
      throw new ConflictError("Someone saved this template after you opened it. Your changes were not saved: reload it to see theirs, then make yours again.", { current: toTemplateView(tx, current) });
    }
    const [updated] = await tx.db
      .update(responseTemplates)
      .set({ title: content.title, summary: content.summary, content, updatedAt: tx.now })
      .where(eq(responseTemplates.id, row.id))
      .returning();
    await recordAudit(tx, {
      action: "response_template.update",
      subjectType: "response_template",
      subjectId: row.id,
      details: {
        key: row.key,
        fields,
        before: { title: current.title, summary: current.summary },
        after: { title: content.title, summary: content.summary },
        columns: content.columns.length,
        cards: content.columns.reduce((n, c) => n + c.cards.length, 0),
      },
    });
    return toTemplateView(tx, updated!);
  });
}
