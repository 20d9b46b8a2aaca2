/**
 * The demo scenario of domain.md §8, in Accord's own form. It seeds the embedded default and
 * serves every end-to-end test. All people are fictional; every demo password is DEMO_PASSWORD.
 */

export const DEMO_PASSWORD = "accord-demo";

export type ScenarioAgency = {
  code: string;
  name: string;
  kind: "police" | "local_authority" | "health" | "probation" | "other";
  isHmg: boolean;
  /** From which classification the agency's people must justify opening or exporting (DPA 2018 s.62). */
  justificationFrom?: string;
};

export const AGENCIES: ScenarioAgency[] = [
  { code: "DCP", name: "Devon & Cornwall Police", kind: "police", isHmg: true },
  { code: "DOR", name: "Dorset Police", kind: "police", isHmg: true },
  { code: "CC", name: "Cornwall Council", kind: "local_authority", isHmg: false },
  // The trust's information governance asks its staff to say why they open police-held sensitive
  // material (the demo's justification prompt: sign in as Aisha and open the MASH minutes).
  { code: "RCHT", name: "Royal Cornwall Hospitals NHS Trust", kind: "health", isHmg: false, justificationFrom: "OFFICIAL-SENSITIVE" },
];

export type ScenarioAgreement = {
  reference: string;
  title: string;
  purpose: string;
  owner: string;
  parties: { agency: string; lawfulBasis: string }[];
  maxMarking: string;
  descriptors: string[];
  status: "draft" | "active" | "suspended" | "expired";
  startsOn: string;
  reviewOn: string | null;
  endsOn: string | null;
};

export const AGREEMENTS: ScenarioAgreement[] = [
  {
    reference: "ISA-SW-001",
    title: "Strategic Alliance joint investigations",
    purpose: "Joint investigation of serious and organised crime across the Devon, Cornwall and Dorset alliance.",
    owner: "DCP",
    parties: [
      { agency: "DCP", lawfulBasis: "DPA 2018 Part 3 (law enforcement purposes)" },
      { agency: "DOR", lawfulBasis: "DPA 2018 Part 3 (law enforcement purposes)" },
    ],
    maxMarking: "OFFICIAL-SENSITIVE",
    descriptors: ["PERSONAL DATA", "LEGAL"],
    status: "active",
    startsOn: "2025-05-01",
    reviewOn: "2027-05-01",
    endsOn: null,
  },
  {
    reference: "ISA-CC-014",
    title: "Cornwall Multi-Agency Safeguarding Hub",
    purpose: "Sharing information about children and adults at risk through the Cornwall MASH.",
    owner: "DCP",
    parties: [
      { agency: "DCP", lawfulBasis: "Crime and Disorder Act 1998 s.115" },
      { agency: "CC", lawfulBasis: "Children Act 2004 s.10 and s.11" },
      { agency: "RCHT", lawfulBasis: "Children Act 2004 s.11; Care Act 2014 s.45" },
    ],
    maxMarking: "OFFICIAL-SENSITIVE",
    descriptors: ["PERSONAL DATA"],
    status: "active",
    startsOn: "2025-04-01",
    reviewOn: "2027-03-31",
    endsOn: null,
  },
  {
    reference: "ISA-DC-003",
    title: "Dorset housing referrals",
    purpose: "Referrals between Dorset Police and Cornwall Council housing services.",
    owner: "DOR",
    parties: [
      { agency: "DOR", lawfulBasis: "Crime and Disorder Act 1998 s.115" },
      { agency: "CC", lawfulBasis: "Housing Act 1996" },
    ],
    maxMarking: "OFFICIAL-SENSITIVE",
    descriptors: ["PERSONAL DATA"],
    status: "expired",
    startsOn: "2024-01-01",
    reviewOn: null,
    endsOn: "2025-12-31",
  },
];

export type ScenarioPerson = {
  email: string;
  name: string;
  agency: string;
  jobTitle: string;
  roles: string[];
  vettingLevel: string;
  vettingExpiresOn: string | null;
};

export const PEOPLE: ScenarioPerson[] = [
  { email: "priya.shah@dcp.example", name: "DS Priya Shah", agency: "DCP", jobTitle: "Detective Sergeant", roles: ["investigator", "supervisor"], vettingLevel: "MV", vettingExpiresOn: "2029-01-31" },
  { email: "tom.hughes@dcp.example", name: "PC Tom Hughes", agency: "DCP", jobTitle: "Police Constable", roles: ["investigator"], vettingLevel: "RV", vettingExpiresOn: "2028-06-30" },
  { email: "mark.ellis@dcp.example", name: "PC Mark Ellis", agency: "DCP", jobTitle: "Police Constable", roles: ["investigator"], vettingLevel: "RV", vettingExpiresOn: "2025-06-30" },
  { email: "janet.okafor@dcp.example", name: "Janet Okafor", agency: "DCP", jobTitle: "Records Manager", roles: ["records_manager"], vettingLevel: "MV", vettingExpiresOn: "2028-09-30" },
  { email: "sam.patel@dcp.example", name: "Sam Patel", agency: "DCP", jobTitle: "Agency Administrator", roles: ["agency_admin"], vettingLevel: "MV", vettingExpiresOn: "2028-09-30" },
  { email: "alex.morgan@dor.example", name: "DC Alex Morgan", agency: "DOR", jobTitle: "Detective Constable", roles: ["investigator"], vettingLevel: "RV", vettingExpiresOn: "2028-03-31" },
  { email: "helen.carter@cc.example", name: "Helen Carter", agency: "CC", jobTitle: "Safeguarding Social Worker", roles: ["practitioner"], vettingLevel: "NPPV2A", vettingExpiresOn: "2027-11-30" },
  { email: "ben.lowe@cc.example", name: "Ben Lowe", agency: "CC", jobTitle: "Housing Officer", roles: ["practitioner"], vettingLevel: "BPSS", vettingExpiresOn: null },
  { email: "aisha.rahman@rcht.example", name: "Dr Aisha Rahman", agency: "RCHT", jobTitle: "Safeguarding Lead", roles: ["practitioner"], vettingLevel: "NPPV2A", vettingExpiresOn: "2028-01-31" },
];

