"use client";
/**
 * A live region, and a place for focus to go, that outlive the row of a thing just deleted from a
 * list (a file, a template). Without it the confirmation and the focus would vanish with the row,
 * and a keyboard or screen-reader user would be left at the top of the page not knowing what
 * happened. Wrap the list in ListAnnouncer; a row's controls call useAnnounce()'s function, which
 * puts the message in the region and moves focus to the list's heading.
 */
import { createContext, useCallback, useContext, useState } from "react";

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce | null>(null);

/** The region and the focus target around a list (`headingId`: the list's heading, focusable with tabIndex -1). */
export function ListAnnouncer({ headingId, testId, children }: { headingId: string; testId: string; children: React.ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback(
    (text: string) => {
      setMessage(text);
      document.getElementById(headingId)?.focus();
    },
    [headingId],
  );
  return (
    <AnnounceContext.Provider value={announce}>
      {/* Always in the page, so that what is put in it later is announced. */}
      <div role="status" aria-live="polite" data-testid={testId}>
        {message && <p className="alert alert-info">{message}</p>}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}

/** The enclosing ListAnnouncer's announce function (null outside one). */
export function useAnnounce(): Announce | null {
  return useContext(AnnounceContext);
}
