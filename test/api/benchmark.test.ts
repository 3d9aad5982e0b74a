import { expect, it } from 'vitest';
import type { FeedbackAnswer } from '../../src/store/events/event-store.js';
import { describeCatalog } from '../catalog-harness.js';
import { seedBenchmarkScenario } from '../fixtures/audit-seed.js';
import { makeInteraction } from '../fixtures/generate-interactions.js';

// biome-ignore lint/suspicious/noExplicitAny: cells are checked field by field
type Cell = any;

const MARCH = Date.UTC(2026, 2, 5);
const PERIOD = 'from=2026-01-01&to=2026-06-01';

describeCatalog('competitor benchmark', (h) => {
  it('puts brands side by side per stage and touchpoint and lists where a competitor beats us by gap', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const s = await seedBenchmarkScenario(h().catalog.db, owner, base, workspaceId);

    const res = await owner.get(`${base}/benchmark?journeyId=${s.journey}&${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.journey).toEqual({ id: s.journey, name: 'Visit' });
    expect(b.period).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
    expect(b.brands.map((x: Cell) => [x.name, x.isOwn, x.website])).toEqual([
      ['Acme', true, ''],
      ['Rival', false, 'https://rival.example'],
    ]);

    // Every stage of the journey, in its order, one cell per brand (A5's free checklist is out).
    expect(b.stages.map((x: Cell) => x.stageKey)).toEqual([
      'need_recognition',
      'information_search',
      'comparison',
      'purchase',
      'post_purchase',
    ]);
    const stage = (key: string) => b.stages.find((x: Cell) => x.stageKey === key).brands;
    expect(stage('purchase').map((c: Cell) => c.brandId)).toEqual([s.brands.own, s.brands.rival]);
    expect(stage('purchase')[0].audit).toEqual({ score: 5.25 / 8, passRate: 4 / 6, audits: 2, answers: 6 });
    expect(stage('purchase')[1].audit).toEqual({ score: 2.75 / 3, passRate: 1, audits: 1, answers: 2 });
    expect(stage('information_search')[0].audit).toEqual({
      score: 0.5,
      passRate: 0.5,
      audits: 2,
      answers: 2,
    });
    expect(stage('comparison')).toEqual([
      { brandId: s.brands.own, audit: null, measured: null },
      { brandId: s.brands.rival, audit: null, measured: null },
    ]);

    // Touchpoint rows: the own touchpoints audited, the competitor's score of the same touchpoint.
    expect(b.touchpoints.map((x: Cell) => [x.touchpointName, x.stageKey, x.touchpointBrandId])).toEqual([
      ['Website', 'information_search', s.brands.own],
      ['Greeting', 'purchase', s.brands.own],
      ['Reception', 'purchase', s.brands.own],
    ]);
    const reception = b.touchpoints[2].brands;
    expect(reception[0].audit).toEqual({ score: 3.5 / 6, passRate: 0.5, audits: 2, answers: 4 });
    expect(reception[1].audit).toEqual({ score: 2.75 / 3, passRate: 1, audits: 1, answers: 2 });
    expect(b.touchpoints[1].brands[1].audit).toBeNull();

    // Where Rival beats Acme, largest gap first (a stage before a touchpoint at the same gap);
    // need_recognition (Acme 1, Rival 0) is not among them.
    expect(
      b.beats.map((x: Cell) => [x.level, x.stageKey, x.touchpointName, x.brandName, x.gap.toFixed(4)]),
    ).toEqual([
      ['stage', 'information_search', null, 'Rival', '0.5000'],
      ['touchpoint', 'information_search', 'Website', 'Rival', '0.5000'],
      ['touchpoint', 'purchase', 'Reception', 'Rival', (2.75 / 3 - 3.5 / 6).toFixed(4)],
      ['stage', 'purchase', null, 'Rival', (2.75 / 3 - 5.25 / 8).toFixed(4)],
    ]);
    expect(b.beats[2]).toMatchObject({
      touchpointId: s.touchpoints.reception,
      stageName: 'Purchase',
      audits: 1,
      answers: 2,
      ownAudits: 2,
      ownAnswers: 4,
    });

    // Each brand's latest submitted audit on the journey and what it failed; A4 is not submitted.
    expect(
      b.latestFailures.map((x: Cell) => [
        x.brandName,
        x.auditId,
        x.auditDate,
        x.failed.map((f: Cell) => [f.criterionText, f.touchpointName, f.score, f.note]),
      ]),
    ).toEqual([
      ['Acme', s.audits.a2, '2026-03-15', [['Greeted within 30 s', 'Reception', 0, 'Nobody at the desk']]],
      ['Rival', s.audits.a3, '2026-03-10', [['Parking easy to find', null, 0, '']]],
    ]);
    expect(b.latestFailures[0].score).toBeCloseTo(3.75 / 6, 12);

    // Without a journey: the free checklist counts, only stages with data are listed.
    const all = (await owner.get(`${base}/benchmark?${PERIOD}`)).body;
    expect(all.journey).toBeNull();
    expect(all.stages.map((x: Cell) => x.stageKey)).toEqual([
      'need_recognition',
      'information_search',
      'purchase',
    ]);
    expect(all.overall[0].audit).toEqual({ score: 8.25 / 12, passRate: 0.7, audits: 3, answers: 10 });
    expect(all.latestFailures[0]).toMatchObject({ auditId: s.audits.a5, failed: [] });
  });

  it('adds measured compliance and feedback from each brand’s own touchpoints', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const s = await seedBenchmarkScenario(h().catalog.db, owner, base, workspaceId);
    const standard = await owner.post(`${base}/standards`, {
      touchpointId: s.touchpoints.reception,
      name: 'Served within 5 min',
      metric: 'wait_ms',
      comparator: 'lte',
      target: 300_000,
      requiredShare: 0.9,
    });
    expect(standard.status).toBe(201);

    const before = (await owner.get(`${base}/benchmark?${PERIOD}`)).body;
    expect(before.overall.map((c: Cell) => c.measured)).toEqual([null, null]);

    const at = (hour: number) => MARCH + hour * 3_600_000;
    await h().events.insertInteractions([
      makeInteraction({
        workspaceId,
        id: 'i1',
        customer: 'c1',
        touchpointId: s.touchpoints.reception,
        at: at(1),
        waitMs: 100_000,
        sentiment: 1,
      }),
      makeInteraction({
        workspaceId,
        id: 'i2',
        customer: 'c2',
        touchpointId: s.touchpoints.reception,
        at: at(2),
        waitMs: 200_000,
        sentiment: 1,
      }),
      makeInteraction({
        workspaceId,
        id: 'i3',
        customer: 'c3',
        touchpointId: s.touchpoints.greeting,
        at: at(3),
        waitMs: 250_000,
        sentiment: -1,
      }),
      makeInteraction({
        workspaceId,
        id: 'i4',
        customer: 'c4',
        touchpointId: s.touchpoints.reception,
        at: at(4),
        waitMs: 400_000,
      }),
      // Outside the period: counts nowhere.
      makeInteraction({
        workspaceId,
        id: 'i5',
        customer: 'c5',
        touchpointId: s.touchpoints.reception,
        at: Date.UTC(2025, 5, 1),
        sentiment: -1,
      }),
    ]);
    const answer = (
      id: string,
      touchpointId: string,
      kind: FeedbackAnswer['kind'],
      score: number,
    ): FeedbackAnswer => ({
      workspaceId,
      id,
      touchpointId,
      customer: null,
      at: at(5),
      kind,
      score,
      comment: null,
    });
    await h().events.insertFeedback([
      answer('f1', s.touchpoints.reception, 'csat', 5),
      answer('f2', s.touchpoints.reception, 'csat', 3),
      // Rival's imported review ratings, at Rival's own touchpoint.
      answer('r1', s.touchpoints.rivalReviews, 'csat', 5),
      answer('r2', s.touchpoints.rivalReviews, 'csat', 4),
      answer('r3', s.touchpoints.rivalReviews, 'csat', 4),
      answer('r4', s.touchpoints.rivalReviews, 'csat', 2),
      answer('r5', s.touchpoints.rivalReviews, 'nps', 10),
      answer('r6', s.touchpoints.rivalReviews, 'nps', 9),
      answer('r7', s.touchpoints.rivalReviews, 'nps', 3),
    ]);

    const b = (await owner.get(`${base}/benchmark?${PERIOD}`)).body;
    // Acme at purchase: reception and its part greeting; the standard covers both: 3 of 4 waits
    // within 5 min < 90 %, so it fails; 1 of 3 rated negative; CSAT 1 of 2.
    const acme = {
      standards: 1,
      standardsPassing: 0,
      compliance: 0,
      interactions: 4,
      rated: 3,
      negativeShare: 1 / 3,
      csatAnswers: 2,
      csat: 0.5,
      npsAnswers: 0,
      nps: null,
    };
    const rival = {
      standards: 0,
      standardsPassing: 0,
      compliance: null,
      interactions: 0,
      rated: 0,
      negativeShare: null,
      csatAnswers: 4,
      csat: 0.75,
      npsAnswers: 3,
      nps: (100 * (2 - 1)) / 3,
    };
    const purchase = b.stages.find((x: Cell) => x.stageKey === 'purchase').brands;
    expect(purchase[0].measured).toEqual(acme);
    expect(purchase[1].measured).toEqual(rival);
    expect(b.overall.map((c: Cell) => c.measured)).toEqual([acme, rival]);
    // Touchpoint rows carry the figures of the touchpoint's own brand only.
    const reception = b.touchpoints.find((x: Cell) => x.touchpointId === s.touchpoints.reception).brands;
    expect(reception[0].measured).toEqual(acme);
    expect(reception[1].measured).toBeNull();
    const information = b.stages.find((x: Cell) => x.stageKey === 'information_search').brands;
    expect(information[0].measured).toBeNull();
    // Audit scores are untouched by the measured side.
    expect(purchase[0].audit.score).toBe(5.25 / 8);
  });

  it('refuses bad parameters naming the field, and answers only members and read tokens', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const field = async (query: string) => {
      const res = await owner.get(`${base}/benchmark?${query}`);
      expect(res.status).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    expect(await field('journeyId=7')).toEqual(['querystring.journeyId']);
    expect(await field(`journeyId=${crypto.randomUUID()}`)).toEqual(['journeyId']);
    expect(await field('to=soon')).toEqual(['querystring.to']);
    expect(await field('from=2026-02-01&to=2026-01-01')).toEqual(['to']);
    expect(await field('from=2999-01-01')).toEqual(['from']);
    expect(await field('to=9999999999999999')).toEqual(['to']);
    expect((await owner.get(`${base}/benchmark?from=0&to=${Date.UTC(10000, 0, 1)}`)).status).toBe(200);
    expect(await field('level=brand')).toEqual(['querystring.level']);

    const empty = await owner.get(`${base}/benchmark`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ stages: [], touchpoints: [], beats: [], latestFailures: [] });
    expect(empty.body.brands).toHaveLength(1);

    const viewer = await h().signUp('viewer');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    expect((await viewer.get(`${base}/benchmark`)).status).toBe(200);
    const token = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    expect((await (await token(['read'])).get(`${base}/benchmark`)).status).toBe(200);
    expect((await (await token(['ingest'])).get(`${base}/benchmark`)).status).toBe(403);
    expect((await h().anonymous.get(`${base}/benchmark`)).status).toBe(401);
    const stranger = await h().signUp('stranger');
    expect((await stranger.get(`${base}/benchmark`)).status).toBe(404);
  });
});
