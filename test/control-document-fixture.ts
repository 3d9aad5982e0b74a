/**
 * The hand-built workspace document of workspace-document-fixture.ts in format version 2, with
 * the Law 3 objects: tasks in every status (with comments, a chain-link and a standard target),
 * an audit checklist on each scale, audits of the own brand and a competitor, alert rules naming
 * a standard, a chain and a touchpoint, and a webhook.
 */
import type { WorkspaceDocument } from '../src/domain/workspace-document.js';
import { healthDocument, ID, u } from './workspace-document-fixture.js';

export const OTHER_EMAIL = 'someone.else@example.com';

export const CONTROL_ID = {
  planned: u(70),
  inProgress: u(71),
  done: u(72),
  verified: u(73),
  notEffective: u(74),
  checklist: u(80),
  yesNo: u(81),
  score: u(82),
  number: u(83),
  ownAudit: u(90),
  rivalAudit: u(91),
  complianceRule: u(100),
  linkRule: u(101),
  silentRule: u(102),
  overdueRule: u(103),
} as const;

const C = CONTROL_ID;
const none = {
  touchpointId: null,
  chainId: null,
  linkTouchpointId: null,
  journeyId: null,
  stageId: null,
  standardId: null,
};

type Task = NonNullable<WorkspaceDocument['tasks']>[number];

function task(id: string, title: string, extra: Partial<Task>): Task {
  return {
    id,
    title,
    description: '',
    lever: 'business_processes',
    ownerEmail: null,
    dueDate: null,
    priority: 3,
    status: 'planned',
    targets: none,
    windowDays: 14,
    minSample: 30,
    conversionRiseTarget: null,
    doneAt: null,
    verification: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    comments: [],
    ...extra,
  };
}

/** healthDocument plus the Law 3 objects; `ownerEmail` owns some, OTHER_EMAIL others. */
export function controlDocument(ownerEmail: string): WorkspaceDocument {
  return {
    ...healthDocument(ownerEmail),
    formatVersion: 2,
    tasks: [
      task(C.planned, 'Train the call team', {
        lever: 'staff_qualification',
        ownerEmail,
        dueDate: '2026-04-30',
        priority: 1,
        targets: { ...none, touchpointId: ID.callCentre },
        createdAt: '2026-03-01T09:00:00.000Z',
        comments: [
          {
            authorName: 'Ann Owner',
            authorEmail: ownerEmail,
            body: 'Two sessions booked.',
            createdAt: '2026-03-02T10:00:00.000Z',
          },
          {
            authorName: 'Bob Former',
            authorEmail: OTHER_EMAIL,
            body: 'I can take the second one.',
            createdAt: '2026-03-02T11:30:00.000Z',
          },
        ],
      }),
      task(C.inProgress, 'Call back every form within an hour', {
        ownerEmail: OTHER_EMAIL,
        status: 'in_progress',
        targets: { ...none, chainId: ID.phoneSale, linkTouchpointId: ID.callCentre },
        conversionRiseTarget: 5,
        windowDays: 21,
        minSample: 50,
        createdAt: '2026-03-01T09:01:00.000Z',
      }),
      task(C.done, 'Add a second line at lunch time', {
        lever: 'sales_channels',
        ownerEmail,
        status: 'done',
        targets: { ...none, touchpointId: ID.callCentre, standardId: u(60) },
        doneAt: '2026-03-10T08:00:00.000Z',
        verification: {
          checkedAt: '2026-03-11T08:00:00.000Z',
          state: 'pending',
          explanation: 'waiting: 12 of 30 calls measured since done',
          figures: { measured: 12, required: 30 },
        },
        createdAt: '2026-03-01T09:02:00.000Z',
      }),
      task(C.verified, 'Simplify the purchase stage', {
        lever: 'product_improvement',
        status: 'verified',
        targets: { ...none, journeyId: ID.journey, stageId: ID.stagePurchase },
        doneAt: '2026-02-01T08:00:00.000Z',
        verification: {
          checkedAt: '2026-02-15T08:00:00.000Z',
          state: 'verified',
          explanation: 'verified on 2026-02-15: 93 % within 20 s, required 90 %, 412 calls',
          figures: { share: 0.93, required: 0.9, measured: 412, met: true, note: null },
        },
        createdAt: '2026-01-20T09:00:00.000Z',
      }),
      task(C.notEffective, 'Faster pages', {
        lever: 'new_touchpoints',
        ownerEmail: OTHER_EMAIL,
        status: 'not_effective',
        targets: { ...none, standardId: u(61) },
        doneAt: '2026-02-01T08:00:00.000Z',
        verification: {
          checkedAt: '2026-02-15T08:00:00.000Z',
          state: 'not_effective',
          explanation: 'not effective: 71 % within 2 s, required 95 %',
          figures: { share: 0.71, required: 0.95 },
        },
        createdAt: '2026-01-21T09:00:00.000Z',
      }),
    ],
    auditChecklists: [
      {
        id: C.checklist,
        name: 'Store walk',
        description: 'In the customer’s shoes',
        journeyId: ID.journey,
        templateKey: 'store-basic',
        criteria: [
          {
            id: C.yesNo,
            text: 'Greeted on the phone',
            touchpointId: ID.callCentre,
            stageKey: null,
            scale: 'yes_no',
            target: null,
            comparator: null,
            unit: '',
            weight: 1,
          },
          {
            id: C.score,
            text: 'Checkout is pleasant',
            touchpointId: null,
            stageKey: 'purchase',
            scale: 'score_1_5',
            target: null,
            comparator: null,
            unit: '',
            weight: 0.5,
          },
          {
            id: C.number,
            text: 'Answered within',
            touchpointId: ID.callCentre,
            stageKey: null,
            scale: 'number',
            target: 20,
            comparator: 'lte',
            unit: 's',
            weight: 2,
          },
        ],
      },
    ],
    audits: [
      {
        id: C.ownAudit,
        checklistId: C.checklist,
        brandId: ID.own,
        auditDate: '2026-03-05',
        auditorEmail: ownerEmail,
        auditorName: 'Ann Owner',
        status: 'submitted',
        notes: 'Busy Thursday',
        submittedAt: '2026-03-05T17:00:00.000Z',
        createdAt: '2026-03-04T09:00:00.000Z',
        answers: [
          { criterionId: C.yesNo, value: 1, note: '', answeredAt: '2026-03-05T15:00:00.000Z' },
          { criterionId: C.score, value: 4, note: 'queue', answeredAt: '2026-03-05T15:05:00.000Z' },
          { criterionId: C.number, value: 35, note: '', answeredAt: '2026-03-05T15:10:00.000Z' },
        ],
      },
      {
        id: C.rivalAudit,
        checklistId: C.checklist,
        brandId: ID.rival,
        auditDate: '2026-03-06',
        auditorEmail: OTHER_EMAIL,
        auditorName: 'Bob Former',
        status: 'in_progress',
        notes: '',
        submittedAt: null,
        createdAt: '2026-03-04T09:05:00.000Z',
        answers: [
          { criterionId: C.score, value: null, note: 'no till', answeredAt: '2026-03-06T12:00:00.000Z' },
        ],
      },
    ],
    alertRules: [
      {
        id: C.complianceRule,
        name: 'Calls answered',
        kind: 'standard_compliance',
        params: { standardId: u(60), windowDays: 7, minSample: 30 },
        enabled: true,
        email: true,
      },
      {
        id: C.linkRule,
        name: 'Phone sale drops',
        kind: 'link_conversion_drop',
        params: { chainId: ID.phoneSale, position: 2, windowDays: 14, threshold: 5, minSample: 20 },
        enabled: false,
        email: false,
      },
      {
        id: C.silentRule,
        name: 'Website silent',
        kind: 'touchpoint_silent',
        params: { touchpointId: ID.website, days: 3 },
        enabled: true,
        email: false,
      },
      {
        id: C.overdueRule,
        name: 'Overdue tasks',
        kind: 'task_overdue',
        params: {},
        enabled: true,
        email: false,
      },
    ],
    webhooks: [{ url: 'https://hooks.example/touchpoints', description: 'Ops channel' }],
  };
}

