/**
 * The complaint register of the demo workspace (issue 16 §3): Brightside Home's complaint
 * handling as a touchpoint of its own, with the standard "Complaint answered within 24 h" on it,
 * and about fifty complaints over the eight weeks before the demo is made — in every status, from
 * staff and from interactions, most answered within a day and resolved within a week, some late,
 * a few still waiting (one past its day already). Deterministic: the same day gives the same
 * complaints.
 *
 * Complaint handling is a part of the call centre (so it stands in its chains). The story:
 * complaints are mostly about deliveries and the call centre; about one in eight waits
 * longer than a day for an answer, so the 24-hour standard fails narrowly and the health check
 * asks for a task.
 */
import type { ComplaintSeverity, ComplaintSource, ComplaintStatus } from '../domain/complaint-rules.js';
import type { Actor } from '../store/catalog/audit.js';
import { type ComplaintRecord, insertComplaintRecords } from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';
import { createStandard } from '../store/catalog/standards.js';
import { createTouchpoint, listTouchpoints } from '../store/catalog/touchpoints.js';

/** The demo's complaint-handling touchpoint (Brightside Home). */
export const DEMO_COMPLAINT_TOUCHPOINT = 'retail-complaint-handling';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = 56;
const COUNT = 52;

/** mulberry32: a small, fast, seedable PRNG (as the other demo data use). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Where complaints arrive (touchpoint keys) and what they say. */
const TOPICS: readonly { touchpoint: string; weight: number; texts: readonly string[] }[] = [
  {
    touchpoint: 'retail-courier',
    weight: 4,
    texts: [
      'The sofa was delivered two days late and nobody called to say so.',
      'The courier left the parcel at the door in the rain.',
      'Delivery slot 9–12 was missed; the van came at 17:00.',
      'The box arrived dented and one chair leg was scratched.',
    ],
  },
  {
    touchpoint: 'retail-call-operator',
    weight: 3,
    texts: [
      'I waited 25 minutes on hold and was then cut off.',
      'The operator promised a call back that never came.',
      'I was passed between three people and had to repeat my order number each time.',
    ],
  },
  {
    touchpoint: 'retail-checkout',
    weight: 2,
    texts: [
      'I was charged twice for the same lamp.',
      'Only one till was open on Saturday; the queue went round the shop.',
      'The loyalty discount was not applied at the till.',
    ],
  },
  {
    touchpoint: 'retail-email-reply',
    weight: 1,
    texts: [
      'My e-mail about a refund has had no answer for a week.',
      'The reply did not answer my question at all.',
    ],
  },
];

const RESOLUTIONS = [
  'Apologised and refunded the delivery fee.',
  'Replacement part sent; customer confirmed it fits.',
  'Double charge refunded; till software ticket raised.',
  'Called back, rebooked the delivery for the next morning.',
  'Explained the warranty terms and arranged a repair.',
];
const REJECTIONS = [
  'Duplicate of an earlier complaint by the same customer.',
  'Order was placed with another shop.',
];

function weightedTopic(random: () => number) {
  const total = TOPICS.reduce((sum, t) => sum + t.weight, 0);
  let pick = random() * total;
  for (const topic of TOPICS) {
    pick -= topic.weight;
    if (pick < 0) return topic;
  }
  return TOPICS[0] as (typeof TOPICS)[number];
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length) % list.length] as T;
}

/** Hours to the first answer: most within the working day, about one in eight after more than a day. */
function responseHours(random: () => number): number {
  return random() < 0.12 ? 26 + random() * 40 : 0.5 + random() * 18;
}

/**
 * The demo's complaints, as they stand at `now`, all entered at the complaint-handling
 * touchpoint (`touchpointIds[DEMO_COMPLAINT_TOUCHPOINT]`) or where they arose.
 */
