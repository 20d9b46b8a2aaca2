/**
 * Graph's answers that are not successes, as one error type the sync can reason about: the status,
 * the chain of codes (clients must match on codes, never on messages: docs/graph-contract.md §0),
 * the request-id Microsoft support asks for, and Retry-After. Also the words a person is shown for
 * each failure: what went wrong and what to do, never a raw stack or a secret.
 */

/** A Graph (or Entra ID) call that did not succeed. */
export class GraphCallError extends Error {
  readonly status: number;
  /** The top-level code then each inner code, outermost first. */
  readonly codes: string[];
  readonly requestId: string | null;
  /** Seconds Graph asked us to wait (429/503), or null. */
  readonly retryAfterSeconds: number | null;
  constructor(message: string, init: { status: number; codes?: string[]; requestId?: string | null; retryAfterSeconds?: number | null }) {
    super(message);
    this.name = "GraphCallError";
    this.status = init.status;
    this.codes = init.codes ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
  /** The top-level code ("itemNotFound"), or "http_<status>". */
  get code(): string {
    return this.codes[0] ?? `http_${this.status}`;
  }
  /** True when any code in the chain is `code`. */
  has(code: string): boolean {
    return this.codes.includes(code);
  }
}

/** Walks `{error:{code,message,innerError:{code,innerError…}}}` into its codes and message. */
export function parseGraphErrorBody(body: unknown): { codes: string[]; message: string | null } {
  const codes: string[] = [];
  let message: string | null = null;
  const top = (body as { error?: unknown } | null)?.error;
  if (typeof top === "string") {
    // Entra ID's token errors: {"error":"invalid_client","error_description":"AADSTS7000215: …"}
    const description = (body as { error_description?: unknown }).error_description;
    const aadsts = typeof description === "string" ? /AADSTS\d+/.exec(description)?.[0] : undefined;
    return { codes: aadsts ? [top, aadsts] : [top], message: typeof description === "string" ? description : null };
  }
  let node = top as { code?: unknown; message?: unknown; innerError?: unknown; innererror?: unknown } | undefined;
  for (let depth = 0; node && typeof node === "object" && depth < 10; depth++) {
    if (typeof node.code === "string") codes.push(node.code);
    if (message === null && typeof node.message === "string") message = node.message;
    node = (node.innerError ?? node.innererror) as typeof node;
  }
  return { codes, message };
}

/** Seconds from a Retry-After header (seconds, or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** True for failures worth another try later: throttling, Graph's own outages, the network. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof GraphCallError)) return true;
  return err.status === 429 || err.status === 503 || err.status === 500 || err.status === 502 || err.status === 504 || err.status === 509 || err.status === 0;
}

/** What a person is told about a failed call: plain words, with what to do. */
export function describeGraphError(err: unknown): { code: string; message: string } {
  if (!(err instanceof GraphCallError)) {
    const message = err instanceof Error ? err.message : String(err);
    return { code: "network", message: `SharePoint could not be reached (${message}). The change waits and is retried.` };
  }
  const ref = err.requestId ? ` (request-id ${err.requestId})` : "";
  if (err.has("AADSTS7000215") || err.has("invalid_client")) return { code: "wrong_secret", message: "Entra ID refused the client secret: check its value and that it has not expired." };
  if (err.has("AADSTS700016") || err.has("unauthorized_client")) return { code: "unknown_client", message: "Entra ID does not know this client (application) id in the tenant: check the client id and tenant id." };
  if (err.has("AADSTS90002") || err.has("invalid_request")) return { code: "unknown_tenant", message: "Entra ID does not know this tenant: check the tenant id." };
  switch (err.status) {
    case 401:
      return { code: "unauthenticated", message: `Graph refused the app's token${ref}. Test the connection.` };
    case 403:
      if (err.has("malwareDetected")) return { code: "malware", message: `SharePoint flagged the file as malware${ref}.` };
      return { code: "access_denied", message: `The app may not do this in SharePoint${ref}: it needs Sites.ReadWrite.All (or Sites.Selected on this site), and Sites.FullControl.All for records.` };
    case 404:
      return { code: "not_found", message: `SharePoint has no such site, library or item${ref}.` };
    case 409:
      return { code: "name_conflict", message: `An item with that name already exists in SharePoint${ref}.` };
    case 412:
      return { code: "changed_remotely", message: `The item was changed in SharePoint since Accord last saw it${ref}.` };
    case 423:
      return { code: "locked", message: `SharePoint refused: the item is locked as a record or kept by a retention label there${ref}.` };
    case 429:
    case 503:
      return { code: "throttled", message: `SharePoint asked Accord to slow down${ref}; the change waits for the time it gave.` };
    case 507:
      return { code: "quota", message: `The SharePoint library is full${ref}: free space or raise its quota; the change waits and is retried.` };
    default:
      return { code: err.code, message: `SharePoint answered ${err.status} ${err.code}${ref}: ${err.message}` };
  }
}
