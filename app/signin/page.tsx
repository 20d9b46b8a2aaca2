import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { getActor } from "@/lib/auth/get-actor";
import { signInProviders } from "@/lib/auth/auth";
import { PEOPLE, DEMO_PASSWORD } from "@/db/seed/scenario";
import { MarkingBanner } from "../ui/marking-banner";
import { PasswordForm } from "./password-form";
import { signInWithProviderAction } from "./actions";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  AccessDenied:
    "That account is not linked to an Accord user of its agency, or the user is disabled. Ask your agency administrator.",
  Configuration: "Sign-in is not configured correctly. Tell your agency administrator.",
  Verification: "The sign-in link is no longer valid.",
  CredentialsSignin: "The e-mail address or password is not right.",
};

type Props = { searchParams: Promise<{ error?: string; signedOut?: string }> };

/** Sign-in: the agencies' identity providers, and the demo sign-in when it is on. */
export default async function SignInPage({ searchParams }: Props) {
  if (await getActor()) redirect("/spaces");
  const { error, signedOut } = await searchParams;
  const e = env();
  const providers = signInProviders();
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : null;

  return (
    <>
      <MarkingBanner ceiling={e.ceiling} position="top" />
      <main id="main" className="signin-layout">
        <h1>Sign in to Accord</h1>
        {message && (
          <div className="alert" role="alert">
            {message}
          </div>
        )}
        {signedOut && !message && (
          <div className="alert alert-info" role="status">
            You have signed out.
          </div>
        )}
        {providers.length > 0 && (
          <section aria-labelledby="providers-heading" className="card stack">
            <h2 id="providers-heading">Sign in with your agency</h2>
            {providers.map((p) => (
              <form key={p.id} action={signInWithProviderAction}>
                <input type="hidden" name="provider" value={p.id} />
                <button className="button button-secondary" type="submit" style={{ width: "100%" }}>
                  {p.name}
                </button>
              </form>
            ))}
          </section>
        )}
        {e.isDemo && (
          <section aria-labelledby="demo-heading" className="card" style={{ marginTop: "1rem" }}>
            <h2 id="demo-heading">Demo sign-in</h2>
            <div className="alert alert-warning" role="note">
              This is a demonstration of Accord with fictional people and data. Every demo account&apos;s password is{" "}
              <code>{DEMO_PASSWORD}</code>. Do not enter real information.
            </div>
            <PasswordForm />
            <details style={{ marginTop: "1rem" }}>
              <summary>Demo people</summary>
              <table>
                <caption className="visually-hidden">People in the demo scenario</caption>
                <thead>
                  <tr>
                    <th scope="col">E-mail</th>
                    <th scope="col">Name</th>
                    <th scope="col">Agency</th>
                  </tr>
                </thead>
                <tbody>
                  {PEOPLE.map((p) => (
                    <tr key={p.email}>
                      <td>{p.email}</td>
                      <td>{p.name}</td>
                      <td>{p.agency}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
        )}
        {!e.isDemo && providers.length === 0 && (
          <p className="alert alert-warning">No sign-in method is configured. Set ACCORD_IDENTITY_PROVIDERS.</p>
        )}
      </main>
      <MarkingBanner ceiling={e.ceiling} position="bottom" />
    </>
  );
}
