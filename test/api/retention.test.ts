/**
 * Retention through the API: the settings and their limits, a run that deletes old records and
 * strips old comments with its counts shown afterwards, who may do what, and the claim that lets
 * only one of several processes on one catalog database run a workspace's job.
 */
import { beforeAll, expect, it } from 'vitest';
import { runRetention } from '../../src/privacy/retention.js';
import { runDueRetention, startRetentionScheduler } from '../../src/privacy/retention-scheduler.js';
import { claimJob, finishJob, retentionJobName } from '../../src/store/catalog/scheduled-jobs.js';
import { type Client, describeCatalog, type Harness } from '../catalog-harness.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function patchSettings(owner: Client, base: string, settings: Record<string, unknown>) {
  const current = await owner.get(base);
  return owner.patch(base, { version: current.body.version, settings });
}

/** Records 400, 100 and 1 day old (with comments) at a touchpoint, sent through the API. */
async function agedRecords(owner: Client, base: string) {
  const now = Date.now();
  const created = await owner.post(`${base}/touchpoints`, { key: 'desk', name: 'Desk', direction: 'in' });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const ago = (days: number) => now - days * DAY;
  const sent = await owner.post(`${base}/interactions`, {
    interactions: [
      { id: 'old-1', customer: 'ann', touchpoint: 'desk', at: ago(400) },
      { id: 'old-2', customer: 'ben', touchpoint: 'desk', at: ago(380) },
      { id: 'old-q', customer: 'ben', touchpoint: 'unknown-key', at: ago(390) },
      { id: 'mid', customer: 'ann', touchpoint: 'desk', at: ago(100) },
      { id: 'new', customer: 'cid', touchpoint: 'desk', at: ago(1) },
    ],
  });
  expect(sent.body).toMatchObject({ accepted: 4, quarantined: 1 });
  const answers = await owner.post(`${base}/feedback`, {
    answers: [
      {
        id: 'f-old',
        customer: 'ann',
        touchpoint: 'desk',
        at: ago(400),
        kind: 'csat',
        score: 2,
        comment: 'slow',
      },
      {
        id: 'f-mid',
        customer: 'ann',
        touchpoint: 'desk',
        at: ago(100),
        kind: 'csat',
        score: 4,
        comment: 'better',
      },
      { id: 'f-mid2', customer: 'ben', touchpoint: 'desk', at: ago(90), kind: 'nps', score: 9 },
      {
        id: 'f-new',
        customer: 'cid',
        touchpoint: 'desk',
        at: ago(1),
        kind: 'csat',
        score: 5,
        comment: 'great',
      },
    ],
  });
  expect(answers.body).toMatchObject({ accepted: 4 });
}

function feedbackOf(h: Harness, workspaceId: string) {
  return h.events.query<{ id: string; comment: string | null }>({
    sql: 'SELECT id, comment FROM feedback WHERE workspace_id = $workspaceId ORDER BY id',
    params: { workspaceId },
  });
}

