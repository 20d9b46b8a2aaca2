/** The space an operation works in, when the actor may see it (404 otherwise, as for any space). */
import { eq } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "./get-space";

export type SpaceRow = typeof spaces.$inferSelect;

/** The space's row; NotFoundError when it does not exist or the actor may not read it. */
export async function readableSpace(ctx: PolicyCtx, spaceId: string): Promise<SpaceRow> {
  if (!isUuid(spaceId)) throw new NotFoundError();
  const [space] = await ctx.db.select().from(spaces).where(eq(spaces.id, spaceId)).limit(1);
  if (!space) throw new NotFoundError();
  authorize(ctx.ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  return space;
}
