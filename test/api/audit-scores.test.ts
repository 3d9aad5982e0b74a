import { expect, it } from 'vitest';
import { answerScore, type ScoredCriterion, weightedScore } from '../../src/domain/audit-scoring.js';
import { describeCatalog } from '../catalog-harness.js';
import { seedAudit, seedBenchmarkScenario, seedChecklist } from '../fixtures/audit-seed.js';

// biome-ignore lint/suspicious/noExplicitAny: rows are checked field by field
type Row = any;

/** The figure of a row, rounded where the hand computation is a fraction. */
const figure = (row: Row) => ({
  score: row.score,
  passRate: row.passRate,
  audits: row.audits,
  answers: row.answers,
});

describeCatalog('audit scores', (h) => {
  it('rolls up submitted audits, weighted, per level and brand, with the audits and answers behind each', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const s = await seedBenchmarkScenario(h().catalog.db, owner, base, workspaceId);
    const scores = async (query: string) => {
      const res = await owner.get(`${base}/audits/scores?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.rows as Row[];
    };

    // Brand. Acme: A1 c1 1×2, c2 0.5, c3 0, c5 1 (c4 skipped) = 3.5 / 5; A2 c1 0×2, c2 1, c3 1,
    // c4 1, c5 0.75 = 3.75 / 6; A5 c6 1 = 1 / 1 → 8.25 / 12; passing: 2 + 4 + 1 of 10.
    // Rival: A3 c1 1×2, c2 0.75, c3 1, c4 0 = 3.75 / 5, 3 of 4 pass; A4 is not submitted.
    const brand = await scores('level=brand');
    expect(brand.map((r) => [r.brandName, r.isOwn])).toEqual([
      ['Acme', true],
      ['Rival', false],
    ]);
    expect(figure(brand[0])).toEqual({ score: 8.25 / 12, passRate: 0.7, audits: 3, answers: 10 });
    expect(figure(brand[1])).toEqual({ score: 0.75, passRate: 0.75, audits: 1, answers: 4 });
    expect(brand[0]).toMatchObject({
      criterionId: null,
      touchpointId: null,
      stageKey: null,
      journeyId: null,
    });

    // Level defaults to brand.
    expect(await scores('')).toEqual(brand);

    // Touchpoint: criteria on a stage (c4) are left out; Rival's greeting was skipped.
    const touchpoint = await scores('level=touchpoint');
    expect(touchpoint.map((r) => [r.brandName, r.touchpointName])).toEqual([
      ['Acme', 'Greeting'],
      ['Acme', 'Reception'],
      ['Acme', 'Website'],
      ['Rival', 'Reception'],
      ['Rival', 'Website'],
    ]);
    expect(figure(touchpoint[0])).toEqual({ score: 1.75 / 2, passRate: 1, audits: 2, answers: 2 });
    expect(figure(touchpoint[1])).toEqual({ score: 3.5 / 6, passRate: 0.5, audits: 2, answers: 4 });
    expect(figure(touchpoint[2])).toEqual({ score: 2 / 3, passRate: 2 / 3, audits: 3, answers: 3 });
    expect(figure(touchpoint[3])).toEqual({ score: 2.75 / 3, passRate: 1, audits: 1, answers: 2 });
    expect(touchpoint[3].touchpointId).toBe(s.touchpoints.reception);

    // Stage: c4 by its own stage key; greeting (no stage) by its composite's, purchase.
    const stage = await scores('level=stage');
    expect(stage.map((r) => [r.brandName, r.stageKey, r.stageName])).toEqual([
      ['Acme', 'need_recognition', 'Need recognition'],
      ['Acme', 'information_search', 'Information search'],
      ['Acme', 'purchase', 'Purchase'],
      ['Rival', 'need_recognition', 'Need recognition'],
      ['Rival', 'information_search', 'Information search'],
      ['Rival', 'purchase', 'Purchase'],
    ]);
    expect(figure(stage[0])).toEqual({ score: 1, passRate: 1, audits: 1, answers: 1 });
    expect(figure(stage[2])).toEqual({ score: 5.25 / 8, passRate: 4 / 6, audits: 2, answers: 6 });
    expect(figure(stage[3])).toEqual({ score: 0, passRate: 0, audits: 1, answers: 1 });
    expect(figure(stage[5])).toEqual({ score: 2.75 / 3, passRate: 1, audits: 1, answers: 2 });

    // Journey: the free checklist (A5) is left out.
    const journey = await scores('level=journey');
    expect(journey.map((r) => [r.brandName, r.journeyName])).toEqual([
      ['Acme', 'Visit'],
      ['Rival', 'Visit'],
    ]);
    expect(figure(journey[0])).toEqual({ score: 7.25 / 11, passRate: 6 / 9, audits: 2, answers: 9 });

    // Criterion: in checklist order; the skipped c4 of A1 counts in neither audits nor answers.
    const criterion = await scores('level=criterion');
    const acme = criterion.filter((r) => r.isOwn);
    expect(acme.map((r) => r.criterionText)).toEqual([
      'Greeted within 30 s',
      'Price list readable',
      'Reply within 10 min',
      'Parking easy to find',
      'Greeting phrase',
      'Opening hours on the home page',
    ]);
    expect(figure(acme[0])).toEqual({ score: 0.5, passRate: 0.5, audits: 2, answers: 2 });
    expect(figure(acme[3])).toEqual({ score: 1, passRate: 1, audits: 1, answers: 1 });
    expect(acme[0]).toMatchObject({
      criterionId: s.criteria.c1,
      checklistId: s.checklists.walk,
      touchpointId: s.touchpoints.reception,
      touchpointName: 'Reception',
      stageKey: 'purchase',
    });
    expect(acme[3]).toMatchObject({ touchpointId: null, stageKey: 'need_recognition' });
  });

  it('filters by brand, checklist, journey and audit date', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const s = await seedBenchmarkScenario(h().catalog.db, owner, base, workspaceId);
    const brandRows = async (query: string) =>
      ((await owner.get(`${base}/audits/scores?level=brand&${query}`)).body.rows as Row[]).map((r) => [
        r.brandName,
        r.audits,
        r.answers,
      ]);

    expect(await brandRows(`brandId=${s.brands.rival}`)).toEqual([['Rival', 1, 4]]);
    expect(await brandRows(`checklistId=${s.checklists.web}`)).toEqual([['Acme', 1, 1]]);
    expect(await brandRows(`journeyId=${s.journey}`)).toEqual([
      ['Acme', 2, 9],
      ['Rival', 1, 4],
    ]);
    // A2 (03-15) and A3 (03-10) fall in [03-10, 03-16); `to` is exclusive.
    expect(await brandRows('from=2026-03-10&to=2026-03-16')).toEqual([
      ['Acme', 1, 5],
      ['Rival', 1, 4],
    ]);
    expect(await brandRows('from=2026-03-10&to=2026-03-15')).toEqual([['Rival', 1, 4]]);
    expect(await brandRows('from=2026-05-01')).toEqual([]);
  });

  it('scores each scale in SQL as the domain rule does in TypeScript', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const own = (await owner.get(`${base}/brands?isOwn=true`)).body.items[0].id;
    const criteria: (ScoredCriterion & { text: string; weight: number })[] = [
      { text: 'yes/no', scale: 'yes_no', target: null, comparator: null, weight: 1.5 },
      { text: '1–5', scale: 'score_1_5', target: null, comparator: null, weight: 2 },
      { text: 'at most 10', scale: 'number', target: 10, comparator: 'lte', weight: 0.5 },
      { text: 'at least 4.5', scale: 'number', target: 4.5, comparator: 'gte', weight: 1 },
    ];
    const checklist = await seedChecklist(h().catalog.db, workspaceId, 'Scales', null, criteria);
    const values: (number | null)[][] = [
      [1, 1, 10, 4.5],
      [0, 2, 10.5, 4.4],
      [null, 3, -1, 100],
      [1, 4, null, null],
      [0, 5, 0, 0],
    ];
    for (const [i, row] of values.entries())
      await seedAudit(h().catalog.db, workspaceId, {
        checklistId: checklist.id,
        brandId: own,
        auditDate: `2026-02-0${i + 1}`,
        answers: Object.fromEntries(row.map((v, j) => [checklist.criteria[j], v])),
      });

    const res = await owner.get(`${base}/audits/scores?level=criterion`);
    expect(res.status).toBe(200);
    criteria.forEach((criterion, j) => {
      const scored = values.map((row) => answerScore(criterion, row[j] ?? null)).filter((x) => x !== null);
      const row = res.body.rows[j];
      expect(row.criterionText).toBe(criterion.text);
      expect(row.score).toBeCloseTo(weightedScore(scored.map((score) => ({ score, weight: 1 }))) ?? -1, 12);
      expect(row.passRate).toBeCloseTo(scored.filter((x) => x >= 0.75).length / scored.length, 12);
      expect(row.answers).toBe(scored.length);
    });
    const all = values.flatMap((row) =>
      row.map((v, j) => ({
        score: answerScore(criteria[j] as ScoredCriterion, v),
        weight: (criteria[j] as { weight: number }).weight,
      })),
    );
    const brand = await owner.get(`${base}/audits/scores?level=brand`);
    expect(brand.body.rows[0].score).toBeCloseTo(weightedScore(all) ?? -1, 12);
    expect(brand.body.rows[0].answers).toBe(all.filter((a) => a.score !== null).length);
  });

  it('refuses bad parameters naming the field, and answers only members and read tokens', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const field = async (query: string) => {
      const res = await owner.get(`${base}/audits/scores?${query}`);
      expect(res.status).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    expect(await field('level=week')).toEqual(['querystring.level']);
    expect(await field('brandId=nope')).toEqual(['querystring.brandId']);
    expect(await field(`brandId=${crypto.randomUUID()}`)).toEqual(['brandId']);
    expect(await field(`checklistId=${crypto.randomUUID()}`)).toEqual(['checklistId']);
    expect(await field(`journeyId=${crypto.randomUUID()}`)).toEqual(['journeyId']);
    expect(await field('from=yesterday')).toEqual(['querystring.from']);
    expect(await field('from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await field('from=9999999999999999')).toEqual(['from']);
    // Past the year 9999 a bound still works: from cuts everything, to nothing.
    const far = Date.UTC(10000, 0, 1);
    expect((await owner.get(`${base}/audits/scores?from=${far}`)).status).toBe(200);
    expect((await owner.get(`${base}/audits/scores?to=${far}`)).status).toBe(200);
    expect(await field('colour=red')).toEqual(['querystring.colour']);

    const viewer = await h().signUp('viewer');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    expect((await viewer.get(`${base}/audits/scores`)).status).toBe(200);
    const token = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    expect((await (await token(['read'])).get(`${base}/audits/scores?level=stage`)).status).toBe(200);
    expect((await (await token(['ingest'])).get(`${base}/audits/scores`)).status).toBe(403);
    expect((await h().anonymous.get(`${base}/audits/scores`)).status).toBe(401);

    const stranger = await h().signUp('stranger');
    expect((await stranger.get(`${base}/audits/scores`)).status).toBe(404);
    const other = await h().newWorkspace(stranger, 'Other');
    expect((await owner.get(`${other.base}/audits/scores`)).status).toBe(404);
  });
});
