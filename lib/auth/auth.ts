/**
 * Sign-in with Auth.js (next-auth v5): per-agency OpenID Connect and Microsoft Entra ID, and the
 * demo e-mail/password sign-in when ACCORD_DEMO is on. The encrypted cookie carries only an
 * opaque session token; who the person is, and whether they may still be here, is decided from
 * the database on every request (see resolve-actor.ts).
 */
import NextAuth, { type NextAuthConfig } from "next-auth";
import { NextRequest } from "next/server";
import Credentials from "next-auth/providers/credentials";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import type { Provider } from "next-auth/providers";
import { and, eq } from "drizzle-orm";
import { accounts, users } from "@/db/schema";
import { env, type IdentityProviderConfig } from "../env";
import { database } from "../database";
import type { Ctx } from "../context";
import { verifyPasswordSignIn } from "./verify-password-sign-in";
import { resolveFederatedIdentity } from "./resolve-federated-identity";
import { startSession } from "./start-session";
import { endSession } from "./end-session";
import { authSecret } from "./secret";
import { sessionCookie } from "./cookies";
import { newRequestId } from "../http/request-id";

export const DEMO_PROVIDER_ID = "demo";

async function systemCtx(): Promise<Ctx> {
  return { db: (await database()).db, actor: null, requestId: newRequestId(), now: new Date() };
}

function identityProvider(p: IdentityProviderConfig): Provider {
  if (p.type === "entra") {
    return MicrosoftEntraID({
      id: p.id,
      name: p.name,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      issuer: `https://login.microsoftonline.com/${p.tenantId}/v2.0`,
    });
  }
  return {
    id: p.id,
    name: p.name,
    type: "oidc",
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
  };
}

/** The providers a person may sign in with, in the order the sign-in page shows them. */
export function signInProviders(): { id: string; name: string; agency: string }[] {
  return env().identityProviders.map((p) => ({ id: p.id, name: p.name, agency: p.agency }));
}

/** Builds the Auth.js configuration from Accord's validated configuration. */
export function authConfig(): NextAuthConfig {
  const e = env();
  const cookie = sessionCookie();
  const providers: Provider[] = e.identityProviders.map(identityProvider);
  if (e.isDemo) {
    providers.push(
      Credentials({
        id: DEMO_PROVIDER_ID,
        name: "Demo sign-in",
        credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const ctx = await systemCtx();
          const result = await verifyPasswordSignIn(ctx, credentials);
          return result.ok ? { id: result.userId } : null;
        },
      }),
    );
  }

  return {
    providers,
    secret: authSecret(),
    trustHost: true,
    basePath: "/api/auth",
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      // A wrong password is an expected event, already audited; do not fill the log with it.
      error(error) {
        if (error.name === "CredentialsSignin" || error.name === "AccessDenied") return;
        console.error("[auth]", error);
      },
      warn(code) {
        if (code !== "debug-enabled") console.warn("[auth] warning:", code);
      },
    },
    session: { strategy: "jwt", maxAge: e.sessionMaxHours * 3600 },
    useSecureCookies: cookie.secure,
    cookies: {
      sessionToken: {
        name: cookie.name,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.secure },
      },
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (!account) return false;
        if (account.provider === DEMO_PROVIDER_ID) return e.isDemo;
        const config = e.identityProviders.find((p) => p.id === account.provider);
        if (!config || !profile?.sub) return false;
        const result = await resolveFederatedIdentity(await systemCtx(), {
          providerId: config.id,
          agencyCode: config.agency,
          issuer: typeof profile.iss === "string" ? profile.iss : "",
          subject: profile.sub,
          email: typeof profile.email === "string" ? profile.email : null,
          isEmailVerified: profile.email_verified === true || config.type === "entra",
        });
        return result.ok;
      },
      async jwt({ token, user, account }) {
        // Only at sign-in is `account` present: open the server-side session then.
        if (!account) return token;
        const ctx = await systemCtx();
        let userId: string | undefined;
        if (account.provider === DEMO_PROVIDER_ID) {
          userId = user?.id;
        } else {
          const [link] = await ctx.db
            .select({ userId: accounts.userId })
            .from(accounts)
            .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)))
            .limit(1);
          userId = link?.userId;
        }
        if (!userId) throw new Error("Signed-in identity has no Accord user");
        const [u] = await ctx.db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, userId));
        const sid = await startSession(ctx, {
          userId,
          agencyId: u!.agencyId,
          provider: account.provider,
          maxHours: e.sessionMaxHours,
        });
        // The cookie holds nothing but the opaque session token.
        return { sid };
      },
      async session({ session }) {
        // Nothing about the person leaves the server through /api/auth/session.
        return { expires: session.expires } as typeof session;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endSession(await systemCtx(), { sessionToken: sid, reason: "sign_out" });
      },
    },
  };
}

const nextAuth = NextAuth(() => authConfig());
export const { auth, signIn, signOut } = nextAuth;

/**
 * The /api/auth/* route handlers, which see every request at Accord's public URL (ACCORD_URL).
 * Behind server.ts, Next.js builds a route handler's request URL from the address Accord listens
 * on (http://0.0.0.0:3000 by default), and Auth.js derives the OAuth redirect_uri and its own
 * redirects from that URL: the callback would send the identity provider another redirect_uri
 * than the sign-in did (the provider refuses the code: invalid_grant) and send the browser to
 * http://0.0.0.0. (next-auth would do this itself if AUTH_URL were set; ACCORD_URL is Accord's.)
 */
export const handlers = {
  GET: (req: NextRequest) => nextAuth.handlers.GET(atPublicUrl(req)),
  POST: (req: NextRequest) => nextAuth.handlers.POST(atPublicUrl(req)),
};

function atPublicUrl(req: NextRequest): NextRequest {
  const publicOrigin = new URL(env().publicUrl).origin;
  const { href, origin } = req.nextUrl;
  return origin === publicOrigin ? req : new NextRequest(href.replace(origin, publicOrigin), req);
}