/**
 * The Law 3 part of a document with every id replaced by the name of what it names, lists in a
 * fixed order: two documents with the same content compare equal whatever their ids and order.
 */
export function namedControl(doc: WorkspaceDocument) {
  const names = new Map<string, string>();
  for (const b of doc.brands) names.set(b.id, `brand:${b.name}`);
  for (const t of doc.touchpoints) names.set(t.id, `touchpoint:${t.key}`);
  for (const s of doc.standards) names.set(s.id, `standard:${s.name}`);
  for (const c of doc.chains) names.set(c.id, `chain:${c.name}`);
  for (const j of doc.journeys) {
    names.set(j.id, `journey:${j.name}`);
    for (const s of j.stages) names.set(s.id, `stage:${s.key}`);
  }
  for (const t of doc.tasks ?? []) names.set(t.id, `task:${t.title}`);
  for (const c of doc.auditChecklists ?? []) {
    names.set(c.id, `checklist:${c.name}`);
    for (const k of c.criteria) names.set(k.id, `criterion:${k.text}`);
  }
  for (const a of doc.audits ?? []) names.set(a.id, `audit:${a.auditDate}`);
  for (const r of doc.alertRules ?? []) names.set(r.id, `rule:${r.name}`);
  const by =
    <T>(key: (o: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  const control = {
    tasks: [...(doc.tasks ?? [])].sort(by((t) => t.title)),
    auditChecklists: [...(doc.auditChecklists ?? [])].sort(by((c) => c.name)),
    audits: [...(doc.audits ?? [])].sort(by((a) => a.auditDate)),
    alertRules: [...(doc.alertRules ?? [])].sort(by((r) => r.name)),
    webhooks: doc.webhooks ?? [],
  };
  return JSON.parse(
    JSON.stringify(control).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      (id) => names.get(id) ?? `unknown:${id}`,
    ),
  );
}
