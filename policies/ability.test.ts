/**
 * The ability as a pure function of the facts about one actor: no database, facts written by
 * hand. Cases, not rule lists (CASL's advice): what a person may and may not do, default deny
 * first, and the compiled SQL filter's "no rule, no query" for people who may see nothing.
 */
import { describe, expect, it } from "vitest";
import { defineAbilityFor, type AbilityActor, type MembershipFacts } from "./ability";
import type { AgreementFacts } from "./agreements";
import { ACTIONS, type SubjectFields } from "./catalogue";
import { authorize, can } from "./authorize";
import { ForbiddenError, NotFoundError } from "./errors";
import { accessibleWhere } from "./to-sql";

const NOW = new Date("2026-11-26T12:00:00Z");
const POLICE = "agency-police";
const COUNCIL = "agency-council";
const HEALTH = "agency-health";

function actorFacts(overrides: Partial<AbilityActor> = {}): AbilityActor {
  return {
    userId: "user-1",
    agencyId: POLICE,
    agencyCode: "POL",
    isAgencyHmg: true,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: null,
    memberships: [],
    agencyAgreements: [],
    now: NOW,
    ...overrides,
  };
}

function agreement(overrides: Partial<AgreementFacts> = {}): AgreementFacts {
  return {
    id: "isa-1",
    reference: "ISA-T-001",
    status: "active",
    startsOn: "2026-01-01",
    reviewOn: "2027-06-30",
    endsOn: null,
    maxRank: 2,
    descriptors: ["PERSONAL DATA"],
    partyAgencyIds: [POLICE, COUNCIL],
    ...overrides,
  };
}

function membership(overrides: Partial<MembershipFacts> = {}): MembershipFacts {
  return { spaceId: "space-1", role: "member", spaceOwnerAgencyId: POLICE, isMvOnly: false, agreements: [], ...overrides };
}

function doc(overrides: Partial<SubjectFields["Document"]> = {}): SubjectFields["Document"] {
  return {
    id: "doc-1",
    spaceId: "space-1",
    owningAgencyId: POLICE,
    markingRank: 1,
    descriptors: [],
    handling: "",
    recipientIds: [],
    useOnlyAgencyCodes: [],
    isRestricted: false,
    ...overrides,
  };
}

const space = (id = "space-1", ownerAgencyId = POLICE) => ({ id, ownerAgencyId });

/** A partner (council practitioner) in the police space under an agreement in force. */
const partner = (overrides: Partial<AbilityActor> = {}, isa: Partial<AgreementFacts> = {}) =>
  actorFacts({
    userId: "partner-1",
    agencyId: COUNCIL,
    agencyCode: "CNC",
    isAgencyHmg: false,
    roles: ["practitioner"],
    vettingLevel: "NPPV2A",
    memberships: [membership({ agreements: [agreement(isa)] })],
    ...overrides,
  });

