/**
 * The analytics routes on a small hand-checkable workspace: five touchpoints (the call centre
 * composite with its hold music as a part), a chain ad → site → call with a 7-day window, a
 * journey of two stages, one standard, and the interactions of five customers in May 2024.
 *
 *   c1  ad May 2 (pro) · site May 3 (0, pro) · call-hold May 4 (wait 30 s, pro) ·
 *       call May 4 +1 h converted 100 (+1, wait 90 s, pro) · sms May 11 · sms June 1 00:00 (outside)
 *   c2  ad May 2 · site May 4 (−1)
 *   c3  ad May 3 · site May 21 (lost; 18 days after the ad: outside the chain window)
 *   c4  ad May 6 (−1)
 *   c5  site May 5 · call May 5 +1 h converted 50 (+1, wait 20 s)
 *   c6  ad April 30 23:59:59.999 (before the period)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackAnswer, Interaction } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog } from '../catalog-harness.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T = Date.UTC(2024, 4, 1);
const PERIOD = 'from=2024-05-01&to=2024-06-01';

describeCatalog('analytics API', (h) => {
  let owner: Client;
  let ws: string;
  let base: string;
  const tp: Record<string, string> = {};
  let chainId: string;
  let standardId: string;
  let journeyId: string;

  async function created(res: { status: number; body: { id?: string } }, what: string): Promise<string> {
    if (res.status !== 201) throw new Error(`${what} not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  beforeAll(async () => {
    owner = await h().signUp('owner');
    ({ id: ws, base } = await h().newWorkspace(owner, 'Analytics'));
    const channels = await owner.get(`${base}/channels?limit=100`);
    const channel = (key: string) =>
      (channels.body.items as { id: string; key: string }[]).find((c) => c.key === key)?.id;
    const touchpoint = async (key: string, fields: Record<string, unknown>) => {
      tp[key] = await created(
        await owner.post(`${base}/touchpoints`, { key, name: `The ${key}`, ...fields }),
        key,
      );
    };
    await touchpoint('ad', {
      channelId: channel('banner_ad'),
      stage: 'information_search',
      direction: 'out',
    });
    await touchpoint('site', { channelId: channel('website'), stage: 'comparison', direction: 'in' });
    await touchpoint('call', { channelId: channel('phone'), stage: 'purchase', direction: 'in' });
    await touchpoint('call-hold', { parentId: tp.call, direction: 'in' });
    await touchpoint('sms', { channelId: channel('sms'), stage: 'post_purchase', direction: 'out' });

    chainId = await created(
      await owner.post(`${base}/chains`, {
        name: 'Lead to sale',
        windowDays: 7,
        links: [
          { touchpointId: tp.ad, role: 'initial' },
          { touchpointId: tp.site, role: 'middle' },
          { touchpointId: tp.call, role: 'final' },
        ],
      }),
      'chain',
    );
    const journey = await owner.post(`${base}/journeys`, {
      name: 'Buying',
      stages: [
        { key: 'search', name: 'Search', designedEmotion: 1 },
        { key: 'buy', name: 'Buy', designedEmotion: 2 },
      ],
    });
    journeyId = await created(journey, 'journey');
    const [search, buy] = journey.body.stages as { id: string }[];
    for (const [stage, key] of [
      [search, 'ad'],
      [search, 'site'],
      [buy, 'call'],
    ] as const) {
      await created(
        await owner.post(`${base}/journeys/${journeyId}/items`, {
          stageId: stage?.id,
          lane: 'touchpoints',
          touchpointId: tp[key],
        }),
        'journey item',
      );
    }
    standardId = await created(
      await owner.post(`${base}/standards`, {
        touchpointId: tp.call,
        name: 'Answered within a minute',
        metric: 'wait_ms',
        comparator: 'lte',
        target: 60_000,
        requiredShare: 0.75,
      }),
      'standard',
    );

    const pro = JSON.stringify({ plan: 'pro' });
    let n = 0;
    const ix = (
      customer: string,
      key: string,
      at: number,
      extra: Partial<Interaction> = {},
    ): Interaction => ({
      workspaceId: ws,
      id: `i${n++}`,
      customer,
      touchpointId: tp[key] as string,
      at,
      direction: key === 'ad' || key === 'sms' ? 'out' : 'in',
      sentiment: null,
      outcome: null,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
      props: null,
      ...extra,
    });
    await h().events.insertInteractions([
      ix('c1', 'ad', T + DAY, { props: pro }),
      ix('c1', 'site', T + 2 * DAY, { sentiment: 0, props: pro }),
      ix('c1', 'call-hold', T + 3 * DAY, { waitMs: 30_000, props: pro }),
      ix('c1', 'call', T + 3 * DAY + HOUR, {
        outcome: 'converted',
        value: 100,
        sentiment: 1,
        waitMs: 90_000,
        props: pro,
      }),
      ix('c1', 'sms', T + 10 * DAY),
      ix('c1', 'sms', T + 31 * DAY),
      ix('c2', 'ad', T + DAY),
      ix('c2', 'site', T + 3 * DAY, { sentiment: -1 }),
      ix('c3', 'ad', T + 2 * DAY),
      ix('c3', 'site', T + 20 * DAY, { outcome: 'lost' }),
      ix('c4', 'ad', T + 5 * DAY, { sentiment: -1 }),
      ix('c5', 'site', T + 4 * DAY),
      ix('c5', 'call', T + 4 * DAY + HOUR, { outcome: 'converted', value: 50, sentiment: 1, waitMs: 20_000 }),
      ix('c6', 'ad', T - 1),
    ]);
    const answer = (id: string, score: number): FeedbackAnswer => ({
      workspaceId: ws,
      id,
      touchpointId: tp.call as string,
      customer: null,
      at: T + 6 * DAY,
      kind: 'csat',
      score,
      comment: null,
    });
    await h().events.insertFeedback([answer('f1', 5), answer('f2', 4), answer('f3', 2)]);
  });

  const get = (path: string, client: Client = owner) => client.get(`${base}/analytics/${path}`);

  describe('chain conversion', () => {
    it('follows the links within the window; the hold music counts for the call link', async () => {
      const res = await get(`chains/${chainId}/conversion?${PERIOD}&minEntrants=2`);
      expect(res.status).toBe(200);
      expect(res.body.period).toEqual({ from: '2024-05-01T00:00:00.000Z', to: '2024-06-01T00:00:00.000Z' });
      expect(res.body.chain).toEqual({ id: chainId, name: 'Lead to sale', windowDays: 7 });
      expect(res.body.windowMs).toBe(7 * DAY);
      expect(res.body.links).toEqual([
        {
          link: 1,
          touchpointId: tp.ad,
          touchpointKey: 'ad',
          touchpointName: 'The ad',
          role: 'initial',
          reached: 4,
          conversionFromPrevious: null,
          conversionFromFirst: 1,
          dropped: 2,
          brokenByNegative: 1,
          medianMsFromPrevious: null,
          p90MsFromPrevious: null,
        },
        {
          link: 2,
          touchpointId: tp.site,
          touchpointKey: 'site',
          touchpointName: 'The site',
          role: 'middle',
          reached: 2,
          conversionFromPrevious: 0.5,
          conversionFromFirst: 0.5,
          dropped: 1,
          brokenByNegative: 1,
          medianMsFromPrevious: 1.5 * DAY,
          p90MsFromPrevious: 1.9 * DAY,
        },
        {
          link: 3,
          touchpointId: tp.call,
          touchpointKey: 'call',
          touchpointName: 'The call',
          role: 'final',
          reached: 1,
          conversionFromPrevious: 0.5,
          conversionFromFirst: 0.25,
          dropped: null,
          brokenByNegative: null,
          medianMsFromPrevious: DAY,
          p90MsFromPrevious: DAY,
        },
      ]);
      // 1 → 2 and 2 → 3 both convert half of their entrants: the earliest is the weak link.
      expect(res.body.weakLink).toEqual({ fromLink: 1, toLink: 2, entrants: 4, reached: 2, conversion: 0.5 });
    });

    it('has no weak link below 30 entrants by default, and honours a segment', async () => {
      const all = await get(`chains/${chainId}/conversion?${PERIOD}`);
      expect(all.body.minEntrants).toBe(30);
      expect(all.body.weakLink).toBeNull();
      const pro = await get(`chains/${chainId}/conversion?${PERIOD}&segment=plan:pro`);
      expect(pro.status).toBe(200);
      expect(pro.body.links.map((l: { reached: number }) => l.reached)).toEqual([1, 1, 1]);
    });

    it('answers 404 for a chain of no workspace of the caller', async () => {
      const res = await get(`chains/00000000-0000-4000-8000-000000000000/conversion?${PERIOD}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('chain 00000000-0000-4000-8000-000000000000 not found');
    });
  });

  it('counts touches to each conversion', async () => {
    const res = await get(`touches?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.conversions).toBe(2);
    expect(res.body.lookbackMs).toBe(90 * DAY);
    const bins = res.body.touches.histogram.filter((b: { conversions: number }) => b.conversions > 0);
    expect(bins).toEqual([
      { min: 2, max: 2, conversions: 1 },
      { min: 4, max: 4, conversions: 1 },
    ]);
    expect(res.body.touches.histogram).toHaveLength(41);
    expect(res.body.touches.median).toBe(3);
    expect(res.body.touches.mean).toBe(3);
    // c1: May 2 → May 4 +1 h (49 h); c5: 1 h.
    expect(res.body.timeToConversion).toEqual({ medianMs: DAY + HOUR, meanMs: DAY + HOUR });

    const web = await get(`touches?${PERIOD}&channel=website`);
    expect(web.body.conversions).toBe(0);
  });

  describe('paths', () => {
    it('lists the most common paths and the Sankey edges with keys and names', async () => {
      const res = await get(`paths?${PERIOD}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ steps: 6, customers: 5, converted: 2 });
      const keys = (steps: { touchpointKey: string }[]) => steps.map((s) => s.touchpointKey).join(' > ');
      expect(res.body.paths[0]).toMatchObject({ customers: 2, converted: 0, conversionRate: 0 });
      expect(keys(res.body.paths[0].steps)).toBe('ad > site');
      expect(
        res.body.paths
          .map((p: { steps: { touchpointKey: string }[]; customers: number; converted: number }) =>
            [keys(p.steps), p.customers, p.converted].join(' '),
          )
          .sort(),
      ).toEqual(['ad 1 0', 'ad > site 2 0', 'ad > site > call-hold > call > sms 1 1', 'site > call 1 1']);
      expect(
        res.body.edges.map(
          (e: { step: number; fromKey: string; toKey: string; customers: number }) =>
            `${e.step} ${e.fromKey}→${e.toKey} ${e.customers}`,
        ),
      ).toEqual(['1 ad→site 3', '1 site→call 1', '2 site→call-hold 1', '3 call-hold→call 1', '4 call→sms 1']);
      expect(res.body.edges[0]).toMatchObject({
        from: tp.ad,
        to: tp.site,
        fromName: 'The ad',
        toName: 'The site',
      });
    });

    it('ends at a touchpoint (or one of its parts) and rolls parts up into their composite', async () => {
      const res = await get(`paths?${PERIOD}&end=call&rollUp=true`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ customers: 2, converted: 2 });
      expect(
        res.body.paths.map((p: { steps: { touchpointKey: string }[] }) =>
          p.steps.map((s) => s.touchpointKey).join(' > '),
        ),
      ).toEqual(expect.arrayContaining(['ad > site > call', 'site > call']));

      const unknown = await get(`paths?${PERIOD}&start=nowhere`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues).toEqual([
        { field: 'start', message: 'no touchpoint has the key "nowhere"' },
      ]);
    });
  });

  describe('attribution', () => {
    it('credits touchpoints by each model asked for', async () => {
      const res = await get(`attribution?${PERIOD}&models=first_touch,last_touch,linear`);
      expect(res.status).toBe(200);
      // Null paths: c1 after the conversion (sms), c2, c3, c4.
      expect(res.body).toMatchObject({ by: 'touchpoint', conversions: 2, value: 150, nullPaths: 4 });
      const credits = (model: string) =>
        Object.fromEntries(
          res.body.models
            .find((m: { model: string }) => m.model === model)
            .credits.filter((c: { conversions: number }) => c.conversions > 0)
            .map((c: { touchpointKey: string; conversions: number; value: number }) => [
              c.touchpointKey,
              [c.conversions, c.value],
            ]),
        );
      expect(res.body.models.map((m: { model: string }) => m.model)).toEqual([
        'first_touch',
        'last_touch',
        'linear',
      ]);
      expect(credits('first_touch')).toEqual({ ad: [1, 100], site: [1, 50] });
      expect(credits('last_touch')).toEqual({ call: [2, 150] });
      expect(credits('linear')).toEqual({
        ad: [0.25, 25],
        site: [0.75, 50],
        'call-hold': [0.25, 25],
        call: [0.75, 50],
      });
      const ad = res.body.models[0].credits.find((c: { key: string }) => c.key === tp.ad);
      expect(ad).toMatchObject({ name: 'The ad', touchpointKey: 'ad' });
    });

    it('credits channels; the hold music is in the phone channel of its composite', async () => {
      const res = await get(`attribution?${PERIOD}&models=linear&by=channel`);
      expect(res.status).toBe(200);
      const credits = res.body.models[0].credits.map(
        (c: { key: string; name: string; conversions: number }) => [c.key, c.name, c.conversions],
      );
      expect(credits).toEqual([
        ['phone', 'Phone / call centre', 1],
        ['website', 'Website', 0.75],
        ['banner_ad', 'Banner ad', 0.25],
        ['sms', 'SMS', 0],
      ]);
    });

    it('refuses an unknown model', async () => {
      const res = await get(`attribution?${PERIOD}&models=linear,magic`);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].field).toBe('querystring.models.1');
    });
  });

  it('measures sentiment per touchpoint, stage and channel, with CSAT and the emotion curve', async () => {
    const res = await get(`sentiment?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.overall.sentiment).toMatchObject({
      rated: 5,
      negative: 2,
      neutral: 1,
      positive: 2,
      mean: 0,
    });
    const call = res.body.touchpoints.find((t: { touchpointKey: string }) => t.touchpointKey === 'call');
    expect(call).toMatchObject({
      touchpointName: 'The call',
      stage: 'purchase',
      channel: 'phone',
      interactions: 2,
    });
    expect(call.feedback.csat).toEqual({ answers: 3, satisfied: 2, score: 2 / 3, mean: 11 / 3 });
    const hold = res.body.touchpoints.find((t: { touchpointKey: string }) => t.touchpointKey === 'call-hold');
    expect(hold).toMatchObject({ stage: 'purchase', channel: 'phone', interactions: 1 });
    expect(
      res.body.stages.map((s: { stage: string; name: string; sentiment: { mean: number } }) => [
        s.stage,
        s.name,
        s.sentiment.mean,
      ]),
    ).toEqual([
      ['information_search', 'Information search', -1],
      ['comparison', 'Comparison of options', -0.5],
      ['purchase', 'Purchase', 1],
      ['post_purchase', 'Post-purchase reaction', null],
    ]);
    expect(res.body.channels.find((c: { channel: string }) => c.channel === 'phone')).toMatchObject({
      name: 'Phone / call centre',
      interactions: 3,
    });
    expect(res.body.emotionCurves).toEqual([
      {
        journeyId,
        journeyName: 'Buying',
        stages: [
          {
            key: 'search',
            name: 'Search',
            designedEmotion: 1,
            measuredEmotion: -4 / 3,
            rated: 3,
            meanSentiment: -2 / 3,
          },
          { key: 'buy', name: 'Buy', designedEmotion: 2, measuredEmotion: 2, rated: 2, meanSentiment: 1 },
        ],
      },
    ]);

    const phone = await get(`sentiment?${PERIOD}&channel=phone`);
    expect(phone.body.overall).toMatchObject({ interactions: 3, sentiment: { rated: 2, positive: 2 } });
    // A stage keeps the touchpoints in it: here the call, as its channel did; both filters hold.
    const purchase = await get(`sentiment?${PERIOD}&stage=purchase`);
    expect(purchase.status).toBe(200);
    expect(purchase.body.overall).toEqual(phone.body.overall);
    const comparison = await get(`sentiment?${PERIOD}&stage=comparison`);
    const both = await get(`sentiment?${PERIOD}&stage=comparison,purchase`);
    expect(comparison.body.overall.interactions).toBeGreaterThan(0);
    expect(both.body.overall.interactions).toBe(
      comparison.body.overall.interactions + purchase.body.overall.interactions,
    );
    const none = await get(`sentiment?${PERIOD}&stage=purchase&channel=website`);
    expect(none.body.overall.interactions).toBe(0);
  });

  it('checks the standards against their touchpoint and its parts', async () => {
    const res = await get(`standards?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.standards).toEqual([
      {
        standardId,
        name: 'Answered within a minute',
        touchpointId: tp.call,
        touchpointKey: 'call',
        touchpointName: 'The call',
        metric: 'wait_ms',
        prop: null,
        comparator: 'lte',
        target: 60_000,
        requiredShare: 0.75,
        measured: 3,
        meeting: 2,
        shareMeeting: 2 / 3,
        value: null,
        passed: false,
        p50: 30_000,
        p90: 78_000,
        p99: 88_800,
        weeks: [
          {
            weekStart: Date.UTC(2024, 3, 29),
            week: '2024-W18',
            measured: 3,
            meeting: 2,
            shareMeeting: 2 / 3,
            value: null,
            passed: false,
          },
        ],
      },
    ]);
    const byTouchpoint = await get(`standards?${PERIOD}&touchpointId=${tp.site}`);
    expect(byTouchpoint.body.standards).toEqual([]);
    const one = await get(`standards?${PERIOD}&standardId=${standardId}`);
    expect(one.body.standards).toHaveLength(1);
  });

  it('finds the customers over the contact cap, by default the workspace setting', async () => {
    const current = await owner.get(base);
    const patched = await owner.patch(base, {
      version: current.body.version,
      settings: { contactFrequencyCap: 1 },
    });
    expect(patched.status).toBe(200);

    const res = await get(`contact-frequency?${PERIOD}&touchpointCap=sms:0`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cap: 1, windowMs: 30 * DAY, customers: 5, overCap: 1 });
    expect(res.body.histogram).toEqual([
      { maxTouches: 0, customers: 1 },
      { maxTouches: 1, customers: 3 },
      { maxTouches: 2, customers: 1 },
    ]);
    expect(res.body.groups).toEqual({
      overCap: {
        customers: 1,
        lostCustomers: 0,
        lostRate: 0,
        ratedInteractions: 2,
        negativeInteractions: 0,
        negativeRate: 0,
      },
      underCap: {
        customers: 4,
        lostCustomers: 1,
        lostRate: 0.25,
        ratedInteractions: 3,
        negativeInteractions: 2,
        negativeRate: 2 / 3,
      },
    });
    expect(res.body.touchpointCaps).toEqual([
      { touchpointId: tp.sms, touchpointKey: 'sms', touchpointName: 'The sms', cap: 0, customersOver: 1 },
    ]);

    const eight = await get(`contact-frequency?${PERIOD}&cap=8`);
    expect(eight.body).toMatchObject({ cap: 8, overCap: 0 });
  });

  describe('period and query parameters', () => {
    it('defaults to the 30 days up to now, or before `to`', async () => {
      const before = Date.now();
      const res = await get('touches');
      expect(res.status).toBe(200);
      const from = Date.parse(res.body.period.from);
      const to = Date.parse(res.body.period.to);
      expect(to - from).toBe(30 * DAY);
      expect(to).toBeGreaterThanOrEqual(before - 1);
      expect(res.body.conversions).toBe(0);

      const until = await get(`touches?to=${T + 5 * DAY}`);
      expect(until.body.period).toEqual({ from: '2024-04-06T00:00:00.000Z', to: '2024-05-06T00:00:00.000Z' });
      expect(until.body.conversions).toBe(2);
      const offset = await get('touches?from=2024-05-05T02:00:00%2B02:00&to=2024-05-05T03:00:00Z');
      expect(offset.body.period.from).toBe('2024-05-05T00:00:00.000Z');
      expect(offset.body.conversions).toBe(1);
    });

    it('refuses bad periods, unknown parameters and unknown channels naming the field', async () => {
      const bad = await get('touches?from=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.issues).toEqual([
        {
          field: 'querystring.from',
          message:
            'must be an ISO 8601 date (2024-05-01, midnight UTC), a date-time with offset (2024-05-01T09:30:00+02:00) or epoch milliseconds',
        },
      ]);
      const reversed = await get('touches?from=2024-06-01&to=2024-05-01');
      expect(reversed.status).toBe(400);
      expect(reversed.body.issues).toEqual([{ field: 'to', message: 'must be after from' }]);
      const unknown = await get(`touches?${PERIOD}&window=3&lookbackDays=7`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues).toEqual([{ field: 'querystring.window', message: 'unknown field' }]);
      const channel = await get(`sentiment?${PERIOD}&channel=pigeon`);
      expect(channel.status).toBe(400);
      expect(channel.body.issues).toEqual([
        { field: 'channel', message: 'the workspace has no channel "pigeon"' },
      ]);
      const stage = await get(`touches?${PERIOD}&stage=nowhere`);
      expect(stage.status).toBe(400);
      expect(stage.body.issues).toEqual([
        {
          field: 'stage',
          message:
            '"nowhere" is not a stage; stages are need_recognition, information_search, comparison, purchase, post_purchase',
        },
      ]);
      const segment = await get(`sentiment?${PERIOD}&segment=plan`);
      expect(segment.status).toBe(400);
      expect(segment.body.issues[0].field).toBe('querystring.segment');
    });
  });

  describe('access', () => {
    it('lets a viewer and a read token read, not an ingest token nor another workspace', async () => {
      const viewer = await h().signUp('viewer');
      const added = await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
      expect(added.status).toBe(201);
      expect((await get(`touches?${PERIOD}`, viewer)).body.conversions).toBe(2);

      const token = async (scopes: string[]) => {
        const res = await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes });
        return h().withToken(res.body.token as string);
      };
      expect((await get(`touches?${PERIOD}`, await token(['read']))).status).toBe(200);
      const ingest = await get(`touches?${PERIOD}`, await token(['ingest']));
      expect(ingest.status).toBe(403);

      const stranger = await h().signUp('stranger');
      const foreign = await get(`chains/${chainId}/conversion?${PERIOD}`, stranger);
      expect(foreign.status).toBe(404);
      expect((await owner.get(`${base}/analytics/touches`)).status).toBe(200);
      expect((await h().anonymous.get(`${base}/analytics/touches`)).status).toBe(401);
    });

    it('documents every route in the OpenAPI document', async () => {
      const doc = (await owner.get('/api/openapi.json')).body;
      const paths = Object.keys(doc.paths).filter((p) => p.includes('/analytics/'));
      expect(paths.sort()).toEqual(
        [
          'attribution',
          'chains/{chainId}/conversion',
          'contact-frequency',
          'paths',
          'sentiment',
          'standards',
          'touches',
        ].map((p) => `/api/workspaces/{workspaceId}/analytics/${p}`),
      );
    });
  });
});
