// Test helpers: start a stand-in with a realistic config, trust its certificate process-wide and
// call it over real HTTPS with fetch.
import tls from "node:tls";
import { startGraphStandin } from "./index";
import type { GraphStandin, StandinOptions } from "./types";
import { DEFAULT_STANDIN_CONFIG } from "./default-config";

const trusted: string[] = [];

/** Adds a PEM to Node's default CA list (affects https and fetch in this process). */
export function trustCa(pem: string): void {
  trusted.push(pem);
  tls.setDefaultCACertificates([...tls.getCACertificates("default"), ...trusted]);
}

export type TestStandin = {
  s: GraphStandin;
  token: string;
  driveId: string;
  siteId: string;
  /** fetch against the Graph base (or an absolute URL) with the bearer token and JSON bodies. */
  g(method: string, path: string, init?: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; noAuth?: boolean; redirect?: RequestRedirect }): Promise<Response>;
  tokenFor(clientId: string, secret: string, tenantId?: string): Promise<string>;
};

/** Starts a stand-in with the default demo config (overridable) and a token for its first tenant. */
export async function startTestStandin(overrides: Partial<StandinOptions> = {}): Promise<TestStandin> {
  const s = await startGraphStandin({ ...DEFAULT_STANDIN_CONFIG, ...overrides });
  trustCa(s.caPem);
  const tokenFor = async (clientId: string, secret: string, tenantId = (overrides.tenants ?? DEFAULT_STANDIN_CONFIG.tenants)[0]!.tenantId) => {
    const r = await fetch(`${s.url}/${tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: "https://graph.microsoft.com/.default" }),
    });
    const j = (await r.json()) as { access_token?: string };
    if (!j.access_token) throw new Error(`no token: ${JSON.stringify(j)}`);
    return j.access_token;
  };
  const t0 = (overrides.tenants ?? DEFAULT_STANDIN_CONFIG.tenants)[0]!;
  const token = await tokenFor(t0.clientId, t0.clientSecret, t0.tenantId);
  const site0 = (overrides.sites ?? DEFAULT_STANDIN_CONFIG.sites)[0]!;
  const siteId = s.remote.siteId(site0.hostname, site0.path);
  const driveId = s.remote.driveId(siteId);
  const g: TestStandin["g"] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...(init.noAuth ? {} : { Authorization: `Bearer ${token}` }), ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["Content-Type"] = "application/json";
    }
    return fetch(path.startsWith("https://") ? path : s.graphUrl + path, { method, headers, body, redirect: init.redirect ?? "manual" });
  };
  return { s, token, driveId, siteId, g, tokenFor };
}

/** Reads a JSON body (typed loosely for assertions). */
export async function json(r: Response): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return r.json();
}
