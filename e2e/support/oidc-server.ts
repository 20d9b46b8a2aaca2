/**
 * A real OpenID Connect provider for the end-to-end tests: `oidc-provider` (the certified Node.js
 * implementation) standing in for Devon & Cornwall Police's identity provider. Accord signs in
 * against it with the authorization code flow, PKCE (required here, S256 only), state and nonce,
 * exactly as it would against an agency's provider; nothing in Accord knows it is a test.
 *
 * Run with `tsx e2e/support/oidc-server.ts` (playwright.config.ts starts it). Environment:
 * - OIDC_PORT       port to listen on (default 4011); the issuer is http://localhost:PORT
 * - ACCORD_E2E_URL  Accord's public URL, for the client's redirect URIs (default http://localhost:3200)
 *
 * Plain http on localhost is fine: Auth.js performs discovery, token and userinfo requests with
 * oauth4webapi's `allowInsecureRequests` itself, so no TLS set-up (and no weakening of Accord's
 * TLS verification) is needed for a test issuer.
 *
 * The login page is a minimal form (e-mail address, "Sign in"); consent is given automatically,
 * as an agency's provider does for its own first-party applications.
 *
 * Besides the genuine issuer, /mixup/.well-known/openid-configuration publishes metadata that
 * claims the issuer http://localhost:PORT/mixup but points at this provider's endpoints, and the
 * provider leaves out the RFC 9207 `iss` authorization response parameter for that callback. See
 * "the issuer mix-up" in e2e/oidc.spec.ts for why.
 */
import http from "node:http";
import path from "node:path";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import Provider, { type Account, type Configuration, type JWK } from "oidc-provider";

/** The OAuth client Accord is registered as (playwright.config.ts gives Accord the same values). */
export const CLIENT_ID = "accord-e2e";
export const CLIENT_SECRET = "accord-e2e-secret";
/** Accord's provider id for this provider (its callback is /api/auth/callback/<id>). */
export const PROVIDER_ID = "dcp-oidc";
/** Accord's provider id for the entry whose configured issuer is the mix-up one. */
export const MIXUP_PROVIDER_ID = "dcp-oidc-mixup";
/** Path under this server whose metadata claims an issuer that this provider does not sign as. */
export const MIXUP_PATH = "/mixup";

export type TestAccount = {
  /** What is typed into the login form. */
  login: string;
  /** The provider's stable subject identifier: what Accord links to a user. */
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
};

/** The people this provider knows. Subjects are opaque, as a real provider's are. */
export const TEST_ACCOUNTS = {
  /** DS Priya Shah (DCP): linked to her Accord user by verified e-mail on first sign-in. */
  priya: { login: "priya.shah@dcp.example", sub: "dcp-0001-7c1e", email: "priya.shah@dcp.example", emailVerified: true, name: "Priya Shah" },
  /**
   * Priya again, the same subject, after her e-mail at the provider changed to one not yet
   * verified: only an existing link (by subject) can let her in; e-mail matching cannot.
   */
  priyaRenamed: { login: "p.shah@dcp-mail.example", sub: "dcp-0001-7c1e", email: "p.shah@dcp-mail.example", emailVerified: false, name: "Priya Shah" },
  /** PC Tom Hughes (DCP). */
  tom: { login: "tom.hughes@dcp.example", sub: "dcp-0002-41b9", email: "tom.hughes@dcp.example", emailVerified: true, name: "Tom Hughes" },
  /** A Dorset Police officer asserted by DCP's provider: must never become a user through it. */
  alex: { login: "alex.morgan@dor.example", sub: "dcp-0003-a2d0", email: "alex.morgan@dor.example", emailVerified: true, name: "Alex Morgan" },
  /** A DCP address with no Accord user. */
  stranger: { login: "stranger@dcp.example", sub: "dcp-0004-5e77", email: "stranger@dcp.example", emailVerified: true, name: "A Stranger" },
  /** A real DCP user's address that the provider does not vouch for (email_verified false). */
  unverified: { login: "janet.okafor@dcp.example", sub: "dcp-0005-c03f", email: "janet.okafor@dcp.example", emailVerified: false, name: "Janet Okafor" },
} as const satisfies Record<string, TestAccount>;

const accountsByLogin = new Map<string, TestAccount>(Object.values(TEST_ACCOUNTS).map((a) => [a.login.toLowerCase(), a]));

/**
 * oidc-provider uses the account id as the `sub` claim, so accounts are keyed by subject. Where
 * several logins share a subject (Priya before and after her e-mail change), signing in with one
 * of them makes its claims the subject's current ones.
 */
const currentBySubject = new Map<string, TestAccount>();
for (const a of Object.values(TEST_ACCOUNTS)) if (!currentBySubject.has(a.sub)) currentBySubject.set(a.sub, a);

