/** One space, as the actor may see it: 404 unless they have standing in it. */
import { eq } from "drizzle-orm";
import { agencies, agreements, spaceAgreements, spaces } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { asSubject } from "@/policies/ability";
import { isAttestationOverdue } from "@/policies/membership";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";

export type SpaceView = {
  id: string;
  name: string;
  description: string;
  ownerAgency: { id: string; code: string; name: string };
  ceilingMarking: string;
  defaultMarking: string;
  isMvOnly: boolean;
  status: "active" | "frozen" | "archived";
  template: string;
  attestation: { lastAttestedAt: string; intervalDays: number; dueAt: string; isOverdue: boolean };
  agreements: { reference: string; title: string; status: string }[];
  permissions: { canUpdate: boolean; canShare: boolean; canAdminister: boolean; canAddMembers: boolean; canLeave: boolean; canCreateDocuments: boolean };
};

/** Loads a space the actor may read (NotFoundError otherwise, including for malformed ids). */
export async function getSpace(ctx: PolicyCtx, input: { spaceId: string }): Promise<SpaceView> {
  if (!isUuid(input.spaceId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select({ space: spaces, agency: agencies })
    .from(spaces)
    .innerJoin(agencies, eq(agencies.id, spaces.ownerAgencyId))
    .where(eq(spaces.id, input.spaceId))
    .limit(1);
  if (!row) throw new NotFoundError();
  const subject = { id: row.space.id, ownerAgencyId: row.space.ownerAgencyId };
  authorize(ctx.ability, "read", "Space", subject);
  const dueAt = new Date(row.space.lastAttestedAt.getTime() + row.space.attestationIntervalDays * 86_400_000);
  const isas = await ctx.db
    .select({ reference: agreements.reference, title: agreements.title, status: agreements.status })
    .from(spaceAgreements)
    .innerJoin(agreements, eq(agreements.id, spaceAgreements.agreementId))
    .where(eq(spaceAgreements.spaceId, row.space.id));
  return {
    id: row.space.id,
    name: row.space.name,
    description: row.space.description,
    ownerAgency: { id: row.agency.id, code: row.agency.code, name: row.agency.name },
    ceilingMarking: row.space.ceilingMarking,
    defaultMarking: row.space.defaultMarking,
    isMvOnly: row.space.isMvOnly,
    status: row.space.status,
    template: row.space.template,
    attestation: {
      lastAttestedAt: row.space.lastAttestedAt.toISOString(),
      intervalDays: row.space.attestationIntervalDays,
      dueAt: dueAt.toISOString(),
      isOverdue: isAttestationOverdue(row.space.lastAttestedAt, row.space.attestationIntervalDays, ctx.now),
    },
    agreements: isas,
    permissions: {
      canUpdate: can(ctx.ability, "update", "Space", subject),
      canShare: can(ctx.ability, "share", "Space", subject),
      canAdminister: can(ctx.ability, "administer", "Space", subject),
      canAddMembers: can(ctx.ability, "create", "Membership", { spaceId: row.space.id, userId: "" }),
      canLeave: can(ctx.ability, "delete", "Membership", { spaceId: row.space.id, userId: ctx.actor.userId }),
      canCreateDocuments: ctx.ability.can("create", asSubject("Document", {
        id: "",
        spaceId: row.space.id,
        owningAgencyId: ctx.actor.agency.id,
        markingRank: row.space.defaultRank,
        descriptors: [],
        handling: "",
        recipientIds: [],
        useOnlyAgencyCodes: [],
        isRestricted: false,
      })),
    },
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid UUID (anything else cannot name a row, so it is a 404). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
