/**
 * Synthetic interactions and feedback answers for the demo workspace (`touchpoints demo
 * --interactions N --seed S`). Customers walk the demo's chains link by link within each chain's
 * window and go on to the continuation chain after a final link; each main chain has one clear
 * weak link (the clinic's "online question form → phone call to book" loses most customers); a
 * negative sentiment at a link makes the customer much more likely to drop there; final links
 * convert with a value; touchpoints with time standards carry response / wait / duration times
 * (the booking call, the clinic reception and the store's till fail theirs); a minority of
 * customers is over-contacted by the newsletter and is lost more often; touchpoints with CSAT,
 * NPS or CES standards collect feedback answers.
 *
 * The generator is pure and deterministic: the same catalog, seed, count and end time give the
 * same records in the same order (mulberry32 PRNG, no clock, no crypto).
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../store/catalog/db.js';
import { brands, chainLinks, chains, channels, standards, touchpoints } from '../store/catalog/schema.js';
import type { FeedbackAnswer, Interaction } from '../store/events/event-store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The most interactions one `demo` run generates. */
export const MAX_DEMO_INTERACTIONS = 10_000_000;

export interface DemoTouchpoint {
  id: string;
  key: string;
  direction: 'in' | 'out' | 'both';
  /** Channel key, or null. */
  channel: string | null;
  parentId: string | null;
  /** Of the workspace's own brand (competitors' touchpoints get no interactions). */
  own: boolean;
  status: string;
}

export interface DemoChain {
  id: string;
  windowDays: number;
  nextChainId: string | null;
  links: readonly { touchpointId: string; role: string }[];
}

export interface DemoStandard {
  touchpointId: string;
  metric: string;
  prop: string | null;
  target: number;
}

/** What the generator needs of the created demo workspace. */
export interface DemoCatalog {
  workspaceId: string;
  touchpoints: readonly DemoTouchpoint[];
  chains: readonly DemoChain[];
  standards: readonly DemoStandard[];
}

export interface DemoDataOptions {
  /** Exactly this many interactions are generated (the last customer's walk is cut there). */
  interactions: number;
  seed: number;
  /** End of the generated period (epoch ms, exclusive): every record is before it. */
  end: number;
  /** Length of the period in days (default 90): customers start uniformly within it. */
  spanDays?: number;
}

export interface DemoData {
  interactions: Interaction[];
  feedback: FeedbackAnswer[];
}

/** How customers walk one chain, keyed by the key of the chain's initial link. */
interface ChainPlan {
  /** Share of customers going on from link k to link k + 1 (one clearly lowest: the weak link). */
  proceed: number[];
  /** Relative weight as the chain a customer starts with (0: only reached as a continuation). */
  entry: number;
  /** Converted value at the final link, or null for no conversion. */
  value: [number, number] | null;
  /** Share of finishers who go on to the continuation chain. */
  next: number;
}

const PLANS: Record<string, ChainPlan> = {
  'clinic-banner-ad': { proceed: [0.7, 0.65, 0.18, 0.85], entry: 30, value: [90, 160], next: 0.8 },
  'clinic-context-ad': { proceed: [0.75, 0.3], entry: 18, value: [90, 160], next: 0.8 },
  'clinic-reception': { proceed: [0.95, 0.5], entry: 0, value: null, next: 0.4 },
  'cons-article': { proceed: [0.25, 0.6], entry: 12, value: null, next: 0.7 },
  'cons-results': { proceed: [0.85, 0.3], entry: 0, value: null, next: 0.8 },
  'cons-office-meeting': { proceed: [0.85, 0.35], entry: 0, value: [20_000, 60_000], next: 0.6 },
  // Graduates of earlier projects also start here: the calendar reaches them every year.
  'cons-graduate-calendar': { proceed: [0.5], entry: 3, value: null, next: 0.3 },
  'retail-store-front': { proceed: [0.7, 0.85, 0.3, 0.65], entry: 25, value: [15, 300], next: 0.2 },
  'retail-social-page': { proceed: [0.55], entry: 8, value: null, next: 0.6 },
  'retail-call-centre': { proceed: [0.45, 0.95, 0.9], entry: 4, value: [40, 600], next: 0.3 },
  'retail-loyalty-signup': { proceed: [0.9], entry: 5, value: null, next: 0 },
  'group-review-request': { proceed: [0.45, 0.7, 0.15], entry: 0, value: [50, 150], next: 0 },
};

