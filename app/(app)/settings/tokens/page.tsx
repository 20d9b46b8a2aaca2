import { requireActorContext } from "@/lib/auth/get-actor";
import { listAccessTokens } from "@/lib/tokens/list-access-tokens";
import { CreateTokenForm } from "./create-token-form";
import { revokeAccessTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

const when = (d: Date | null) => (d ? d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "never");

/** A person's personal access tokens for the HTTP API (/api/v1). */
export default async function TokensPage() {
  const ctx = await requireActorContext();
  const tokens = await listAccessTokens(ctx);
  return (
    <>
      <h1>API tokens</h1>
      <p>
        A personal access token lets a program use the <a href="/api/v1/openapi.json">Accord API</a> as you. It can see and do exactly what you
        can, no more, and stops working when it expires, when you revoke it, or when your account is disabled. Send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <CreateTokenForm />
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <div className="card empty">
          <p>You have no tokens.</p>
        </div>
      ) : (
        <table>
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const isExpired = t.expiresAt !== null && t.expiresAt.getTime() <= ctx.now.getTime();
              return (
                <tr key={t.id} data-testid="token-row">
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.expiresAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="badge badge-danger">revoked</span>
                    ) : isExpired ? (
                      <span className="badge badge-danger">expired</span>
                    ) : (
                      <form action={revokeAccessTokenAction}>
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="button button-danger">
                          Revoke<span className="visually-hidden"> {t.name}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
