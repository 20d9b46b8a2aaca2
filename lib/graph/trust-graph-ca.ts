/**
 * Trusting an extra certificate authority for Graph and Entra ID (ACCORD_GRAPH_CA_FILE: the local
 * stand-in's, or a proxy's in a deployment that inspects TLS). Node 24's
 * `tls.setDefaultCACertificates` makes every TLS client of the process (fetch, https, MSAL) trust
 * it along with the usual roots, so the real Graph client and MSAL run unchanged.
 */
import fs from "node:fs";
import tls from "node:tls";

const TRUSTED = Symbol.for("accord.graph.trustedCas");
type Registry = { [TRUSTED]?: Set<string> };

/** Adds `pem` to the process's trusted authorities (once). */
export function trustCertificateAuthority(pem: string): void {
  const registry = globalThis as Registry;
  const trusted = (registry[TRUSTED] ??= new Set());
  if (trusted.has(pem)) return;
  trusted.add(pem);
  tls.setDefaultCACertificates([...tls.getCACertificates("default"), ...trusted]);
}

/** Trusts the authorities in a PEM file; throws with the path when it cannot be read. */
export function trustCertificateAuthorityFile(file: string): void {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`ACCORD_GRAPH_CA_FILE: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
  trustCertificateAuthority(pem);
}
