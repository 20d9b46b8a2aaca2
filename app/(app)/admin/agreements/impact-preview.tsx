import type { AgreementImpact, ImpactPerson } from "@/lib/agreements/preview-agreement-impact";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
const spacesWord = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

function PersonList({ label, list }: { label: string; list: ImpactPerson[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <p style={{ margin: "0.5rem 0 0.25rem", fontWeight: 600 }}>{label}</p>
      <ul style={{ margin: 0 }}>
        {list.map((p) => (
          <li key={p.userId}>
            {p.name} <span className="meta">({p.agencyName}, {p.role})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What a change to an agreement would do: the change itself, then each space and who would lose or regain access. */
export function ImpactPreview({ impact }: { impact: AgreementImpact }) {
  const spaceCount = impact.spaces.length + impact.otherSpaces.count;
  const summary =
    spaceCount === 0
      ? `No space runs under ${impact.reference}, so nobody's access changes.`
      : [
          `${spacesWord(spaceCount)} ${spaceCount === 1 ? "runs" : "run"} under ${impact.reference}.`,
          impact.losingCount > 0 ? `${people(impact.losingCount)} would lose access.` : "Nobody would lose access.",
          impact.regainingCount > 0 ? `${people(impact.regainingCount)} would regain access.` : "",
        ]
          .filter(Boolean)
          .join(" ");
  return (
    <div data-testid="impact-preview">
      {impact.changes.length > 0 ? (
        <ul data-testid="impact-changes">
          {impact.changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p>These changes do not affect who may see what.</p>
      )}
      <p data-testid="impact-summary">
        <strong>{summary}</strong>
      </p>
      {impact.spaces.length > 0 && (
        <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {impact.spaces.map((s) => (
            <li key={s.id} className="card" data-testid="impact-space" style={{ marginBottom: "0.5rem", padding: "0.75rem 1rem" }}>
              <h4 style={{ margin: 0 }}>
                {s.name} <span className="meta">({s.ownerAgencyName}{s.status !== "active" ? `, ${s.status}` : ""})</span>
              </h4>
              <PersonList label="Would lose access:" list={s.losing} />
              <PersonList label="Would regain access:" list={s.regaining} />
              {s.losing.length === 0 && s.regaining.length === 0 && <p style={{ margin: "0.25rem 0 0" }}>Nobody here gains or loses access.</p>}
              {s.documentsNoLongerShared > 0 && (
                <p style={{ margin: "0.25rem 0 0" }}>
                  {s.documentsNoLongerShared} {s.documentsNoLongerShared === 1 ? "document" : "documents"} here would no longer be shared with partner
                  agencies under {impact.reference}.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {impact.otherSpaces.count > 0 && (
        <p className="meta">
          {spacesWord(impact.otherSpaces.count)} of other agencies that you cannot see {impact.otherSpaces.count === 1 ? "runs" : "run"} under{" "}
          {impact.reference}: there {impact.otherSpaces.losingCount === 1 ? "is" : "are"} {people(impact.otherSpaces.losingCount)} in them who would lose access
          {impact.otherSpaces.regainingCount > 0 ? ` and ${people(impact.otherSpaces.regainingCount)} who would regain it` : ""}.
        </p>
      )}
    </div>
  );
}
