"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi } from "../../../../ui/call-api";

type Item = { itemType: "document" | "file" | "submission"; itemId: string; title: string; marking: string; createdAt: string; isHeld: boolean };

type Props = { holdId: string; space: { id: string; name: string; isHeld: boolean }; items: Item[] };

const TYPE_NAMES = { document: "Document", file: "File", submission: "Form submission" } as const;

/**
 * Adds the ticked items of one space, or the whole space, to a standing hold (POST
 * /api/v1/holds/{holdId}/scopes). What the hold already covers is shown ticked and cannot be
 * unticked here: a hold only grows until it is released, with its reason.
 */
export function AddHoldItemsForm({ holdId, space, items }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = form.getAll("item").map(String);
    const wholeSpace = form.get("wholeSpace") === "on";
    if (chosen.length === 0 && !wholeSpace) {
      setError("Choose the items to hold, or the whole space");
      return;
    }
    setPending(true);
    const result = await callJsonApi(`/holds/${holdId}/scopes`, "POST", {
      spaceIds: wholeSpace ? [space.id] : [],
      items: chosen.map((value) => {
        const [itemType, itemId] = value.split(":");
        return { itemType, itemId };
      }),
    });
    setPending(false);
    if (!result.ok) {
      setError(result.error.issues?.[0]?.message ?? result.error.message);
      return;
    }
    setError(null);
    setAdded(wholeSpace ? `${space.name} is now under this hold.` : `${chosen.length} ${chosen.length === 1 ? "item" : "items"} of ${space.name} added to this hold.`);
    router.refresh();
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Add items of ${space.name} to the hold`} className="card">
      <h3>Items of {space.name}</h3>
      <div className="field">
        <input type="checkbox" id="hold-whole-space" name="wholeSpace" defaultChecked={space.isHeld} disabled={space.isHeld} /> <label htmlFor="hold-whole-space">The whole space: everything in it, now and later{space.isHeld ? " (already held)" : ""}</label>
      </div>
      {items.length === 0 ? (
        <p className="meta">This space holds no documents, files or form submissions you may see.</p>
      ) : (
        <fieldset>
          <legend>Single items</legend>
          <ul className="feed">
            {items.map((item) => {
              const id = `hold-item-${item.itemId}`;
              return (
                <li key={item.itemId}>
                  <input type="checkbox" id={id} name="item" value={`${item.itemType}:${item.itemId}`} defaultChecked={item.isHeld} disabled={item.isHeld} />{" "}
                  <label htmlFor={id}>
                    {TYPE_NAMES[item.itemType]}: {item.title} <span className="meta">({item.marking}{item.isHeld ? ", already held" : ""})</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {error && (
        <p className="error-text" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </p>
      )}
      <p role="status" className={added ? "alert alert-info" : "visually-hidden"}>
        {added}
      </p>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Adding…" : "Add to the hold"}
      </button>
    </form>
  );
}
