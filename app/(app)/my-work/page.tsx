import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listMyWork, type MyWorkItem } from "@/lib/boards/list-my-work";
import { describeRecurrence } from "@/lib/boards/describe-recurrence";
import { MarkingBadge } from "../../ui/marking-badge";
import { formatDateTime } from "../../ui/format";

export const metadata = { title: "My work" };

type Props = { searchParams: Promise<{ sort?: string | string[]; completed?: string | string[] }> };

const SORTS = [
  { value: "due", label: "Due date" },
  { value: "updated", label: "Last updated" },
] as const;

/** The page's address for a sort and whether completed cards are shown (plain links: no script needed). */
const hrefOf = (sort: string, isShowingCompleted: boolean) => `/my-work?sort=${sort}${isShowingCompleted ? "&completed=1" : ""}`;

/**
 * Every card assigned to the reader across their spaces, in three groups by due date (overdue,
 * due in the next 24 hours, later or none), and completed cards in a fourth when asked for
 * (`?completed=1`, a link, so it works without JavaScript). The list is the policy's
 * (lib/boards/list-my-work.ts): a card assigned to them that they may no longer read is not
 * shown, nor counted.
 */
export default async function MyWorkPage({ searchParams }: Props) {
  const { sort: rawSort, completed } = await searchParams;
  // An unknown sort falls back to the default rather than failing the page.
  const sort = SORTS.find((s) => s.value === rawSort)?.value ?? "due";
  const isShowingCompleted = completed === "1";
  const ctx = await requireActorContext();
  const { items } = await listMyWork(ctx, { sort, includeCompleted: isShowingCompleted });
  const open = items.filter((c) => !c.completedAt);
  const groups = [
    { id: "overdue", heading: "Overdue", cards: open.filter((c) => c.isOverdue) },
    { id: "due-soon", heading: "Due in the next 24 hours", cards: open.filter((c) => c.isDueSoon) },
    { id: "later", heading: "Later or no due date", cards: open.filter((c) => !c.isOverdue && !c.isDueSoon) },
    ...(isShowingCompleted ? [{ id: "completed", heading: "Completed", cards: items.filter((c) => c.completedAt) }] : []),
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
              <Link href={hrefOf(s.value, isShowingCompleted)}>{s.label}</Link>
            )}
          </span>
        ))}
      </nav>
      <p className="meta">
        {isShowingCompleted ? "Showing completed cards too. " : "Completed cards are hidden. "}
        <Link href={hrefOf(sort, !isShowingCompleted)} data-testid="my-work-completed-toggle">
          {isShowingCompleted ? "Hide completed" : "Show completed"}
        </Link>
      </p>
      {items.length === 0 ? (
        <div className="card empty">
          <p>{isShowingCompleted ? "Nothing is assigned to you." : "Nothing open is assigned to you."}</p>
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
            {c.spaceName} / {c.boardTitle} / {c.columnTitle} · {c.completedAt ? `Completed ${formatDateTime(c.completedAt)}` : c.dueAt ? `Due ${formatDateTime(c.dueAt)}` : "No due date"}
            {c.recurrence && ` · ${describeRecurrence(c.recurrence)}`}
            {c.labels.length > 0 && ` · ${c.labels.join(", ")}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
