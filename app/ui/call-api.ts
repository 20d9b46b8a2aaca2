/**
 * A page's way to call the API: same origin, the session cookie, JSON in and out. Never throws:
 * an answer is the body, or the error as the API gives it (`code`, `message`, for invalid input
 * every problem in `issues`, and whatever details the operation adds, such as a 409's `current`),
 * with a plain message when the API gave none or Accord could not be reached.
 */
export type ApiIssue = { path: string; message: string };
export type ApiFailure<E = Record<string, unknown>> = { code: string; message: string; issues?: ApiIssue[] } & Partial<E>;
export type ApiResult<T, E = Record<string, unknown>> = { ok: true; data: T } | { ok: false; status: number; error: ApiFailure<E> };

/** What a failure says when the API's answer carries no error of its own (`failed`) or there was no answer (`unreachable`). */
export type ApiFallbackMessages = { failed: string; unreachable: string };

/** The default wording, for a form: what the person typed is still on the page. */
const FORM_FALLBACKS: ApiFallbackMessages = {
  failed: "Something went wrong. Nothing you typed is lost: try again.",
  unreachable: "Accord could not be reached. Nothing you typed is lost: try again.",
};

/** How one call differs from the default; every option may be left out. */
export type CallJsonApiOptions = {
  /** The page's own wording of the two fallback messages (the API's own messages are always shown as given). */
  messages?: Partial<ApiFallbackMessages>;
};

/**
 * The options of the board page and the comments panel: their wording, which says just "try
 * again" (they had their own copies of this function, and people had seen these messages).
 */
export const PLAIN_FALLBACKS: CallJsonApiOptions = {
  messages: {
    failed: "Something went wrong. Try again.",
    unreachable: "Accord could not be reached. Check your connection and try again.",
  },
};

/** Calls `/api/v1{path}` as the page and returns the body, or the API's error with the response's status (0: no response). */
export async function callJsonApi<T, E = Record<string, unknown>>(path: string, method: string, body?: unknown, options: CallJsonApiOptions = {}): Promise<ApiResult<T, E>> {
  const messages = { ...FORM_FALLBACKS, ...options.messages };
  try {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    // A body that is not JSON (a proxy's error page, a 204) reads as no body.
    const json = (await response.json().catch(() => null)) as ({ error?: ApiFailure<E> } & T) | null;
    if (response.ok) return { ok: true, data: json as T };
    // Only an error with a message is the API's own; anything else would show the person nothing.
    const error = json?.error;
    return { ok: false, status: response.status, error: typeof error?.message === "string" ? error : ({ code: "internal", message: messages.failed } as ApiFailure<E>) };
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: messages.unreachable } as ApiFailure<E> };
  }
}

/**
 * The API's problems by the form control each names (the first for each), for a form that shows
 * each beside its control; a problem that names none of them (a hold placed meanwhile, a change
 * by someone else) goes to `fallback`, so that nothing the server said is left unshown.
 */
export function errorsByField<F extends string>(error: ApiFailure, isField: (path: string) => path is F, fallback: F): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues ?? []) if (isField(issue.path) && !errors[issue.path]) errors[issue.path] = issue.message;
  if (Object.keys(errors).length === 0) errors[fallback] = error.message;
  return errors;
}
