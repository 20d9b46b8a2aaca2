"use client";

/**
 * The card dialog's links: the documents, files and form submissions of the card's space it
 * points at (each shown only when the viewer may open it: the server trims them), and, for those
 * who may edit the card, a choice of the space's documents, files and submissions they may read
 * (the same permission-trimmed lists as the space page; the submissions come with the page, from
 * lib/submissions/list-space-submissions.ts, as there is no API list of a space's submissions) to
 * link, and a Remove button per link. Links do not change the card's version, so linking while
 * the dialog is open never makes its other edits stale. The server decides every link again; its
 * refusal is shown as it is.
 */
import { useEffect, useId, useState } from "react";
import type { CardLinkKind, CardLinkView, CardView } from "@/lib/boards/card-view";
import { callJsonApi, PLAIN_FALLBACKS } from "../../../../../ui/call-api";

type Target = { kind: CardLinkKind; id: string; title: string; marking: string };

/** A submission of the space the viewer may read, as the link picker offers it (its title as a link to it would show). */
export type LinkableSubmission = { id: string; title: string; marking: string };

/** Where a link goes: the document's page, the file's download, the submission's page. */
function hrefOf(l: CardLinkView): string {
  if (l.kind === "document") return `/documents/${l.targetId}`;
  if (l.kind === "submission") return `/submissions/${l.targetId}`;
  return `/api/v1/files/${l.targetId}/content`;
}

const GROUPS: { kind: CardLinkKind; label: string }[] = [
  { kind: "document", label: "Documents" },
  { kind: "file", label: "Files" },
  { kind: "submission", label: "Form submissions" },
];

export function CardLinks({ card, spaceId, canEdit, submissions }: { card: CardView; spaceId: string; canEdit: boolean; submissions: LinkableSubmission[] }) {
  const id = useId();
  const [links, setLinks] = useState<CardLinkView[]>(card.links);
  // The documents and files, fetched; the submissions came with the page.
  const [fetched, setFetched] = useState<Target[] | null>(null);
  const targets: Target[] | null = fetched && [...fetched, ...submissions.map((x) => ({ kind: "submission" as const, id: x.id, title: x.title, marking: x.marking }))];
  const [chosen, setChosen] = useState("");
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  // What may be linked: loaded once, only for someone who may link.
  useEffect(() => {
    if (!canEdit) return;
    let isCurrent = true;
    void (async () => {
      const [docs, files] = await Promise.all([
        callJsonApi<{ items: { id: string; title: string; marking: string }[] }>(`/documents?spaceId=${spaceId}&limit=100`, "GET", undefined, PLAIN_FALLBACKS),
        callJsonApi<{ items: { id: string; name: string; marking: string }[] }>(`/spaces/${spaceId}/files?limit=100`, "GET", undefined, PLAIN_FALLBACKS),
      ]);
      if (!isCurrent) return;
      setFetched([
        ...(docs.ok ? docs.data.items.map((d) => ({ kind: "document" as const, id: d.id, title: d.title, marking: d.marking })) : []),
        ...(files.ok ? files.data.items.map((f) => ({ kind: "file" as const, id: f.id, title: f.name, marking: f.marking })) : []),
      ]);
    })();
    return () => {
      isCurrent = false;
    };
  }, [canEdit, spaceId]);

  const linked = new Set(links.map((l) => `${l.kind}:${l.targetId}`));
  const choices = (targets ?? []).filter((t) => !linked.has(`${t.kind}:${t.id}`));

  const link = async () => {
    const target = choices.find((t) => `${t.kind}:${t.id}` === chosen);
    if (!target) {
      setError("Choose a document, file or form submission to link.");
      return;
    }
    setBusy(true);
    setError(null);
    const body = target.kind === "document" ? { documentId: target.id } : target.kind === "file" ? { fileId: target.id } : { submissionId: target.id };
    const result = await callJsonApi<CardView>(`/cards/${card.id}/links`, "POST", body, PLAIN_FALLBACKS);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setLinks(result.data.links);
    setChosen("");
    setStatus(`Linked "${target.title}".`);
  };

  const unlink = async (l: CardLinkView) => {
    setBusy(true);
    setError(null);
    const result = await callJsonApi<CardView>(`/cards/${card.id}/links/${l.id}`, "DELETE", undefined, PLAIN_FALLBACKS);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setLinks(result.data.links);
    setStatus(`Removed the link to "${l.title}".`);
  };

  if (!canEdit && links.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Linked documents, files and forms</h3>
      {links.length === 0 ? (
        <p className="meta">Nothing linked yet.</p>
      ) : (
        <ul aria-labelledby={`${id}-heading`}>
          {links.map((l) => (
            <li key={l.id}>
              <a href={hrefOf(l)}>{l.title}</a>
              {l.kind === "file" && <span className="meta"> (file)</span>}
              {l.kind === "submission" && <span className="meta"> (form)</span>}
              {canEdit && (
                <>
                  {" "}
                  <button type="button" className="button-link" disabled={isBusy} onClick={() => void unlink(l)}>
                    Remove<span className="visually-hidden"> the link to {l.title}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="row" style={{ alignItems: "flex-end" }}>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor={`${id}-target`}>Link a document, file or form of this space</label>
            <select id={`${id}-target`} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={targets === null} aria-describedby={error ? `${id}-error` : undefined}>
              <option value="">{targets === null ? "Loading…" : choices.length === 0 ? "Nothing else to link" : "Choose…"}</option>
              {GROUPS.filter((g) => choices.some((t) => t.kind === g.kind)).map((g) => (
                <optgroup key={g.kind} label={g.label}>
                  {choices
                    .filter((t) => t.kind === g.kind)
                    .map((t) => (
                      <option key={t.id} value={`${t.kind}:${t.id}`}>
                        {t.title} ({t.marking})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="button" className="button button-secondary" disabled={isBusy || !chosen} onClick={() => void link()}>
            Link
          </button>
        </div>
      )}
      <div role="status" aria-live="polite" className="meta">
        {status}
      </div>
      {error && (
        <p className="alert" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </section>
  );
}
