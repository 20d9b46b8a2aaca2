import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "playwright-report/**", "test-results/**", "bench/tmp/**"],
  },
  {
    // Configuration is read in one validated module (lib/env.ts); tests and tooling may set it up.
    files: ["app/**", "lib/**", "policies/**", "db/**", "server.ts"],
    ignores: ["lib/env.ts", "db/testing.ts", "**/*.test.ts", "lib/**/testing/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts" }],
    },
  },
  {
    // app/ routes and renders; it never reaches the database directly.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/client", "@/db/schema", "@/db/schema/*", "drizzle-orm", "drizzle-orm/*"], message: "app/ calls lib/, never db/" }] }],
    },
  },
  {
    // policies/ is pure: no Next.js, no database connection, no lib/. It may use drizzle-orm's
    // SQL builder to compile rules to conditions over columns that lib/ hands it.
    files: ["policies/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "@/db/*", "../db/*", "drizzle-orm/*", "@/lib/*", "../lib/*"], message: "policies/ imports neither Next.js, the database nor lib/" }] }],
    },
  },
];

export default config;
