/**
 * The single source of truth for who may do what (security.md: default deny, one path for every
 * access decision). `defineAbilityFor(actor)` turns the facts about one person (agency, roles,
 * vetting, space memberships and the agreements binding those spaces) into CASL rules over the
 * columns stored on each row, so the same rules answer `can(...)` in JavaScript and compile to a
 * SQL filter for lists (to-sql.ts). Nothing is allowed that a rule file does not grant.
 */
import { AbilityBuilder, buildMongoQueryMatcher, createMongoAbility, subject, type MongoAbility, type MongoQuery } from "@casl/ability";
import { $or, or } from "@ucast/mongo2js";
import type { Action, SubjectFields, SubjectType } from "./catalogue";
import type { AgreementFacts } from "./agreements";
import { effectiveVetting, vettingOpensRank, type EffectiveVetting } from "./vetting";
import { ROLES } from "./roles";
import { spaceRules } from "./rules/spaces";
import { documentRules } from "./rules/documents";
import { fileRules } from "./rules/files";
import { commentRules } from "./rules/comments";
import { agencyRules } from "./rules/agencies";
import { userRules } from "./rules/users";
import { agreementRules } from "./rules/agreements";
import { auditRules } from "./rules/audit";
import { accessTokenRules } from "./rules/access-tokens";
import { boardRules } from "./rules/boards";
import { cardRules } from "./rules/cards";
import { responseTemplateRules } from "./rules/response-templates";
import { briefingRules } from "./rules/briefings";
import { notificationRules } from "./rules/notifications";
import { formRules } from "./rules/forms";
import { submissionRules } from "./rules/submissions";
import { recordsRules } from "./rules/records";
import { syncRules } from "./rules/sync";

/** A space the actor belongs to, with what the rules need to know about it. */
export type MembershipFacts = {
  spaceId: string;
  role: "owner" | "member" | "reader" | "guest";
  spaceOwnerAgencyId: string;
  isMvOnly: boolean;
  /** active (default), frozen (read-only for everyone) or archived (read-only, out of lists). */
  spaceStatus?: string;
  /** When this membership ends (guests); null or absent for no end. */
  expiresAt?: Date | null;
  /** When the space's access review falls due; once past, guests are suspended. */
  attestationDueAt?: Date | null;
  /** The agreements the space runs under, whatever their state (rules check they are in force). */
  agreements: AgreementFacts[];
};

/** Everything the rules know about the actor. Built by lib/ from the database on each request. */
export type AbilityActor = {
  userId: string;
  agencyId: string;
  agencyCode: string;
  isAgencyHmg: boolean;
  roles: readonly string[];
  vettingLevel: string;
  vettingExpiresOn: string | null;
  memberships: MembershipFacts[];
  /** Agreements the actor's agency is party to (for reading agreements and partner agencies). */
  agencyAgreements: AgreementFacts[];
  now: Date;
};

/** A row tagged with its subject type by `asSubject()`. */
export type TaggedRow = { readonly __caslSubjectType__: SubjectType };
export type AppAbility = MongoAbility<[Action, SubjectType | TaggedRow], MongoQuery>;

/** A rule's conditions on a subject's stored fields (with `$or`, see conditionsMatcher below). */
export type Conditions<S extends SubjectType> = MongoQuery<SubjectFields[S]> & { $or?: MongoQuery<SubjectFields[S]>[] };

/** A typed rule-writing helper handed to each subject's rule file. */
export type Can = <S extends SubjectType>(action: Action | Action[], subject: S, conditions?: Conditions<S>) => void;

/** The inverted rule helper: `cannot` always wins over `can` for matching rows. */
export type Cannot = <S extends SubjectType>(action: Action | Action[], subject: S, conditions?: Conditions<S>) => void;

/** Facts derived once per ability and shared by the rule files. */
export type DerivedFacts = {
  actor: AbilityActor;
  vetting: EffectiveVetting;
  /** Highest marking rank the actor's current vetting opens. */
  vettingRank: number;
};

/**
 * Builds the actor's ability. Throws on an unknown role rather than ignoring it, so that a typo in
 * a role never silently changes what someone may do.
 */
export function defineAbilityFor(actor: AbilityActor): AppAbility {
  for (const role of actor.roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`Unknown role: ${role}`);
  }
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  const can: Can = (action, subject, conditions) => {
    // The builder's overloads cannot follow the generic subject; the Can type above checks it.
    (builder.can as (a: unknown, s: unknown, c?: unknown) => void)(action, subject, conditions);
  };
  const cannot: Cannot = (action, subject, conditions) => {
    (builder.cannot as (a: unknown, s: unknown, c?: unknown) => void)(action, subject, conditions);
  };
  const vetting = effectiveVetting(actor.vettingLevel, actor.vettingExpiresOn, actor.now);
  const facts: DerivedFacts = { actor, vetting, vettingRank: vettingOpensRank(vetting) };

  agencyRules(can, facts);
  userRules(can, cannot, facts);
  agreementRules(can, facts);
  spaceRules(can, facts);
  documentRules(can, cannot, facts);
  fileRules(can, cannot, facts);
  commentRules(can, cannot, facts);
  auditRules(can, facts);
  accessTokenRules(can, facts);
  boardRules(can, facts);
  cardRules(can, cannot, facts);
  responseTemplateRules(can, facts);
  briefingRules(can, cannot, facts);
  notificationRules(can, facts);
  formRules(can, facts);
  submissionRules(can, cannot, facts);
  recordsRules(can, facts);
  syncRules(can, facts);

  return builder.build({ conditionsMatcher });
}

/** CASL's MongoDB matcher plus `$or`, which the marked-content rules use to fold handling variants. */
const conditionsMatcher = buildMongoQueryMatcher({ $or }, { or });

/** Tags (a copy of) a row with its subject type so the ability can check it. */
export function asSubject<S extends SubjectType>(type: S, row: SubjectFields[S]): TaggedRow {
  return subject(type, { ...row }) as unknown as TaggedRow;
}
