import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

const GOOGLE = readFileSync(new URL('../fixtures/reviews-google.csv', import.meta.url), 'utf8');

/** A 10-point site's export: its own column names, the site in a column, no ids. */
const LOCAL = [
  'When;Who;Score;Of;Portal;Comment',
  '2026-10-10 08:00;Hana;8;10;Lekari.cz;Pleasant visit',
  '2026-10-11 12:30;Ivo;3;10;Lekari.cz;Too long a wait',
  '2026-10-12;Jan;10;10;Lekari.cz;',
].join('\n');

const PERIOD = 'from=2026-09-01&to=2026-11-01';

const byId = (items: { externalId: string; id: string }[], externalId: string) =>
  items.find((r) => r.externalId === externalId) as { id: string };

async function ok(res: Promise<Reply>, status = 200): Promise<Reply> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function setUp(client: Client, base: string) {
  await ok(client.post(`${base}/touchpoints`, { key: 'clinic-reviews', name: 'Clinic reviews' }), 201);
  return (await ok(client.post(`${base}/touchpoints`, { key: 'desk', name: 'Reception desk' }), 201)).body
    .id as string;
}

const googleImport = (extra: Record<string, unknown> = {}) => ({
  csv: GOOGLE,
  touchpoint: 'clinic-reviews',
  site: 'Google',
  ratingMax: 5,
  fileName: 'reviews-google.csv',
  ...extra,
});

