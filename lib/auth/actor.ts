import type { EffectiveVetting } from "@/policies/vetting";

/** The signed-in person, resolved from the database on every request. */
export type Actor = {
  userId: string;
  sessionToken: string;
  name: string;
  email: string;
  jobTitle: string;
  roles: string[];
  /**
   * `justificationFrom`: the lowest classification at which the agency asks its people for a
   * justification before opening or exporting content (DPA 2018 s.62); absent or null: never.
   */
  agency: { id: string; code: string; name: string; kind: string; isHmg: boolean; justificationFrom?: string | null };
  vetting: {
    /** As recorded. */
    level: string;
    /** What counts now: NONE when expired, UNKNOWN (opens nothing) when not a known level. */
    effective: EffectiveVetting;
    expiresOn: string | null;
    isExpired: boolean;
  };
};
