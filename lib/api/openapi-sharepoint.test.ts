/**
 * The SharePoint paths of the OpenAPI description match the route files: each path has its
 * route.ts under app/api/v1 exporting each documented method, and is merged into the document.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharepointPaths, sharepointSchemas } from "./openapi-sharepoint";
import { openApiDocument } from "./openapi";

describe("the SharePoint paths of the OpenAPI description", () => {
  it.each(Object.entries(sharepointPaths))("%s has its route file with each documented method", (apiPath, operations) => {
    const file = path.resolve("app/api/v1", apiPath.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
    const source = fs.readFileSync(file, "utf8");
    for (const method of Object.keys(operations)) expect(source, `${method} ${apiPath}`).toMatch(new RegExp(`export const ${method.toUpperCase()} =`));
  });

  it("is merged into the document, every reference resolvable", () => {
    const doc = openApiDocument() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    for (const apiPath of Object.keys(sharepointPaths)) expect(doc.paths[apiPath]).toBeDefined();
    const refs = [...JSON.stringify(sharepointPaths).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
    for (const name of Object.keys(sharepointSchemas)) expect(doc.components.schemas[name]).toBeDefined();
  });
});
