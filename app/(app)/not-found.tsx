import Link from "next/link";

// The same generic title as the root not-found page's (for missing and hidden things alike).
export const metadata = { title: "Not found" };

/**
 * The signed-in "not found": shown inside the app shell's own <main> when a page calls notFound()
 * (something missing, or not the person's to see: nothing here reveals which). The root
 * app/not-found.tsx, which brings its own <main>, is for addresses outside the shell; using it
 * here nested a second <main id="main"> inside the shell's.
 */
export default function SignedInNotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is nothing at this address, or you do not have access to it.</p>
      <p>
        <Link href="/spaces">Go to your spaces</Link>
      </p>
    </>
  );
}
