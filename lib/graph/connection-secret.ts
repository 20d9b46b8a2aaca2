/**
 * A SharePoint connection's client secret (or certificate private key) at rest. The threat: a
 * database dump or backup that hands out an app identity able to read and write an agency's whole
 * document estate. So the secret is stored sealed with AES-256-GCM under a key derived (HKDF) from
 * the deployment's secret (AUTH_SECRET, or the generated one in the data directory), never shown
 * again once saved, and never logged.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../auth/secret";

const INFO = "accord graph connection secret v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "accord", INFO, 32));
}

/** Seals a secret for storage: "v1.<iv>.<tag>.<ciphertext>", base64url. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Opens a sealed secret; throws when it was sealed under another key or altered. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("The stored secret is not in a known format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
