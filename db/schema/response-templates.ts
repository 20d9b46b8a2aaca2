import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ResponseTemplateContent } from "@/lib/responses/response-template";
import { agencies } from "./agencies";
import { users } from "./users";

/** National templates are seeded with Accord and read-only in it; agency ones belong to one agency. */
export const responseTemplateScope = pgEnum("response_template_scope", ["national", "agency"]);

/**
 * A pre-planned response template (lib/responses/response-template.ts). The whole template is
 * one validated JSON document (`content`); key, title and summary are copied out of it so that
 * the library can be listed and kept unique without reading every document. A key is unique
 * among national templates and within each agency, so that seeding and copying update rather
 * than duplicate: two partial unique indexes, because a NULL agency never collides in a plain one.
 */
export const responseTemplates = pgTable(
  "response_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    scope: responseTemplateScope("scope").notNull(),
    agencyId: uuid("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    content: jsonb("content").$type<ResponseTemplateContent>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("response_templates_national_key_idx").on(t.key).where(sql`${t.scope} = 'national'`),
    uniqueIndex("response_templates_agency_key_idx").on(t.agencyId, t.key).where(sql`${t.scope} = 'agency'`),
    index("response_templates_agency_idx").on(t.agencyId),
    // A national template has no agency; an agency template always has one (the policy relies on it).
    check("response_templates_scope_agency", sql`(${t.scope} = 'national') = (${t.agencyId} IS NULL)`),
    check("response_templates_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`),
  ],
);
