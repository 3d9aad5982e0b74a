import { expect, it } from 'vitest';
import { runAlertEvaluation, startAlertScheduler } from '../../src/alerts/alert-scheduler.js';
import { evaluateWorkspaceAlerts } from '../../src/alerts/evaluate-alerts.js';
import { alertJobName, ensureAlertJobs } from '../../src/store/catalog/alert-rules.js';
import { findJob } from '../../src/store/catalog/scheduled-jobs.js';
import type { FeedbackAnswer, Interaction } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog, type Harness, type Reply } from '../catalog-harness.js';
import { makeInteraction, seededRandom } from '../fixtures/generate-interactions.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

let seq = 0;
/** `count` calls at the touchpoint answered in `responseMs`, one customer each, spread from `at` a few minutes apart. */
function calls(
  workspaceId: string,
  touchpointId: string,
  at: number,
  count: number,
  responseMs: number,
): Interaction[] {
  return Array.from({ length: count }, (_, i) => {
    const n = seq++;
    return makeInteraction({
      workspaceId,
      id: `call-${n}`,
      customer: `c-${n}`,
      touchpointId,
      at: at + i * MINUTE,
      responseMs,
    });
  });
}

/** `count` rated interactions at the touchpoint, `negativeShare` of them negative (exactly, shuffled). */
function rated(
  workspaceId: string,
  touchpointId: string,
  from: number,
  spanMs: number,
  count: number,
  negativeShare: number,
  seed: number,
): Interaction[] {
  const random = seededRandom(seed);
  const negatives = Math.round(count * negativeShare);
  return Array.from({ length: count }, (_, i) => {
    const n = seq++;
    return makeInteraction({
      workspaceId,
      id: `rated-${n}`,
      customer: `r-${n}`,
      touchpointId,
      at: from + Math.floor(random() * spanMs),
      sentiment: i < negatives ? -1 : random() < 0.5 ? 0 : 1,
    });
  });
}

async function team(h: () => Harness) {
  const owner = await h().signUp('owner');
  const editor = await h().signUp('editor');
  const viewer = await h().signUp('viewer');
  const { id: workspaceId, base } = await h().newWorkspace(owner);
  await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
  await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
  const tp = async (key: string, name: string) =>
    (await created(owner.post(`${base}/touchpoints`, { key, name }))).body.id as string;
  return { owner, editor, viewer, workspaceId, base, tp };
}

const titles = (r: Reply) => r.body.items.map((n: { title: string }) => n.title);

