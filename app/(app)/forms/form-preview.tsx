/**
 * A form definition read-only, as the library shows it: its pages and sections in order, each
 * section's help, whether it is disclosable, when it is shown; each field with its label, what
 * it takes (from the schema: text, a date, one of a list…), whether it is required (always, or
 * when its section is shown), and its help; repeating groups with their fields. Server-rendered.
 */
import type { FormDefinition, FieldLayout } from "@/lib/forms/form-definition";
import { describeCondition, fieldLabels } from "@/lib/forms/describe-condition";

type Node = { type?: string | string[]; format?: string; enum?: unknown[]; items?: Node; properties?: Record<string, Node>; required?: string[]; maxLength?: number };

/** What a field takes, in words. */
function kindOf(node: Node | undefined): string {
  if (!node) return "";
  if (node.enum) return `one of: ${node.enum.map(String).join(", ")}`;
  if (node.type === "array" && node.items?.enum) return `any of: ${node.items.enum.map(String).join(", ")}`;
  if (node.format === "date") return "a date";
  if (node.format === "time") return "a time";
  if (node.format === "date-time") return "a date and time";
  if (node.format === "email") return "an e-mail address";
  if (node.type === "boolean") return "yes or no";
  if (node.type === "integer" || node.type === "number") return "a number";
  if (node.type === "string") return node.maxLength ? `text, at most ${node.maxLength.toLocaleString("en-GB")} characters` : "text";
  return "";
}

/** The fields some `if`/`then` of the schema requires (required only when the condition holds). */
function conditionallyRequired(schema: Node & { allOf?: { then?: { required?: string[] } }[] }): Set<string> {
  return new Set((schema.allOf ?? []).flatMap((c) => c.then?.required ?? []));
}

export function FormPreview({ definition }: { definition: FormDefinition }) {
  const schema = definition.schema as Node & { allOf?: { then?: { required?: string[] } }[] };
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const whenShown = conditionallyRequired(schema);
  const labels = fieldLabels(definition.layout);
  const field = (f: FieldLayout, node: Node | undefined, isRequired: boolean, isConditional: boolean, group?: string) => (
    <li key={f.field}>
      <strong>{f.label}</strong>
      {isRequired ? <span className="badge">Required</span> : isConditional ? <span className="badge">Required when asked</span> : null}
      <span className="meta"> {kindOf(node)}</span>
      {f.showWhen && <div className="meta">Asked when {describeCondition(f.showWhen, labels, group)}</div>}
      {f.help && <div className="hint">{f.help}</div>}
    </li>
  );
  return (
    <div data-testid="form-preview">
      {definition.layout.declaration && (
        <div className="card" role="note" aria-label="Declaration">
          <strong>Declaration on every page:</strong> {definition.layout.declaration}
        </div>
      )}
      {definition.layout.pages.map((page, p) => (
        <section key={page.id} aria-labelledby={`page-${page.id}`} className="card" style={{ marginBottom: "1rem" }}>
          <h2 id={`page-${page.id}`}>
            Page {p + 1} of {definition.layout.pages.length}: {page.title}
          </h2>
          {page.sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`} style={{ marginBottom: "1rem" }}>
              <h3 id={`section-${section.id}`}>
                {section.title} {!section.isDisclosable && <span className="badge badge-warning">Not disclosable</span>}
              </h3>
              {section.showWhen && <p className="meta">Shown when {describeCondition(section.showWhen, labels)}</p>}
              {section.help && <p className="hint">{section.help}</p>}
              <ul>
                {section.items.map((item) => {
                  if (!("group" in item)) return field(item, properties[item.field], required.has(item.field), whenShown.has(item.field));
                  const node = properties[item.group];
                  const itemRequired = new Set(node?.items?.required ?? []);
                  return (
                    <li key={item.group}>
                      <strong>{item.label}</strong> <span className="meta">(a list: add as many {item.itemLabel.toLocaleLowerCase("en-GB")}s as needed)</span>
                      {item.help && <div className="hint">{item.help}</div>}
                      <ul>{item.fields.map((f) => field(f, node?.items?.properties?.[f.field], itemRequired.has(f.field), false, item.group))}</ul>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </div>
  );
}
