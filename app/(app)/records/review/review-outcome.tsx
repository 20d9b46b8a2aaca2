"use client";
import { createContext, useCallback, useContext, useMemo, useState } from "react";

/** What the last decision on the page came to: a sentence, and each item refused with its reason. */
export type ReviewOutcome = { text: string; refused: { title: string; message: string }[] };

type Announce = { progress: (text: string | null) => void; outcome: (outcome: ReviewOutcome | null) => void };

const OutcomeContext = createContext<Announce | null>(null);

/**
 * The review page's status line, above the queue. A decision usually takes its items out of the
 * queue, and the last one empties it: the page then draws "Nothing is waiting" instead of the
 * forms, unmounting them. Their answer ("4 items decided, 4 disposed of…") therefore lives here,
 * in a provider that wraps both the queue and its empty state, so it stays on the page (and is
 * announced) after the queue is redrawn. Before this, the bulk form's answer vanished with the
 * form whenever the queue emptied, and the last thing seen was "Deciding N items…".
 */
export function ReviewOutcomeProvider({ children }: { children: React.ReactNode }) {
  const [progress, setProgress] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const announceProgress = useCallback((text: string | null) => {
    setProgress(text);
    if (text) setOutcome(null);
  }, []);
  const value = useMemo(() => ({ progress: announceProgress, outcome: setOutcome }), [announceProgress]);
  return (
    <OutcomeContext.Provider value={value}>
      <div role="status" data-testid="review-outcome">
        {progress && <p>{progress}</p>}
        {outcome && (
          <div className="alert alert-info">
            <p>{outcome.text}</p>
            {outcome.refused.length > 0 && (
              <ul>
                {outcome.refused.map((r, i) => (
                  <li key={i}>
                    {r.title}: {r.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {children}
    </OutcomeContext.Provider>
  );
}

/** The page's status line, for a decision form inside ReviewOutcomeProvider. */
export function useReviewOutcome(): Announce {
  const announce = useContext(OutcomeContext);
  if (!announce) throw new Error("useReviewOutcome needs a ReviewOutcomeProvider above it");
  return announce;
}