/** Time standards that fail on purpose (e.g. call answer p90 ≈ 1.6 × 20 s). */
const FAILING = new Set(['clinic-booking-call', 'clinic-reception', 'retail-checkout']);
/** Touchpoints with more negative reactions than the 2.5 % base rate. */
const NEGATIVE_RATE: Record<string, number> = {
  'clinic-question-form': 0.14,
  'retail-price-list': 0.12,
  'retail-call-centre': 0.1,
  'group-review-request': 0.03,
};
/** Touchpoints whose CSAT is low on purpose. */
const LOW_CSAT = new Set(['retail-courier', 'retail-call-operator']);
/** Where over-contacting happens; without it, `out` e-mail/SMS touchpoints in no chain. */
const BROADCAST_KEYS = ['retail-loyalty-newsletter'];
/** Share of customers who are over-contacted (more than 8 `out` touches in 30 days). */
const OVER_CONTACTED = 0.07;

const COMMENTS = {
  good: ['Very friendly, thank you!', 'Quick and clear.', 'Exactly what we needed.'],
  bad: ['Waited far too long.', 'Nobody called back.', 'Confusing, had to ask twice.'],
};

/** mulberry32: a small, fast, seedable PRNG. */
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

type Emitted = { kind: 'interaction'; row: Interaction } | { kind: 'feedback'; row: FeedbackAnswer };

interface PreparedChain {
  chain: DemoChain;
  plan: ChainPlan;
  final: boolean;
}

/** Picks the chain plans, metrics and feedback kinds out of the catalog once. */
function prepare(catalog: DemoCatalog) {
  const byId = new Map(catalog.touchpoints.map((t) => [t.id, t]));
  const chainById = new Map<string, PreparedChain>();
  for (const chain of catalog.chains) {
    if (chain.links.length === 0) continue;
    const first = byId.get(chain.links[0]?.touchpointId ?? '');
    const transitions = chain.links.length - 1;
    // A chain the demo does not know: even walks with the middle transition weak.
    const fallback: ChainPlan = {
      proceed: Array.from({ length: transitions }, (_, i) =>
        i === Math.floor(transitions / 2) ? 0.25 : 0.7,
      ),
      entry: 5,
      value: [20, 200],
      next: 0.5,
    };
    const known = first ? PLANS[first.key] : undefined;
    const plan = known && known.proceed.length === transitions ? known : fallback;
    chainById.set(chain.id, { chain, plan, final: chain.links.at(-1)?.role === 'final' });
  }
  const entries = [...chainById.values()].filter((c) => c.plan.entry > 0);
  const inChain = new Set(catalog.chains.flatMap((c) => c.links.map((l) => l.touchpointId)));
  const active = catalog.touchpoints.filter((t) => t.own && t.status === 'active');
  let broadcast = active.filter((t) => BROADCAST_KEYS.includes(t.key));
  if (broadcast.length === 0)
    broadcast = active.filter(
      (t) => t.direction === 'out' && !inChain.has(t.id) && ['email', 'sms'].includes(t.channel ?? ''),
    );
  const noise = active.filter((t) => !inChain.has(t.id) && t.parentId === null && !broadcast.includes(t));
  const children = new Map<string, DemoTouchpoint[]>();
  for (const t of active) {
    if (t.parentId === null) continue;
    children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  }
  const standardsOf = new Map<string, DemoStandard[]>();
  for (const s of catalog.standards)
    standardsOf.set(s.touchpointId, [...(standardsOf.get(s.touchpointId) ?? []), s]);
  return { byId, chainById, entries, broadcast, noise, children, standardsOf };
}

/**
 * Yields the demo records in batches of `batchSize` interactions (with the feedback answers that
 * belong to them), `options.interactions` interactions in all; deterministic for a seed.
 */
export function* generateDemoBatches(
  catalog: DemoCatalog,
  options: DemoDataOptions,
  batchSize = 10_000,
): Generator<DemoData> {
  let batch: DemoData = { interactions: [], feedback: [] };
  let total = 0;
  outer: for (const customer of customers(catalog, options)) {
    for (const e of customer) {
      if (e.kind === 'feedback') {
        batch.feedback.push(e.row);
        continue;
      }
      batch.interactions.push(e.row);
      total++;
      if (batch.interactions.length >= batchSize) {
        yield batch;
        batch = { interactions: [], feedback: [] };
      }
      if (total >= options.interactions) break outer;
    }
  }
  if (batch.interactions.length > 0 || batch.feedback.length > 0) yield batch;
}

/** All demo records at once (for tests and small counts); see generateDemoBatches. */
export function generateDemoData(catalog: DemoCatalog, options: DemoDataOptions): DemoData {
  const all: DemoData = { interactions: [], feedback: [] };
  for (const b of generateDemoBatches(catalog, options, 100_000)) {
    all.interactions.push(...b.interactions);
    all.feedback.push(...b.feedback);
  }
  return all;
}