export function demoComplaints(
  touchpointIds: ReadonlyMap<string, string>,
  ownerUserId: string,
  now: number,
): ComplaintRecord[] {
  const random = mulberry32(Math.floor(now / DAY_MS));
  const handling = touchpointIds.get(DEMO_COMPLAINT_TOUCHPOINT) ?? null;
  const records: ComplaintRecord[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    const topic = weightedTopic(random);
    // Spread over the eight weeks, the last few within the last two days.
    const ageMs = i < 4 ? (6 + i * 9) * HOUR_MS : 2 * DAY_MS + random() * (DAYS - 2) * DAY_MS;
    const receivedAt = now - ageMs;
    const source: ComplaintSource = random() < 0.35 ? 'interaction' : 'staff';
    const severity: ComplaintSeverity = pick(random, [
      'low',
      'medium',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
    ]);
    const answeredAfter = responseHours(random) * HOUR_MS;
    const resolvedAfter = answeredAfter + (12 + random() * 5 * 24) * HOUR_MS;
    const answered = answeredAfter < ageMs;
    let status: ComplaintStatus;
    if (!answered) status = 'new';
    else if (resolvedAfter >= ageMs || (ageMs > 10 * DAY_MS && random() < 0.04)) status = 'in_progress';
    else status = random() < 0.12 ? 'rejected' : 'resolved';
    const closed = status === 'resolved' || status === 'rejected';
    records.push({
      // Complaints taken by the complaint desk stand there; the rest where they arose.
      touchpointId: random() < 0.6 ? handling : (touchpointIds.get(topic.touchpoint) ?? handling),
      customer: `brightside-${String(1000 + Math.floor(random() * 9000))}`,
      text: pick(random, topic.texts),
      severity,
      ownerUserId: status === 'new' && random() < 0.5 ? null : ownerUserId,
      status,
      source,
      sourceRef: source === 'interaction' ? `demo-complaint-${i + 1}` : null,
      receivedAt: new Date(receivedAt),
      firstResponseAt: answered ? new Date(receivedAt + answeredAfter) : null,
      resolvedAt: closed ? new Date(receivedAt + resolvedAfter) : null,
      resolutionNote: closed
        ? status === 'rejected'
          ? pick(random, REJECTIONS)
          : pick(random, RESOLUTIONS)
        : answered
          ? 'Called the customer; looking into it.'
          : '',
    });
  }
  // One complaint that waits past its day: the register shows it as overdue.
  records.push({
    touchpointId: handling,
    customer: 'brightside-4711',
    text: 'The wardrobe doors do not close and the assembly service has not replied.',
    severity: 'high',
    ownerUserId: null,
    status: 'new',
    source: 'staff',
    sourceRef: null,
    receivedAt: new Date(now - 30 * HOUR_MS),
    firstResponseAt: null,
    resolvedAt: null,
    resolutionNote: '',
  });
  return records;
}

/**
 * Adds Brightside Home's complaint-handling touchpoint, its standard "Complaint answered within
 * 24 h" (90 % of complaints) and the demo's complaints.
 */
export async function addDemoComplaints(
  db: Db,
  actor: Actor,
  workspaceId: string,
  ownerUserId: string,
  now = Date.now(),
): Promise<number> {
  const all = await listTouchpoints(db, workspaceId, { limit: 500, offset: 0 });
  const byKey = new Map(all.items.map((t) => [t.key, t.id]));
  const callCentre = all.items.find((t) => t.key === 'retail-call-centre');
  const handling = await createTouchpoint(db, actor, workspaceId, {
    key: DEMO_COMPLAINT_TOUCHPOINT,
    name: 'Complaint handling',
    description:
      'Complaints about orders, deliveries and the shop, taken by phone, e-mail and at the info desk, and answered by the customer care team.',
    // A part of the call centre: it sits in the call centre's chains, and the owner runs it.
    ...(callCentre
      ? { brandId: callCentre.brandId, subjectId: callCentre.subjectId, parentId: callCentre.id }
      : {}),
    ownerUserId,
    direction: 'both',
    stage: 'post_purchase',
    priority: 5,
    tags: ['retail', 'feedback'],
  });
  byKey.set(DEMO_COMPLAINT_TOUCHPOINT, handling.id);
  await createStandard(db, actor, workspaceId, {
    touchpointId: handling.id,
    name: 'Complaint answered within 24 h',
    metric: 'complaint_first_response_ms',
    target: DAY_MS,
    requiredShare: 0.9,
  });
  return insertComplaintRecords(db, actor, workspaceId, demoComplaints(byKey, ownerUserId, now));
}
