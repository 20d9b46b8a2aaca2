import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,db,policies,app,scripts,graph-standin}/**/*.test.{ts,tsx}", "server.test.ts"],
    environment: "node",
    // Each test file opens its own database (in-memory PGlite, or a fresh PostgreSQL database).
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