export type ScenarioSpace = {
  name: string;
  description: string;
  owner: string;
  ceilingMarking: string;
  defaultMarking: string;
  agreements: string[];
  /**
   * People of the owning agency join as owner or member. People of a partner agency join as
   * guests under one of the space's agreements (`agreement`), until the end of that agreement's
   * review (or end) date, as addSpaceMember would admit them.
   */
  members: ({ email: string; role: "owner" | "member" } | { email: string; role: "guest"; agreement: string })[];
  documents: { title: string; marking: string; descriptors: string[]; createdBy: string }[];
  /** Tasking boards: columns left to right, each card in a column by its title, top to bottom. */
  boards?: ScenarioBoard[];
};

export type ScenarioBoard = {
  title: string;
  createdBy: string;
  columns: string[];
  /** `dueInDays` from the moment of seeding; `recurrence` makes the card repeat (it then needs a due date). */
  cards: { title: string; column: string; marking: string; descriptors: string[]; labels: string[]; assignees: string[]; createdBy: string; dueInDays?: number; recurrence?: { frequency: "daily" | "weekly" | "monthly"; interval: number } }[];
};

export const SPACES: ScenarioSpace[] = [
  {
    name: "Operation Kestrel",
    description: "Joint DCP and Dorset investigation into county-lines supply along the A30 corridor.",
    owner: "DCP",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL-SENSITIVE",
    agreements: ["ISA-SW-001"],
    members: [
      { email: "priya.shah@dcp.example", role: "owner" },
      { email: "tom.hughes@dcp.example", role: "member" },
      { email: "mark.ellis@dcp.example", role: "member" },
      { email: "alex.morgan@dor.example", role: "guest", agreement: "ISA-SW-001" },
    ],
    documents: [
      { title: "Investigation log", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"], createdBy: "priya.shah@dcp.example" },
      { title: "Press lines", marking: "OFFICIAL", descriptors: [], createdBy: "priya.shah@dcp.example" },
    ],
    boards: [
      {
        title: "Kestrel tasking",
        createdBy: "priya.shah@dcp.example",
        columns: ["To do", "In progress", "Done"],
        // One OFFICIAL-SENSITIVE card among OFFICIAL ones: Mark (expired vetting) must neither
        // see it nor count it.
        cards: [
          { title: "Request ANPR hits on the A30 corridor", column: "To do", marking: "OFFICIAL", descriptors: [], labels: ["ANPR"], assignees: ["tom.hughes@dcp.example"], createdBy: "priya.shah@dcp.example", dueInDays: 3 },
          { title: "Meet source handler about the Bodmin address", column: "To do", marking: "OFFICIAL-SENSITIVE", descriptors: [], labels: ["Intelligence"], assignees: ["priya.shah@dcp.example"], createdBy: "priya.shah@dcp.example", dueInDays: 2 },
          { title: "Share vehicle sightings with Dorset", column: "In progress", marking: "OFFICIAL", descriptors: [], labels: ["Partners"], assignees: ["alex.morgan@dor.example"], createdBy: "priya.shah@dcp.example" },
          // Completing it makes tomorrow's (lib/boards/complete-card.ts).
          { title: "Daily patrol plan", column: "In progress", marking: "OFFICIAL", descriptors: [], labels: ["Patrol"], assignees: ["tom.hughes@dcp.example"], createdBy: "priya.shah@dcp.example", dueInDays: 1, recurrence: { frequency: "daily", interval: 1 } },
          { title: "Draft press lines", column: "Done", marking: "OFFICIAL", descriptors: [], labels: ["Media"], assignees: ["mark.ellis@dcp.example"], createdBy: "priya.shah@dcp.example" },
        ],
      },
    ],
  },
  {
    name: "Cornwall MASH: referral 2026-0412",
    description: "Multi-agency safeguarding referral under the Cornwall MASH agreement.",
    owner: "DCP",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL-SENSITIVE",
    agreements: ["ISA-CC-014"],
    members: [
      { email: "priya.shah@dcp.example", role: "owner" },
      { email: "helen.carter@cc.example", role: "guest", agreement: "ISA-CC-014" },
      { email: "aisha.rahman@rcht.example", role: "guest", agreement: "ISA-CC-014" },
      { email: "ben.lowe@cc.example", role: "guest", agreement: "ISA-CC-014" },
    ],
    documents: [
      { title: "Strategy meeting minutes", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"], createdBy: "priya.shah@dcp.example" },
      { title: "Agency contact list", marking: "OFFICIAL", descriptors: [], createdBy: "priya.shah@dcp.example" },
    ],
  },
  {
    name: "DCP Training",
    description: "Training material for Devon & Cornwall Police staff.",
    owner: "DCP",
    ceilingMarking: "OFFICIAL",
    defaultMarking: "OFFICIAL",
    agreements: [],
    members: [
      { email: "priya.shah@dcp.example", role: "owner" },
      { email: "tom.hughes@dcp.example", role: "member" },
      { email: "mark.ellis@dcp.example", role: "member" },
      { email: "janet.okafor@dcp.example", role: "member" },
      { email: "sam.patel@dcp.example", role: "member" },
    ],
    documents: [
      { title: "Induction guide", marking: "OFFICIAL", descriptors: [], createdBy: "priya.shah@dcp.example" },
    ],
  },
];
