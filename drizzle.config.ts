import { defineConfig } from "drizzle-kit";

// Only used by `npm run db:generate`: migrations are generated from the schema, committed and
// applied at start-up by db/migrate.ts on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
