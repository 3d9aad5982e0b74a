/**
 * The reviews of the demo workspace (issue 16 §3): about 300 reviews of the clinic on two rating
 * sites — Google (1–5 stars) and a local doctors' portal, "DocRadar" (1–10 points) — over the 120
 * days before the demo is made, stored after the import (`addDemoReviews`) as an import of the
 * sites' files would store them, most answered within a day and some late or not at all. Their
 * scores go to the feedback store with the demo's recorded interactions (`recordDemoReviewScores`),
 * so sentiment counts them. Deterministic: the same day gives the same reviews.
 *
 * The story: the clinic is well rated, the waiting time is what people complain about, and the
 * replies on the local portal lag behind those on Google.
 */
import { recordReviewScores } from '../ingest/import-reviews.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { type ReviewInput, upsertReviews } from '../store/catalog/reviews.js';
import { listTouchpoints } from '../store/catalog/touchpoints.js';
import type { EventStore } from '../store/events/event-store.js';

/** The demo's touchpoint for online reputation. */
export const DEMO_REVIEW_TOUCHPOINT = 'clinic-review-site';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = 120;

interface DemoSite {
  name: string;
  ratingMax: number;
  reviews: number;
  /** Weights of the ratings 1…ratingMax. */
  weights: readonly number[];
  /** Share of reviews answered, and the usual reply time in hours (most within it, a few far later). */
  replied: number;
  replyHours: number;
}

const SITES: readonly DemoSite[] = [
  { name: 'Google', ratingMax: 5, reviews: 190, weights: [6, 5, 9, 30, 50], replied: 0.85, replyHours: 10 },
  {
    name: 'DocRadar',
    ratingMax: 10,
    reviews: 110,
    weights: [3, 2, 3, 4, 5, 6, 10, 20, 22, 25],
    replied: 0.6,
    replyHours: 40,
  },
];

const TEXTS = {
  good: [
    'Friendly reception and a very patient doctor.',
    'Our son was not scared at all. Thank you!',
    'Booked online, seen on time, clear explanations.',
    'Great with children, calm and thorough.',
    'Short wait and a clean, bright waiting room.',
    'The nurse took her time to answer all our questions.',
    '',
  ],
  mixed: [
    'Good doctor, but we waited 30 minutes past our slot.',
    'Fine in the end, though the phone line was busy for ages.',
    'Helpful staff; parking is a problem.',
    '',
  ],
  bad: [
    'Waited over an hour with a feverish child and nobody explained why.',
    'Reception was rude when we asked how long it would take.',
    'Could not get through on the phone for two days.',
    'Appointment cancelled at the last minute, no apology.',
  ],
};

const REPLIES = {
  good: ['Thank you for your kind words!', 'We are glad you were happy with your visit.'],
  bad: [
    'We are sorry about the wait. We are changing how we book slots so this happens less.',
    'Thank you for telling us. Please call our practice manager so we can make this right.',
  ],
};

const NAMES = [
  'Anna',
  'Boris',
  'Clara',
  'David',
  'Eva',
  'Filip',
  'Greta',
  'Hana',
  'Igor',
  'Jana',
  'Karel',
  'Lena',
];

/** mulberry32: a small, fast, seedable PRNG (as the demo interactions use). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let pick = random() * total;
  for (let i = 0; i < weights.length; i++) {
    pick -= weights[i] as number;
    if (pick < 0) return i;
  }
  return weights.length - 1;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** The demo's reviews at `touchpointId`, posted over the DAYS before `end` (no reply after `end`). */
export function demoReviews(touchpointId: string, end: number, seed = 1): ReviewInput[] {
  const random = mulberry32(seed);
  const out: ReviewInput[] = [];
  for (const site of SITES) {
    for (let i = 0; i < site.reviews; i++) {
      const rating = weighted(random, site.weights) + 1;
      const score = rating / site.ratingMax;
      const tone = score >= 0.8 ? 'good' : score > 0.4 ? 'mixed' : 'bad';
      const postedAt = Math.floor(end - DAY_MS * DAYS * random());
      // Most replies come within the site's usual time; one in eight takes days.
      const late = random() < 0.125;
      const replyMs = (late ? 48 + random() * 96 : 1 + random() * site.replyHours) * HOUR_MS;
      const answered = random() < site.replied && postedAt + replyMs < end;
      const author = `${pick(random, NAMES)} ${String.fromCharCode(65 + Math.floor(random() * 26))}.`;
      out.push({
        touchpointId,
        sourceSite: site.name,
        externalId: `${site.name.toLowerCase()}-${String(i + 1).padStart(4, '0')}`,
        author,
        customer: null,
        rating,
        ratingMax: site.ratingMax,
        score,
        text: pick(random, TEXTS[tone]),
        postedAt: new Date(postedAt),
        reply: answered ? pick(random, REPLIES[tone === 'good' ? 'good' : 'bad']) : null,
        replyAt: answered ? new Date(Math.floor(postedAt + replyMs)) : null,
      });
    }
  }
  return out;
}

/** Adds the demo's reviews to a freshly imported demo workspace; answers how many. */
export async function addDemoReviews(
  db: Db,
  actor: Actor,
  workspaceId: string,
  end = Date.now(),
): Promise<number> {
  const page = await listTouchpoints(db, workspaceId, {
    channel: 'review_site',
    limit: 500,
    offset: 0,
  });
  const touchpoint = page.items.find((t) => t.key === DEMO_REVIEW_TOUCHPOINT);
  if (!touchpoint) throw new Error(`demo touchpoint missing: ${DEMO_REVIEW_TOUCHPOINT}`);
  const stored = await upsertReviews(db, actor, workspaceId, demoReviews(touchpoint.id, end), {
    file: 'demo',
  });
  return stored.length;
}

/** Writes the scores of the demo's reviews to the feedback store (idempotent). */
export async function recordDemoReviewScores(
  db: Db,
  events: EventStore,
  workspaceId: string,
): Promise<number> {
  return recordReviewScores(db, events, workspaceId);
}
