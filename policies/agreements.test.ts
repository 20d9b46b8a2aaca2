import { describe, expect, it } from "vitest";
import { agreementBinds, isAgreementInForce, type AgreementFacts } from "./agreements";

const isa: AgreementFacts = {
  id: "isa",
  reference: "ISA-T-1",
  status: "active",
  startsOn: "2026-01-01",
  reviewOn: "2026-06-30",
  endsOn: "2026-12-31",
  maxRank: 2,
  descriptors: ["PERSONAL DATA"],
  partyAgencyIds: ["A", "B"],
};
const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe("isAgreementInForce", () => {
  it("is in force from its start through its review date, inclusive", () => {
    expect(isAgreementInForce(isa, at("2025-12-31"))).toBe(false);
    expect(isAgreementInForce(isa, at("2026-01-01"))).toBe(true);
    expect(isAgreementInForce(isa, at("2026-06-30"))).toBe(true);
  });
  it("lapses the day after a missed review date", () => {
    expect(isAgreementInForce(isa, at("2026-07-01"))).toBe(false);
  });
  it("ends the day after its end date even if reviewed", () => {
    const reviewed = { ...isa, reviewOn: "2027-06-30" };
    expect(isAgreementInForce(reviewed, at("2026-12-31"))).toBe(true);
    expect(isAgreementInForce(reviewed, at("2027-01-01"))).toBe(false);
  });
  it.each(["draft", "suspended", "expired", "ACTIVE", ""])("is not in force with status %j", (status) => {
    expect(isAgreementInForce({ ...isa, status }, at("2026-03-01"))).toBe(false);
  });
  it("binds only its parties", () => {
    expect(agreementBinds(isa, "A", "B", at("2026-03-01"))).toBe(true);
    expect(agreementBinds(isa, "A", "C", at("2026-03-01"))).toBe(false);
  });
});
