/**
 * Typed errors with codes (conventions.md §8). Expected errors carry a message a person may read;
 * anything else is logged with the request id and shown as a generic message.
 */
export type ErrorCode = "not_found" | "forbidden" | "unauthenticated" | "invalid_input" | "conflict";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
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
  }
}

/** The actor can see the thing but may not do this to it. */
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that") {
    super("forbidden", message, 403);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Please sign in") {
    super("unauthenticated", message, 401);
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string) {
    super("invalid_input", message, 400);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super("conflict", message, 409);
  }
}
