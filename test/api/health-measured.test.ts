import { expect, it } from 'vitest';
import type { Interaction } from '../../src/store/events/event-store.js';
import { describeCatalog } from '../catalog-harness.js';
import { makeInteraction } from '../fixtures/generate-interactions.js';

const DAY = 86_400_000;

describeCatalog('health check, measured rules', (h) => {
  it('finds quiet touchpoints, failing standards and links where negatives break the chain', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const tp: Record<string, string> = {};
    for (const key of ['ad', 'site', 'form', 'quiet']) {
      const res = await owner.post(`${base}/touchpoints`, { key, name: key.toUpperCase() });
      expect(res.status).toBe(201);
      tp[key] = res.body.id;
    }
    const chain = await owner.post(`${base}/chains`, {
      name: 'Lead',
      links: [
        { touchpointId: tp.ad, role: 'initial' },
        { touchpointId: tp.site, role: 'middle' },
        { touchpointId: tp.form, role: 'final' },
      ],
    });
    expect(chain.status).toBe(201);
    const standard = await owner.post(`${base}/standards`, {
      touchpointId: tp.site,
      name: 'Answer within a second',
      metric: 'response_ms',
      comparator: 'lte',
      target: 1000,
      requiredShare: 0.9,
    });
    expect(standard.status).toBe(201);

    const before = await owner.get(`${base}/health`);
    expect(before.body.summary.byRule).toMatchObject({
      negative_breaks_chain: 0,
      touchpoint_no_recent_interaction: 0,
      standard_failing: 0,
    });

    const now = Date.now();
    const touch = (
      id: string,
      customer: string,
      key: string,
      daysAgo: number,
      extra: Partial<Interaction> = {},
    ) =>
      makeInteraction({
        workspaceId,
        id,
        customer,
        touchpointId: tp[key] ?? '',
        at: now - daysAgo * DAY,
        ...extra,
      });
    await h().events.insertInteractions([
      touch('1', 'c1', 'ad', 5),
      touch('2', 'c2', 'ad', 5),
      touch('3', 'c3', 'ad', 5, { sentiment: -1 }),
      touch('4', 'c4', 'ad', 5),
      touch('5', 'c1', 'site', 4, { responseMs: 500 }),
      touch('6', 'c2', 'site', 4, { responseMs: 5000 }),
      touch('7', 'c1', 'form', 3),
      touch('8', 'c9', 'quiet', 100),
    ]);

    const after = await owner.get(`${base}/health`);
    expect(after.status).toBe(200);
    const measured = after.body.findings.filter((f: { rule: string }) =>
      ['negative_breaks_chain', 'touchpoint_no_recent_interaction', 'standard_failing'].includes(f.rule),
    );
    expect(measured).toEqual([
      expect.objectContaining({
        rule: 'negative_breaks_chain',
        law: 2,
        object: { type: 'touchpoint', id: tp.ad, name: 'AD', key: 'ad' },
        message: expect.stringContaining('1 customer of 2 who left chain “Lead”'),
      }),
      expect.objectContaining({
        rule: 'touchpoint_no_recent_interaction',
        law: 3,
        object: { type: 'touchpoint', id: tp.quiet, name: 'QUIET', key: 'quiet' },
      }),
      expect.objectContaining({
        rule: 'standard_failing',
        law: 3,
        object: { type: 'standard', id: standard.body.id, name: 'Answer within a second' },
        link: `${base}/standards/${standard.body.id}`,
      }),
    ]);
  });
});
