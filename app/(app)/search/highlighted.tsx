/**
 * A title or snippet from search, its matches in <mark>. The segments are plain text
 * (lib/search/snippet-segments.ts); React escapes them, so stored text never becomes markup.
 */
export function Highlighted({ segments }: { segments: { text: string; isMatch: boolean }[] }) {
  return (
    <>
      {segments.map((s, i) => (s.isMatch ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