/** Customers one after the other, each as the list of its records. */
function* customers(catalog: DemoCatalog, options: DemoDataOptions): Generator<Emitted[]> {
  if (options.interactions <= 0) return;
  const p = prepare(catalog);
  const random = mulberry32(options.seed);
  const span = (options.spanDays ?? 90) * DAY;
  const end = options.end;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const entryWeight = p.entries.reduce((sum, c) => sum + c.plan.entry, 0);
  const pickEntry = (): PreparedChain | undefined => {
    let x = random() * entryWeight;
    for (const c of p.entries) {
      x -= c.plan.entry;
      if (x < 0) return c;
    }
    return p.entries.at(-1);
  };
  let emptyRuns = 0;

  for (let index = 0; ; index++) {
    const customer = `demo-c${index}`;
    const records: Emitted[] = [];
    let seq = 0;
    let lost = false;
    const overContacted = random() < OVER_CONTACTED;

    const emit = (
      tp: DemoTouchpoint,
      at: number,
      extra: Partial<Pick<Interaction, 'sentiment' | 'outcome' | 'value' | 'direction'>> = {},
    ): Interaction | null => {
      if (at >= end) return null;
      const row: Interaction = {
        workspaceId: catalog.workspaceId,
        id: `demo-${options.seed}-${index}-${seq++}`,
        customer,
        touchpointId: tp.id,
        at: Math.floor(at),
        direction: extra.direction ?? (tp.direction === 'out' ? 'out' : 'in'),
        sentiment: extra.sentiment !== undefined ? extra.sentiment : sentiment(tp),
        outcome: extra.outcome ?? null,
        value: extra.value ?? null,
        responseMs: null,
        waitMs: null,
        durationMs: null,
        props: null,
      };
      const props: Record<string, number> = {};
      for (const s of p.standardsOf.get(tp.id) ?? []) {
        if (s.metric === 'response_ms') row.responseMs = measure(tp, s.target);
        else if (s.metric === 'wait_ms') row.waitMs = measure(tp, s.target);
        else if (s.metric === 'duration_ms') row.durationMs = measure(tp, s.target);
        else if (s.metric === 'prop' && s.prop) props[s.prop] = measure(tp, s.target);
        else if ((s.metric === 'csat' || s.metric === 'nps' || s.metric === 'ces') && random() < 0.4)
          feedback(tp, s.metric, row);
      }
      if (Object.keys(props).length > 0) row.props = JSON.stringify(props);
      records.push({ kind: 'interaction', row });
      return row;
    };

    const sentiment = (tp: DemoTouchpoint): Interaction['sentiment'] => {
      const x = random();
      const negative = (NEGATIVE_RATE[tp.key] ?? 0.025) * (overContacted ? 1.5 : 1);
      if (x < negative) return -1;
      if (x < 0.4) return 1;
      if (x < 0.65) return 0;
      return null;
    };

    /** A log-normal time around the target: most meet it, or (FAILING) about two thirds. */
    const measure = (tp: DemoTouchpoint, target: number): number => {
      const failing = FAILING.has(tp.key);
      const median = target * (failing ? 0.75 : 0.35);
      const sigma = failing ? 0.6 : 0.5;
      return Math.max(1, Math.round(median * Math.exp(sigma * normal())));
    };

    const feedback = (tp: DemoTouchpoint, kind: 'csat' | 'nps' | 'ces', touch: Interaction) => {
      const unhappy = touch.sentiment === -1 || (LOW_CSAT.has(tp.key) && random() < 0.45);
      const x = random();
      const score =
        kind === 'csat'
          ? unhappy
            ? int(1, 3)
            : x < 0.05
              ? 3
              : x < 0.35
                ? 4
                : 5
          : kind === 'nps'
            ? unhappy
              ? int(0, 6)
              : x < 0.1
                ? int(0, 6)
                : x < 0.3
                  ? int(7, 8)
                  : int(9, 10)
            : unhappy
              ? int(4, 7)
              : x < 0.6
                ? int(1, 2)
                : int(2, 4);
      const at = touch.at + int(10 * MINUTE, 2 * DAY);
      if (at >= end) return;
      const comment = random() < 0.2 ? pick(unhappy ? COMMENTS.bad : COMMENTS.good) : null;
      records.push({
        kind: 'feedback',
        row: {
          workspaceId: catalog.workspaceId,
          id: `demo-${options.seed}-${index}-f${seq++}`,
          touchpointId: tp.id,
          customer,
          at,
          kind,
          score,
          comment,
        },
      });
    };

    const start = end - span + random() * span;

    // Business → customer broadcasts: a few for some, more than 8 in 30 days for the over-contacted.
    if (p.broadcast.length > 0) {
      const sends = overContacted ? int(10, 18) : random() < 0.3 ? int(1, 3) : 0;
      const from = start - (overContacted ? 10 * DAY : 0);
      for (let n = 0; n < sends; n++)
        emit(pick(p.broadcast), from + random() * 28 * DAY, { direction: 'out', value: null });
      if (sends > 0 && random() < (overContacted ? 0.4 : 0.05)) {
        lost = true;
        emit(pick(p.broadcast), from + 28 * DAY + random() * DAY, { outcome: 'lost', sentiment: -1 });
      }
    }

    // Touches off the chains.
    for (let n = int(0, 2); n > 0 && p.noise.length > 0; n--)
      emit(pick(p.noise), start + random() * 30 * DAY);

    // The walk: chain after chain, link by link, within each chain's window.
    let current = pickEntry();
    let at = start;
    for (let depth = 0; current && depth < 8 && !lost; depth++) {
      const { chain, plan, final } = current;
      const window = chain.windowDays * DAY;
      let finished = false;
      for (let k = 0; k < chain.links.length; k++) {
        const tp = p.byId.get(chain.links[k]?.touchpointId ?? '');
        if (!tp) break;
        const last = k === chain.links.length - 1;
        const converts = last && final && plan.value !== null;
        const value = plan.value
          ? Math.round(plan.value[0] + random() * (plan.value[1] - plan.value[0]))
          : null;
        const touch = emit(tp, at, converts ? { outcome: 'converted', value } : {});
        if (!touch) break;
        let negative = touch.sentiment === -1;
        // A part of a composite touchpoint, or a second visit, a little later (within the window).
        const parts = p.children.get(tp.id);
        if (parts && random() < 0.4) emit(pick(parts), at + random() * Math.min(HOUR, window / 10));
        if (!last && random() < 0.2) {
          const again = emit(tp, at + random() * Math.min(2 * DAY, window / 4));
          negative ||= again?.sentiment === -1;
        }
        if (last) {
          finished = true;
          break;
        }
        const proceed = (plan.proceed[k] ?? 0.5) * (negative ? 0.2 : 1) * (overContacted ? 0.9 : 1);
        if (random() >= proceed) {
          if (random() < (negative ? 0.3 : 0.05))
            emit(tp, at + random() * Math.min(DAY, window / 2), { outcome: 'lost', sentiment: null });
          break;
        }
        // Time to the next link: mostly quick, a long tail, always within the window.
        at += Math.min(window * 0.98, Math.max(MINUTE, -Math.log(1 - random()) * window * 0.15));
      }
      if (!finished || !chain.nextChainId || random() >= plan.next) break;
      current = p.chainById.get(chain.nextChainId);
      at += int(HOUR, 5 * DAY);
    }

    const interactions = records.filter((r) => r.kind === 'interaction').length;
    if (interactions === 0) {
      // A catalog where nothing can be generated must not loop forever.
      if (++emptyRuns > 1000) return;
      continue;
    }
    emptyRuns = 0;
    // Records within one customer in time order (the store does not care; readers do).
    records.sort((a, b) => a.row.at - b.row.at);
    yield records;
  }
}

