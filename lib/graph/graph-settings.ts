/**
 * The Graph settings in force: those lib/env.ts read (ACCORD_GRAPH_*), unless the process pointed
 * them elsewhere: the demo's in-process stand-in (its port is known once it listens) and tests
 * (a stand-in on port 0). Kept in a global registry, as Next.js bundles lib/ apart from server.ts.
 */
import { env, type Env } from "../env";

export type GraphSettings = Env["graph"];

const KEY = Symbol.for("accord.graph.settings");
type Registry = { [KEY]?: Partial<GraphSettings> };

/** The settings every Graph call uses. */
export function graphSettings(): GraphSettings {
  return { ...env().graph, ...(globalThis as Registry)[KEY] };
}

/** Points Graph calls elsewhere (the stand-in), or back to the configuration with undefined. */
export function overrideGraphSettings(overrides: Partial<GraphSettings> | undefined): void {
  (globalThis as Registry)[KEY] = overrides;
}
