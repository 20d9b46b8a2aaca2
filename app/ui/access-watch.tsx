"use client";
/**
 * Revocation in open pages. Access is decided on every request, but a page already on screen was
 * rendered under the old decision: someone removed from a space, or whose partner agreement was
 * suspended, would go on seeing it until they navigated. This asks the API every few seconds
 * whether the thing is still the person's to see (404: it is not; 401: they are signed out) and
 * then replaces the page's content with a notice.
 *
 * Polling stops while the page is hidden, and after a spell without any interaction: each poll is a
 * request, and requests keep the session alive, so an unattended screen must not hold a session
 * open past its idle timeout for ever. It resumes on focus, visibility or interaction.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

const POLL_MS = 5_000;
/** Stop polling this long after the last interaction (well inside the session idle timeout). */
const IDLE_STOP_MS = 10 * 60_000;

type State = "available" | "gone" | "signed-out";

/** Wraps a page's content; `url` is the API address of the thing the page shows. */
export function AccessWatch({ url, what, children }: { url: string; what: "space" | "document" | "board"; children: React.ReactNode }) {
  const [state, setState] = useState<State>("available");
  const noticeRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isStopped = false;
    let isChecking = false;
    let lastInteraction = Date.now();

    const isWatching = () => !isStopped && document.visibilityState === "visible" && Date.now() - lastInteraction < IDLE_STOP_MS;

    const schedule = () => {
      clearTimeout(timer);
      timer = undefined;
      if (isWatching()) timer = setTimeout(check, POLL_MS);
    };

    async function check() {
      if (isStopped || isChecking) return;
      isChecking = true;
      try {
        const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers: { accept: "application/json" } });
        if (response.status === 404 || response.status === 401) {
          isStopped = true;
          setState(response.status === 404 ? "gone" : "signed-out");
          return;
        }
      } catch {
        // Offline or the server restarting: try again at the next tick.
      } finally {
        isChecking = false;
      }
      schedule();
    }

    const resume = () => {
      if (!isWatching()) {
        clearTimeout(timer);
        timer = undefined;
        return;
      }
      clearTimeout(timer);
      void check();
    };
    const onInteraction = () => {
      const wasIdle = timer === undefined && !isChecking;
      lastInteraction = Date.now();
      if (wasIdle) resume();
    };

    document.addEventListener("visibilitychange", resume);
    window.addEventListener("focus", resume);
    for (const type of ["pointerdown", "keydown", "scroll"] as const) window.addEventListener(type, onInteraction, { passive: true });
    schedule();
    return () => {
      isStopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", resume);
      window.removeEventListener("focus", resume);
      for (const type of ["pointerdown", "keydown", "scroll"] as const) window.removeEventListener(type, onInteraction);
    };
  }, [url]);

  useEffect(() => {
    if (state !== "available") noticeRef.current?.focus();
  }, [state]);

  if (state === "available") return <>{children}</>;
  return (
    <div className="card" data-testid="access-gone">
      <h1 ref={noticeRef} tabIndex={-1}>
        {state === "gone" ? "No longer available" : "Signed out"}
      </h1>
      <div className="alert" role="alert">
        {state === "gone" ? `This ${what} is no longer available to you.` : "Your session has ended, so this page is no longer shown."}
      </div>
      <p>
        {state === "gone" ? (
          <>
            Your access may have been removed or may have ended. <Link href="/spaces">Go to your spaces</Link>
          </>
        ) : (
          <Link href="/signin">Sign in again</Link>
        )}
      </p>
    </div>
  );
}
