/**
 * The roles a person can hold in their agency. Unknown roles grant nothing (fail closed):
 * role checks only ever ask "does the list contain this known role".
 */
export const ROLES = [
  "investigator",
  "supervisor",
  "practitioner",
  "records_manager",
  "agency_admin",
  "auditor",
  "staff",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  investigator: "Investigator",
  supervisor: "Supervisor",
  practitioner: "Partner practitioner",
  records_manager: "Records manager",
  agency_admin: "Agency administrator",
  auditor: "Auditor",
  staff: "Staff",
};

/** True when `roles` holds the known role `role`. */
export function hasRole(roles: readonly string[], role: Role): boolean {
  return roles.includes(role);
}