describeCatalog('alert episodes', (h) => {
  it('fires once when a standard fails, tells owners and editors, and resolves when it passes again', async () => {
    const { owner, editor, viewer, workspaceId, base, tp } = await team(h);
    const hotline = await tp('hotline', 'Hotline');
    const standard = (
      await created(
        owner.post(`${base}/standards`, {
          touchpointId: hotline,
          name: 'Answered within 20 s',
          metric: 'response_ms',
          comparator: 'lte',
          target: 20_000,
          requiredShare: 0.9,
        }),
      )
    ).body;
    const rule = (
      await created(
        owner.post(`${base}/alert-rules`, {
          name: 'Hotline standard',
          kind: 'standard_compliance',
          params: { standardId: standard.id, windowDays: 7, minSample: 20 },
        }),
      )
    ).body;
    const now = Date.now();
    // Too few calls to judge: nothing fires.
    await h().events.insertInteractions(calls(workspaceId, hotline, now - 3 * DAY, 10, 30_000));
    expect((await owner.post(`${base}/alerts/evaluate`)).body).toMatchObject({ opened: 0, open: 0 });
    // 20 calls answered in 30 s: the standard fails.
    await h().events.insertInteractions(calls(workspaceId, hotline, now - 2 * DAY, 10, 30_000));
    const first = await owner.post(`${base}/alerts/evaluate`);
    expect(first.body).toEqual({ rulesEvaluated: 1, opened: 1, resolved: 0, open: 1, errors: [] });

    const alerts = await viewer.get(`${base}/alerts`);
    expect(alerts.body.total).toBe(1);
    expect(alerts.body.items[0]).toMatchObject({
      ruleId: rule.id,
      ruleName: 'Hotline standard',
      kind: 'standard_compliance',
      subjectKey: `standard:${standard.id}`,
      subjectName: 'Answered within 20 s',
      state: 'open',
      resolvedAt: null,
      figures: { measured: 20, shareMeeting: 0, requiredShare: 0.9 },
    });
    expect(alerts.body.items[0].message).toContain('0 % compliant, required 90 %');
    expect((await owner.get(`${base}/alert-rules/${rule.id}`)).body.openEpisodes).toBe(1);

    // One notification for the owner and one for the editor; none for the viewer.
    for (const member of [owner, editor]) {
      const list = await member.get(`${base}/notifications`);
      expect(list.body.total).toBe(1);
      expect(list.body.items[0]).toMatchObject({
        kind: 'alert_fired',
        title: 'Hotline standard: Answered within 20 s',
        episodeId: alerts.body.items[0].id,
        readAt: null,
      });
    }
    expect((await viewer.get(`${base}/notifications`)).body.total).toBe(0);

    // Evaluating again while it still fails repeats nothing.
    await h().events.insertInteractions(calls(workspaceId, hotline, now - DAY, 5, 30_000));
    const again = await owner.post(`${base}/alerts/evaluate`);
    expect(again.body).toMatchObject({ opened: 0, resolved: 0, open: 1 });
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(1);
    expect((await owner.get(`${base}/alerts`)).body.total).toBe(1);

    // 300 calls within 10 s: 300 of 325 = 92 % — the standard passes and the episode resolves.
    await h().events.insertInteractions(calls(workspaceId, hotline, now - DAY + 10 * MINUTE, 300, 10_000));
    const cleared = await owner.post(`${base}/alerts/evaluate`);
    expect(cleared.body).toMatchObject({ opened: 0, resolved: 1, open: 0 });
    const resolved = (await owner.get(`${base}/alerts?state=resolved`)).body.items[0];
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolvedMessage).toContain('92.3 % compliant');
    expect((await owner.get(`${base}/alerts?state=open`)).body.total).toBe(0);
    expect(titles(await editor.get(`${base}/notifications`))).toEqual([
      'Resolved — Hotline standard: Answered within 20 s',
      'Hotline standard: Answered within 20 s',
    ]);
    expect((await owner.post(`${base}/alerts/evaluate`)).body).toMatchObject({ opened: 0, resolved: 0 });
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(2);
  });

  it('keeps notifications per user: unread count, mark read, read all', async () => {
    const { owner, editor, viewer, workspaceId, base } = await team(h);
    // A task overdue since long ago, owned by the viewer: the viewer is told too.
    const task = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'Fix the price list',
          lever: 'product_improvement',
          ownerUserId: viewer.userId,
          dueDate: '2020-01-31',
          targets: {
            touchpointId: (
              await created(owner.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))
            ).body.id,
          },
        }),
      )
    ).body;
    await created(owner.post(`${base}/alert-rules`, { name: 'Overdue tasks', kind: 'task_overdue' }));
    const run = await evaluateWorkspaceAlerts({ db: h().catalog.db, events: h().events }, workspaceId);
    expect(run).toMatchObject({ opened: 1, open: 1 });
    const episode = (await owner.get(`${base}/alerts`)).body.items[0];
    expect(episode).toMatchObject({ subjectKey: `task:${task.id}`, subjectName: 'Fix the price list' });
    expect(episode.link).toBe(`/w/${workspaceId}/tasks?task=${task.id}`);

    for (const member of [owner, editor, viewer] as Client[]) {
      const count = await member.get('/api/notifications/unread-count');
      expect(count.body).toEqual({ unread: 1, workspaces: [{ workspaceId, unread: 1 }] });
    }
    const mine = (await viewer.get(`${base}/notifications`)).body.items[0];
    // Someone else's notification is not found; one's own is marked read, twice harmlessly.
    expect((await owner.post(`${base}/notifications/${mine.id}/read`)).status).toBe(404);
    const read = await viewer.post(`${base}/notifications/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await viewer.post(`${base}/notifications/${mine.id}/read`)).body.readAt).toBe(read.body.readAt);
    expect((await viewer.get('/api/notifications/unread-count')).body.unread).toBe(0);
    expect((await owner.get('/api/notifications/unread-count')).body.unread).toBe(1);
    expect((await owner.get(`${base}/notifications?unread=true`)).body.total).toBe(1);
    expect((await owner.post(`${base}/notifications/read-all`)).body).toEqual({ marked: 1 });
    expect((await owner.get(`${base}/notifications?unread=true`)).body.total).toBe(0);
    expect((await owner.post(`${base}/notifications/read-all`)).body).toEqual({ marked: 0 });

    // The task is done: the condition clears.
    await owner.patch(`${base}/tasks/${task.id}`, { version: task.version, status: 'done' });
    expect(
      await evaluateWorkspaceAlerts({ db: h().catalog.db, events: h().events }, workspaceId),
    ).toMatchObject({
      resolved: 1,
      open: 0,
    });
    expect((await viewer.get('/api/notifications/unread-count')).body.unread).toBe(1);

    // Tokens have no notifications; strangers see no workspace.
    const token = (await owner.post(`${base}/tokens`, { name: 'read', scopes: ['read'] })).body.token;
    expect((await h().withToken(token).get(`${base}/notifications`)).status).toBe(403);
    expect((await h().withToken(token).get('/api/notifications/unread-count')).status).toBe(403);
    expect((await h().anonymous.get('/api/notifications/unread-count')).status).toBe(401);
    const outsider = await h().signUp('outsider');
    expect((await outsider.get(`${base}/notifications`)).status).toBe(404);
  });

  it('fires a feedback shift on a real rise of the negative share, not on noise or below the minimum sample', async () => {
    const { owner, workspaceId, base, tp } = await team(h);
    const hotline = await tp('hotline', 'Hotline');
    const shop = await tp('shop', 'Shop');
    const web = await tp('web', 'Website');
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Negative share up',
        kind: 'feedback_shift',
        params: { metric: 'negative_share', threshold: 5, windowDays: 7, minSample: 100 },
      }),
    );
    const now = Date.now();
    const before = now - 14 * DAY;
    const after = now - 7 * DAY;
    const span = 7 * DAY - 60_000;
    await h().events.insertInteractions([
      // Hotline: 10 % → 30 % negative on 300 rated each: a real shift (z ≈ 6).
      ...rated(workspaceId, hotline, before, span, 300, 0.1, 1),
      ...rated(workspaceId, hotline, after, span, 300, 0.3, 2),
      // Shop: 10 % → 40 % but on 50 rated each: below the minimum sample.
      ...rated(workspaceId, shop, before, span, 50, 0.1, 3),
      ...rated(workspaceId, shop, after, span, 50, 0.4, 4),
      // Website: 10 % → 13 % on 300 each: under the threshold and not significant (p ≈ 0.25).
      ...rated(workspaceId, web, before, span, 300, 0.1, 5),
      ...rated(workspaceId, web, after, span, 300, 0.13, 6),
    ]);
    const run = await owner.post(`${base}/alerts/evaluate`);
    expect(run.body).toMatchObject({ opened: 1, open: 1 });
    const episode = (await owner.get(`${base}/alerts`)).body.items[0];
    expect(episode.subjectKey).toBe(`touchpoint:${hotline}`);
    expect(episode.figures).toMatchObject({
      metric: 'negative_share',
      sampleBefore: 300,
      sampleAfter: 300,
      test: 'two-proportion z-test',
    });
    expect(episode.figures.change).toBeCloseTo(20, 5);
    expect(episode.figures.p).toBeLessThan(0.001);
    expect(episode.message).toContain('10 % → 30 %');

    // A large but noisy sample: 10 % → 16.7 % on 30 each is above 5 pp, yet not significant.
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Small sample',
        kind: 'feedback_shift',
        params: { touchpointId: shop, metric: 'negative_share', threshold: 5, windowDays: 7, minSample: 30 },
      }),
    );
    const noisy = await tp('kiosk', 'Kiosk');
    await h().events.insertInteractions([
      ...rated(workspaceId, noisy, before, span, 30, 0.1, 7),
      ...rated(workspaceId, noisy, after, span, 30, 0.167, 8),
    ]);
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Kiosk',
        kind: 'feedback_shift',
        params: { touchpointId: noisy, metric: 'negative_share', threshold: 5, windowDays: 7, minSample: 30 },
      }),
    );
    const second = await owner.post(`${base}/alerts/evaluate`);
    // The shop's own rule (minimum 30) now sees 10 % → 40 % on 50 each: significant, fires.
    expect(second.body).toMatchObject({ opened: 1, open: 2 });
    const keys = (await owner.get(`${base}/alerts?state=open`)).body.items.map(
      (e: { subjectKey: string }) => e.subjectKey,
    );
    expect(keys.sort()).toEqual([`touchpoint:${hotline}`, `touchpoint:${shop}`].sort());
  });

  it("fires a CSAT fall tested with Welch's t-test from feedback answers", async () => {
    const { owner, workspaceId, base, tp } = await team(h);
    const desk = await tp('desk', 'Front desk');
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'CSAT down',
        kind: 'feedback_shift',
        params: { touchpointId: desk, metric: 'csat', threshold: 0.5, windowDays: 7, minSample: 30 },
      }),
    );
    const now = Date.now();
    const answers = (from: number, scores: number[]): FeedbackAnswer[] =>
      scores.map((score, i) => {
        const n = seq++;
        return {
          workspaceId,
          id: `fb-${n}`,
          touchpointId: desk,
          customer: `f-${n}`,
          at: from + i * 60 * MINUTE,
          kind: 'csat',
          score,
          comment: null,
        };
      });
    // Before: 40 answers of 5 and 4 (mean 4.5); after: 40 spread 2…5 (mean 3.5).
    await h().events.insertFeedback([
      ...answers(
        now - 13 * DAY,
        Array.from({ length: 40 }, (_, i) => (i % 2 ? 5 : 4)),
      ),
      ...answers(
        now - 6 * DAY,
        Array.from({ length: 40 }, (_, i) => 2 + (i % 4)),
      ),
    ]);
    expect((await owner.post(`${base}/alerts/evaluate`)).body).toMatchObject({ opened: 1 });
    const episode = (await owner.get(`${base}/alerts`)).body.items[0];
    expect(episode.figures).toMatchObject({
      metric: 'csat',
      test: "Welch's t-test",
      sampleBefore: 40,
      sampleAfter: 40,
    });
    expect(episode.figures.before).toBeCloseTo(4.5, 9);
    expect(episode.figures.after).toBeCloseTo(3.5, 9);
    expect(episode.figures.p).toBeLessThan(0.001);
    expect(episode.message).toContain('Mean CSAT at Front desk: 4.5 → 3.5 (-1 points');
  });

  it('fires on a silent active touchpoint and on a chain link whose conversion dropped', async () => {
    const { owner, workspaceId, base, tp } = await team(h);
    const ad = await tp('ad', 'Banner');
    const site = await tp('site', 'Website');
    const old = await tp('fax', 'Fax');
    await owner.patch(`${base}/touchpoints/${old}`, { version: 1, status: 'retired' });
    const chain = (
      await created(
        owner.post(`${base}/chains`, {
          name: 'Lead',
          links: [
            { touchpointId: ad, role: 'initial' },
            { touchpointId: site, role: 'final' },
          ],
        }),
      )
    ).body;
    await created(
      owner.post(`${base}/alert-rules`, { name: 'Silent', kind: 'touchpoint_silent', params: { days: 3 } }),
    );
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Lead drop',
        kind: 'link_conversion_drop',
        params: { chainId: chain.id, position: null, windowDays: 7, threshold: 20, minSample: 50 },
      }),
    );
    // Judged ten days from now: the touchpoints are old enough to be silent.
    const now = Date.now() + 10 * DAY;
    const visits = (from: number, count: number, converted: number): Interaction[] =>
      Array.from({ length: count }, (_, i) => {
        const n = seq++;
        const at = from + i * 60 * MINUTE;
        const first = makeInteraction({
          workspaceId,
          id: `ad-${n}`,
          customer: `v-${n}`,
          touchpointId: ad,
          at,
        });
        return i < converted
          ? [
              first,
              makeInteraction({
                workspaceId,
                id: `site-${n}`,
                customer: `v-${n}`,
                touchpointId: site,
                at: at + 10 * MINUTE,
              }),
            ]
          : [first];
      }).flat();
    // 80 of 100 went on to the website in the week before, 40 of 100 in the last week; the
    // website is silent for the last 3 days (its last visits are 4 days ago), the banner is not.
    await h().events.insertInteractions([
      ...visits(now - 14 * DAY, 100, 80),
      ...visits(now - 7 * DAY, 60, 40),
      ...visits(now - 3 * DAY + MINUTE, 40, 0),
    ]);
    const run = await evaluateWorkspaceAlerts({ db: h().catalog.db, events: h().events }, workspaceId, now);
    expect(run).toMatchObject({ rulesEvaluated: 2, opened: 2, open: 2, errors: [] });
    const open = (await owner.get(`${base}/alerts`)).body.items;
    const silent = open.find((e: { kind: string }) => e.kind === 'touchpoint_silent');
    expect(silent).toMatchObject({ subjectKey: `touchpoint:${site}`, subjectName: 'Website' });
    expect(silent.message).toBe('Website: no interaction in the last 3 days');
    const drop = open.find((e: { kind: string }) => e.kind === 'link_conversion_drop');
    expect(drop).toMatchObject({ subjectKey: `link:${chain.id}:2` });
    expect(drop.figures).toMatchObject({ entrantsBefore: 100, entrantsAfter: 100 });
    expect(drop.figures.conversionBefore).toBeCloseTo(0.8, 9);
    expect(drop.figures.conversionAfter).toBeCloseTo(0.4, 9);
    expect(drop.message).toContain('80 % → 40 % (-40 pp');
  });

  it('opens one episode when two evaluators run at once', async () => {
    const { owner, editor, workspaceId, base, tp } = await team(h);
    const hotline = await tp('hotline', 'Hotline');
    const standard = (
      await created(
        owner.post(`${base}/standards`, {
          touchpointId: hotline,
          name: 'Fast answers',
          metric: 'response_ms',
          comparator: 'lte',
          target: 20_000,
        }),
      )
    ).body;
    await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Fast answers',
        kind: 'standard_compliance',
        params: { standardId: standard.id, minSample: 5 },
      }),
    );
    await h().events.insertInteractions(calls(workspaceId, hotline, Date.now() - DAY, 10, 60_000));
    const stores = { db: h().catalog.db, events: h().events };
    const runs = await Promise.all([
      evaluateWorkspaceAlerts(stores, workspaceId),
      evaluateWorkspaceAlerts(stores, workspaceId),
      evaluateWorkspaceAlerts(stores, workspaceId),
    ]);
    expect(runs.reduce((sum, r) => sum + r.opened, 0)).toBe(1);
    expect((await owner.get(`${base}/alerts`)).body.total).toBe(1);
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(1);
    expect((await editor.get(`${base}/notifications`)).body.total).toBe(1);
  });

  it('runs in the server as a claimed job per workspace: one process at a time, on schedule', async () => {
    const { owner, workspaceId, base } = await team(h);
    const shop = (await created(owner.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
    await created(
      owner.post(`${base}/tasks`, {
        title: 'Late task',
        lever: 'business_processes',
        dueDate: '2020-01-01',
        targets: { touchpointId: shop },
      }),
    );
    await created(owner.post(`${base}/alert-rules`, { name: 'Overdue', kind: 'task_overdue' }));
    const stores = { db: h().catalog.db, events: h().events, intervalMs: 600_000 };
    await ensureAlertJobs(stores.db);
    const [a, b] = await Promise.all([
      runAlertEvaluation({ ...stores, holder: 'process-a' }, workspaceId, { due: true }),
      runAlertEvaluation({ ...stores, holder: 'process-b' }, workspaceId, { due: true }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const job = await findJob(stores.db, alertJobName(workspaceId));
    expect(job?.lastResult).toMatchObject({ rulesEvaluated: 1, opened: 1, open: 1 });
    expect(job?.claimedBy).toBeNull();
    expect((job?.nextRunAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(500_000);
    // Not due again for ten minutes; a run after ingestion goes anyway and repeats nothing.
    expect(await runAlertEvaluation({ ...stores, holder: 'process-a' }, workspaceId, { due: true })).toBe(
      false,
    );
    const scheduler = startAlertScheduler({ ...stores, holder: 'process-c' });
    expect(await scheduler.afterIngestion()).toContain(workspaceId);
    await scheduler.stop();
    expect((await findJob(stores.db, alertJobName(workspaceId)))?.lastResult).toMatchObject({
      opened: 0,
      open: 1,
    });
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(1);
  });
});
