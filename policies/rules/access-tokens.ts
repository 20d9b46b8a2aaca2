/** Personal access tokens belong to one person, who alone sees, makes and revokes them. */
import type { Can, DerivedFacts } from "../ability";

export function accessTokenRules(can: Can, facts: DerivedFacts): void {
  can(["read", "create", "delete"], "AccessToken", { userId: facts.actor.userId });
}