describe("defineAbilityFor", () => {
  describe("default deny", () => {
    it("gives someone with no roles and no memberships no document, space, membership, agreement or audit access", () => {
      const ability = defineAbilityFor(actorFacts({ roles: [] }));
      for (const action of ACTIONS) {
        for (const type of ["Document", "File", "Comment", "Space", "Membership", "AuditEvent", "Agreement"] as const) {
          expect(ability.can(action, type), `${action} ${type}`).toBe(false);
        }
      }
    });

    it("compiles to no query at all (null) for documents and spaces, for every action", () => {
      const ability = defineAbilityFor(actorFacts({ roles: [] }));
      for (const action of ACTIONS) {
        // An empty column map: were there any rule, compiling would throw for want of a column.
        expect(accessibleWhere(ability, action, "Document", {}), action).toBeNull();
        expect(accessibleWhere(ability, action, "Space", {}), action).toBeNull();
      }
    });

    it("gives nothing through memberships that carry no standing (another agency's space, no agreement)", () => {
      const ability = defineAbilityFor(actorFacts({ memberships: [membership({ spaceOwnerAgencyId: COUNCIL })] }));
      expect(ability.can("read", "Space")).toBe(false);
      expect(ability.can("read", "Document")).toBe(false);
      expect(accessibleWhere(ability, "read", "Document", {})).toBeNull();
      expect(can(ability, "read", "Document", doc({ owningAgencyId: COUNCIL }))).toBe(false);
    });

    it("still lets everyone see their own agency, its people and their own access tokens, and nothing else of those", () => {
      const ability = defineAbilityFor(actorFacts({ roles: [] }));
      expect(can(ability, "read", "Agency", { id: POLICE })).toBe(true);
      expect(can(ability, "read", "Agency", { id: COUNCIL })).toBe(false);
      expect(can(ability, "read", "User", { id: "user-2", agencyId: POLICE })).toBe(true);
      expect(can(ability, "read", "User", { id: "user-3", agencyId: COUNCIL })).toBe(false);
      expect(can(ability, "update", "User", { id: "user-2", agencyId: POLICE })).toBe(false);
      expect(can(ability, "read", "AccessToken", { userId: "user-1" })).toBe(true);
      expect(can(ability, "read", "AccessToken", { userId: "user-2" })).toBe(false);
    });

    it("throws, rather than skipping it, when a rule tests a field the column map does not name", () => {
      const ability = defineAbilityFor(actorFacts({ memberships: [membership()] }));
      expect(() => accessibleWhere(ability, "read", "Document", {})).toThrow(/no column for field/);
    });
  });

  describe("roles", () => {
    it.each([[""], ["Admin"], ["agency-admin"], ["SUPERVISOR"], ["root"], ["manage"]])("throws on the unknown role %j", (role) => {
      expect(() => defineAbilityFor(actorFacts({ roles: [role] }))).toThrow(/Unknown role/);
      expect(() => defineAbilityFor(actorFacts({ roles: ["agency_admin", role] }))).toThrow(/Unknown role/);
    });

    it("builds for every known role", () => {
      const roles = ["investigator", "supervisor", "practitioner", "records_manager", "agency_admin", "auditor", "staff"];
      expect(() => defineAbilityFor(actorFacts({ roles }))).not.toThrow();
    });

    it("lets supervisors and administrators open spaces for their own agency only", () => {
      for (const roles of [["supervisor"], ["agency_admin"]]) {
        const ability = defineAbilityFor(actorFacts({ roles }));
        expect(can(ability, "create", "Space", { id: "new", ownerAgencyId: POLICE })).toBe(true);
        expect(can(ability, "create", "Space", { id: "new", ownerAgencyId: COUNCIL })).toBe(false);
      }
      expect(can(defineAbilityFor(actorFacts({ roles: ["investigator"] })), "create", "Space", { id: "new", ownerAgencyId: POLICE })).toBe(false);
    });
  });

  describe("administering people", () => {
    const admin = defineAbilityFor(actorFacts({ roles: ["agency_admin"] }));

    it("an administrator administers the people of their agency", () => {
      expect(can(admin, "administer", "User", { id: "user-2", agencyId: POLICE })).toBe(true);
      expect(can(admin, "explain", "User", { id: "user-2", agencyId: POLICE })).toBe(true);
    });

    it("cannot administer themselves (403: they see themselves)", () => {
      const self = { id: "user-1", agencyId: POLICE };
      expect(can(admin, "read", "User", self)).toBe(true);
      expect(can(admin, "administer", "User", self)).toBe(false);
      expect(() => authorize(admin, "administer", "User", self)).toThrow(ForbiddenError);
    });

    it("cannot administer, or even see, the people of another agency (404)", () => {
      const other = { id: "user-9", agencyId: COUNCIL };
      expect(can(admin, "administer", "User", other)).toBe(false);
      expect(() => authorize(admin, "administer", "User", other)).toThrow(NotFoundError);
      expect(() => authorize(admin, "update", "User", other)).toThrow(NotFoundError);
    });

    it("someone who is not an administrator administers nobody, and has no query for it", () => {
      const ability = defineAbilityFor(actorFacts({ roles: ["investigator", "supervisor", "records_manager", "auditor"] }));
      expect(() => authorize(ability, "administer", "User", { id: "user-2", agencyId: POLICE })).toThrow(ForbiddenError);
      expect(accessibleWhere(ability, "administer", "User", {})).toBeNull();
    });

    it("the audit trail: auditors and administrators read their own agency's events only; nobody changes them", () => {
      for (const roles of [["auditor"], ["agency_admin"]]) {
        const ability = defineAbilityFor(actorFacts({ roles }));
        expect(can(ability, "read", "AuditEvent", { agencyId: POLICE })).toBe(true);
        expect(can(ability, "read", "AuditEvent", { agencyId: COUNCIL })).toBe(false);
        expect(can(ability, "read", "AuditEvent", { agencyId: null })).toBe(false);
        // A partner's person acting in one of the agency's spaces: the agency sees it; in another agency's space, not.
        expect(can(ability, "read", "AuditEvent", { agencyId: COUNCIL, spaceOwnerAgencyId: POLICE })).toBe(true);
        expect(can(ability, "read", "AuditEvent", { agencyId: COUNCIL, spaceOwnerAgencyId: COUNCIL })).toBe(false);
        expect(can(ability, "read", "AuditEvent", { agencyId: COUNCIL, spaceOwnerAgencyId: null })).toBe(false);
        expect(can(ability, "update", "AuditEvent", { agencyId: POLICE })).toBe(false);
        expect(can(ability, "delete", "AuditEvent", { agencyId: POLICE })).toBe(false);
      }
      expect(can(defineAbilityFor(actorFacts({ roles: ["investigator"] })), "read", "AuditEvent", { agencyId: POLICE })).toBe(false);
      expect(can(defineAbilityFor(actorFacts({ roles: ["investigator"] })), "read", "AuditEvent", { agencyId: COUNCIL, spaceOwnerAgencyId: POLICE })).toBe(false);
    });
  });

  describe("own agency's documents", () => {
    const member = (overrides: Partial<AbilityActor> = {}) => defineAbilityFor(actorFacts({ memberships: [membership()], ...overrides }));

    it("a member reads and edits what their vetting opens, in spaces they belong to", () => {
      const ability = member();
      expect(can(ability, "read", "Document", doc({ markingRank: 2 }))).toBe(true);
      expect(can(ability, "update", "Document", doc({ markingRank: 2 }))).toBe(true);
      expect(can(ability, "read", "Document", doc({ markingRank: 3 }))).toBe(false);
      expect(can(ability, "read", "Document", doc({ spaceId: "space-2" }))).toBe(false);
    });

    it.each([[0], [-1]])("a marking rank outside the known ranks (%d) denies every action, creating included", (markingRank) => {
      const ability = member({ vettingLevel: "MV", roles: ["records_manager"], memberships: [membership({ role: "owner" })] });
      for (const action of ["read", "update", "share", "remark", "delete", "create"] as const) {
        expect(can(ability, action, "Document", doc({ markingRank })), action).toBe(false);
      }
      expect(can(defineAbilityFor(partner()), "read", "Document", doc({ markingRank }))).toBe(false);
    });

    it("BPSS and expired vetting open OFFICIAL only", () => {
      for (const facts of [{ vettingLevel: "BPSS" }, { vettingLevel: "RV", vettingExpiresOn: "2026-11-25" }, { vettingLevel: "NONE" }]) {
        const ability = member(facts);
        expect(can(ability, "read", "Document", doc({ markingRank: 1 })), JSON.stringify(facts)).toBe(true);
        expect(can(ability, "read", "Document", doc({ markingRank: 2 })), JSON.stringify(facts)).toBe(false);
      }
      // Valid through the whole of its expiry day.
      expect(can(member({ vettingExpiresOn: "2026-11-26" }), "read", "Document", doc({ markingRank: 2 }))).toBe(true);
    });

    it.each([["BOGUS"], ["rv"], [""], ["UNKNOWN"]])("an unknown vetting level %j opens nothing, and no query is run", (vettingLevel) => {
      const ability = member({ vettingLevel, roles: ["records_manager"], memberships: [membership({ role: "owner" })] });
      for (const action of ["read", "update", "share", "remark", "delete", "create"] as const) {
        expect(can(ability, action, "Document", doc()), action).toBe(false);
        expect(accessibleWhere(ability, action, "Document", {}), action).toBeNull();
      }
    });

    it("re-marking is for the originating agency; sharing for the owner of the space; deleting for the owner or records manager", () => {
      const plain = member();
      expect(can(plain, "remark", "Document", doc())).toBe(true);
      expect(can(plain, "share", "Document", doc())).toBe(false);
      expect(can(plain, "delete", "Document", doc())).toBe(false);

      const owner = member({ memberships: [membership({ role: "owner" })] });
      expect(can(owner, "share", "Document", doc())).toBe(true);
      expect(can(owner, "delete", "Document", doc())).toBe(true);
      expect(can(owner, "update", "Space", space())).toBe(true);
      expect(can(owner, "share", "Space", space())).toBe(true);

      const recordsManager = member({ roles: ["records_manager"] });
      expect(can(recordsManager, "delete", "Document", doc())).toBe(true);
      expect(can(recordsManager, "share", "Document", doc())).toBe(false);
    });

    it("create: in a space with standing, as their own agency, no higher than their vetting", () => {
      const ability = member({ vettingLevel: "BPSS" });
      expect(can(ability, "create", "Document", doc({ markingRank: 1 }))).toBe(true);
      expect(can(ability, "create", "Document", doc({ markingRank: 2 }))).toBe(false);
      expect(can(ability, "create", "Document", doc({ owningAgencyId: COUNCIL }))).toBe(false);
      expect(can(ability, "create", "Document", doc({ spaceId: "space-2" }))).toBe(false);
    });
  });

  describe("commenting on documents", () => {
    const withRole = (role: MembershipFacts["role"], overrides: Partial<MembershipFacts> = {}) => defineAbilityFor(actorFacts({ memberships: [membership({ role, ...overrides })] }));

    it.each([["owner"], ["member"]] as const)("an %s comments on what they read in an open space", (role) => {
      expect(can(withRole(role), "comment", "Document", doc())).toBe(true);
      expect(() => authorize(withRole(role), "comment", "Document", doc())).not.toThrow();
    });

    it("a partner guest comments on the other agency's document the agreement lets them read", () => {
      const ability = defineAbilityFor(partner());
      expect(can(ability, "comment", "Document", doc({ markingRank: 2, descriptors: ["PERSONAL DATA"] }))).toBe(true);
      // Not beyond what they may read: another descriptor is neither readable nor commentable.
      expect(() => authorize(ability, "comment", "Document", doc({ descriptors: ["LEGAL"] }))).toThrow(NotFoundError);
    });

    it("a reader reads the document (and so its comments) but may not comment: forbidden, not invisible", () => {
      const reader = withRole("reader");
      expect(can(reader, "read", "Document", doc())).toBe(true);
      expect(can(reader, "comment", "Document", doc())).toBe(false);
      expect(() => authorize(reader, "comment", "Document", doc())).toThrow(ForbiddenError);
    });

    it.each([["frozen"], ["archived"]])("nobody comments in a %s space, though everybody still reads", (spaceStatus) => {
      const owner = withRole("owner", { spaceStatus });
      expect(can(owner, "read", "Document", doc())).toBe(true);
      expect(can(owner, "comment", "Document", doc())).toBe(false);
    });

    it("no comment beyond one's vetting, and none on another agency's document with an unknown descriptor", () => {
      expect(can(withRole("member"), "comment", "Document", doc({ markingRank: 3 }))).toBe(false);
      expect(can(defineAbilityFor(partner()), "comment", "Document", doc({ descriptors: ["PERSONAL DATA", "CODEWORD-X"] }))).toBe(false);
    });
  });

  describe("changing or deleting a comment", () => {
    const comment = (authorId: string | null, overrides: Partial<SubjectFields["Document"]> = {}): SubjectFields["Comment"] => ({ ...doc(overrides), authorId });

    it("is for its author, while they may comment on the document", () => {
      const ability = defineAbilityFor(actorFacts({ memberships: [membership()] }));
      for (const action of ["update", "delete"] as const) {
        expect(can(ability, action, "Comment", comment("user-1")), action).toBe(true);
        expect(can(ability, action, "Comment", comment("user-2")), action).toBe(false);
        expect(can(ability, action, "Comment", comment(null)), action).toBe(false);
      }
    });

    it("ends when the author may no longer comment: a reader now, a frozen space, a document above their vetting", () => {
      expect(can(defineAbilityFor(actorFacts({ memberships: [membership({ role: "reader" })] })), "update", "Comment", comment("user-1"))).toBe(false);
      expect(can(defineAbilityFor(actorFacts({ memberships: [membership({ spaceStatus: "frozen" })] })), "delete", "Comment", comment("user-1"))).toBe(false);
      expect(can(defineAbilityFor(actorFacts({ memberships: [membership()] })), "update", "Comment", comment("user-1", { markingRank: 3 }))).toBe(false);
    });

    it("is not even the space owner's for someone else's comment", () => {
      const owner = defineAbilityFor(actorFacts({ vettingLevel: "MV", roles: ["supervisor", "records_manager"], memberships: [membership({ role: "owner" })] }));
      expect(can(owner, "update", "Comment", comment("user-2"))).toBe(false);
      expect(can(owner, "delete", "Comment", comment("user-2"))).toBe(false);
    });
  });

  describe('"MV posts only" spaces', () => {
    const mvOnly = (vetting: Partial<AbilityActor>) => defineAbilityFor(actorFacts({ memberships: [membership({ isMvOnly: true })], ...vetting }));

    it.each([["MV"], ["NPPV3"], ["SC"], ["DV"]])("are open to %s", (vettingLevel) => {
      expect(can(mvOnly({ vettingLevel }), "read", "Space", space())).toBe(true);
    });

    it.each([["RV"], ["BPSS"], ["NPPV2A"], ["NONE"], ["BOGUS"]])("are closed to %s, documents and all", (vettingLevel) => {
      const ability = mvOnly({ vettingLevel });
      expect(can(ability, "read", "Space", space())).toBe(false);
      expect(can(ability, "read", "Document", doc())).toBe(false);
    });

    it("are closed to expired management vetting", () => {
      expect(can(mvOnly({ vettingLevel: "MV", vettingExpiresOn: "2026-11-25" }), "read", "Space", space())).toBe(false);
    });
  });

  describe("partners under an agreement", () => {
    it("read the space and what the agreement allows, within their vetting, and edit it", () => {
      const ability = defineAbilityFor(partner());
      expect(can(ability, "read", "Space", space())).toBe(true);
      expect(can(ability, "read", "Document", doc({ markingRank: 2, descriptors: ["PERSONAL DATA"] }))).toBe(true);
      expect(can(ability, "update", "Document", doc({ markingRank: 2 }))).toBe(true);
      expect(can(defineAbilityFor(partner({ vettingLevel: "BPSS" })), "read", "Document", doc({ markingRank: 2 }))).toBe(false);
    });

    it("never re-mark, share or delete the other agency's documents, nor update or share its space", () => {
      const ability = defineAbilityFor(partner({ roles: ["practitioner", "records_manager", "supervisor"] }));
      for (const action of ["remark", "share", "delete"] as const) expect(can(ability, action, "Document", doc()), action).toBe(false);
      expect(can(ability, "update", "Space", space())).toBe(false);
      expect(can(ability, "share", "Space", space())).toBe(false);
      // A partner recorded as "owner" of another agency's space does not own it.
      const asOwner = defineAbilityFor(partner({ memberships: [membership({ role: "owner", agreements: [agreement()] })] }));
      expect(can(asOwner, "share", "Space", space())).toBe(false);
      expect(can(asOwner, "share", "Document", doc())).toBe(false);
    });

    it("do not read a document above the agreement's highest marking", () => {
      const ability = defineAbilityFor(partner({}, { maxRank: 1 }));
      expect(can(ability, "read", "Document", doc({ markingRank: 1 }))).toBe(true);
      expect(can(ability, "read", "Document", doc({ markingRank: 2 }))).toBe(false);
    });

    it("do not read a document with any descriptor the agreement does not list", () => {
      const ability = defineAbilityFor(partner());
      expect(can(ability, "read", "Document", doc({ descriptors: ["LEGAL"] }))).toBe(false);
      expect(can(ability, "read", "Document", doc({ descriptors: ["PERSONAL DATA", "COMMERCIAL"] }))).toBe(false);
    });

    it.each([["PERSONAL"], ["CODEWORD-X"], [""]])("do not read a document carrying a descriptor Accord does not know (%j)", (descriptor) => {
      const ability = defineAbilityFor(partner());
      expect(can(ability, "read", "Document", doc({ descriptors: ["PERSONAL DATA", descriptor] }))).toBe(false);
      expect(can(ability, "update", "Document", doc({ descriptors: [descriptor] }))).toBe(false);
      // Their own agency's document in the same space is theirs, whatever it carries.
      expect(can(ability, "read", "Document", doc({ owningAgencyId: COUNCIL, descriptors: [descriptor] }))).toBe(true);
    });

    it("read the documents of any party to the agreement, but of no agency outside it", () => {
      const ability = defineAbilityFor(partner({}, { partyAgencyIds: [POLICE, COUNCIL, HEALTH] }));
      expect(can(ability, "read", "Document", doc({ owningAgencyId: HEALTH }))).toBe(true);
      expect(can(ability, "read", "Document", doc({ owningAgencyId: "agency-other" }))).toBe(false);
    });

    it.each([
      ["suspended", { status: "suspended" }],
      ["draft", { status: "draft" }],
      ["expired", { status: "expired" }],
      ["of an unknown status", { status: "paused" }],
      ["past its end date", { endsOn: "2026-11-25" }],
      ["past a missed review", { reviewOn: "2026-11-25" }],
      ["not yet started", { startsOn: "2026-11-27" }],
      ["not naming the space's agency", { partyAgencyIds: [COUNCIL, HEALTH] }],
    ])("lose the space and everything in it when the agreement is %s", (_label, isa) => {
      const ability = defineAbilityFor(partner({}, isa as Partial<AgreementFacts>));
      expect(can(ability, "read", "Space", space())).toBe(false);
      expect(can(ability, "read", "Document", doc())).toBe(false);
      expect(can(ability, "read", "Document", doc({ owningAgencyId: COUNCIL }))).toBe(false);
      expect(accessibleWhere(ability, "read", "Document", {})).toBeNull();
    });

    it("keep access up to and including the agreement's end date, and lose it the day after (by `now`)", () => {
      const facts = partner({}, { endsOn: "2026-12-31" });
      expect(can(defineAbilityFor({ ...facts, now: new Date("2026-12-31T23:59:00Z") }), "read", "Document", doc())).toBe(true);
      expect(can(defineAbilityFor({ ...facts, now: new Date("2027-01-01T00:01:00Z") }), "read", "Document", doc())).toBe(false);
    });

    it("see a partner agency only while an agreement in force names both", () => {
      const inForce = defineAbilityFor(actorFacts({ agencyAgreements: [agreement()] }));
      expect(can(inForce, "read", "Agency", { id: COUNCIL })).toBe(true);
      expect(can(inForce, "read", "Agency", { id: HEALTH })).toBe(false);
      const lapsed = defineAbilityFor(actorFacts({ agencyAgreements: [agreement({ status: "suspended" })] }));
      expect(can(lapsed, "read", "Agency", { id: COUNCIL })).toBe(false);
      // The agreement itself stays readable to its parties; only the owner's administrators change it.
      expect(can(lapsed, "read", "Agreement", { id: "isa-1", ownerAgencyId: POLICE })).toBe(true);
      expect(can(lapsed, "update", "Agreement", { id: "isa-1", ownerAgencyId: POLICE })).toBe(false);
      const councilAdmin = defineAbilityFor(partner({ roles: ["agency_admin"], agencyAgreements: [agreement()] }));
      expect(can(councilAdmin, "read", "Agreement", { id: "isa-1", ownerAgencyId: POLICE })).toBe(true);
      expect(can(councilAdmin, "update", "Agreement", { id: "isa-1", ownerAgencyId: POLICE })).toBe(false);
    });
  });

  describe("handling instructions", () => {
    const owner = defineAbilityFor(actorFacts({ userId: "owner-1", vettingLevel: "MV", memberships: [membership({ role: "owner" })] }));

    it("RECIPIENTS ONLY: named recipients only, not even the space owner", () => {
      const named = doc({ markingRank: 2, handling: "RECIPIENTS ONLY", recipientIds: ["user-1", "partner-1"] });
      expect(can(defineAbilityFor(actorFacts({ memberships: [membership()] })), "read", "Document", named)).toBe(true);
      expect(can(defineAbilityFor(partner()), "read", "Document", named)).toBe(true);
      expect(can(owner, "read", "Document", named)).toBe(false);
      expect(() => authorize(owner, "share", "Document", named)).toThrow(NotFoundError);
    });

    it("HMG USE ONLY: not for agencies outside HMG", () => {
      const hmgOnly = doc({ handling: "HMG USE ONLY" });
      expect(can(owner, "read", "Document", hmgOnly)).toBe(true);
      expect(can(defineAbilityFor(partner()), "read", "Document", hmgOnly)).toBe(false);
      expect(can(defineAbilityFor(partner({ isAgencyHmg: true })), "read", "Document", hmgOnly)).toBe(true);
    });

    it("<ORG> USE ONLY: the named organisations only, the originator included only when named", () => {
      const councilOnly = doc({ handling: "USE ONLY", useOnlyAgencyCodes: ["CNC"] });
      expect(can(defineAbilityFor(partner()), "read", "Document", councilOnly)).toBe(true);
      expect(can(owner, "read", "Document", councilOnly)).toBe(false);
      expect(can(owner, "read", "Document", doc({ handling: "USE ONLY", useOnlyAgencyCodes: ["CNC", "POL"] }))).toBe(true);
      expect(can(owner, "read", "Document", doc({ handling: "USE ONLY", useOnlyAgencyCodes: [] }))).toBe(false);
    });

    it.each([["recipients only"], ["DCP USE ONLY"], ["HMG"], [" "], ["LIMITED"]])(
      "an unknown handling instruction %j denies everyone, the originating agency included",
      (handling) => {
        expect(can(owner, "read", "Document", doc({ handling, recipientIds: ["owner-1"], useOnlyAgencyCodes: ["POL"] }))).toBe(false);
        expect(can(defineAbilityFor(partner()), "read", "Document", doc({ handling }))).toBe(false);
      },
    );

    it.each([["FOR PUBLIC RELEASE"], ["EMBARGOED"]])("%s does not narrow the audience", (handling) => {
      expect(can(owner, "read", "Document", doc({ handling }))).toBe(true);
      expect(can(defineAbilityFor(partner()), "read", "Document", doc({ handling }))).toBe(true);
    });
  });
});
