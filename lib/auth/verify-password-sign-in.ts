/**
 * Demo sign-in by e-mail and password. Guards against account enumeration: an unknown e-mail
 * costs the same argon2 verification as a wrong password and gets the same answer. Every
 * attempt, success or failure, is audited (ASVS v5.0.0-16.3.1).
 */
import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { users } from "@/db/schema";
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { ARGON2_OPTIONS } from "@/db/seed/seed-scenario";

export const ZPasswordSignIn = z.object({
  email: z.string().trim().toLowerCase().email("Enter your e-mail address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type PasswordSignIn = z.infer<typeof ZPasswordSignIn>;

/** An argon2id hash of random bytes, verified against when the e-mail is unknown. */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32), ARGON2_OPTIONS);
  return dummyHash;
}

export type PasswordSignInResult = { ok: true; userId: string; agencyId: string } | { ok: false };

/** Checks the credentials; returns the user on success. Never says which part was wrong. */
export async function verifyPasswordSignIn(ctx: Ctx, raw: unknown): Promise<PasswordSignInResult> {
  const parsed = ZPasswordSignIn.safeParse(raw);
  if (!parsed.success) {
    await recordAudit(ctx, { action: "auth.sign_in", outcome: "failure", details: { provider: "demo", reason: "malformed" } });
    return { ok: false };
  }
  const { email, password } = parsed.data;
  const [user] = await ctx.db
    .select({ id: users.id, agencyId: users.agencyId, status: users.status, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);

  const passwordOk = await verify(user?.passwordHash ?? (await getDummyHash()), password).catch(() => false);
  let reason: string | null = null;
  if (!user) reason = "unknown_email";
  else if (!user.passwordHash || !passwordOk) reason = "wrong_password";
  else if (user.status !== "active") reason = `user_${user.status}`;

  if (reason || !user) {
    await recordAudit(ctx, {
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: user?.id,
      agencyId: user?.agencyId,
      // The attempted name is kept for unknown e-mails so that spraying shows in the trail.
      details: { provider: "demo", reason, email },
    });
    return { ok: false };
  }
  return { ok: true, userId: user.id, agencyId: user.agencyId };
}
