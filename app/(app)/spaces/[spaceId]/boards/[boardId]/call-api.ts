/** The board page's one way to call the API: same origin, the session cookie, errors as `{ code, message }`. */
import type { CardView } from "@/lib/boards/card-view";

export type ApiError = { code: string; message: string; current?: CardView };

/** Calls the API as the page (same origin, the session cookie); returns the body or the error. */
export async function callApi<T>(path: string, init: { method: string; body?: unknown } = { method: "GET" }): Promise<{ ok: true; data: T } | { ok: false; status: number; error: ApiError }> {
  const response = await fetch(`/api/v1${path}`, {
    method: init.method,
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  });
  const body = (await response.json().catch(() => null)) as ({ error?: ApiError } & T) | null;
  if (response.ok) return { ok: true, data: body as T };
  return { ok: false, status: response.status, error: body?.error ?? { code: "internal", message: "Something went wrong. Try again." } };
}

