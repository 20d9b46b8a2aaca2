import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { env } from "@/lib/env";
import { visibleSections } from "@/policies/navigation";
import { VETTING_LABELS, isVettingLevel } from "@/policies/vetting";
import { MarkingBanner } from "../ui/marking-banner";
import { formatDate } from "../ui/format";
import { signOutAction } from "../signin/actions";
import { Nav } from "./nav";
import { NotificationBell } from "./notification-bell";
import { countUnreadNotifications } from "@/lib/notifications/count-unread-notifications";

export const dynamic = "force-dynamic";

/** The signed-in shell: banners, who is signed in, their vetting, navigation and the notification bell. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireActorContext();
  const { actor, ability } = ctx;
  // Counted on every page load; the bell refreshes it every minute (notification-bell.tsx).
  const unreadNotifications = await countUnreadNotifications(ctx);
  const { ceiling } = env();
  const v = actor.vetting;
  const vettingLabel = isVettingLevel(v.level) ? VETTING_LABELS[v.level] : "Unknown";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <MarkingBanner ceiling={ceiling} position="top" />
      <header className="app-header">
        <div className="app-header-inner">
          <Link href="/spaces" className="brand">
            Accord
          </Link>
          {/* Search is for everyone signed in: it only ever finds what the policy lets them read. */}
          <Nav items={[...visibleSections(ability).map(({ id, label, href }) => ({ id, label, href })), { id: "search", label: "Search", href: "/search" }]} />
          <NotificationBell initialCount={unreadNotifications} />
          <div className="who" data-testid="who">
            <strong>{actor.name}</strong>
            <span>{actor.agency.name}</span>
            <br />
            <span>
              Vetting: {vettingLabel}
              {v.isExpired && v.expiresOn ? (
                <span className="badge badge-danger" style={{ marginLeft: "0.4rem" }}>
                  expired {formatDate(v.expiresOn)}
                </span>
              ) : v.expiresOn ? (
                <> (until {formatDate(v.expiresOn)})</>
              ) : null}
            </span>
            <Link href="/settings/tokens" style={{ marginLeft: "0.75rem" }}>
              API tokens
            </Link>
            <form action={signOutAction} style={{ display: "inline", marginLeft: "0.75rem" }}>
              <button type="submit" className="button-link">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {v.isExpired && v.expiresOn && (
        <div className="alert alert-warning" role="status" style={{ maxWidth: "72rem", margin: "1rem auto 0", width: "calc(100% - 2rem)" }}>
          Your vetting expired on {formatDate(v.expiresOn)}. Until it is renewed you can see only OFFICIAL material. Contact your
          force vetting unit.
        </div>
      )}
      {/* Focusable (but not a Tab stop) so that the skip link moves keyboard focus here. */}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <MarkingBanner ceiling={ceiling} position="bottom" />
    </>
  );
}
