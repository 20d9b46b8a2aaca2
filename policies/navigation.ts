/**
 * Which sections of Accord a person's navigation shows: only those where they have some access.
 * The pages themselves check access again; hiding a link is courtesy, not control.
 */
import { hasRole } from "./roles";

export const SECTIONS = [
  { id: "spaces", label: "Spaces", href: "/spaces" },
  { id: "admin", label: "Admin", href: "/admin/users" },
] as const;
export type Section = (typeof SECTIONS)[number];

/** The sections a person with these roles may open. */
export function visibleSections(actor: { roles: readonly string[] }): Section[] {
  return SECTIONS.filter((s) => {
    if (s.id === "spaces") return true;
    if (s.id === "admin") return hasRole(actor.roles, "agency_admin");
    return false;
  });
}
