/**
 * Seeds the demo scenario into an empty database, in one transaction, once: if the scenario's
 * agencies are already there it does nothing, so restarts are idempotent.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import { generateNKeysBetween } from "fractional-indexing";
import type { Db } from "../client";
import * as t from "../schema";
import { rankOfMarking } from "../../policies/markings";
import { ensureNationalTemplates } from "../../lib/responses/ensure-national-templates";
import { ensureNationalForms } from "../../lib/forms/ensure-national-forms";
import { AGENCIES, AGREEMENTS, DEMO_PASSWORD, PEOPLE, SPACES, type ScenarioSpace } from "./scenario";
import { seedFilePlan } from "./file-plan";

/** Argon2id parameters of OWASP's password storage cheat sheet (m=19 MiB, t=2, p=1). */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

function rank(marking: string): number {
  const r = rankOfMarking(marking);
  if (r === undefined) throw new Error(`Scenario marking is not a marking: ${marking}`);
  return r;
}

/** Seeds the scenario; returns false when it was already there. */
export async function seedScenario(db: Db): Promise<boolean> {
  // The national pre-planned responses and forms belong to every deployment, demo or not; here as well as
  // at start-up so that a database seeded by any path (tests, scripts) has them.
  await ensureNationalTemplates(db);
  await ensureNationalForms(db);
  const existing = await db.select({ id: t.agencies.id }).from(t.agencies).where(eq(t.agencies.code, "DCP"));
  if (existing.length > 0) return false;

  // Hash outside the transaction: it is slow on purpose and needs no database.
  const passwordHash = await hash(DEMO_PASSWORD, ARGON2_OPTIONS);

  await db.transaction(async (tx) => {
    const agencyIds = new Map<string, string>();
    for (const a of AGENCIES) {
      const [row] = await tx.insert(t.agencies).values(a).returning({ id: t.agencies.id });
      agencyIds.set(a.code, row!.id);
    }
    const agency = (code: string) => agencyIds.get(code) ?? fail(`unknown agency ${code}`);

    const agreementIds = new Map<string, string>();
    for (const a of AGREEMENTS) {
      const [row] = await tx
        .insert(t.agreements)
        .values({
          reference: a.reference,
          title: a.title,
          purpose: a.purpose,
          ownerAgencyId: agency(a.owner),
          maxMarking: a.maxMarking,
          maxRank: rank(a.maxMarking),
          descriptors: a.descriptors,
          status: a.status,
          startsOn: a.startsOn,
          reviewOn: a.reviewOn,
          endsOn: a.endsOn,
        })
        .returning({ id: t.agreements.id });
      agreementIds.set(a.reference, row!.id);
      await tx
        .insert(t.agreementParties)
        .values(a.parties.map((p) => ({ agreementId: row!.id, agencyId: agency(p.agency), lawfulBasis: p.lawfulBasis })));
    }

    const userIds = new Map<string, string>();
    for (const p of PEOPLE) {
      const [row] = await tx
        .insert(t.users)
        .values({
          email: p.email,
          name: p.name,
          jobTitle: p.jobTitle,
          agencyId: agency(p.agency),
          roles: p.roles,
          vettingLevel: p.vettingLevel,
          vettingAgencyId: agency(p.agency),
          vettingExpiresOn: p.vettingExpiresOn,
          passwordHash,
        })
        .returning({ id: t.users.id });
      userIds.set(p.email, row!.id);
    }
    const user = (email: string) => userIds.get(email) ?? fail(`unknown person ${email}`);

    for (const s of SPACES) {
      const owner = s.members.find((m) => m.role === "owner");
      const [row] = await tx
        .insert(t.spaces)
        .values({
          name: s.name,
          description: s.description,
          ownerAgencyId: agency(s.owner),
          ceilingMarking: s.ceilingMarking,
          ceilingRank: rank(s.ceilingMarking),
          defaultMarking: s.defaultMarking,
          defaultRank: rank(s.defaultMarking),
          createdBy: owner ? user(owner.email) : null,
        })
        .returning({ id: t.spaces.id });
      const spaceId = row!.id;
      if (s.agreements.length > 0) {
        await tx
          .insert(t.spaceAgreements)
          .values(s.agreements.map((ref) => ({ spaceId, agreementId: agreementIds.get(ref) ?? fail(`unknown ISA ${ref}`) })));
      }
      await tx.insert(t.spaceMembers).values(
        s.members.map((m) => ({
          spaceId,
          userId: user(m.email),
          role: m.role,
          addedBy: owner ? user(owner.email) : null,
          ...(m.role === "guest" ? guestTerms(s, m, agreementIds) : {}),
        })),
      );
      for (const d of s.documents) {
        await tx.insert(t.documents).values({
          spaceId,
          owningAgencyId: agency(s.owner),
          title: d.title,
          marking: d.marking,
          markingRank: rank(d.marking),
          descriptors: d.descriptors,
          createdBy: user(d.createdBy),
        });
      }
      for (const b of s.boards ?? []) {
        const [board] = await tx.insert(t.boards).values({ spaceId, title: b.title, createdBy: user(b.createdBy) }).returning({ id: t.boards.id });
        const columnKeys = generateNKeysBetween(null, null, b.columns.length);
        const columns = await tx
          .insert(t.boardColumns)
          .values(b.columns.map((title, i) => ({ boardId: board!.id, title, position: columnKeys[i]! })))
          .returning({ id: t.boardColumns.id, title: t.boardColumns.title });
        for (const column of columns) {
          const inColumn = b.cards.filter((c) => c.column === column.title);
          const keys = generateNKeysBetween(null, null, inColumn.length);
          for (const [i, c] of inColumn.entries()) {
            const [card] = await tx
              .insert(t.cards)
              .values({
                boardId: board!.id,
                columnId: column.id,
                spaceId,
                owningAgencyId: agency(s.owner),
                title: c.title,
                description: { type: "doc", content: [{ type: "paragraph" }] },
                dueAt: c.dueInDays === undefined ? null : new Date(Date.now() + c.dueInDays * 86_400_000),
                labels: c.labels,
                recurrence: c.recurrence ?? null,
                seriesId: c.recurrence ? randomUUID() : null,
                position: keys[i]!,
                marking: c.marking,
                markingRank: rank(c.marking),
                descriptors: c.descriptors,
                createdBy: user(c.createdBy),
                updatedBy: user(c.createdBy),
              })
              .returning({ id: t.cards.id });
            if (c.assignees.length) await tx.insert(t.cardAssignees).values(c.assignees.map((email) => ({ cardId: card!.id, userId: user(email), assignedBy: user(c.createdBy) })));
          }
        }
        if (inColumnCount(b) !== b.cards.length) fail(`a card of ${b.title} names a column it does not have`);
      }
    }

    // Devon & Cornwall Police's file plan, kept by Janet, its records manager (issue 8).
    await seedFilePlan(tx as unknown as Db, agency("DCP"), user("janet.okafor@dcp.example"), user);

    await tx.insert(t.auditEvents).values({
      action: "system.seed_scenario",
      details: { agencies: AGENCIES.length, people: PEOPLE.length, spaces: SPACES.length },
    });
  });
  return true;
}

