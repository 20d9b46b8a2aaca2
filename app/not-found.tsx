import Link from "next/link";

export const metadata = { title: "Not found" };

/** One answer for "does not exist" and "not yours to see": nothing here reveals which. */
export default function NotFound() {
  return (
    <main id="main">
      <h1>Page not found</h1>
      <p>There is nothing at this address, or you do not have access to it.</p>
      <p>
        <Link href="/spaces">Go to your spaces</Link>
      </p>
    </main>
  );
}
