import type { NextConfig } from "next";

// Security headers that apply to every response. Marked content must never be cached by the
// browser or an intermediary (ASVS v5.0.0-14.3.2), and Accord must never be framed.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts,
  // and Next.js rightly refuses server actions whose origin it cannot check.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
  },
];

const DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox";

const nextConfig: NextConfig = {
  // PGlite ships WASM and the argon2 binding is native: both must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // Type-checking is `npm run typecheck` (run by CI over the whole project, tests included);
  // doing it again inside every `next build` would only slow the first `npm start`.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/((?!_next/static|favicon.ico).*)",
        headers: [{ key: "Cache-Control", value: "no-store" }],
      },
      // Downloads (exports and uploaded files) are never run as a page, even if a browser were
      // talked into rendering one: no script, no plugins, a sandboxed origin. Later rules win.
      { source: "/api/v1/documents/:documentId/export", headers: [{ key: "Content-Security-Policy", value: DOWNLOAD_CSP }] },
      { source: "/api/v1/files/:fileId/content", headers: [{ key: "Content-Security-Policy", value: DOWNLOAD_CSP }] },
    ];
  },
};

export default nextConfig;
