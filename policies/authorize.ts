/**
 * The one check every operation on a single thing goes through. Invisible is 404: when the actor
 * may not even read the thing, the answer must be the same as for a thing that does not exist.
 * Visible but forbidden is 403.
 */
import type { AppAbility } from "./ability";
import { asSubject } from "./ability";
import type { Action, SubjectFields, SubjectType } from "./catalogue";
import { ForbiddenError, NotFoundError } from "./errors";

/** Throws NotFoundError unless the actor can read the row, ForbiddenError unless they can do `action`. */
export function authorize<S extends SubjectType>(ability: AppAbility, action: Action, type: S, row: SubjectFields[S]): void {
  const tagged = asSubject(type, row);
  if (!ability.can("read", tagged)) throw new NotFoundError();
  if (action !== "read" && !ability.can(action, tagged)) throw new ForbiddenError();
}

/** True when the actor may do `action` to the row. */
export function can<S extends SubjectType>(ability: AppAbility, action: Action, type: S, row: SubjectFields[S]): boolean {
  return ability.can(action, asSubject(type, row));
}
