import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { InvalidInputError } from "@/lib/errors";
import { listRecordItems, type RecordItemSummary } from "@/lib/records/list-record-items";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";
import { formatDate } from "../../../ui/format";

export const metadata = { title: "Labelled items" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATES = [
  ["retained", "Retained"],
  ["in_review", "In disposal review"],
  ["approved", "Approved for disposal"],
  ["restricted", "Restricted (DPA s.47)"],
] as const;
const ITEM_PATH = { document: "/documents/", file: null, submission: "/submissions/" } as const;

/**
 * The records manager's search (issue 8): the agency's labelled items by label, state and due
 * date, soonest due first, trimmed by the policy in SQL. For records managers only: for anyone
 * else the page does not exist.
 */
export default async function RecordItemsPage({ searchParams }: Props) {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("update", "FilePlan")) notFound();
  const raw = await searchParams;
  const one = (name: string) => {
    const v = raw[name];
    const text = Array.isArray(v) ? v[0] : v;
    return text ? text : undefined;
  };
  const filters = { labelId: one("labelId"), state: one("state") as RecordItemSummary["state"] | undefined, dueFrom: one("dueFrom"), dueTo: one("dueTo") };
  let items: RecordItemSummary[] = [];
  let error: string | null = null;
  try {
    items = (await listRecordItems(ctx, { ...filters, state: filters.state as "retained" | undefined })).items;
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    error = err.message;
  }
  const labels = (await listRetentionLabels(ctx, { includeRetired: true })).items;
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / Labelled items
      </p>
      <h1>Labelled items</h1>
      <form method="get" className="row" style={{ alignItems: "flex-end", gap: "1rem", flexWrap: "wrap" }} aria-label="Search labelled items">
        <div className="field">
          <label htmlFor="filter-label">Label</label>
          <select id="filter-label" name="labelId" defaultValue={filters.labelId ?? ""}>
            <option value="">Any label</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.reference} – {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-state">State</label>
          <select id="filter-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any state</option>
            {STATES.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-due-from">Due from</label>
          <input id="filter-due-from" type="date" name="dueFrom" defaultValue={filters.dueFrom ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-due-to">Due to</label>
          <input id="filter-due-to" type="date" name="dueTo" defaultValue={filters.dueTo ?? ""} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!error && items.length === 0 ? (
        <div className="card empty">
          <p>No labelled items match. Labels are applied on each item&apos;s page, by a space&apos;s default label, or by the file plan&apos;s rules.</p>
        </div>
      ) : (
        !error && (
          <table data-testid="record-items">
            <caption className="visually-hidden">Labelled items, soonest due first</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Space</th>
                <th scope="col">Label</th>
                <th scope="col">Subject</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const path = ITEM_PATH[i.itemType];
                return (
                  <tr key={i.id} data-testid="record-item-row">
                    <td>
                      {/* A restricted item is refused to everyone (DPA s.47): no link to a page that would be 404. */}
                      {path && i.state !== "restricted" ? <Link href={`${path}${i.itemId}`}>{i.title}</Link> : i.title}
                      <div className="meta">{i.itemType}</div>
                    </td>
                    <td>
                      <Link href={`/spaces/${i.space.id}`}>{i.space.name}</Link>
                    </td>
                    <td>
                      {i.label.reference} – {i.label.name}
                    </td>
                    <td>{i.subjectReference ?? <span className="meta">none</span>}</td>
                    <td>{i.dueOn ? formatDate(i.dueOn) : <span className="meta">waiting for its event</span>}</td>
                    <td>{STATES.find(([v]) => v === i.state)?.[1] ?? i.state}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )
      )}
    </>
  );
}