describeCatalog('reviews', (h) => {
  it('imports a rating site export: bad rows reported one by one, good rows kept, the same file again changes nothing', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    await setUp(owner, base);

    const first = await ok(owner.post(`${base}/reviews/import`, googleImport()));
    expect(first.body).toMatchObject({
      rows: 7,
      accepted: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      complaints: 1,
      dryRun: false,
      mapping: {
        external_id: 'Review ID',
        author: 'Reviewer',
        rating: 'Stars',
        date: 'Date',
        text: 'Review',
        reply: 'Owner response',
        reply_date: 'Response date',
      },
    });
    expect(first.body.rejected).toEqual([
      { row: 4, field: 'rating', reason: '"six" is not a number' },
      { row: 5, field: 'reply_date', reason: "2026-10-03 is before the review's date 2026-10-04" },
      { row: 6, field: 'date', reason: 'is empty' },
    ]);

    const list = await ok(owner.get(`${base}/reviews`));
    expect(list.body.total).toBe(4);
    expect(list.body.items.map((r: { externalId: string }) => r.externalId)).toEqual([
      'g-7',
      'g-3',
      'g-2',
      'g-1',
    ]);
    const anna = list.body.items.find((r: { externalId: string }) => r.externalId === 'g-1');
    expect(anna).toMatchObject({
      sourceSite: 'Google',
      author: 'Anna K.',
      rating: 5,
      ratingMax: 5,
      score: 1,
      text: 'Friendly staff, short wait.',
      postedAt: '2026-10-01T09:15:00.000Z',
      reply: 'Thank you Anna!',
      replyAt: '2026-10-01T15:15:00.000Z',
      replyMs: 6 * 3_600_000,
    });
    const gina = list.body.items.find((r: { externalId: string }) => r.externalId === 'g-7');
    expect(gina).toMatchObject({ rating: 4.5, score: 0.9, text: 'Half stars, "quoted" text' });

    const again = await ok(owner.post(`${base}/reviews/import`, googleImport()));
    expect(again.body).toMatchObject({ accepted: 4, inserted: 0, updated: 0, unchanged: 4, complaints: 0 });
    // Boris's two stars (0.4) opened one complaint, at the review's touchpoint, once.
    const complaints = await ok(owner.get(`${base}/complaints?source=review`));
    expect(complaints.body.total).toBe(1);
    expect(complaints.body.items[0]).toMatchObject({
      text: 'Waited 40 minutes, nobody said why.',
      status: 'new',
      sourceRef: byId(list.body.items, 'g-2').id,
    });
    expect(again.body.rejected).toHaveLength(3);
    expect((await ok(owner.get(`${base}/reviews`))).body.total).toBe(4);
    // The feedback store holds each review once: sentiment counts 4, not 8.
    const sentiment = await ok(owner.get(`${base}/analytics/sentiment?${PERIOD}`));
    expect(sentiment.body.overall.feedback.reviews).toMatchObject({ count: 4, positive: 3, negative: 1 });

    // The site answered Boris since: the reply is applied, nothing else changes.
    const replied = GOOGLE.replace(
      'g-2,Boris,2,2026-10-02,"Waited 40 minutes, nobody said why.",,',
      'g-2,Boris,2,2026-10-02,"Waited 40 minutes, nobody said why.",We are on it,2026-10-04',
    );
    const third = await ok(owner.post(`${base}/reviews/import`, googleImport({ csv: replied })));
    expect(third.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const unanswered = await ok(owner.get(`${base}/reviews?replied=false`));
    expect(unanswered.body.items.map((r: { externalId: string }) => r.externalId)).toEqual(['g-7']);
    const boris = (await ok(owner.get(`${base}/reviews?q=nobody`))).body.items[0];
    expect(boris).toMatchObject({ reply: 'We are on it', replyMs: 2 * 86_400_000 });

    // The import is in the audit log.
    const audit = await ok(owner.get(`${base}/audit-log?limit=50`));
    expect(
      audit.body.items
        .filter((e: { action: string }) => e.action === 'review.import')
        .map((e: { after: unknown }) => e.after),
    ).toContainEqual({ file: 'reviews-google.csv', inserted: 4, updated: 0, unchanged: 0 });
  });

  it('normalises 10-point and 5-point scales, reads the file as text/csv with the mapping in the query, sums up per site', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    await setUp(owner, base);
    await ok(owner.post(`${base}/reviews/import`, googleImport()));

    const url =
      `${base}/reviews/import?touchpoint=clinic-reviews` +
      '&map=date=When,author=Who,rating=Score,rating_max=Of,site=Portal,text=Comment';
    const local = await ok(
      owner.request('POST', `${url}&complaintThreshold=0.3`, LOCAL, { 'content-type': 'text/csv' }),
    );
    // 3 of 10 is at the import's threshold 0.3; the default 0.4 would take it too, 8 and 10 never.
    expect(local.body).toMatchObject({ rows: 3, accepted: 3, inserted: 3, rejected: [], complaints: 1 });
    const again = await ok(owner.request('POST', url, LOCAL, { 'content-type': 'text/csv' }));
    expect(again.body).toMatchObject({ inserted: 0, unchanged: 3 });

    const tenPoint = await ok(owner.get(`${base}/reviews?site=Lekari.cz&sort=score`));
    expect(
      tenPoint.body.items.map((r: { rating: number; ratingMax: number; score: number }) => [
        r.rating,
        r.ratingMax,
        r.score,
      ]),
    ).toEqual([
      [3, 10, 0.3],
      [8, 10, 0.8],
      [10, 10, 1],
    ]);
    expect(tenPoint.body.items[0].externalId).toMatch(/^h:[0-9a-f]{32}$/);
    expect(tenPoint.body.items[1].postedAt).toBe('2026-10-10T08:00:00.000Z');
    const high = await ok(owner.get(`${base}/reviews?minScore=0.8`));
    expect(high.body.total).toBe(5);

    const summary = await ok(owner.get(`${base}/reviews/summary`));
    expect(summary.body.overall).toMatchObject({ reviews: 7, positive: 5, negative: 2, replied: 2 });
    expect(summary.body.overall.meanScore).toBeCloseTo((1 + 0.4 + 0.8 + 0.9 + 0.8 + 0.3 + 1) / 7, 10);
    expect(summary.body.sites.map((s: { site: string; reviews: number }) => [s.site, s.reviews])).toEqual([
      ['Google', 4],
      ['Lekari.cz', 3],
    ]);
    const google = summary.body.sites[0];
    expect(google.meanOutOfFive).toBeCloseTo(((1 + 0.4 + 0.8 + 0.9) / 4) * 5, 10);
    expect(google).toMatchObject({ replied: 2, negativeShare: 0.25, positiveShare: 0.75 });
    // g-1 answered in 6 h, g-3 in a day.
    expect(google.meanReplyMs).toBe(15 * 3_600_000);
    expect(google.medianReplyMs).toBe(15 * 3_600_000);

    const sentiment = await ok(owner.get(`${base}/analytics/sentiment?${PERIOD}`));
    const reviews = sentiment.body.overall.feedback.reviews;
    expect(reviews).toMatchObject({ count: 7, positive: 5, negative: 2 });
    expect(reviews.mean).toBeCloseTo(summary.body.overall.meanScore, 10);
    expect(reviews.meanOutOfFive).toBeCloseTo(summary.body.overall.meanScore * 5, 10);
    expect(sentiment.body.overall.feedback.csat.answers).toBe(0);
    expect(sentiment.body.overall.interactions).toBe(0);
  });

  it('refuses a file that does not fit with each field named, reports unknown touchpoints per row, previews without storing', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const desk = await setUp(owner, base);

    const missing = await ok(owner.post(`${base}/reviews/import`, { csv: GOOGLE }), 400);
    expect(missing.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'touchpoint' }),
        expect.objectContaining({ field: 'site' }),
        expect.objectContaining({ field: 'ratingMax' }),
      ]),
    );
    const noColumn = await ok(
      owner.post(`${base}/reviews/import`, googleImport({ map: { rating: 'Sterne' } })),
      400,
    );
    expect(noColumn.body.issues[0]).toMatchObject({ field: 'map.rating' });
    expect(noColumn.body.issues[0].message).toContain('no column "Sterne"');
    const scale = await ok(owner.post(`${base}/reviews/import`, googleImport({ ratingMax: 0 })), 400);
    expect(scale.body.issues[0].field).toBe('ratingMax');
    const broken = await ok(owner.post(`${base}/reviews/import`, googleImport({ csv: 'a,b\n"x,1\n' })), 400);
    expect(broken.body.issues[0].field).toBe('file');
    const badMap = await ok(
      owner.request('POST', `${base}/reviews/import?map=stars`, GOOGLE, { 'content-type': 'text/csv' }),
      400,
    );
    expect(badMap.body.issues[0].field).toBe('map');
    const fields = async (body: unknown) =>
      (await ok(owner.post(`${base}/reviews/import`, body), 400)).body.issues.map(
        (i: { field: string }) => i.field,
      );
    expect(await fields({ csv: 5 })).toEqual(['csv']);
    expect(await fields(googleImport({ ratingMax: 'five' }))).toEqual(['ratingMax']);
    expect(await fields(googleImport({ complaintThreshold: 2 }))).toEqual(['complaintThreshold']);
    expect(await fields({ ...googleImport(), stars: 'Stars' })).toEqual(['stars']);
    const emptyFile = await ok(
      owner.request('POST', `${base}/reviews/import?site=Google`, '', { 'content-type': 'text/csv' }),
      400,
    );
    expect(emptyFile.body.issues[0].field).toBe('csv');

    // A column of touchpoint keys: an unknown key refuses its row only.
    const keyed = [
      'date,rating,touchpoint',
      '2026-10-01,5,desk',
      '2026-10-02,1,nowhere',
      '2026-10-03,3,clinic-reviews',
    ].join('\n');
    const preview = await ok(
      owner.post(`${base}/reviews/import`, { csv: keyed, site: 'Google', ratingMax: 5, dryRun: true }),
    );
    expect(preview.body).toMatchObject({ dryRun: true, rows: 3, accepted: 2, inserted: 0, issues: [] });
    expect(preview.body.rejected).toEqual([
      { row: 2, field: 'touchpoint', reason: 'no touchpoint of the workspace has the key "nowhere"' },
    ]);
    expect(preview.body.sample[0]).toMatchObject({ row: 1, touchpoint: 'desk', score: 1 });
    expect((await ok(owner.get(`${base}/reviews`))).body.total).toBe(0);
    // A preview names what is missing instead of refusing, so the mapping can be completed.
    const incomplete = await ok(owner.post(`${base}/reviews/import`, { csv: keyed, dryRun: true }));
    expect(incomplete.body.columns).toEqual(['date', 'rating', 'touchpoint']);
    expect(incomplete.body.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'ratingMax',
      'site',
    ]);

    const stored = await ok(
      owner.post(`${base}/reviews/import`, { csv: keyed, site: 'Google', ratingMax: 5 }),
    );
    expect(stored.body).toMatchObject({ inserted: 2 });
    const atDesk = await ok(owner.get(`${base}/reviews?touchpointId=${desk}`));
    expect(atDesk.body.items.map((r: { rating: number }) => r.rating)).toEqual([5]);
  });

  it('gives the demo workspace a few hundred reviews from two sites, some answered, counted in sentiment', async () => {
    const owner = await h().signUp('owner');
    const demo = await ok(owner.post('/api/workspaces/demo', {}), 201);
    const base = `/api/workspaces/${demo.body.workspace.id}`;
    const summary = await ok(owner.get(`${base}/reviews/summary`));
    expect(summary.body.sites.map((s: { site: string; reviews: number }) => [s.site, s.reviews])).toEqual([
      ['Google', 190],
      ['DocRadar', 110],
    ]);
    const { overall } = summary.body;
    expect(overall.replied).toBeGreaterThan(100);
    expect(overall.replied).toBeLessThan(300);
    expect(overall.negative).toBeGreaterThan(10);
    expect(overall.meanOutOfFive).toBeGreaterThan(3.5);
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 121 * 86_400_000).toISOString();
    const sentiment = await ok(
      owner.get(`${base}/analytics/sentiment?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    );
    expect(sentiment.body.overall.feedback.reviews.count).toBe(300);
    expect(sentiment.body.overall.feedback.reviews.mean).toBeCloseTo(overall.meanScore, 10);
    // The clinic means to answer every review within a day; the local portal's late replies fail it.
    const standards = await ok(
      owner.get(`${base}/analytics/standards?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    );
    const replies = standards.body.standards.find(
      (s: { name: string }) => s.name === 'Reviews answered within a day',
    );
    expect(replies.measured).toBeGreaterThan(150);
    expect(replies.shareMeeting).toBeGreaterThan(0.5);
    expect(replies.shareMeeting).toBeLessThan(0.9);
  });

  it('lets viewers read and editors import, keeps workspaces apart', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const stranger = await h().signUp('stranger');
    const { base } = await h().newWorkspace(owner);
    await setUp(owner, base);
    await ok(owner.post(`${base}/members`, { email: editor.email, role: 'editor' }), 201);
    await ok(owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' }), 201);

    expect((await viewer.post(`${base}/reviews/import`, googleImport())).status).toBe(403);
    await ok(editor.post(`${base}/reviews/import`, googleImport()));
    expect((await ok(viewer.get(`${base}/reviews`))).body.total).toBe(4);
    expect((await ok(viewer.get(`${base}/reviews/summary`))).body.overall.reviews).toBe(4);

    expect((await stranger.get(`${base}/reviews`)).status).toBe(404);
    expect((await stranger.post(`${base}/reviews/import`, googleImport())).status).toBe(404);
    const other = await h().newWorkspace(stranger);
    await setUp(stranger, other.base);
    expect((await ok(stranger.get(`${other.base}/reviews`))).body.total).toBe(0);
    // The same file in another workspace is another set of reviews.
    const theirs = await ok(
      stranger.post(`${other.base}/reviews/import`, googleImport({ complaintThreshold: null })),
    );
    expect(theirs.body).toMatchObject({ inserted: 4, complaints: 0 });
    expect((await ok(stranger.get(`${other.base}/complaints`))).body.total).toBe(0);
    expect(
      (await ok(stranger.get(`${other.base}/analytics/sentiment?${PERIOD}`))).body.overall.feedback.reviews
        .count,
    ).toBe(4);
    expect(
      (await ok(owner.get(`${base}/analytics/sentiment?${PERIOD}`))).body.overall.feedback.reviews.count,
    ).toBe(4);
    expect((await h().anonymous.get(`${base}/reviews`)).status).toBe(401);
  });
});
