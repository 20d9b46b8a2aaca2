/**
 * Issues the token a document page presents to the collaboration socket, after the same read
 * check as the page itself (a document the person may not read answers 404, like one that does
 * not exist). The answer says whether the connection will be editable, for the editor's UI; the
 * server decides that again on its own.
 */
import { z } from "zod";
import type { PolicyCtx } from "../context";
import { authSecret } from "../auth/secret";
import { getDocument } from "../documents/get-document";
import { mintCollabToken } from "./collab-token";

export const ZCreateCollabToken = z.object({ documentId: z.string() });

export type CollabTokenGrant = { token: string; expiresAt: string; canEdit: boolean };

/** A one-minute token for the actor to open `documentId` on the collaboration socket. */
export async function createCollabToken(ctx: PolicyCtx, input: z.input<typeof ZCreateCollabToken>, secret: string = authSecret()): Promise<CollabTokenGrant> {
  const { documentId } = ZCreateCollabToken.parse(input);
  const document = await getDocument(ctx, { documentId });
  const { token, expiresAt } = mintCollabToken(secret, { documentId: document.id, userId: ctx.actor.userId, sessionToken: ctx.actor.sessionToken, now: ctx.now });
  return { token, expiresAt: expiresAt.toISOString(), canEdit: document.permissions.canUpdate };
}
