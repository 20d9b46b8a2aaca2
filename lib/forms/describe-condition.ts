/**
 * A layout condition in words, for the form's preview ("Shown when “Is the witness over 18?” is
 * No"), using the fields' labels. Pure and client-safe.
 */
import type { FormCondition, FormLayout } from "./form-definition";

/** Every field's label by path (`name`, and `group[].name` inside repeating groups). */
export function fieldLabels(layout: FormLayout): Map<string, string> {
  const labels = new Map<string, string>();
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          labels.set(item.group, item.label);
          for (const f of item.fields) labels.set(`${item.group}[].${f.field}`, f.label);
        } else labels.set(item.field, item.label);
      }
  return labels;
}

const valueText = (v: string | number | boolean) => (v === true ? "Yes" : v === false ? "No" : `“${v}”`);

/** The condition as a phrase: `“Label” is No`, `“Label” is one of …`, joined by "and"/"or". */
export function describeCondition(condition: FormCondition, labels: Map<string, string>, group?: string): string {
  if ("all" in condition) return condition.all.map((c) => describeCondition(c, labels, group)).join(" and ");
  if ("any" in condition) return condition.any.map((c) => describeCondition(c, labels, group)).join(" or ");
  const label = (group && labels.get(`${group}[].${condition.field}`)) ?? labels.get(condition.field) ?? condition.field;
  if ("equals" in condition) return `“${label}” is ${valueText(condition.equals)}`;
  if ("in" in condition) return `“${label}” is one of ${condition.in.map(valueText).join(", ")}`;
  return condition.isAnswered ? `“${label}” is answered` : `“${label}” is not answered`;
}
