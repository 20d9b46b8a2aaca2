import type { VettingLevel } from "@/policies/vetting";

/** The signed-in person, resolved from the database on every request. */
export type Actor = {
  userId: string;
  sessionToken: string;
  name: string;
  email: string;
  jobTitle: string;
  roles: string[];
  agency: { id: string; code: string; name: string; kind: string; isHmg: boolean };
  vetting: {
    /** As recorded. */
    level: string;
    /** What counts now: NONE when expired or unknown. */
    effective: VettingLevel;
    expiresOn: string | null;
    isExpired: boolean;
  };
};