/** Reads what the generator needs of a workspace from the catalog. */
export async function loadDemoCatalog(db: Db, workspaceId: string): Promise<DemoCatalog> {
  const tps = await db
    .select({
      id: touchpoints.id,
      key: touchpoints.key,
      direction: touchpoints.direction,
      channel: channels.key,
      parentId: touchpoints.parentId,
      own: brands.isOwn,
      status: touchpoints.status,
    })
    .from(touchpoints)
    .leftJoin(channels, eq(channels.id, touchpoints.channelId))
    .innerJoin(brands, eq(brands.id, touchpoints.brandId))
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key));
  const chainRows = await db
    .select({ id: chains.id, windowDays: chains.windowDays, nextChainId: chains.nextChainId })
    .from(chains)
    .where(eq(chains.workspaceId, workspaceId))
    .orderBy(asc(chains.name), asc(chains.id));
  const links = await db
    .select({ chainId: chainLinks.chainId, touchpointId: chainLinks.touchpointId, role: chainLinks.role })
    .from(chainLinks)
    .where(eq(chainLinks.workspaceId, workspaceId))
    .orderBy(asc(chainLinks.chainId), asc(chainLinks.position));
  const stds = await db
    .select({
      touchpointId: standards.touchpointId,
      metric: standards.metric,
      prop: standards.prop,
      target: standards.target,
    })
    .from(standards)
    .where(eq(standards.workspaceId, workspaceId))
    .orderBy(asc(standards.touchpointId), asc(standards.metric), asc(standards.id));
  return {
    workspaceId,
    touchpoints: tps.map((t) => ({ ...t, direction: t.direction as DemoTouchpoint['direction'] })),
    chains: chainRows.map((c) => ({
      ...c,
      links: links
        .filter((l) => l.chainId === c.id)
        .map(({ touchpointId, role }) => ({ touchpointId, role })),
    })),
    standards: stds,
  };
}
