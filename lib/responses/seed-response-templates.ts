/**
 * The two national pre-planned responses seeded with Accord, written as a force's tasking team
 * would: a high-risk missing person (after the College of Policing APP on missing persons) and
 * crowd management at a major event (command structure, safety advisory group, JESIP). They are
 * examples to start from, not doctrine: each agency extends or replaces them with its own.
 */
import { DAY_MINUTES, ZResponseTemplate, type ResponseTemplateContent } from "./response-template";

const HOUR = 60;

const missingPersonHighRisk: ResponseTemplateContent = {
  key: "missing-person-high-risk",
  title: "Missing person: high risk",
  summary:
    "Immediate response to a report of a missing person assessed as high risk: the risk to the person or the public is very likely to be serious harm. Investigating officer and supervision appointed at once, search and enquiries in parallel, family and partner agencies kept informed, risk reviewed through the day.",
  reference: "College of Policing APP: Major investigation and public protection, Missing persons",
  columns: [
    {
      title: "First hour",
      cards: [
        {
          title: "Confirm the risk grading and record the rationale",
          action: "The duty inspector confirms the grading as HIGH, records why (the person's circumstances, vulnerability, what is out of character) and opens the investigation log.",
          resources: ["Duty inspector"],
          reference: "APP Missing persons: risk assessment",
          startOffsetMinutes: 0,
          dueOffsetMinutes: 15,
          labels: ["supervision"],
          checklist: ["Risk factors recorded", "Grading and rationale in the log", "Control room informed"],
        },
        {
          title: "Appoint the investigating officer and a senior lead",
          action: "Appoint an investigating officer and, for high risk, an inspector or above as senior lead; consider a senior investigating officer where there are signs of crime.",
          resources: ["Inspector", "Detective sergeant"],
          startOffsetMinutes: 0,
          dueOffsetMinutes: 30,
          labels: ["supervision"],
          checklist: ["Investigating officer named on the log", "Senior lead named on the log"],
        },
        {
          title: "Search the home address and last known location",
          action: "Search the home address thoroughly (the person may be there), and the place they were last seen. Secure anything that helps: devices, notes, recent photographs.",
          resources: ["Two response officers"],
          reference: "APP Missing persons: search",
          startOffsetMinutes: 0,
          dueOffsetMinutes: 60,
          labels: ["search"],
          checklist: ["Home address searched, including outbuildings and vehicles", "Last seen location visited", "Recent photograph obtained"],
        },
        {
          title: "Request a police search adviser (PolSA)",
          action: "Request a PolSA to set the search strategy: areas, priorities and resources (search teams, dogs, drone, marine or mountain rescue where relevant).",
          resources: ["PolSA", "Search teams"],
          startOffsetMinutes: 0,
          dueOffsetMinutes: 60,
          labels: ["search"],
          checklist: ["PolSA contacted", "Search strategy recorded"],
        },
        {
          title: "Take the first account from the family or reporting person",
          action: "Obtain a full description, clothing, habits, places they go, friends, health and medication, phone and bank details. Use the Herbert Protocol form where the person lives with dementia. Agree a single point of contact for the family.",
          resources: ["Investigating officer"],
          startOffsetMinutes: 0,
          dueOffsetMinutes: 60,
          labels: ["family"],
          checklist: ["Description and clothing recorded", "Health and medication recorded", "Point of contact agreed"],
        },
      ],
    },
    {
      title: "First four hours",
      cards: [
        {
          title: "Circulate on PNC and notify the UK Missing Persons Unit",
          action: "Circulate the person as missing (high risk) on the PNC, and notify the NCA's UK Missing Persons Unit.",
          resources: ["Control room"],
          startOffsetMinutes: 30,
          dueOffsetMinutes: 2 * HOUR,
          labels: ["enquiries"],
          checklist: ["PNC circulation", "UKMPU notified"],
        },
        {
          title: "CCTV and ANPR around the last sighting",
          action: "Identify and secure CCTV on likely routes from the last sighting, and request ANPR checks on any vehicle the person may use.",
          resources: ["CCTV officers", "ANPR bureau"],
          startOffsetMinutes: 30,
          dueOffsetMinutes: 2 * HOUR,
          labels: ["enquiries"],
          checklist: ["CCTV sites listed and requested", "ANPR request made"],
        },
        {
          title: "Hospitals, custody, transport",
          action: "Check local hospitals and mental health units, custody suites, taxi firms and transport operators (bus, rail) for contact with the person.",
          resources: ["Enquiry team"],
          startOffsetMinutes: 30,
          dueOffsetMinutes: 2 * HOUR,
          labels: ["enquiries"],
          checklist: ["Hospitals", "Custody suites", "Taxi firms", "Bus and rail operators"],
        },
        {
          title: "Communications data and financial enquiries",
          action: "Seek authorisation for communications data (cell site, last handset activity) and bank checks, recording necessity and proportionality.",
          resources: ["Single point of contact (communications data)", "Financial investigator"],
          reference: "Investigatory Powers Act 2016",
          startOffsetMinutes: HOUR,
          dueOffsetMinutes: 3 * HOUR,
          labels: ["enquiries"],
          checklist: ["Application submitted", "Authorisation recorded"],
        },
        {
          title: "Tell the partner agencies",
          action: "Inform the agencies involved with the person: children's social care for a child, mental health services, school or college, and the local authority's missing children lead.",
          resources: ["Investigating officer"],
          startOffsetMinutes: 30,
          dueOffsetMinutes: 2 * HOUR,
          labels: ["partners"],
          checklist: ["Social care", "Health", "Education"],
        },
        {
          title: "Consider a media and social media appeal",
          action: "With the family's views recorded, decide on a public appeal and agree its wording and photograph with the press office.",
          resources: ["Press office"],
          startOffsetMinutes: 2 * HOUR,
          dueOffsetMinutes: 4 * HOUR,
          labels: ["media"],
          checklist: ["Family consulted", "Decision and reasons logged", "Appeal published or declined"],
        },
      ],
    },
    {
      title: "Ongoing",
      cards: [
        {
          title: "Review the risk and the investigation",
          action: "The senior lead reviews the grading, the search and the lines of enquiry at least every four hours, and records the review.",
          resources: ["Senior lead"],
          startOffsetMinutes: 4 * HOUR,
          dueOffsetMinutes: 4 * HOUR + 30,
          labels: ["supervision"],
          checklist: ["Grading reviewed", "Search strategy reviewed", "Review recorded"],
        },
        {
          title: "Keep the family updated",
          action: "The point of contact updates the family at agreed times and records each contact.",
          resources: ["Point of contact"],
          startOffsetMinutes: 2 * HOUR,
          dueOffsetMinutes: 6 * HOUR,
          labels: ["family"],
          checklist: [],
        },
      ],
    },
    {
      title: "On return",
      cards: [
        {
          title: "Safe and well check, and a prevention interview",
          action: "Confirm the person is safe and well in person; arrange a return home interview (for a child, by the local authority within 72 hours) and record any harm suffered or crime disclosed.",
          resources: ["Response officer", "Local authority"],
          startOffsetMinutes: 0,
          dueOffsetMinutes: 3 * DAY_MINUTES,
          labels: ["closure"],
          checklist: ["Seen in person", "PNC circulation cancelled", "Return interview arranged"],
        },
      ],
    },
    { title: "Done", cards: [] },
  ],
};

