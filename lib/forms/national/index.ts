/**
 * The national form library seeded with Accord (issue 7, domain.md §7): owned nationally, the
 * base that a force's local variants extend. In the order the library lists them.
 */
import type { FormDefinition } from "../form-definition";
import { mg11WitnessStatement } from "./mg11-witness-statement";
import { mg12ExhibitList } from "./mg12-exhibit-list";
import { missingPerson } from "./missing-person";
import { stopAndSearch } from "./stop-and-search";

export { mg11WitnessStatement, MG11_DECLARATION } from "./mg11-witness-statement";
export { mg12ExhibitList } from "./mg12-exhibit-list";
export { missingPerson, RISK_GRADINGS } from "./missing-person";
export { stopAndSearch, SELF_DEFINED_ETHNICITIES, SUSPICION_POWERS, AUTHORISED_POWERS } from "./stop-and-search";

/** Every national form, in library order. */
export const NATIONAL_FORMS: readonly FormDefinition[] = [mg11WitnessStatement, stopAndSearch, missingPerson, mg12ExhibitList];
