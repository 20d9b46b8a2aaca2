/**
 * `npm run audit:verify [-- --agency <code>]`: verifies the audit trail's hash chains in the
 * configured database (DATABASE_URL, or the embedded one in ACCORD_DATA_DIR, which must not be
 * open in a running Accord: PGlite allows one process). Prints each chain and the first row where
 * it breaks; exits 1 when any chain is broken, 2 when it could not check.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { database } from "@/lib/database";
import { agencies } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const at = args.indexOf("--agency");
  const code = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !code) {
    console.error("--agency needs an agency code, e.g. --agency DCP");
    return 2;
  }
  const handle = await database();
  try {
    const ctx = { db: handle.db, actor: null, requestId: `audit-verify-${randomUUID()}`, now: new Date() };
    let agencyId: string | undefined;
    if (code) {
      const [agency] = await handle.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
      if (!agency) {
        console.error(`No agency has the code ${code}.`);
        return 2;
      }
      agencyId = agency.id;
    }
    const report = await verifyAuditChain(ctx, agencyId ? { agencyId } : {});
    for (const chain of report.chains) {
      const name = chain.agencyName ?? "System (no agency)";
      console.log(chain.intact ? `✓ ${name}: ${chain.rows} events, intact` : `✗ ${name}: ${chain.rows} events, BROKEN — ${chain.firstBreak!.message}`);
    }
    console.log(report.intact ? `The audit trail is intact (${report.rows} events in ${report.chains.length} chain${report.chains.length === 1 ? "" : "s"}).` : "The audit trail has been tampered with: see the chains marked ✗.");
    return report.intact ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Could not verify the audit trail: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
