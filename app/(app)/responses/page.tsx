import { requireActorContext } from "@/lib/auth/get-actor";
import { listResponseTemplates } from "@/lib/responses/list-response-templates";
import { describeOffset } from "@/lib/responses/response-template";
import { LibraryAnnouncer, TemplateActions } from "./template-actions";

export const metadata = { title: "Pre-planned responses" };

/** The key offered for a copy: the source's own, unless the agency already holds it (then the first free "-2", "-3", …). */
function suggestedKey(key: string, taken: Set<string>): string {
  if (!taken.has(key)) return key;
  for (let n = 2; ; n += 1) {
    const candidate = `${key.slice(0, 64 - `-${n}`.length)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The pre-planned response library: the national templates and the reader's own agency's local
 * ones (the list is filtered by the policy in SQL), each with its columns and cards, what every
 * card asks, what it needs and when it falls due relative to the start. Starting one is done from
 * a space's Boards section, where the board will live. Those the policy lets manage the agency's
 * templates (its administrators and supervisors) may copy any template into it, and edit or
 * delete its local ones; the buttons appear only for them (the API decides again).
 */
export default async function ResponsesPage() {
  const ctx = await requireActorContext();
  const { items, permissions } = await listResponseTemplates(ctx);
  const localKeys = new Set(items.filter((t) => t.scope === "agency").map((t) => t.key));
  const agencyName = ctx.actor.agency.name;
  return (
    <LibraryAnnouncer headingId="responses-heading">
      <h1 id="responses-heading" tabIndex={-1}>
        Pre-planned responses
      </h1>
      <p>
        Templates of a board&apos;s columns and cards, with the prescribed actions, resources, reference material and due times relative to the moment a response starts.
        To start one, open a space and use <strong>Start a pre-planned response</strong> in its Boards section.
      </p>
      <p className="meta">
        National templates are the same for every agency and cannot be changed here. Local templates belong to {agencyName} alone
        {permissions.canCreate ? ": you can copy any template into its library and adapt the copy." : "; its administrators and supervisors maintain them."}
      </p>
      {items.length === 0 ? (
        <div className="card empty">
          <p>No templates yet.</p>
          <p>National templates come with Accord; your agency&apos;s local templates will appear here too.</p>
        </div>
      ) : (
        <ul className="grid" aria-label="Templates" style={{ listStyle: "none", padding: 0, display: "block" }}>
          {items.map((t) => {
            const headingId = `template-${t.id}`;
            const cardTotal = t.content.columns.reduce((n, c) => n + c.cards.length, 0);
            return (
              <li key={t.id} style={{ marginBottom: "1.5rem" }}>
                <article className="card" aria-labelledby={headingId} data-testid="response-template">
                  <h2 id={headingId}>{t.title}</h2>
                  <p className="meta">
                    <span className={t.scope === "national" ? "badge" : "badge badge-ok"} data-testid="template-scope">
                      {t.scope === "national" ? "National template" : `Local template of ${agencyName}`}
                    </span>{" "}
                    · {t.content.columns.length} columns · {cardTotal} cards
                  </p>
                  <p>{t.summary}</p>
                  <TemplateActions
                    template={{ id: t.id, title: t.title, key: t.key, scope: t.scope }}
                    canCopy={permissions.canCreate}
                    canUpdate={t.permissions.canUpdate}
                    canDelete={t.permissions.canDelete}
                    suggestedKey={suggestedKey(t.key, localKeys)}
                    agencyName={agencyName}
                  />
                  {t.content.reference && <p className="meta">Reference: {t.content.reference}</p>}
                  {t.content.columns.map((column, i) => (
                    <section key={i} aria-label={`${t.title}: ${column.title}`}>
                      <h3>{column.title}</h3>
                      {column.cards.length === 0 ? (
                        <p className="meta">No cards: cards are moved here as the work is done.</p>
                      ) : (
                        <ul>
                          {column.cards.map((card, j) => (
                            <li key={j} style={{ marginBottom: "0.75rem" }}>
                              <strong>{card.title}</strong>{" "}
                              <span className="meta">
                                (starts {describeOffset(card.startOffsetMinutes)}; due {describeOffset(card.dueOffsetMinutes)})
                              </span>
                              <br />
                              {card.action}
                              {card.resources.length > 0 && (
                                <>
                                  <br />
                                  <span className="meta">Resources: {card.resources.join(", ")}</span>
                                </>
                              )}
                              {card.reference && (
                                <>
                                  <br />
                                  <span className="meta">Reference: {card.reference}</span>
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </section>
                  ))}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </LibraryAnnouncer>
  );
}
