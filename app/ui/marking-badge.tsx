/** A marking shown as people read it, coloured by its rank. */
export function MarkingBadge({ marking, rank }: { marking: string; rank: number }) {
  return (
    <span className="badge badge-marking" data-rank={rank}>
      {marking}
    </span>
  );
}
