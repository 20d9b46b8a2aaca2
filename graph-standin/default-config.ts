// The configuration the CLI (and the demo) uses when no --config file is given.
import type { StandinOptions } from "./types";

/** Demo tenant, two sites and a police retention label catalogue. */
export const DEFAULT_STANDIN_CONFIG: StandinOptions = {
  tenants: [{ tenantId: "dcp-tenant", clientId: "6a1b2c3d-0000-4000-8000-00000000dc01", clientSecret: "accord-demo-secret", roles: ["Sites.ReadWrite.All"] }],
  sites: [
    { hostname: "dcpolice.sharepoint.com", path: "/sites/Accord", displayName: "Accord" },
    { hostname: "dcpolice.sharepoint.com", path: "/sites/Records", displayName: "Records" },
  ],
  labels: [
    { name: "Crime file – Group 3 – 6 years after case closed", behaviorDuringRetentionPeriod: "retain" },
    { name: "Review group 1 – 100 years", behaviorDuringRetentionPeriod: "retain" },
    { name: "MG11 witness statements", behaviorDuringRetentionPeriod: "retainAsRecord" },
    { name: "Regulatory record", behaviorDuringRetentionPeriod: "retainAsRegulatoryRecord" },
    { name: "Transitory – delete after 1 year", behaviorDuringRetentionPeriod: "doNotRetain", isDeleteAllowed: true },
  ],
};
