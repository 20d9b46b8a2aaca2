/**
 * A page's way to call the API: same origin, the session cookie, JSON in and out. Never throws:
 * an answer is the body, or the error as the API gives it (`code`, `message`, and for invalid
 * input every problem in `issues`), with a plain message when Accord could not be reached.
 */
export type ApiIssue = { path: string; message: string };
export type ApiFailure<E = Record<string, unknown>> = { code: string; message: string; issues?: ApiIssue[] } & Partial<E>;
export type ApiResult<T, E = Record<string, unknown>> = { ok: true; data: T } | { ok: false; status: number; error: ApiFailure<E> };

export async function callJsonApi<T, E = Record<string, unknown>>(path: string, method: string, body?: unknown): Promise<ApiResult<T, E>> {
  try {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json = (await response.json().catch(() => null)) as ({ error?: ApiFailure<E> } & T) | null;
    if (response.ok) return { ok: true, data: json as T };
    return { ok: false, status: response.status, error: json?.error ?? ({ code: "internal", message: "Something went wrong. Nothing you typed is lost: try again." } as ApiFailure<E>) };
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "Accord could not be reached. Nothing you typed is lost: try again." } as ApiFailure<E> };
  }
}
