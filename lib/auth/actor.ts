import type { EffectiveVetting } from "@/policies/vetting";

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
    /** What counts now: NONE when expired, UNKNOWN (opens nothing) when not a known level. */
    effective: EffectiveVetting;
    expiresOn: string | null;
    isExpired: boolean;
  };
};