/**
 * A partner guest's agreement and the end of their access: the last moment (UTC) of the
 * agreement's review or end date, whichever comes first, as addSpaceMember would set it. The
 * agreement must be one the space runs under and name the guest's agency and the owner's.
 */
function guestTerms(
  space: ScenarioSpace,
  member: { email: string; agreement: string },
  agreementIds: Map<string, string>,
): { agreementId: string; expiresAt: Date } {
  const isa = AGREEMENTS.find((a) => a.reference === member.agreement) ?? fail(`unknown ISA ${member.agreement}`);
  const person = PEOPLE.find((p) => p.email === member.email) ?? fail(`unknown person ${member.email}`);
  if (!space.agreements.includes(isa.reference)) fail(`${space.name} does not run under ${isa.reference}`);
  const parties = isa.parties.map((p) => p.agency);
  if (!parties.includes(person.agency) || !parties.includes(space.owner)) fail(`${isa.reference} does not cover ${member.email} in ${space.name}`);
  const lastDay = [isa.reviewOn, isa.endsOn].filter((d): d is string => d !== null).sort()[0] ?? fail(`${isa.reference} has no review or end date`);
  return { agreementId: agreementIds.get(isa.reference) ?? fail(`unknown ISA ${isa.reference}`), expiresAt: new Date(`${lastDay}T23:59:59.999Z`) };
}

/** How many of the board's cards name one of its columns (each must). */
function inColumnCount(b: NonNullable<ScenarioSpace["boards"]>[number]): number {
  return b.cards.filter((c) => b.columns.includes(c.column)).length;
}

function fail(message: string): never {
  throw new Error(`Scenario data is inconsistent: ${message}`);
}
