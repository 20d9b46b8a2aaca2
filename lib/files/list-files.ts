/**
 * The files of one space the actor may read, newest first, filtered in SQL by the policy
 * (conventions.md §2): the query ANDs accessibleWhere() with its own conditions, and when the
 * actor may read no file at all it answers an empty list without querying. A space the actor may
 * not see is 404, like the space itself.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { files } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { fileColumns } from "../authz/columns";
import { fileWithUploader, toFileView, uploaderJoin, type FileView } from "./file-view";
import { readableSpace } from "../spaces/readable-space";

export const ZListFiles = z.object({
  spaceId: z.string().max(100),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListFilesInput = z.input<typeof ZListFiles>;

/** Up to `limit` files of the space that the actor may read, newest first. */
export async function listFiles(ctx: PolicyCtx, raw: ListFilesInput): Promise<{ items: FileView[] }> {
  const input = ZListFiles.parse(raw);
  const space = await readableSpace(ctx, input.spaceId);
  const policy = accessibleWhere(ctx.ability, "read", "File", fileColumns);
  if (!policy) return { items: [] };
  const rows = await ctx.db
    .select(fileWithUploader)
    .from(files)
    .leftJoin(...uploaderJoin)
    .where(and(policy, eq(files.spaceId, space.id)))
    .orderBy(desc(files.createdAt), desc(files.id))
    .limit(input.limit);
  return { items: rows.map((r) => toFileView(ctx, r.file, r.uploaderName)) };
}
