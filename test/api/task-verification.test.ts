import { expect, it } from 'vitest';
import { verifyWorkspaceTasks } from '../../src/analytics/task-verification.js';
import { startTaskVerificationScheduler } from '../../src/analytics/task-verification-scheduler.js';
import { findJob } from '../../src/store/catalog/scheduled-jobs.js';
import type { Interaction } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';
import { makeInteraction } from '../fixtures/generate-interactions.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Calls answered in `responseMs` at the touchpoint, one customer each, from `at` an hour apart. */
function calls(workspaceId: string, touchpointId: string, prefix: string, at: number, responseMs: number[]) {
  return responseMs.map(
    (ms, i): Interaction =>
      makeInteraction({
        workspaceId,
        id: `${prefix}-${i}`,
        customer: `${prefix}-c${i}`,
        touchpointId,
        at: at + i * HOUR,
        responseMs: ms,
      }),
  );
}

async function setUp(
  h: () => {
    signUp: (n?: string) => Promise<Client & { userId: string }>;
    newWorkspace: (c: Client) => Promise<{ id: string; base: string }>;
  },
) {
  const owner = await h().signUp('owner');
  const { id: workspaceId, base } = await h().newWorkspace(owner);
  const tp = async (key: string) =>
    (await created(owner.post(`${base}/touchpoints`, { key, name: key.toUpperCase() }))).body.id as string;
  const hotline = await tp('hotline');
  const shop = await tp('shop');
  const standard = async (touchpointId: string, name: string) =>
    (
      await created(
        owner.post(`${base}/standards`, {
          touchpointId,
          name,
          metric: 'response_ms',
          comparator: 'lte',
          target: 20_000,
          requiredShare: 0.9,
        }),
      )
    ).body.id as string;
  return {
    owner,
    workspaceId,
    base,
    hotline,
    shop,
    answered: await standard(hotline, 'Hotline answers within 20 s'),
    served: await standard(shop, 'Shop answers within 20 s'),
  };
}

