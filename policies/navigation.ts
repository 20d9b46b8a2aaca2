/**
 * Which sections of Accord a person's navigation shows: only those where their ability grants
 * something. The pages themselves check access again; hiding a link is courtesy, not control.
 */
import type { AppAbility } from "./ability";

export const SECTIONS = [
  { id: "spaces", label: "Spaces", href: "/spaces" },
  { id: "my-work", label: "My work", href: "/my-work" },
  { id: "responses", label: "Pre-planned responses", href: "/responses" },
  { id: "forms", label: "Forms", href: "/forms" },
  { id: "records", label: "Records", href: "/records" },
  { id: "admin", label: "Admin", href: "/admin/users" },
  { id: "agreements", label: "Agreements", href: "/admin/agreements" },
  { id: "explain", label: "Explain access", href: "/admin/explain" },
  { id: "sharepoint", label: "SharePoint", href: "/admin/sharepoint" },
] as const;
export type Section = (typeof SECTIONS)[number];

/** The sections the ability opens. */
export function visibleSections(ability: AppAbility): Section[] {
  return SECTIONS.filter((s) => {
    if (s.id === "spaces") return true;
    // Everyone signed in may be assigned cards; the page lists only those they may read.
    if (s.id === "my-work") return true;
    // Everyone signed in reads the national templates; the rule is asked, not assumed.
    if (s.id === "responses") return ability.can("read", "ResponseTemplate");
    // Everyone signed in reads the national forms, likewise.
    if (s.id === "forms") return ability.can("read", "Form");
    // The records manager's home: those who may read their agency's file plan (records managers,
    // auditors, agency administrators).
    if (s.id === "records") return ability.can("read", "FilePlan");
    if (s.id === "admin") return ability.can("update", "User");
    // Those who record or manage their agency's sharing agreements; parties' people reach an
    // agreement they may read from the spaces that run under it.
    if (s.id === "agreements") return ability.can("create", "Agreement") || ability.can("update", "Agreement");
    if (s.id === "explain") return ability.can("explain", "User");
    // Those who set and run their agency's SharePoint sync; its auditors and records managers, who
    // may read the page, reach it from the Records home.
    if (s.id === "sharepoint") return ability.can("update", "SyncConnection");
    return false;
  });
}
