import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { explainAccess, ZExplainAccess } from "@/lib/authz/explain-access";
import { listExplainChoices } from "@/lib/authz/list-explain-choices";
import { orNotFound } from "../../../ui/not-found-on-error";

export const metadata = { title: "Explain access" };

type Props = { searchParams: Promise<{ user?: string; document?: string }> };

/** "Can this person read this document, and why?" for agency administrators. */
export default async function ExplainPage({ searchParams }: Props) {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("explain", "User")) notFound();
  const { user, document } = await searchParams;
  const choices = await listExplainChoices(ctx);
  const parsed = ZExplainAccess.safeParse({ userId: user, documentId: document });
  const result = parsed.success ? await orNotFound(() => explainAccess(ctx, parsed.data)) : null;

  return (
    <>
      <h1>Explain access</h1>
      <p className="meta">Pick a person of {ctx.actor.agency.name} and one of its documents to see whether they can reach it, and why.</p>
      <form method="get" className="card row" style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: 1, minWidth: "14rem" }}>
          <label htmlFor="explain-user">Person</label>
          <select id="explain-user" name="user" defaultValue={user ?? ""} required>
            <option value="" disabled>
              Choose a person
            </option>
            {choices.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ flex: 2, minWidth: "18rem" }}>
          <label htmlFor="explain-document">Document</label>
          <select id="explain-document" name="document" defaultValue={document ?? ""} required>
            <option value="" disabled>
              Choose a document
            </option>
            {choices.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.spaceName}: {d.title} ({d.marking})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button className="button" type="submit">
            Explain
          </button>
        </div>
      </form>
      {result && (
        <section aria-labelledby="verdict" className="card" style={{ marginTop: "1rem" }}>
          <h2 id="verdict" data-testid="verdict">
            {result.person.name} {result.verdicts.read ? "can" : "cannot"} read “{result.document.title}”
          </h2>
          <ol className="stack" style={{ paddingLeft: "1.25rem" }}>
            {result.steps.map((s) => (
              <li key={s.check} data-testid="explain-step">
                <strong>{s.isMet ? "✓" : "✗"} {s.check}</strong>
                <span className="visually-hidden">{s.isMet ? " (met)" : " (not met)"}</span>: {s.detail}
              </li>
            ))}
          </ol>
          <p className="meta">
            Other actions:{" "}
            {(["update", "comment", "share", "remark", "delete"] as const).map((a) => `${a} ${result.verdicts[a] ? "allowed" : "denied"}`).join(", ")}.
          </p>
        </section>
      )}
    </>
  );
}
