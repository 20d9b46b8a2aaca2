"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { CandidateRow } from "@/lib/spaces/search-space-candidates";
import { formatDate } from "../../../ui/format";
import { addSpaceMemberAction, searchSpaceCandidatesAction } from "./actions";

const ROLE_LABELS: Record<string, string> = { owner: "Owner", member: "Member", reader: "Reader", guest: "Partner guest" };
const SEARCH_DELAY_MS = 300;

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * The owner's "Add people" dialog: a search (debounced) among the people the owner may consider,
 * each either with the roles they can have and an Add button, or with the reason they cannot be
 * added. The server decides both (searchSpaceCandidates, addSpaceMember); this only shows them.
 */
export function AddPeopleDialog({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const searchId = useId();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<CandidateRow[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [isSearching, setSearching] = useState(false);
  // What happened to each person the owner tried to add, by user id.
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const latestSearch = useRef(0);

  useEffect(() => {
    if (!isOpen) return;
    const id = ++latestSearch.current;
    const timer = setTimeout(async () => {
      const result = await searchSpaceCandidatesAction({ spaceId, query }).catch(() => null);
      // A slower, older search must not overwrite the answer to what is typed now.
      if (id !== latestSearch.current) return;
      setSearching(false);
      if (result?.ok) {
        setResults(result.data);
        setSearchError(null);
      } else {
        setResults(null);
        setSearchError(result ? result.error.message : "The search failed. Try again.");
      }
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [isOpen, query, spaceId]);

  function open() {
    setQuery("");
    setResults(null);
    setOutcomes({});
    setSearching(true);
    setOpen(true);
    dialogRef.current?.showModal();
    searchRef.current?.focus();
  }

  async function add(person: CandidateRow, form: FormData) {
    const role = String(form.get("role") ?? "");
    const expiresOn = role === "guest" ? String(form.get("expiresOn") ?? "") : undefined;
    const result = await addSpaceMemberAction({ spaceId, userId: person.userId, role, expiresOn }).catch(() => null);
    setOutcomes((o) => ({
      ...o,
      [person.userId]: !result
        ? { ok: false, message: "Something went wrong. Try again." }
        : result.ok
          ? { ok: true, message: `Added ${person.name} as ${ROLE_LABELS[result.data.role]?.toLowerCase() ?? result.data.role}${result.data.expiresAt ? ` until ${formatDate(result.data.expiresAt.slice(0, 10))}` : ""}.` }
          : { ok: false, message: result.error.message },
    }));
  }

  const count = results?.length ?? 0;
  return (
    <>
      <button type="button" ref={triggerRef} className="button" onClick={open} aria-haspopup="dialog">
        Add people
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          triggerRef.current?.focus();
        }}
      >
        <div className="section-heading" style={{ marginTop: 0 }}>
          <h2 id={titleId}>Add people to {spaceName}</h2>
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Close
          </button>
        </div>
        <div className="field">
          <label htmlFor={searchId}>Search by name or e-mail address</label>
          <p className="hint" id={`${searchId}-hint`}>
            People of your agency, and of partner agencies under this space&apos;s agreements. Type a full e-mail address to find out why
            someone else cannot be added.
          </p>
          <input
            ref={searchRef}
            id={searchId}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setSearching(true);
            }}
            aria-describedby={`${searchId}-hint`}
            aria-controls={`${searchId}-results`}
          />
        </div>
        <p role="status" aria-live="polite" className="meta">
          {isSearching ? "Searching…" : results ? (count === 0 ? "No one found." : `${count} ${count === 1 ? "person" : "people"} found.`) : ""}
        </p>
        {searchError && (
          <div className="alert" role="alert">
            {searchError}
          </div>
        )}
        <ul className="candidates" id={`${searchId}-results`} aria-label="People found">
          {results?.map((person) => (
            <Candidate key={person.userId} person={person} outcome={outcomes[person.userId]} onAdd={add} />
          ))}
        </ul>
      </dialog>
    </>
  );
}

/** One person in the results: how they can be added, or why they cannot. */
function Candidate({ person, outcome, onAdd }: { person: CandidateRow; outcome: Outcome | undefined; onAdd: (p: CandidateRow, form: FormData) => Promise<void> }) {
  // Least privilege first: "member" where it is offered, not "owner".
  const [role, setRole] = useState<string>(person.roles.includes("member") ? "member" : (person.roles[0] ?? ""));
  const [isAdding, setAdding] = useState(false);
  const id = useId();
  const isAdded = outcome?.ok === true;
  return (
    <li data-testid="candidate">
      <strong>{person.name}</strong>
      <div className="meta">
        {person.agencyName} · {person.email}
      </div>
      {!person.isEligible ? (
        <p className="unavailable" style={{ margin: "0.25rem 0 0" }}>
          Cannot be added: {person.reason}
        </p>
      ) : isAdded ? null : (
        <form
          className="row"
          style={{ marginTop: "0.5rem", alignItems: "flex-end" }}
          onSubmit={async (e) => {
            e.preventDefault();
            setAdding(true);
            await onAdd(person, new FormData(e.currentTarget));
            setAdding(false);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-role`}>
              Role<span className="visually-hidden"> for {person.name}</span>
            </label>
            <select id={`${id}-role`} name="role" value={role} onChange={(e) => setRole(e.target.value)}>
              {person.roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r] ?? r}
                </option>
              ))}
            </select>
          </div>
          {role === "guest" && (
            <div className="field">
              <label htmlFor={`${id}-expires`}>
                Access ends<span className="visually-hidden"> for {person.name}</span>
              </label>
              <input id={`${id}-expires`} name="expiresOn" type="date" defaultValue={person.latestExpiry ?? ""} max={person.latestExpiry ?? undefined} required />
            </div>
          )}
          <button type="submit" className="button" disabled={isAdding}>
            Add<span className="visually-hidden"> {person.name}</span>
          </button>
        </form>
      )}
      {person.isEligible && role === "guest" && person.agreementReference && !isAdded && (
        <p className="hint" style={{ margin: "0.25rem 0 0" }}>
          As a partner guest under {person.agreementReference}, {person.latestExpiry ? `until ${formatDate(person.latestExpiry)} at the latest` : "until the end date you choose"}.
        </p>
      )}
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "meta" : "error-text"} style={{ margin: "0.25rem 0 0" }}>
          {outcome.message}
        </p>
      )}
    </li>
  );
}
