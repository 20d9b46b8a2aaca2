/**
 * The two answers an access decision can give besides "yes". Invisible is 404 and visible but
 * forbidden is 403 (security.md): callers must never turn one into the other.
 */
export type AccessErrorCode = "not_found" | "forbidden";

/** Base of Accord's typed, expected errors: a code, a status and a message people may read. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** The thing does not exist or the actor may not know it exists: both look the same. */
export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super("not_found", message, 404);
    this.name = "NotFoundError";
  }
}

/** The actor can see the thing but may not do this to it. */
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that") {
    super("forbidden", message, 403);
    this.name = "ForbiddenError";
  }
}
