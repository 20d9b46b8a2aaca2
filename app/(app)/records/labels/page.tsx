import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";
import { listRetentionEventTypes } from "@/lib/records/list-retention-event-types";
import { listRetentionRules } from "@/lib/records/list-retention-rules";
import { listForms } from "@/lib/forms/list-forms";
import { actionText, RECORD_KIND, triggerText } from "./describe-label";
import { DeleteRuleButton, NewEventTypeForm, NewRuleForm } from "./file-plan-actions";

export const metadata = { title: "File plan" };

type Props = { searchParams: Promise<{ category?: string | string[]; added?: string | string[]; retired?: string | string[] }> };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * The agency's file plan (issue 8): its retention labels (reference, name, category, period in
 * words, trigger, action, record kind), filtered by category; its event types; its labelling
 * rules. For those who may read it (records managers, auditors, administrators); for anyone else
 * the page does not exist. Only records managers are offered the changes.
 */
export default async function FilePlanPage({ searchParams }: Props) {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("read", "FilePlan")) notFound();
  const q = await searchParams;
  const category = one(q.category) || undefined;
  const includeRetired = one(q.retired) === "true";
  const [labels, eventTypes, rules] = await Promise.all([listRetentionLabels(ctx, { category, includeRetired }), listRetentionEventTypes(ctx), listRetentionRules(ctx)]);
  const { canManage } = labels.permissions;
  // The new-rule form offers every live label; unfiltered, the list above is exactly that.
  const everyLabel = canManage && (category || includeRetired) ? (await listRetentionLabels(ctx, {})).items : labels.items;
  const added = labels.items.find((l) => l.id === one(q.added));
  const forms = canManage ? (await listForms(ctx)).items.map((f) => ({ key: f.key, title: f.title })) : [];
  const agencyName = ctx.actor.agency.name;
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / File plan
      </p>
      <h1>File plan</h1>
      <p>
        How long {agencyName} keeps its information, and what happens at the end. Periods are schedule data: confirm them against the current APP text before
        relying on them.
      </p>
      {added && (
        <div className="alert alert-info" role="status">
          Label {added.reference} &ldquo;{added.name}&rdquo; added to the file plan.
        </div>
      )}
      {canManage && (
        <p>
          <Link href="/records/labels/new" className="button">
            New label
          </Link>
        </p>
      )}

      <section aria-labelledby="labels-heading">
        <h2 id="labels-heading">Retention labels</h2>
        <form method="get" className="row" style={{ alignItems: "end", marginBottom: "1rem" }} aria-label="Filter the labels">
          <div className="field" style={{ flex: "0 1 20rem", marginBottom: 0 }}>
            <label htmlFor="filter-category">Category</label>
            <select id="filter-category" name="category" defaultValue={category ?? ""}>
              <option value="">All categories</option>
              {labels.categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox" style={{ marginBottom: 0 }}>
            <input type="checkbox" id="filter-retired" name="retired" value="true" defaultChecked={includeRetired} />
            <label htmlFor="filter-retired">Show retired labels</label>
          </div>
          <button type="submit" className="button button-secondary">
            Filter
          </button>
        </form>
        {labels.items.length === 0 ? (
          <div className="card empty">
            <p>{category ? `No labels in the category "${category}".` : `${agencyName}'s file plan has no labels yet.`}</p>
            {canManage && !category && <p>Add the first with New label.</p>}
          </div>
        ) : (
          <table data-testid="file-plan">
            <caption className="visually-hidden">Retention labels{category ? ` in ${category}` : ""}, by category and reference</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Period</th>
                <th scope="col">Trigger</th>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {labels.items.map((l) => (
                <tr key={l.id} data-testid={`label-${l.reference}`}>
                  <td>{l.reference}</td>
                  <td>
                    <Link href={`/records/labels/${l.id}`}>{l.name}</Link>
                    {l.retiredAt && <span className="badge"> Retired</span>}
                  </td>
                  <td>{l.category || <span className="meta">None</span>}</td>
                  <td>{l.periodText}</td>
                  <td>{triggerText(l)}</td>
                  <td>{actionText(l)}</td>
                  <td>{RECORD_KIND[l.recordKind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="event-types-heading">
        <h2 id="event-types-heading">Event types</h2>
        <p className="meta">An event starts the clocks of the labels it triggers for the items it is raised for; a computed one comes from the item itself.</p>
        {eventTypes.items.length === 0 ? (
          <div className="card empty">
            <p>No event types yet.</p>
          </div>
        ) : (
          <table>
            <caption className="visually-hidden">Event types, by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">How it happens</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {eventTypes.items.map((e) => (
                <tr key={e.id}>
                  <td>{e.name}</td>
                  <td>
                    <code>{e.key}</code>
                  </td>
                  <td>{e.computed ? "Computed from the subject's date of birth" : "Raised by a records manager"}</td>
                  <td>{e.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage && <NewEventTypeForm />}
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Labelling rules</h2>
        <p className="meta">New items a rule matches get its label. A rule for one form wins over a rule for every submission.</p>
        {rules.items.length === 0 ? (
          <div className="card empty">
            <p>No labelling rules yet.</p>
          </div>
        ) : (
          <table>
            <caption className="visually-hidden">Labelling rules</caption>
            <thead>
              <tr>
                <th scope="col">Items</th>
                <th scope="col">Label</th>
                {canManage && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {rules.items.map((r) => {
                const what = r.formKey ? `every ${forms.find((f) => f.key === r.formKey)?.title ?? r.formKey} submission` : `every ${r.itemType}`;
                return (
                  <tr key={r.id}>
                    <td>{what.charAt(0).toUpperCase() + what.slice(1)}</td>
                    <td>
                      <Link href={`/records/labels/${r.label.id}`}>
                        {r.label.reference} {r.label.name}
                      </Link>
                      {r.label.retiredAt && <span className="badge"> Retired</span>}
                    </td>
                    {canManage && (
                      <td>
                        <DeleteRuleButton ruleId={r.id} description={what} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {canManage && <NewRuleForm labels={everyLabel.map((l) => ({ id: l.id, reference: l.reference, name: l.name }))} forms={forms} />}
      </section>
    </>
  );
}
