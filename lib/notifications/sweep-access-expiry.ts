/**
 * Access about to end (issue 10): part of the reminder sweep. A person is told, once, some days
 * before (ACCESS_EXPIRY_NOTICE_DAYS) any of these ends for them:
 *  - their membership of a space (a guest's expiry, space_members.expires_at);
 *  - an information sharing agreement that a space they are a guest of runs under, and that
 *    names their agency: its end date or its review date, whichever comes first (partner access
 *    ends at either: policies/agreements.ts);
 *  - their own vetting (users.vetting_expires_on, its last valid day: expired vetting counts as
 *    none).
 * Each is keyed by what ends and when (the key names the space, agreement or person and the
 * date), so sweeping again tells nobody twice, and an expiry moved to another date tells again.
 *
 * Work done with no signed-in actor is authorized for the person it is for (ASVS v5.0.0-8.3.3):
 * for a space or an agreement, only someone who may see the space now (their ability built from
 * the database as their own request would be) is told; people who cannot sign in are not told at
 * all. The notification holds no content; the list names the space only while they may see it.
 * Whoever turned the kind off in the app is left out in SQL (see sweep-card-reminders.ts).
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { can } from "@/policies/authorize";
import { dayOf } from "@/policies/agreements";
import type { AppAbility } from "@/policies/ability";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notifyPeople, type NotifyPersonInput } from "./notify-people";
import { loadAbilities } from "./sweep-card-reminders";

/** How many days ahead a person is told that their access ends. */
export const ACCESS_EXPIRY_NOTICE_DAYS = 7;
/** The most notifications one sweep stores of each source; the rest wait for the next sweep. */
export const ACCESS_SWEEP_MAX = 2_000;

export type AccessExpirySweepResult = { memberships: number; agreements: number; vetting: number; skipped: number; hasMore: boolean };

const DAY_MS = 86_400_000;

/** Whoever turned "access-expiring" off in the app (for the person column given). */
const inAppOn = (userColumn: string) =>
  sql.raw(`NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = ${userColumn} AND p.kind = 'access-expiring' AND NOT p.in_app)`);
const notYetTold = (userColumn: string, key: ReturnType<typeof sql>) =>
  sql`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.recipient_id = ${sql.raw(userColumn)} AND n.dedupe_key = ${key})`;

