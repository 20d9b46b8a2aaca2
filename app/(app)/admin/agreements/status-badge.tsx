/** An agreement's status as a badge; an active agreement that is not in force says why not at a glance. */
export function StatusBadge({ status, isInForce }: { status: string; isInForce: boolean }) {
  if (status === "active" && !isInForce) return <span className="badge badge-warning">active, not in force</span>;
  const tone = status === "active" ? "badge badge-ok" : status === "draft" ? "badge" : "badge badge-danger";
  return <span className={tone}>{status}</span>;
}