const majorEventCrowd: ResponseTemplateContent = {
  key: "major-event-crowd-management",
  title: "Major event: crowd management",
  summary:
    "Policing plan for a large public event (a football match, concert or festival) with the organiser, the local authority and the other emergency services: command structure and strategy, safety advisory group, briefings, live crowd monitoring, egress and debrief. The response's start time is when the gates open.",
  reference: "College of Policing APP: Public order and public safety; JESIP joint doctrine",
  columns: [
    {
      title: "Planning",
      cards: [
        {
          title: "Safety advisory group with the organiser and partners",
          action: "Attend the local authority's safety advisory group with the organiser, ambulance, fire and highways; agree capacities, the stewarding plan and the emergency plan.",
          resources: ["Silver commander", "Event planning officer"],
          startOffsetMinutes: -21 * DAY_MINUTES,
          dueOffsetMinutes: -14 * DAY_MINUTES,
          labels: ["planning", "partners"],
          checklist: ["Capacities agreed", "Stewarding plan reviewed", "Emergency plan reviewed"],
        },
        {
          title: "Set and record the Gold strategy",
          action: "The Gold commander sets the strategic intention, objectives and the tactical parameters, and records them with their rationale.",
          resources: ["Gold commander"],
          startOffsetMinutes: -14 * DAY_MINUTES,
          dueOffsetMinutes: -7 * DAY_MINUTES,
          labels: ["command"],
          checklist: ["Strategy recorded", "Tactical parameters recorded"],
        },
        {
          title: "Silver tactical plan and Bronze roles",
          action: "Silver writes the tactical plan (ingress, crowd monitoring, disorder, evacuation, egress) and allocates Bronze roles by function or geography.",
          resources: ["Silver commander"],
          startOffsetMinutes: -14 * DAY_MINUTES,
          dueOffsetMinutes: -5 * DAY_MINUTES,
          labels: ["command"],
          checklist: ["Tactical plan approved by Gold", "Bronze roles allocated"],
        },
        {
          title: "Intelligence and community impact assessment",
          action: "Assess the intelligence (risk groups, protest, counter-terrorism protective security) and the event's impact on local communities.",
          resources: ["Intelligence unit", "Neighbourhood team"],
          startOffsetMinutes: -10 * DAY_MINUTES,
          dueOffsetMinutes: -3 * DAY_MINUTES,
          labels: ["planning"],
          checklist: ["Intelligence assessment", "Community impact assessment", "Protective security advice given"],
        },
        {
          title: "Traffic management and road closures",
          action: "Agree road closures, diversions and parking with the highways authority and the organiser; publish them.",
          resources: ["Roads policing", "Highways authority"],
          startOffsetMinutes: -10 * DAY_MINUTES,
          dueOffsetMinutes: -7 * DAY_MINUTES,
          labels: ["planning", "partners"],
          checklist: ["Closures agreed", "Public notice published"],
        },
      ],
    },
    {
      title: "Briefing and deployment",
      cards: [
        {
          title: "Brief officers, stewards and partners",
          action: "Joint briefing on the plan, roles, radio channels and the M/ETHANE model for reporting a major incident; record who was briefed.",
          resources: ["Silver commander", "Bronze commanders"],
          reference: "JESIP: M/ETHANE",
          startOffsetMinutes: -3 * HOUR,
          dueOffsetMinutes: -2 * HOUR,
          labels: ["briefing"],
          checklist: ["Police briefed", "Stewards briefed", "Partners briefed"],
        },
        {
          title: "Deploy resources and test communications",
          action: "Deploy the police support units and mobile patrols to their positions; test radio talk groups and the link to the event control room.",
          resources: ["Police support units", "Event control room"],
          startOffsetMinutes: -2 * HOUR,
          dueOffsetMinutes: -1 * HOUR,
          labels: ["deployment"],
          checklist: ["Units in position", "Radio check complete", "Control room link working"],
        },
      ],
    },
    {
      title: "Live",
      cards: [
        {
          title: "Monitor ingress and crowd density",
          action: "Watch ingress and density with the organiser (CCTV, drone where authorised); act on pinch points before they form.",
          resources: ["CCTV operators", "Drone team"],
          startOffsetMinutes: 0,
          dueOffsetMinutes: 2 * HOUR,
          labels: ["live"],
          checklist: [],
        },
        {
          title: "Hourly dynamic risk assessment",
          action: "Silver reviews the risk every hour with the organiser's safety officer and records each decision in the Silver log.",
          resources: ["Silver commander"],
          startOffsetMinutes: HOUR,
          dueOffsetMinutes: HOUR + 15,
          labels: ["command", "live"],
          checklist: ["Risk reviewed", "Decisions logged"],
        },
        {
          title: "Egress and dispersal",
          action: "Manage egress: stagger where the plan says, keep routes to transport hubs open, and hold resources at known flashpoints.",
          resources: ["Police support units", "Transport police"],
          startOffsetMinutes: 3 * HOUR,
          dueOffsetMinutes: 5 * HOUR,
          labels: ["live"],
          checklist: ["Transport hubs covered", "Flashpoints covered"],
        },
      ],
    },
    {
      title: "Stand-down and debrief",
      cards: [
        {
          title: "Stand down and hot debrief",
          action: "Stand resources down in order; hold a hot debrief with commanders and partners while it is fresh.",
          resources: ["Silver commander"],
          startOffsetMinutes: 5 * HOUR,
          dueOffsetMinutes: 6 * HOUR,
          labels: ["debrief"],
          checklist: ["Resources stood down", "Hot debrief notes recorded"],
        },
        {
          title: "Structured debrief and lessons learned",
          action: "Hold the structured debrief with every agency and the organiser; record lessons for the next event and the safety advisory group.",
          resources: ["Event planning officer"],
          startOffsetMinutes: 2 * DAY_MINUTES,
          dueOffsetMinutes: 14 * DAY_MINUTES,
          labels: ["debrief", "partners"],
          checklist: ["Debrief held", "Lessons recorded and shared"],
        },
      ],
    },
    { title: "Done", cards: [] },
  ],
};

/** The national templates Accord seeds, validated as every template is. */
export const SEED_RESPONSE_TEMPLATES: readonly ResponseTemplateContent[] = [missingPersonHighRisk, majorEventCrowd].map((t) => ZResponseTemplate.parse(t));