/** Stores the access-expiring notifications not yet stored; returns what it did. */
export async function sweepAccessExpiry(ctx: Ctx, input: { noticeDays?: number; max?: number } = {}): Promise<AccessExpirySweepResult> {
  const days = input.noticeDays ?? ACCESS_EXPIRY_NOTICE_DAYS;
  const max = input.max ?? ACCESS_SWEEP_MAX;
  const now = ctx.now.toISOString();
  const horizon = new Date(ctx.now.getTime() + days * DAY_MS).toISOString();
  const today = dayOf(ctx.now);
  const lastDay = dayOf(new Date(ctx.now.getTime() + days * DAY_MS));

  // Keys are computed in SQL, so that the key skipped on and the key stored are one expression.
  const membershipKey = sql`('access-expiring:space:' || m.space_id::text || ':' || to_char(m.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  const memberships = rowsOf<{ user_id: string; space_id: string; owner_agency_id: string; key: string }>(
    await ctx.db.execute(sql`
      SELECT m.user_id, m.space_id, s.owner_agency_id, ${membershipKey} AS key
      FROM space_members m JOIN spaces s ON s.id = m.space_id JOIN users u ON u.id = m.user_id
      WHERE m.expires_at > ${now}::timestamptz AND m.expires_at <= ${horizon}::timestamptz
        AND s.status <> 'archived' AND u.status = 'active'
        AND ${inAppOn("m.user_id")} AND ${notYetTold("m.user_id", membershipKey)}
      ORDER BY m.expires_at, m.space_id, m.user_id
      LIMIT ${max + 1}`),
  );

  // An agreement's last day of sharing: the earlier of its end and its review date.
  const agreementEnd = sql`LEAST(COALESCE(a.review_on, a.ends_on), COALESCE(a.ends_on, a.review_on))`;
  const agreementKey = sql`('access-expiring:agreement:' || a.id::text || ':' || sa.space_id::text || ':' || to_char(${agreementEnd}, 'YYYY-MM-DD'))`;
  const agreementRows = rowsOf<{ user_id: string; space_id: string; owner_agency_id: string; agreement_id: string; key: string }>(
    await ctx.db.execute(sql`
      SELECT m.user_id, m.space_id, s.owner_agency_id, a.id AS agreement_id, ${agreementKey} AS key
      FROM agreements a
      JOIN space_agreements sa ON sa.agreement_id = a.id
      JOIN spaces s ON s.id = sa.space_id
      JOIN space_members m ON m.space_id = sa.space_id AND m.role = 'guest'
      JOIN users u ON u.id = m.user_id
      WHERE a.status = 'active' AND ${agreementEnd} IS NOT NULL
        AND ${agreementEnd} >= ${today}::date AND ${agreementEnd} <= ${lastDay}::date
        AND EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = a.id AND ap.agency_id = u.agency_id)
        AND u.agency_id <> s.owner_agency_id AND s.status <> 'archived' AND u.status = 'active'
        AND ${inAppOn("m.user_id")} AND ${notYetTold("m.user_id", agreementKey)}
      ORDER BY ${agreementEnd}, a.id, sa.space_id, m.user_id
      LIMIT ${max + 1}`),
  );

  const vettingKey = sql`('access-expiring:vetting:' || to_char(u.vetting_expires_on, 'YYYY-MM-DD'))`;
  const vettingRows = rowsOf<{ user_id: string; key: string }>(
    await ctx.db.execute(sql`
      SELECT u.id AS user_id, ${vettingKey} AS key
      FROM users u JOIN agencies g ON g.id = u.agency_id
      WHERE u.vetting_expires_on >= ${today}::date AND u.vetting_expires_on <= ${lastDay}::date
        AND u.vetting_level <> 'NONE' AND u.status = 'active' AND g.status = 'active'
        AND ${inAppOn("u.id")} AND ${notYetTold("u.id", vettingKey)}
      ORDER BY u.vetting_expires_on, u.id
      LIMIT ${max + 1}`),
  );

  const hasMore = memberships.length > max || agreementRows.length > max || vettingRows.length > max;
  const spaceRows = [...memberships.slice(0, max), ...agreementRows.slice(0, max)];
  const abilities = new Map<string, AppAbility | null>();
  await loadAbilities(ctx, abilities, spaceRows.map((r) => r.user_id));
  let skipped = 0;
  const maySee = (r: { user_id: string; space_id: string; owner_agency_id: string }) => {
    const ability = abilities.get(r.user_id) ?? null;
    const isVisible = ability !== null && can(ability, "read", "Space", { id: r.space_id, ownerAgencyId: r.owner_agency_id });
    if (!isVisible) skipped++;
    return isVisible;
  };
  const due: NotifyPersonInput[] = [
    ...memberships
      .slice(0, max)
      .filter(maySee)
      .map((r) => ({ recipientId: r.user_id, kind: "access-expiring" as const, spaceId: r.space_id, subjectType: "space" as const, subjectId: r.space_id, dedupeKey: r.key })),
    ...agreementRows
      .slice(0, max)
      .filter(maySee)
      .map((r) => ({ recipientId: r.user_id, kind: "access-expiring" as const, spaceId: r.space_id, subjectType: "agreement" as const, subjectId: r.agreement_id, dedupeKey: r.key })),
    ...vettingRows.slice(0, max).map((r) => ({ recipientId: r.user_id, kind: "access-expiring" as const, spaceId: null, subjectType: "user" as const, subjectId: r.user_id, dedupeKey: r.key })),
  ];
  if (due.length === 0) return { memberships: 0, agreements: 0, vetting: 0, skipped, hasMore };

  return inTransaction(ctx, async (tx) => {
    const created = await notifyPeople(tx, due);
    const result = {
      memberships: created.filter((n) => n.subjectType === "space").length,
      agreements: created.filter((n) => n.subjectType === "agreement").length,
      vetting: created.filter((n) => n.subjectType === "user").length,
      skipped,
      hasMore,
    };
    if (created.length > 0) {
      await recordAudit(tx, { action: "notification.access_expiry_sweep", subjectType: "system", details: { ...result, recipients: new Set(created.map((n) => n.recipientId)).size } });
    }
    return result;
  });
}
