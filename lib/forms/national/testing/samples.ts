/** Realistic answers to the national forms, shared by the tests (never used by the app). */
type Answers = Record<string, unknown>;

/** An adult witness's complete MG11 (front and reverse), valid as it stands. */
export const adultWitness = (): Answers => ({
  urn: "50AB1234526",
  witnessName: "Sarah Jane Collins",
  isOver18: true,
  occupation: "Pharmacist",
  statementText:
    "I am the pharmacist in charge at the pharmacy on Boscawen Street, Truro. At about 14:20 on Thursday 30 April 2026 I was behind the counter when I saw a man I did not know put four bottles of perfume into a rucksack and walk out without paying. He was white, about 30, wearing a grey hooded top.",
  isDeclarationSigned: true,
  signedOn: "2026-05-02",
  witnessedBy: "PC 4417 Tom Hughes",
  homeAddress: "12 Lemon Street, Truro",
  postcode: "TR1 2LS",
  mobilePhone: "07700 900123",
  email: "sarah.collins@example.org",
  preferredContact: "Mobile telephone",
  dateOfBirth: "1988-03-14",
  hasDatesToAvoid: true,
  datesToAvoid: [{ from: "2026-07-20", to: "2026-08-02", note: "Holiday abroad" }],
  isWillingToAttendCourt: true,
  needsSpecialMeasures: false,
  isVictim: false,
  consentsToShareWithCjsAgencies: true,
  consentsToMedicalRecordsAccess: "Not applicable",
  statementTakenBy: "PC 4417 Tom Hughes",
  statementTakenAtStation: "Truro",
  statementTakenFrom: "2026-05-02T14:05:00+01:00",
  statementTakenTo: "2026-05-02T15:10:00+01:00",
});

