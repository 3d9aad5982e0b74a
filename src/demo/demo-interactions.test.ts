import { describe, expect, it } from 'vitest';
import type { Interaction } from '../store/events/event-store.js';
import { type DemoCatalog, generateDemoBatches, generateDemoData } from './demo-interactions.js';
import { demoWorkspaceDocument } from './demo-workspace.js';

const END = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

/** The demo document as the generator sees the created workspace (document ids stand in). */
function demoCatalog(): DemoCatalog {
  const doc = demoWorkspaceDocument('owner@example.com');
  const channelKey = new Map(doc.channels.map((c) => [c.id, c.key]));
  const own = new Map(doc.brands.map((b) => [b.id, b.isOwn]));
  return {
    workspaceId: 'ws-demo',
    touchpoints: doc.touchpoints.map((t) => ({
      id: t.id,
      key: t.key,
      direction: t.direction,
      channel: t.channelId ? (channelKey.get(t.channelId) ?? null) : null,
      parentId: t.parentId,
      own: own.get(t.brandId) ?? false,
      status: t.status,
    })),
    chains: doc.chains.map((c) => ({
      id: c.id,
      windowDays: c.windowDays,
      nextChainId: c.nextChainId,
      links: c.links,
    })),
    standards: doc.standards.map((s) => ({
      touchpointId: s.touchpointId,
      metric: s.metric,
      prop: s.prop,
      target: s.target,
    })),
  };
}

const catalog = demoCatalog();
const keyOf = new Map(catalog.touchpoints.map((t) => [t.id, t.key]));
const idOf = (key: string) => catalog.touchpoints.find((t) => t.key === key)?.id ?? '';
const data = generateDemoData(catalog, { interactions: 20_000, seed: 7, end: END });

/** A touchpoint and its descendants. */
function subtree(id: string): Set<string> {
  const found = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of catalog.touchpoints)
      if (t.parentId && found.has(t.parentId) && !found.has(t.id)) {
        found.add(t.id);
        grew = true;
      }
  }
  return found;
}

/** SPEC §7.1 in plain TS: customers reached per link of a chain (whole period). */
function reachedPerLink(rows: readonly Interaction[], chainStartKey: string): number[] {
  const chain = catalog.chains.find((c) => keyOf.get(c.links[0]?.touchpointId ?? '') === chainStartKey);
  if (!chain) throw new Error(chainStartKey);
  const window = chain.windowDays * DAY;
  const links = chain.links.map((l) => subtree(l.touchpointId));
  const byCustomer = new Map<string, Interaction[]>();
  for (const r of rows) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), r]);
  const reached = links.map(() => 0);
  for (const touches of byCustomer.values()) {
    touches.sort((a, b) => a.at - b.at);
    let t: number | undefined;
    for (let k = 0; k < links.length; k++) {
      const prev = t;
      const hit = touches.find(
        (r) =>
          links[k]?.has(r.touchpointId) && (prev === undefined || (r.at >= prev && r.at <= prev + window)),
      );
      if (!hit) break;
      t = hit.at;
      reached[k] = (reached[k] ?? 0) + 1;
    }
  }
  return reached;
}

/** Index of the transition with the lowest conversion (ties: earliest). */
function weakest(reached: number[]): number {
  let best = 0;
  for (let k = 1; k < reached.length - 1; k++)
    if ((reached[k + 1] ?? 0) / (reached[k] ?? 1) < (reached[best + 1] ?? 0) / (reached[best] ?? 1)) best = k;
  return best;
}

