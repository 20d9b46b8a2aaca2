import { ceilingLabel, RANKS, type Tier } from "@/policies/markings";

/** The deployment's classification banner, shown at the top and bottom of every page. */
export function MarkingBanner({ ceiling, position }: { ceiling: Tier; position: "top" | "bottom" }) {
  const label = ceilingLabel(ceiling);
  return (
    <div className="marking-banner" data-rank={RANKS[label]} role="note" aria-label={`Classification banner (${position})`}>
      {label}
      <small>Accord holds information up to {label}. Handle accordingly.</small>
    </div>
  );
}
