// `tsx graph-standin/cli.ts --port 4443 --config <json> --ca-out <file>`: runs the stand-in for the
// demo and Playwright, which drive it over HTTP (/_standin/…) rather than the programmatic API.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startGraphStandin } from "./index";
import { DEFAULT_STANDIN_CONFIG } from "./default-config";
import type { StandinOptions } from "./types";

/** Parses the command line, starts the server and keeps it running until SIGINT/SIGTERM. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { port: { type: "string" }, config: { type: "string" }, "ca-out": { type: "string" }, host: { type: "string" } } });
  const config: StandinOptions = values.config ? (JSON.parse(readFileSync(values.config, "utf8")) as StandinOptions) : DEFAULT_STANDIN_CONFIG;
  const standin = await startGraphStandin({ ...config, port: values.port ? Number(values.port) : (config.port ?? 4443), host: values.host ?? config.host });
  if (values["ca-out"]) writeFileSync(values["ca-out"], standin.caPem);
  console.log(`Graph stand-in on ${standin.url}`);
  console.log(`  Graph base: ${standin.graphUrl}`);
  for (const t of config.tenants) console.log(`  tenant ${t.tenantId}: client ${t.clientId}, authority ${standin.url}/${t.tenantId}`);
  if (values["ca-out"]) console.log(`  CA certificate written to ${values["ca-out"]}`);
  const stop = () => void standin.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();
