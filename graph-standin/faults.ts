// Scripted faults: "the next N calls matching X answer status S". Checked before throttling and auth.
import type { FaultRule } from "./types";

const DEFAULT_CODES: Record<number, [string, string | undefined]> = {
  400: ["invalidRequest", undefined],
  401: ["unauthenticated", undefined],
  403: ["accessDenied", undefined],
  404: ["itemNotFound", undefined],
  409: ["nameAlreadyExists", undefined],
  412: ["resourceModified", "entityTagDoesNotMatch"],
  423: ["notAllowed", "locked"],
  429: ["activityLimitReached", "throttledRequest"],
  500: ["generalException", undefined],
  502: ["badGateway", undefined],
  503: ["serviceNotAvailable", undefined],
  504: ["gatewayTimeout", undefined],
  507: ["quotaLimitReached", "quotaLimitReached"],
  509: ["bandwidthLimitExceeded", undefined],
};

/** Graph error code and inner code a fault answers with by default for a status. */
export function defaultFaultCodes(status: number): { code: string; inner: string[] } {
  const [code, inner] = DEFAULT_CODES[status] ?? ["generalException", undefined];
  // The real throttling body nests innerError.code "quota" under throttledRequest (§0).
  if (status === 429) return { code, inner: ["throttledRequest", "quota"] };
  return { code, inner: inner ? [inner] : [] };
}

/** The ordered list of scripted faults. */
export class Faults {
  private rules: { rule: FaultRule; left: number }[] = [];

  /** Adds a rule (times defaults to 1). */
  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Consumes and returns the first rule matching the request, if any. */
  take(method: string, path: string): FaultRule | null {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined) {
        const ok = typeof rule.path === "string" ? path.includes(rule.path) : rule.path.test(path);
        if (!ok) continue;
      }
      entry.left--;
      this.rules = this.rules.filter((e) => e.left > 0);
      return rule;
    }
    return null;
  }
}
