import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listMyWork, type MyWorkItem } from "@/lib/boards/list-my-work";
import { MarkingBadge } from "../../ui/marking-badge";
import { formatDateTime } from "../../ui/format";

export const metadata = { title: "My work" };

type Props = { searchParams: Promise<{ sort?: string | string[] }> };

const SORTS = [
  { value: "due", label: "Due date" },
  { value: "updated", label: "Last updated" },
] as const;

/**
 * Every card assigned to the reader across their spaces, in three groups by due date (overdue,
 * due in the next 24 hours, later or none). The list is the policy's (lib/boards/list-my-work.ts):
 * a card assigned to them that they may no longer read is not shown, nor counted.
 */
export default async function MyWorkPage({ searchParams }: Props) {
  const { sort: rawSort } = await searchParams;
  // An unknown sort falls back to the default rather than failing the page.
  const sort = SORTS.find((s) => s.value === rawSort)?.value ?? "due";
  const ctx = await requireActorContext();
  const { items } = await listMyWork(ctx, { sort });
  const groups = [
    { id: "overdue", heading: "Overdue", cards: items.filter((c) => c.isOverdue) },
    { id: "due-soon", heading: "Due in the next 24 hours", cards: items.filter((c) => c.isDueSoon) },
    { id: "later", heading: "Later or no due date", cards: items.filter((c) => !c.isOverdue && !c.isDueSoon) },
  ];
  return (
    <>
      <h1>My work</h1>
      <p>The cards assigned to you on every board you can see.</p>
      <nav aria-label="Sort" className="meta">
        Sort by:{" "}
        {SORTS.map((s, i) => (
          <span key={s.value}>
            {i > 0 && " · "}
            {s.value === sort ? (
              <strong aria-current="true">{s.label}</strong>
            ) : (
              <Link href={`/my-work?sort=${s.value}`}>{s.label}</Link>
            )}
          </span>
        ))}
      </nav>
      {items.length === 0 ? (
        <div className="card empty">
          <p>Nothing is assigned to you.</p>
          <p>Cards assigned to you on a space&apos;s boards will appear here.</p>
        </div>
      ) : (
        groups.map((g) => (
          <section key={g.id} aria-labelledby={`my-work-${g.id}`}>
            <h2 id={`my-work-${g.id}`}>{g.heading}</h2>
            {g.cards.length === 0 ? <p className="meta">None.</p> : <CardList cards={g.cards} label={g.heading} />}
          </section>
        ))
      )}
    </>
  );
}

/** One group's cards, each linking to its board. */
function CardList({ cards, label }: { cards: MyWorkItem[]; label: string }) {
  return (
    <ul aria-label={label} style={{ listStyle: "none", padding: 0 }}>
      {cards.map((c) => (
        <li key={c.id} className="card" data-testid="my-work-card" style={{ marginBottom: "0.75rem" }}>
          <Link href={`/spaces/${c.spaceId}/boards/${c.boardId}`}>{c.title}</Link> <MarkingBadge marking={c.marking} rank={c.markingRank} />
          <br />
          <span className="meta">
            {c.spaceName} / {c.boardTitle} / {c.columnTitle} · {c.dueAt ? `Due ${formatDateTime(c.dueAt)}` : "No due date"}
            {c.labels.length > 0 && ` · ${c.labels.join(", ")}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
