/**
 * The sweep that turns interactions with outcome=complaint into complaints, on both catalog
 * engines with the real DuckDB store: one complaint per interaction id however often it runs,
 * the comment of its props as text, nothing for other outcomes, interactions older than the
 * window, or customers whose erasure is still under way; the scheduler's claimed run does the same.
 */
import { expect, it } from 'vitest';
import { runComplaintSweep } from '../../src/complaints/complaint-sweep-scheduler.js';
import { SWEEP_WINDOW_MS, sweepComplaintInteractions } from '../../src/complaints/interaction-sweep.js';
import { ensureComplaintSweepJobs } from '../../src/store/catalog/complaints.js';
import { recordEventPurge } from '../../src/store/catalog/event-purges.js';
import type { Interaction } from '../../src/store/events/event-store.js';
import { describeCatalog } from '../catalog-harness.js';

const NOW = Date.parse('2026-05-10T12:00:00Z');
const HOUR = 3_600_000;

describeCatalog('complaint sweep of interactions', (h) => {
  it('opens one complaint per complaint interaction in the window, idempotently', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const desk = (await owner.post(`${base}/touchpoints`, { key: 'desk', name: 'Desk' })).body.id as string;
    const interaction = (
      id: string,
      customer: string,
      at: number,
      outcome: Interaction['outcome'],
      props: Record<string, unknown> | null = null,
    ): Interaction => ({
      workspaceId,
      id,
      customer,
      touchpointId: desk,
      at,
      direction: 'in',
      sentiment: outcome === 'complaint' ? -1 : null,
      outcome,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
      props: props === null ? null : JSON.stringify(props),
    });
    await h().events.insertInteractions([
      interaction('i-1', 'ann', NOW - 2 * HOUR, 'complaint', { comment: 'Waited forty minutes' }),
      interaction('i-2', 'bob', NOW - 30 * HOUR, 'complaint', { comment: 42 }),
      interaction('i-3', 'ann', NOW - HOUR, 'converted'),
      interaction('i-4', 'cid', NOW - SWEEP_WINDOW_MS - HOUR, 'complaint'),
      interaction('i-5', 'erased', NOW - HOUR, 'complaint'),
    ]);
    await recordEventPurge(h().catalog.db, { workspaceId, kind: 'customers', customers: ['erased'] });

    const stores = { db: h().catalog.db, events: h().events };
    expect(await sweepComplaintInteractions(stores, workspaceId, NOW)).toEqual({ seen: 3, opened: 2 });
    expect(await sweepComplaintInteractions(stores, workspaceId, NOW)).toEqual({ seen: 3, opened: 0 });

    const list = await owner.get(`${base}/complaints?source=interaction&sort=receivedAt`);
    expect(
      list.body.items.map(
        (c: {
          sourceRef: string;
          customer: string;
          text: string;
          touchpointId: string;
          receivedAt: string;
          status: string;
        }) => [c.sourceRef, c.customer, c.text, c.touchpointId, c.receivedAt, c.status],
      ),
    ).toEqual([
      [
        'i-2',
        'bob',
        'Interaction i-2 ended in a complaint',
        desk,
        new Date(NOW - 30 * HOUR).toISOString(),
        'new',
      ],
      ['i-1', 'ann', 'Waited forty minutes', desk, new Date(NOW - 2 * HOUR).toISOString(), 'new'],
    ]);

    // Handled complaints stay as they are when the sweep runs again (through the claimed job).
    const first = list.body.items[1];
    await owner.patch(`${base}/complaints/${first.id}`, {
      version: 1,
      status: 'resolved',
      resolutionNote: 'Sorry',
    });
    await h().events.insertInteractions([interaction('i-6', 'dan', NOW - HOUR, 'complaint')]);
    const runner = { ...stores, holder: 'test', intervalMs: 60_000 };
    await ensureComplaintSweepJobs(h().catalog.db);
    expect(await runComplaintSweep(runner, workspaceId, { due: false }, NOW)).toBe(true);
    const after = await owner.get(`${base}/complaints?source=interaction`);
    expect(after.body.total).toBe(3);
    expect((await owner.get(`${base}/complaints/${first.id}`)).body.status).toBe('resolved');
  });
});
