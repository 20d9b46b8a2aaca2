"use server";
// Sign-in and sign-out server actions. Sign-in is the one action that runs without an actor.
import { AuthError } from "next-auth";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { signIn, signOut, DEMO_PROVIDER_ID } from "@/lib/auth/auth";
import { ZPasswordSignIn } from "@/lib/auth/verify-password-sign-in";
import { env } from "@/lib/env";

export type SignInState = { error?: string; fieldErrors?: { email?: string; password?: string }; email?: string };

/** Demo sign-in with e-mail and password. */
export async function signInWithPasswordAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  if (!env().isDemo) return { error: "Demo sign-in is switched off on this deployment.", email };
  const parsed = ZPasswordSignIn.safeParse({ email, password: String(form.get("password") ?? "") });
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "email" | "password";
      fieldErrors[key] ??= issue.message;
    }
    return { fieldErrors, email };
  }
  try {
    await signIn(DEMO_PROVIDER_ID, { ...parsed.data, redirectTo: "/spaces" });
    return {};
  } catch (err) {
    if (isRedirectError(err)) throw err;
    if (err instanceof AuthError) return { error: "The e-mail address or password is not right.", email };
    throw err;
  }
}

/** Starts sign-in with one of the configured identity providers. */
export async function signInWithProviderAction(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  if (!env().identityProviders.some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: "/spaces" });
}

/** Signs out and ends the server-side session. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
