/**
 * Typed errors with codes (conventions.md §8). Expected errors carry a message a person may read;
 * anything else is logged with the request id and shown as a generic message. The access errors
 * live in policies/ (authorize() throws them) and are re-exported here.
 */
import { AppError } from "@/policies/errors";

export { AppError, NotFoundError, ForbiddenError } from "@/policies/errors";

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
