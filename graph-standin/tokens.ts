// The Entra ID (AAD) side: client-credentials token endpoint, OIDC metadata for MSAL, and the
// HS256 JWTs the Graph routes verify. Error bodies copy AAD's shape because MSAL surfaces them as-is.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { StandinTenant } from "./types";
import { guid, readBody, type AuthInfo, type Ctx, type Reply } from "./http-util";

export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
const TOKEN_LIFETIME_S = 3600;

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** Issues and verifies the stand-in's access tokens with a per-run secret. */
export class TokenService {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly tenants: StandinTenant[],
    private readonly now: () => number,
  ) {}

  /** Signs an app-only access token for the tenant's client. */
  issue(tenant: StandinTenant): string {
    const iat = Math.floor(this.now() / 1000);
    const payload = {
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${tenant.tenantId}/`,
      iat,
      nbf: iat,
      exp: iat + TOKEN_LIFETIME_S,
      appid: tenant.clientId,
      azp: tenant.clientId,
      app_displayname: tenant.clientId,
      idtyp: "app",
      oid: guid(),
      roles: tenant.roles ?? ["Sites.ReadWrite.All"],
      tid: tenant.tenantId,
      ver: "1.0",
    };
    const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const body = b64url(JSON.stringify(payload));
    const sig = createHmac("sha256", this.secret).update(`${head}.${body}`).digest("base64url");
    return `${head}.${body}.${sig}`;
  }

  /** Verifies a bearer token: returns the grant, or a reason it was refused. */
  verify(authorization: string | undefined): AuthInfo | { error: string } {
    if (!authorization) return { error: "Access token is empty." };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return { error: "Access token is empty." };
    const parts = m[1]!.split(".");
    if (parts.length !== 3) return { error: "IDX14100: JWT is not well formed, there are no dots (.)." };
    const expected = createHmac("sha256", this.secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2]!, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: "Invalid signature." };
    let claims: { tid?: string; appid?: string; roles?: string[]; exp?: number };
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    } catch {
      return { error: "IDX14102: Unable to decode the payload." };
    }
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= this.now()) return { error: "Lifetime validation failed, the token is expired." };
    if (!claims.tid || !claims.appid) return { error: "Invalid token claims." };
    return { tenantId: claims.tid, appId: claims.appid, roles: claims.roles ?? [] };
  }

  /** Reads the app id out of a bearer without failing (used to attribute throttling before auth). */
  peekApp(authorization: string | undefined): string | null {
    const r = this.verify(authorization);
    return "error" in r ? null : r.appId;
  }

  /** POST /{tenant}/oauth2/v2.0/token (client credentials, form-encoded). */
  async tokenEndpoint(ctx: Ctx, tenantId: string): Promise<Reply> {
    const form = new URLSearchParams((await readBody(ctx)).toString("utf8"));
    const aad = (status: number, error: string, code: number, description: string): Reply => {
      const traceId = guid();
      const correlationId = form.get("client-request-id") ?? ctx.clientRequestId ?? guid();
      const ts = new Date(this.now()).toISOString().replace("T", " ").slice(0, 19) + "Z";
      return {
        status,
        raw: JSON.stringify({
          error,
          error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
          error_codes: [code],
          timestamp: ts,
          trace_id: traceId,
          correlation_id: correlationId,
          error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        }),
      };
    };
    const tenantKnown = this.tenants.some((t) => t.tenantId === tenantId);
    if (!tenantKnown) return aad(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    if (form.get("grant_type") !== "client_credentials") return aad(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    const clientId = form.get("client_id") ?? "";
    const tenant = this.tenants.find((t) => t.tenantId === tenantId && t.clientId === clientId);
    if (!tenant) return aad(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`);
    if (form.get("client_secret") !== tenant.clientSecret) return aad(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
    const scopes = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    const resourceScopes = scopes.filter((s) => !["openid", "profile", "offline_access"].includes(s));
    if (resourceScopes.length !== 1 || resourceScopes[0] !== GRAPH_DEFAULT_SCOPE) {
      return aad(400, "invalid_scope", 1002012, `The provided value for scope ${resourceScopes.join(" ")} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    return {
      status: 200,
      raw: JSON.stringify({ token_type: "Bearer", expires_in: TOKEN_LIFETIME_S - 1, ext_expires_in: TOKEN_LIFETIME_S - 1, access_token: this.issue(tenant) }),
    };
  }
}

/** OIDC discovery document for a tenant on this server (also what MSAL's authorityMetadata wants). */
export function openIdConfiguration(baseUrl: string, tenantId: string): Record<string, unknown> {
  const t = `${baseUrl}/${tenantId}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "tid"],
    kerberos_endpoint: `${t}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: new URL(baseUrl).host,
    cloud_graph_host_name: new URL(baseUrl).host,
    msgraph_host: new URL(baseUrl).host,
    rbac_url: baseUrl,
  };
}

/** Instance-discovery answer naming only this host, so MSAL never calls login.microsoftonline.com. */
export function instanceDiscovery(baseUrl: string, tenantId = "common"): Record<string, unknown> {
  const host = new URL(baseUrl).host;
  return {
    tenant_discovery_endpoint: `${baseUrl}/${tenantId}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