describeCatalog('retention', (h) => {
  let owner: Client;
  let ws: { id: string; base: string };

  beforeAll(async () => {
    owner = await h().signUp('owner');
    ws = await h().newWorkspace(owner, 'Retention');
  });

  it('validates the settings, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ retentionDays: 29 }, 'settings.retentionDays'],
      [{ retentionDays: 3651 }, 'settings.retentionDays'],
      [{ retentionDays: 45.5 }, 'settings.retentionDays'],
      [{ retentionDays: '90' }, 'settings.retentionDays'],
      [{ commentRetentionDays: 0 }, 'settings.commentRetentionDays'],
      [{ retentionDays: 60, commentRetentionDays: 90 }, 'settings.commentRetentionDays'],
      [{ retentionDays: 60, keepForever: true }, 'settings.keepForever'],
    ];
    for (const [settings, field] of cases) {
      const res = await patchSettings(owner, ws.base, settings);
      expect(res.status, JSON.stringify(settings)).toBe(400);
      expect(res.body.issues.map((i: { field: string }) => i.field)).toEqual([field]);
    }
    const none = await owner.get(`${ws.base}/retention`);
    expect(none.body).toEqual({
      retentionDays: null,
      commentRetentionDays: null,
      nextRunAt: null,
      running: false,
      lastRun: null,
    });
    const ok = await patchSettings(owner, ws.base, {
      contactFrequencyCap: 6,
      retentionDays: 365,
      commentRetentionDays: 30,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toEqual({
      contactFrequencyCap: 6,
      retentionDays: 365,
      commentRetentionDays: 30,
    });
    const set = await owner.get(`${ws.base}/retention`);
    expect(set.body).toMatchObject({ retentionDays: 365, commentRetentionDays: 30, lastRun: null });
    expect(Date.parse(set.body.nextRunAt)).toBeLessThanOrEqual(Date.now());
    // Comments alone may go, with the records kept forever.
    const commentsOnly = await h().newWorkspace(owner, 'Comments only');
    expect(
      (await patchSettings(owner, commentsOnly.base, { commentRetentionDays: 7, retentionDays: null }))
        .status,
    ).toBe(200);
  });

  it('deletes old records and strips old comments, and shows what the last run did', async () => {
    await agedRecords(owner, ws.base);
    const viewer = await h().signUp('viewer');
    const editor = await h().signUp('editor');
    await owner.post(`${ws.base}/members`, { email: viewer.email, role: 'viewer' });
    await owner.post(`${ws.base}/members`, { email: editor.email, role: 'editor' });
    const read = await owner.post(`${ws.base}/tokens`, { name: 'read', scopes: ['read'] });
    for (const client of [viewer, editor, h().withToken(read.body.token)])
      expect((await client.post(`${ws.base}/retention/run`)).status).toBe(403);
    expect((await viewer.get(`${ws.base}/retention`)).status).toBe(200);
    const stranger = await h().signUp('stranger');
    expect((await stranger.get(`${ws.base}/retention`)).status).toBe(404);
    expect((await stranger.post(`${ws.base}/retention/run`)).status).toBe(404);

    const started = Date.now();
    const res = await owner.post(`${ws.base}/retention/run`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ interactions: 2, feedback: 1, quarantined: 1, commentsStripped: 1 });
    expect(Date.parse(res.body.deleteBefore)).toBeGreaterThanOrEqual(started - 365 * DAY);
    expect(Date.parse(res.body.stripCommentsBefore)).toBeGreaterThanOrEqual(started - 30 * DAY);

    const ids = await h().events.query<{ id: string }>({
      sql: 'SELECT id FROM interactions WHERE workspace_id = $workspaceId ORDER BY id',
      params: { workspaceId: ws.id },
    });
    expect(ids.map((r) => r.id)).toEqual(['mid', 'new']);
    expect(await feedbackOf(h(), ws.id)).toEqual([
      { id: 'f-mid', comment: null },
      { id: 'f-mid2', comment: null },
      { id: 'f-new', comment: 'great' },
    ]);
    expect((await owner.get(`${ws.base}/unmapped-touchpoints`)).body.items).toEqual([]);

    const status = await viewer.get(`${ws.base}/retention`);
    expect(status.body.lastRun.result).toEqual(res.body);
    expect(status.body.lastRun.error).toBeNull();
    expect(status.body.running).toBe(false);
    // The next run comes an interval (an hour by default) after this one.
    const next = Date.parse(status.body.nextRunAt);
    expect(next).toBeGreaterThanOrEqual(started + HOUR - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + HOUR + 1000);

    // A second run finds nothing more to do.
    const again = await owner.post(`${ws.base}/retention/run`);
    expect(again.body).toMatchObject({ interactions: 0, feedback: 0, quarantined: 0, commentsStripped: 0 });
  });

  it('lets one of two claimers on the same database have a job, until its claim runs out', async () => {
    const { db } = h().catalog;
    const other = await h().newWorkspace(owner, 'Claimed');
    const name = retentionJobName(other.id);
    await patchSettings(owner, other.base, { retentionDays: 30 });
    // Due at once when new; both ask at the same time (on PostgreSQL from two pool connections).
    const runner = (holder: string) => ({ db, events: h().events, holder, intervalMs: HOUR });
    const [a, b] = await Promise.all([
      runDueRetention(runner('a'), () => {}),
      runDueRetention(runner('b'), () => {}),
    ]);
    expect([...a, ...b].filter((id) => id === other.id)).toEqual([other.id]);
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
    const status = await owner.get(`${other.base}/retention`);
    expect(status.body.lastRun.result).toMatchObject({ interactions: 0 });

    // Not due for an hour: neither claims it, though a run asked for now can.
    expect(await claimJob(db, name, 'c', 60_000)).toBeUndefined();
    const claims = await Promise.all(
      ['x', 'y', 'z'].map((holder) => claimJob(db, name, holder, 60_000, { due: false })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = claims.find(Boolean)?.claimedBy as string;
    // While it is held, an owner's run now is refused with 409.
    expect((await owner.post(`${other.base}/retention/run`)).status).toBe(409);
    expect((await owner.get(`${other.base}/retention`)).body.running).toBe(true);
    expect(
      await finishJob(db, name, 'not-the-holder', { result: null, error: null, nextRunAt: new Date() }),
    ).toBe(false);
    expect(
      await finishJob(db, name, holder, { result: {}, error: null, nextRunAt: new Date(Date.now() + HOUR) }),
    ).toBe(true);

    // A claim that runs out (a crashed process) frees the job for another.
    expect(await claimJob(db, name, 'crashed', 1, { due: false })).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await claimJob(db, name, 'next', 60_000, { due: false }))?.claimedBy).toBe('next');
  });

  it('runs a due job once when several processes check at the same time', async () => {
    const { db } = h().catalog;
    const one = await h().newWorkspace(owner, 'Once');
    await patchSettings(owner, one.base, { retentionDays: 90 });
    const runners = ['p1', 'p2', 'p3', 'p4'].map((holder) => ({
      db,
      events: h().events,
      holder,
      intervalMs: HOUR,
    }));
    const runs = await Promise.all(runners.map((r) => runRetention(r, one.id, { due: true })));
    expect(runs.filter((r) => r !== undefined)).toHaveLength(1);
    // And it is not due again before its interval.
    expect(await runRetention(runners[0] as (typeof runners)[number], one.id, { due: true })).toBeUndefined();
  });

  it("the server's scheduler checks at once when started, and stop waits for its run", async () => {
    const started = await h().newWorkspace(owner, 'Scheduled');
    await patchSettings(owner, started.base, { retentionDays: 400 });
    const errors: unknown[] = [];
    const scheduler = startRetentionScheduler(
      { db: h().catalog.db, events: h().events, holder: 'server', intervalMs: HOUR },
      (error) => errors.push(error),
    );
    await scheduler.stop();
    expect(errors).toEqual([]);
    const status = await owner.get(`${started.base}/retention`);
    expect(status.body.lastRun).toMatchObject({ error: null, result: { interactions: 0 } });
    expect(Date.parse(status.body.nextRunAt)).toBeGreaterThan(Date.now() + HOUR - 60_000);
  });
});