function findTestAccount(sub: string): Account | undefined {
  const a = currentBySubject.get(sub);
  if (!a) return undefined;
  return {
    accountId: a.sub,
    claims: () => ({ sub: a.sub, email: a.email, email_verified: a.emailVerified, name: a.name }),
  };
}

function createProvider(issuer: string, accordUrl: string): Provider {
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }) as JWK;
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [PROVIDER_ID, MIXUP_PROVIDER_ID].map((id) => `${accordUrl}/api/auth/callback/${id}`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // Auth.js's default for OIDC providers.
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // Every authorization request must carry an S256 code challenge.
    pkce: { required: () => true },
    findAccount: (_ctx, id) => findTestAccount(id),
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    // Put the scope's claims (e-mail, e-mail verified) in the ID token, as agency providers do:
    // Auth.js reads the person's profile from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: { keys: [signingKey] },
  };
  return new Provider(issuer, configuration);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function loginPage(uid: string, clientId: string, error?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>DCP identity provider (test)</title></head>
<body>
<main>
<h1>Devon &amp; Cornwall Police sign-in (test identity provider)</h1>
<p>Signing in to <strong>${escapeHtml(clientId)}</strong>.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="login">E-mail address</label>
<input id="login" name="login" type="text" required autofocus>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

/** The login and consent interactions (oidc-provider's interaction API). */
async function handleInteraction(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(pathname);
  if (!match) return send(res, 404, "text/plain", "Not found");
  const uid = match[1]!;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, "text/plain", "Interaction mismatch");
  const clientId = String(details.params.client_id ?? "");

  if (req.method === "GET" && !match[2]) {
    if (details.prompt.name === "login") return send(res, 200, "text/html; charset=utf-8", loginPage(uid, clientId));
    if (details.prompt.name === "consent") {
      // Automatic consent: grant what the client asked for.
      const accountId = details.session?.accountId;
      if (!accountId) return send(res, 400, "text/plain", "No signed-in account");
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId });
      if (!grant) return send(res, 400, "text/plain", "Grant not found");
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(" "));
      }
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    return send(res, 400, "text/plain", `Unsupported prompt ${details.prompt.name}`);
  }

  if (req.method === "POST" && match[2]) {
    if (details.prompt.name !== "login") return send(res, 400, "text/plain", "Not a login interaction");
    const login = ((await readForm(req)).get("login") ?? "").trim().toLowerCase();
    const account = accountsByLogin.get(login);
    if (!account) return send(res, 200, "text/html; charset=utf-8", loginPage(uid, clientId, "No such account."));
    currentBySubject.set(account.sub, account);
    console.log(`[oidc] ${login} signed in (subject ${account.sub})`);
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
  }
  return send(res, 405, "text/plain", "Method not allowed");
}

/** Starts the provider; resolves once it listens. */
export async function startOidcServer(port: number, accordUrl: string): Promise<http.Server> {
  const issuer = `http://localhost:${port}`;
  const provider = createProvider(issuer, accordUrl);
  const providerHandler = provider.callback();
  const mixupCallback = `${accordUrl}/api/auth/callback/${MIXUP_PROVIDER_ID}`;

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", issuer);
    const handle = async () => {
      if (pathname.startsWith("/interaction/")) return handleInteraction(provider, req, res, pathname);

      if (pathname === `${MIXUP_PATH}/.well-known/openid-configuration`) {
        // Metadata that names an issuer this provider never signs as, with the real endpoints.
        const genuine = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
        const metadata = { ...genuine, issuer: `${issuer}${MIXUP_PATH}`, authorization_response_iss_parameter_supported: false };
        return send(res, 200, "application/json", JSON.stringify(metadata));
      }

      // For the mix-up client only, behave like a provider without RFC 9207: drop `iss` from the
      // authorization response, so that the ID token's `iss` is the only issuer Accord can check.
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name: string, value: number | string | readonly string[]) => {
        if (name.toLowerCase() === "location" && typeof value === "string" && value.startsWith(`${mixupCallback}?`)) {
          const url = new URL(value);
          url.searchParams.delete("iss");
          value = url.href;
        }
        return setHeader(name, value);
      };
      return providerHandler(req, res);
    };
    handle().catch((err: unknown) => {
      console.error("[oidc]", err);
      if (!res.headersSent) send(res, 500, "text/plain", "Internal error");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  console.log(`[oidc] Test identity provider ready: issuer ${issuer}, client ${CLIENT_ID}, redirect to ${accordUrl}`);
  return server;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.OIDC_PORT ?? 4011);
  const accordUrl = (process.env.ACCORD_E2E_URL ?? "http://localhost:3200").replace(/\/$/, "");
  const server = await startOidcServer(port, accordUrl);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
}
