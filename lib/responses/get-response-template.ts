/**
 * One pre-planned response template, when the actor may read it: a national one, or a local one
 * of their own agency. Another agency's local template answers exactly like a missing one (404),
 * so its existence, title and contents never reach anyone outside that agency.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { responseTemplates } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { InvalidInputError, NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { responseTemplateSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { parseBoardInput } from "../boards/board-shared";
import { ZResponseTemplate, type ResponseTemplateContent } from "./response-template";

export type ResponseTemplateRow = typeof responseTemplates.$inferSelect;

/** A template as the library and the API show it, with what the actor may do to it. */
export type ResponseTemplateView = {
  id: string;
  key: string;
  scope: "national" | "agency";
  agencyId: string | null;
  title: string;
  summary: string;
  content: ResponseTemplateContent;
  permissions: { canUpdate: boolean; canDelete: boolean };
  updatedAt: string;
};

export const ZGetResponseTemplate = z.object({ templateId: z.string({ message: "Name the template" }) });
export type GetResponseTemplateInput = z.input<typeof ZGetResponseTemplate>;

/** The template's row when the actor may read it; NotFoundError otherwise (a malformed id included). */
export async function readableTemplate(ctx: PolicyCtx, templateId: unknown): Promise<ResponseTemplateRow> {
  if (typeof templateId !== "string" || !isUuid(templateId)) throw new NotFoundError();
  const [row] = await ctx.db.select().from(responseTemplates).where(eq(responseTemplates.id, templateId)).limit(1);
  if (!row) throw new NotFoundError();
  authorize(ctx.ability, "read", "ResponseTemplate", responseTemplateSubject(row));
  return row;
}

/**
 * The stored content, validated again: a template written by an older Accord (or by hand in the
 * database) is refused with a clear error rather than half-instantiated.
 */
export function templateContent(row: ResponseTemplateRow): ResponseTemplateContent {
  const parsed = ZResponseTemplate.safeParse(row.content);
  if (!parsed.success) throw new InvalidInputError(`The template "${row.title}" is not valid: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  return parsed.data;
}

/** The view of a template row for this actor. */
export function toTemplateView(ctx: PolicyCtx, row: ResponseTemplateRow): ResponseTemplateView {
  const subject = responseTemplateSubject(row);
  return {
    id: row.id,
    key: row.key,
    scope: row.scope,
    agencyId: row.agencyId,
    title: row.title,
    summary: row.summary,
    content: row.content,
    permissions: { canUpdate: can(ctx.ability, "update", "ResponseTemplate", subject), canDelete: can(ctx.ability, "delete", "ResponseTemplate", subject) },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The template, when the actor may read it (404 otherwise). */
export async function getResponseTemplate(ctx: PolicyCtx, raw: GetResponseTemplateInput): Promise<ResponseTemplateView> {
  const { templateId } = parseBoardInput(ZGetResponseTemplate, raw);
  return toTemplateView(ctx, await readableTemplate(ctx, templateId));
}
