/**
 * Typed errors with codes (conventions.md §8). Expected errors carry a message a person may read;
 * anything else is logged with the request id and shown as a generic message. The access errors
 * live in policies/ (authorize() throws them) and are re-exported here.
 */
import type { z } from "zod";
import { AppError } from "@/policies/errors";

export { AppError, NotFoundError, ForbiddenError } from "@/policies/errors";

export class UnauthenticatedError extends AppError {
  constructor(message = "Please sign in") {
    super("unauthenticated", message, 401);
  }
}

export class InvalidInputError extends AppError {
  /** `details`: what the client may be shown beside the message (e.g. every field's error, `issues`). */
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super("invalid_input", message, 400);
  }
}

/**
 * The change was made against a state that is no longer current (a resolved thread, a card edited
 * by someone else meanwhile). `details` go into the API's error body beside code and message (a
 * card conflict carries the card as it is now, so that the person can compare and merge).
 */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super("conflict", message, 409);
  }
}

/** The marking asked for is not one this content may carry here (the form shows it by the marking field). */
export class InvalidMarkingError extends AppError {
  constructor(message: string) {
    super("invalid_marking", message, 400);
  }
}

/**
 * An upload Accord refuses. Whatever the reason, nothing of it is kept: no blob, no row. Each
 * reason is its own class (below) with its own code and status, so the API and the upload form
 * can say which.
 */
export class FileRejectedError extends AppError {}

/** A FileRejectedError subclass for one reason: its code and HTTP status are fixed, the message says what was wrong. */
function fileRejection(code: string, status: number) {
  return class extends FileRejectedError {
    constructor(message: string) {
      super(code, message, status);
    }
  };
}

/** A file with no bytes at all. */
export const EmptyFileError = fileRejection("file_empty", 400);
/** A file above ACCORD_MAX_UPLOAD_MB. */
export const FileTooLargeError = fileRejection("file_too_large", 413);
/** A file whose name ends in an extension Accord does not accept. */
export const FileTypeNotAllowedError = fileRejection("file_type_not_allowed", 415);
/** A file whose content is not what its extension says (a ".pdf" that is not a PDF). */
export const FileContentMismatchError = fileRejection("file_content_mismatch", 415);
/** An archive (an Office document is a ZIP) past the limits on entries or unpacked size, or malformed. */
export const ArchiveLimitError = fileRejection("file_archive_limits", 422);
/** The virus scanner found something in the file. */
export const InfectedFileError = fileRejection("file_infected", 422);

/** A file held in quarantine (the scanner could not vouch for it): it cannot be downloaded. */
export class QuarantinedFileError extends AppError {
  constructor(message = "This file is held in quarantine because it could not be scanned for viruses. It cannot be downloaded.") {
    super("file_quarantined", message, 409);
  }
}

/**
 * Parses an operation's input with its zod schema, turning the first problem into an
 * InvalidInputError with its message (which the API and the pages show as they are): the one
 * way every operation refuses bad input, so that nothing is stored and the reason is clear.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Invalid input");
}

/**
 * The content is under a legal or preservation hold that stands (issue 8): it cannot be deleted,
 * whatever asks. The message names the hold ("under a hold (CPIA: Op Kestrel disclosure)").
 */
export class HeldError extends AppError {
  constructor(message = "This is under a hold and cannot be deleted") {
    super("held", message, 409);
  }
}

/** The item is a declared record (or regulatory record): its content cannot be edited or deleted by anyone. */
export class RecordLockedError extends AppError {
  constructor(message = "This is a declared record: its content is locked") {
    super("record_locked", message, 409);
  }
}

/**
 * The database's own refusal to delete held content (the triggers of db/migrations/0017_records.sql
 * raise with HINT 'accord:held'), as a HeldError, so that a deletion reaching it (a cascade from a
 * space, a path that forgot to ask) answers 409 with a clear message rather than 500; null for
 * any other error. Drivers and drizzle wrap the error differently, so the chain of causes is read.
 */
export function heldErrorFromDatabase(err: unknown): HeldError | null {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { hint?: unknown }).hint === "accord:held") {
      const text = String((e as { message?: unknown }).message ?? "");
      const what = /this (\w+) is under a hold/.exec(text)?.[1] ?? "content";
      return new HeldError(`This ${what === "content" ? "content" : what} is under a hold and cannot be deleted, nor can anything that contains it`);
    }
  }
  return null;
}

/** Whether a database error (or one it caused) is a unique index's refusal (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The actor's agency asks for a justification before its people open or export content of this
 * classification (DPA 2018 s.62), and none was given: 428, so a client knows to ask the person
 * and try again with it (the `Accord-Justification` header, or a `justification` field).
 */
export class JustificationRequiredError extends AppError {
  /** `marking`: the item's, for the prompt (asked only of someone who may read the item). */
  constructor(
    readonly purpose: "consultation" | "disclosure",
    readonly marking?: string,
  ) {
    super(
      "justification_required",
      purpose === "consultation"
        ? "Your agency asks you to say why you need to open this before you do. Give a justification (at least 10 characters) and open it again."
        : "Your agency asks you to say why you are exporting this before you do. Give a justification (at least 10 characters) and export it again.",
      428,
    );
  }
}