describeCatalog('task verification', (h) => {
  it('verifies a done task when its standard passes again, and marks one still failing not effective', async () => {
    const w = await setUp(h);
    const { owner, base, workspaceId } = w;
    const stores = { db: h().catalog.db, events: h().events };
    const now = Date.now();
    // Both standards fail over the last days: calls answered in 30 s.
    await h().events.insertInteractions([
      ...calls(workspaceId, w.hotline, 'old-h', now - 5 * DAY, Array(10).fill(30_000)),
      ...calls(workspaceId, w.shop, 'old-s', now - 5 * DAY, Array(10).fill(30_000)),
    ]);
    const health = await owner.get(`${base}/health`);
    const failing = health.body.findings.filter(
      (f: { rule: string }) => f.rule === 'standard_failing_without_task',
    );
    expect(failing.map((f: { object: { id: string } }) => f.object.id).sort()).toEqual(
      [w.answered, w.served].sort(),
    );
    const prefill = failing.find((f: { object: { id: string } }) => f.object.id === w.answered).createTask;
    expect(prefill).toEqual({
      title: expect.stringContaining('Hotline answers within 20 s'),
      lever: 'staff_qualification',
      targets: { standardId: w.answered, touchpointId: w.hotline },
    });

    // The Create task action: the prefill posted as it is, plus an owner.
    const train = (
      await created(owner.post(`${base}/tasks`, { ...prefill, ownerUserId: owner.userId, minSample: 20 }))
    ).body;
    const fix = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'Second cashier at peak hours',
          lever: 'business_processes',
          targets: { standardId: w.served },
          windowDays: 14,
          minSample: 20,
        }),
      )
    ).body;
    const open = await owner.get(`${base}/health`);
    expect(open.body.summary.byRule.standard_failing_without_task).toBe(0);
    expect(open.body.summary.byRule.standard_failing).toBe(2);

    const trainDone = (await owner.patch(`${base}/tasks/${train.id}`, { version: 1, status: 'done' })).body;
    const fixDone = (await owner.patch(`${base}/tasks/${fix.id}`, { version: 1, status: 'done' })).body;
    const doneAt = Date.parse(trainDone.doneAt);
    // After done: the hotline answers 24 of 25 calls within 20 s; the shop still fails.
    await h().events.insertInteractions([
      ...calls(workspaceId, w.hotline, 'new-h', doneAt + HOUR, [...Array(24).fill(10_000), 30_000]),
      ...calls(workspaceId, w.shop, 'new-s', doneAt + HOUR, Array(25).fill(25_000)),
    ]);

    // Ten hours in: too few calls measured yet, both pending.
    const early = await verifyWorkspaceTasks(stores, workspaceId, doneAt + 10 * HOUR + 1);
    expect(early).toEqual({ checked: 2, written: 2, verified: 0, notEffective: 0, skipped: 0 });
    // The same check again writes nothing: the state did not change.
    expect(await verifyWorkspaceTasks(stores, workspaceId, doneAt + 10 * HOUR + 2)).toMatchObject({
      checked: 2,
      written: 0,
    });
    const pending = (await owner.get(`${base}/tasks/${train.id}`)).body;
    expect(pending).toMatchObject({ status: 'done', verification: { state: 'pending' } });
    expect(pending.verification.explanation).toMatch(/so far .* 10 interactions \(at least 20 needed\)/);

    // Three days in: the hotline passes on 25 calls → verified at once; the shop stays pending.
    const threeDays = doneAt + 3 * DAY;
    const run = await verifyWorkspaceTasks(stores, workspaceId, threeDays);
    expect(run).toEqual({ checked: 2, written: 1, verified: 1, notEffective: 0, skipped: 0 });
    const verified = (await owner.get(`${base}/tasks/${train.id}`)).body;
    expect(verified.status).toBe('verified');
    expect(verified.verification).toMatchObject({
      state: 'verified',
      explanation: `verified on ${new Date(threeDays).toISOString().slice(0, 10)}: 96 % within 20 s, required 90 %, 25 interactions`,
      figures: { measured: 25, shareMeeting: 0.96, requiredShare: 0.9, minSample: 20 },
    });
    expect((await owner.get(`${base}/tasks/${fix.id}`)).body).toMatchObject({
      status: 'done',
      verification: { state: 'pending' },
    });

    // The window closes with the shop still failing → not effective, and its owner notified.
    const closed = doneAt + 15 * DAY;
    expect(await verifyWorkspaceTasks(stores, workspaceId, closed)).toEqual({
      checked: 1,
      written: 1,
      verified: 0,
      notEffective: 1,
      skipped: 0,
    });
    const notEffective = (await owner.get(`${base}/tasks/${fix.id}`)).body;
    expect(notEffective.status).toBe('not_effective');
    expect(notEffective.verification.explanation).toBe(
      `not effective on ${new Date(closed).toISOString().slice(0, 10)}, the 14-day window after done closed: 0 % within 20 s, required 90 %, 25 interactions`,
    );

    // Running again changes nothing.
    const versions = [verified.version, notEffective.version];
    expect(await verifyWorkspaceTasks(stores, workspaceId, closed)).toEqual({
      checked: 0,
      written: 0,
      verified: 0,
      notEffective: 0,
      skipped: 0,
    });
    const after = await Promise.all([train.id, fix.id].map((id) => owner.get(`${base}/tasks/${id}`)));
    expect(after.map((r) => r.body.version)).toEqual(versions);
    expect(fixDone.version).toBeLessThan(notEffective.version);

    const log = await owner.get(`${base}/audit-log?entityType=task&entityId=${fix.id}`);
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['notify_owner', 'verify', 'verify']);
    expect(log.body.items[0]).toMatchObject({ actorUserId: null, actorTokenId: null });
  });

  it('verifies a chain-link task by the rise of the link conversion over the window', async () => {
    const w = await setUp(h);
    const { owner, base, workspaceId } = w;
    const stores = { db: h().catalog.db, events: h().events };
    const chain = (
      await created(
        owner.post(`${base}/chains`, {
          name: 'Call then visit',
          links: [
            { touchpointId: w.hotline, role: 'initial' },
            { touchpointId: w.shop, role: 'final' },
          ],
        }),
      )
    ).body;
    const body = (rise: number) => ({
      title: `Invite callers to the shop (+${rise} pp)`,
      lever: 'sales_channels',
      status: 'done',
      windowDays: 7,
      targets: { chainLinkId: chain.links[1].id },
      conversionRiseTarget: rise,
    });
    const modest = (await created(owner.post(`${base}/tasks`, body(20)))).body;
    const bold = (await created(owner.post(`${base}/tasks`, body(50)))).body;
    const doneAt = Date.parse(modest.doneAt);
    const visits = (prefix: string, start: number, visited: number) =>
      Array.from({ length: 10 }, (_, i) => {
        const at = start + i * HOUR;
        const call = makeInteraction({
          workspaceId,
          id: `${prefix}-call-${i}`,
          customer: `${prefix}-${i}`,
          touchpointId: w.hotline,
          at,
        });
        const visit = makeInteraction({
          workspaceId,
          id: `${prefix}-visit-${i}`,
          customer: `${prefix}-${i}`,
          touchpointId: w.shop,
          at: at + HOUR,
        });
        return i < visited ? [call, visit] : [call];
      }).flat();
    // 3 of 10 callers came to the shop in the week before; 6 of 10 in the week after.
    await h().events.insertInteractions([
      ...visits('before', doneAt - 5 * DAY, 3),
      ...visits('after', doneAt + DAY, 6),
    ]);
    const inside = await verifyWorkspaceTasks(stores, workspaceId, doneAt + 3 * DAY);
    expect(inside).toMatchObject({ checked: 2, verified: 0, notEffective: 0 });
    const closed = await verifyWorkspaceTasks(stores, workspaceId, doneAt + 8 * DAY);
    expect(closed).toEqual({ checked: 2, written: 2, verified: 1, notEffective: 1, skipped: 0 });
    const m = (await owner.get(`${base}/tasks/${modest.id}`)).body;
    expect(m.status).toBe('verified');
    expect(m.verification.explanation).toMatch(/link conversion 30 % → 60 % \(\+30 pp, target \+20 pp\)$/);
    expect(m.verification.figures).toMatchObject({
      conversionBefore: 0.3,
      conversionAfter: 0.6,
      risePercentagePoints: 30,
    });
    const b = (await owner.get(`${base}/tasks/${bold.id}`)).body;
    expect(b.status).toBe('not_effective');
    expect(b.verification.explanation).toMatch(/\+30 pp, target \+50 pp\)$/);
  });

  it('lists overdue tasks as findings with a prefill that continues them', async () => {
    const w = await setUp(h);
    const { owner, base } = w;
    const late = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'Record a new greeting',
          lever: 'product_improvement',
          dueDate: '2020-03-01',
          targets: { touchpointId: w.hotline },
        }),
      )
    ).body;
    await created(
      owner.post(`${base}/tasks`, {
        title: 'Done long ago',
        lever: 'product_improvement',
        dueDate: '2020-03-01',
        status: 'done',
        targets: { touchpointId: w.hotline },
      }),
    );
    const health = await owner.get(`${base}/health`);
    const overdue = health.body.findings.filter((f: { rule: string }) => f.rule === 'task_overdue');
    expect(overdue).toEqual([
      expect.objectContaining({
        law: 3,
        object: { type: 'task', id: late.id, name: 'Record a new greeting' },
        link: `${base}/tasks/${late.id}`,
        message: expect.stringContaining('was due on 2020-03-01'),
        createTask: {
          title: expect.stringContaining('Record a new greeting'),
          lever: 'product_improvement',
          targets: { touchpointId: w.hotline },
        },
      }),
    ]);
    // Every finding carries a prefill.
    for (const f of health.body.findings) expect(f.createTask.lever).toEqual(expect.any(String));
    const touchpointFinding = health.body.findings.find(
      (f: { rule: string }) => f.rule === 'touchpoint_no_owner',
    );
    expect(touchpointFinding.createTask).toMatchObject({
      lever: 'business_processes',
      targets: { touchpointId: expect.any(String) },
    });
  });

  it('runs in the server through a claimed job per workspace, on schedule and after ingestion', async () => {
    const w = await setUp(h);
    const { owner, base, workspaceId } = w;
    const task = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'Train the hotline team',
          lever: 'staff_qualification',
          status: 'done',
          minSample: 1,
          targets: { standardId: w.answered },
        }),
      )
    ).body;
    const errors: unknown[] = [];
    const scheduler = startTaskVerificationScheduler(
      { db: h().catalog.db, events: h().events, holder: 'test-holder', intervalMs: 3_600_000 },
      (error) => errors.push(error),
    );
    try {
      await scheduler.check();
      const job = await findJob(h().catalog.db, `task-verification:${workspaceId}`);
      expect(job).toMatchObject({ workspaceId, claimedBy: null, lastError: null });
      expect(job?.lastResult).toMatchObject({ checked: 1, written: 1 });
      expect(job?.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
      expect((await owner.get(`${base}/tasks/${task.id}`)).body.verification.state).toBe('pending');
      // Not due again within the hour; after ingestion it runs at once.
      expect(await scheduler.check()).toEqual([]);
      await h().events.insertInteractions(
        calls(workspaceId, w.hotline, 'fresh', Date.parse(task.doneAt) + 1, [5_000]),
      );
      expect(await scheduler.afterIngestion()).toContain(workspaceId);
      expect((await owner.get(`${base}/tasks/${task.id}`)).body).toMatchObject({
        status: 'verified',
        verification: {
          state: 'verified',
          explanation: expect.stringMatching(/100 % within 20 s, required 90 %, 1 interaction$/),
        },
      });
    } finally {
      await scheduler.stop();
    }
    expect(errors).toEqual([]);
  });
});
