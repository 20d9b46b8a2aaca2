/**
 * Session cookie settings. Over https the cookie is `__Host-` prefixed (Secure, Path=/, no
 * Domain), HttpOnly and SameSite=Lax (ASVS v5.0.0-3.3.1/3.3.2); plain http is only for
 * http://localhost, where browsers refuse Secure cookies on some setups.
 */
import { env } from "../env";

/** Name and attributes of the session cookie. */
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = env().publicUrl.startsWith("https://");
  return { name: secure ? "__Host-accord.session" : "accord.session", secure };
}