describe('demo interactions', () => {
  it('generates exactly N interactions with unique ids, before the end', () => {
    expect(data.interactions).toHaveLength(20_000);
    expect(new Set(data.interactions.map((r) => r.id)).size).toBe(20_000);
    expect(new Set(data.feedback.map((r) => r.id)).size).toBe(data.feedback.length);
    expect(data.feedback.length).toBeGreaterThan(200);
    for (const r of [...data.interactions, ...data.feedback]) {
      expect(r.at).toBeLessThan(END);
      expect(r.at).toBeGreaterThan(END - 130 * DAY);
    }
    expect(generateDemoData(catalog, { interactions: 1, seed: 7, end: END }).interactions).toHaveLength(1);
    expect(generateDemoData(catalog, { interactions: 0, seed: 7, end: END }).interactions).toHaveLength(0);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDemoData(catalog, { interactions: 20_000, seed: 7, end: END });
    expect(again).toEqual(data);
    const other = generateDemoData(catalog, { interactions: 2_000, seed: 8, end: END });
    expect(other.interactions.map((r) => [r.customer, r.touchpointId, r.at])).not.toEqual(
      data.interactions.slice(0, 2_000).map((r) => [r.customer, r.touchpointId, r.at]),
    );
  });

  it('batches add up to the same records', () => {
    const batches = [...generateDemoBatches(catalog, { interactions: 25_000, seed: 3, end: END }, 10_000)];
    expect(batches.map((b) => b.interactions.length)).toEqual([10_000, 10_000, 5_000]);
    const all = generateDemoData(catalog, { interactions: 25_000, seed: 3, end: END });
    expect(batches.flatMap((b) => b.interactions)).toEqual(all.interactions);
    expect(batches.flatMap((b) => b.feedback)).toEqual(all.feedback);
  });

  it('has one clear weak link per main chain', () => {
    const online = reachedPerLink(data.interactions, 'clinic-banner-ad');
    expect(online[0]).toBeGreaterThan(1_000);
    // banner → website → question form → booking call → SMS: form → call is the weak one.
    expect(weakest(online)).toBe(2);
    const formToCall = (online[3] ?? 0) / (online[2] ?? 1);
    expect(formToCall).toBeLessThan(0.3);
    for (const [k, conversion] of online.slice(1).map((n, i) => [i, n / (online[i] ?? 1)] as const))
      if (k !== 2) expect(conversion).toBeGreaterThan(2 * formToCall);
    expect(weakest(reachedPerLink(data.interactions, 'clinic-context-ad'))).toBe(1);
    expect(weakest(reachedPerLink(data.interactions, 'retail-store-front'))).toBe(2);
    expect(weakest(reachedPerLink(data.interactions, 'cons-article'))).toBe(0);
  });

  it('breaks chains at negatives, converts at final links, fails the call standard', () => {
    const form = idOf('clinic-question-form');
    const call = idOf('clinic-booking-call');
    const byCustomer = new Map<string, Interaction[]>();
    for (const r of data.interactions) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), r]);
    const went = { negative: [0, 0], other: [0, 0] };
    for (const touches of byCustomer.values()) {
      const atForm = touches.filter((r) => r.touchpointId === form);
      if (atForm.length === 0) continue;
      const group = atForm.some((r) => r.sentiment === -1) ? went.negative : went.other;
      group[0] = (group[0] ?? 0) + 1;
      if (touches.some((r) => r.touchpointId === call)) group[1] = (group[1] ?? 0) + 1;
    }
    const rate = (g: number[]) => (g[1] ?? 0) / (g[0] ?? 1);
    expect(went.negative[0]).toBeGreaterThan(50);
    expect(rate(went.negative)).toBeLessThan(rate(went.other) / 2);

    const converted = data.interactions.filter((r) => r.outcome === 'converted');
    expect(converted.length).toBeGreaterThan(100);
    const finals = new Set(catalog.chains.map((c) => c.links.at(-1)?.touchpointId));
    for (const r of converted) {
      expect(finals.has(r.touchpointId)).toBe(true);
      expect(r.value).toBeGreaterThan(0);
    }

    const answers = data.interactions
      .filter((r) => r.touchpointId === call && r.responseMs !== null)
      .map((r) => r.responseMs ?? 0)
      .sort((a, b) => a - b);
    const p90 = answers[Math.floor(answers.length * 0.9)] ?? 0;
    expect(p90).toBeGreaterThan(20_000);
    const reception = data.interactions.filter((r) => r.touchpointId === idOf('clinic-website'));
    expect(reception.every((r) => r.props !== null && 'page_load_ms' in JSON.parse(r.props))).toBe(true);
  });

  it('over-contacts a minority, who are lost more often', () => {
    const outs = new Map<string, number[]>();
    const lost = new Set<string>();
    const customers = new Set<string>();
    for (const r of data.interactions) {
      customers.add(r.customer);
      if (r.direction === 'out') outs.set(r.customer, [...(outs.get(r.customer) ?? []), r.at]);
      if (r.outcome === 'lost') lost.add(r.customer);
    }
    const over = new Set<string>();
    for (const [customer, times] of outs) {
      times.sort((a, b) => a - b);
      for (let i = 0; i + 8 < times.length; i++)
        if ((times[i + 8] ?? 0) - (times[i] ?? 0) < 30 * DAY) over.add(customer);
    }
    expect(over.size / customers.size).toBeGreaterThan(0.03);
    expect(over.size / customers.size).toBeLessThan(0.15);
    const lostRate = (inGroup: boolean) => {
      const group = [...customers].filter((c) => over.has(c) === inGroup);
      return group.filter((c) => lost.has(c)).length / group.length;
    };
    expect(lostRate(true)).toBeGreaterThan(2 * lostRate(false));
  });

  it('collects CSAT, NPS and CES answers in range at touchpoints with such standards', () => {
    const kinds = new Map(catalog.standards.map((s) => [`${s.touchpointId}:${s.metric}`, true]));
    const seen = new Set<string>();
    for (const f of data.feedback) {
      expect(kinds.has(`${f.touchpointId}:${f.kind}`)).toBe(true);
      seen.add(f.kind);
      const [lo, hi] = f.kind === 'csat' ? [1, 5] : f.kind === 'nps' ? [0, 10] : [1, 7];
      expect(f.score).toBeGreaterThanOrEqual(lo);
      expect(f.score).toBeLessThanOrEqual(hi);
    }
    expect([...seen].sort()).toEqual(['ces', 'csat', 'nps']);
  });
});
