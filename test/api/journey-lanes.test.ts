/**
 * Lane kinds of journey maps: what each lane takes (and refuses, naming the field), image uploads
 * (type and size checked, served to members, deleted with their item, lane or map — the file too),
 * links to tasks, and the live KPI figures checked against the analytics endpoints' own answers.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackAnswer, Interaction } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';
import { JPEG_4X4, PNG_4X4 } from '../fixtures/audit-fixture.js';

const photoDir = mkdtempSync(join(tmpdir(), 'tp-lanes-'));
afterAll(() => rmSync(photoDir, { recursive: true, force: true }));
const MAX = 4096;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T = Date.UTC(2024, 4, 1);
const PERIOD = 'from=2024-05-01&to=2024-06-01';

const LANES = [
  { key: 'touchpoints', kind: 'touchpoints' },
  { key: 'pictures', name: 'Pictures', kind: 'images' },
  { key: 'via', name: 'Via', kind: 'channels' },
  { key: 'figures', name: 'Figures', kind: 'kpis' },
  { key: 'pain_points', kind: 'pain_points' },
  { key: 'opportunities', kind: 'opportunities' },
  { key: 'frontstage', kind: 'frontstage' },
  { key: 'backstage', kind: 'backstage' },
  { key: 'support', name: 'Support', kind: 'support' },
];

function ok(res: Reply, status = 201): Reply {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

function fields(res: Reply): string[] {
  return (res.body.issues as { field: string }[]).map((i) => i.field).sort();
}

describeCatalog(
  'journey lanes',
  (h) => {
    let owner: Client;
    let ws: string;
    let base: string;
    const tp: Record<string, string> = {};
    let chainId: string;
    let journeyId: string;
    let search: string;
    let buy: string;
    let channels: { id: string; key: string }[];

    const upload = (url: string, bytes: Buffer, type: string) =>
      owner.request('POST', url, bytes, { 'content-type': type });
    const items = () => `${base}/journeys/${journeyId}/items`;
    const images = () => `${base}/journeys/${journeyId}/images`;

    beforeAll(async () => {
      owner = await h().signUp('owner');
      ({ id: ws, base } = await h().newWorkspace(owner, 'Lanes'));
      channels = (await owner.get(`${base}/channels?limit=100`)).body.items;
      const channel = (key: string) => channels.find((c) => c.key === key)?.id;
      for (const [key, fields] of [
        ['ad', { channelId: channel('banner_ad'), direction: 'out' }],
        ['site', { channelId: channel('website'), direction: 'in' }],
        ['call', { channelId: channel('phone'), direction: 'in' }],
      ] as const)
        tp[key] = ok(await owner.post(`${base}/touchpoints`, { key, name: `The ${key}`, ...fields })).body.id;

      const journey = ok(
        await owner.post(`${base}/journeys`, {
          name: 'Buying',
          lanes: LANES,
          stages: [
            { key: 'search', name: 'Search' },
            { key: 'buy', name: 'Buy' },
          ],
        }),
      );
      journeyId = journey.body.id;
      [search, buy] = journey.body.stages.map((s: { id: string }) => s.id);
      for (const [stageId, key] of [
        [search, 'ad'],
        [search, 'site'],
        [buy, 'call'],
      ] as const)
        ok(await owner.post(items(), { stageId, lane: 'touchpoints', touchpointId: tp[key] }));
      chainId = ok(
        await owner.post(`${base}/chains`, {
          name: 'Lead to sale',
          windowDays: 7,
          journeyId,
          links: [
            { touchpointId: tp.ad, role: 'initial' },
            { touchpointId: tp.site, role: 'middle' },
            { touchpointId: tp.call, role: 'final' },
          ],
        }),
      ).body.id;
      for (const standard of [
        {
          name: 'Answered within a minute',
          metric: 'wait_ms',
          comparator: 'lte',
          target: 60_000,
          requiredShare: 0.75,
        },
        { name: 'Happy callers', metric: 'csat', comparator: 'gte', target: 4.5 },
      ])
        ok(await owner.post(`${base}/standards`, { touchpointId: tp.call, ...standard }));

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
        direction: key === 'ad' ? 'out' : 'in',
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
        ix('c1', 'ad', T + DAY),
        ix('c1', 'site', T + 2 * DAY, { sentiment: 0 }),
        ix('c1', 'call', T + 3 * DAY + HOUR, { outcome: 'converted', sentiment: 1, waitMs: 90_000 }),
        ix('c2', 'ad', T + DAY),
        ix('c2', 'site', T + 3 * DAY, { sentiment: -1 }),
        ix('c3', 'ad', T + 2 * DAY),
        ix('c4', 'ad', T + 5 * DAY),
        ix('c4', 'site', T + 6 * DAY),
        ix('c4', 'call', T + 6 * DAY + HOUR, { waitMs: 20_000 }),
        ix('c5', 'site', T + 4 * DAY),
      ]);
      const answer = (id: string, score: number): FeedbackAnswer => ({
        workspaceId: ws,
        id,
        touchpointId: tp.call as string,
        customer: null,
        at: T + 7 * DAY,
        kind: 'csat',
        score,
        comment: null,
      });
      await h().events.insertFeedback([answer('f1', 5), answer('f2', 4), answer('f3', 2)]);
    });

    it('each lane kind takes its own item and refuses another with the field named', async () => {
      const website = channels.find((c) => c.key === 'website')?.id;
      const task = ok(
        await owner.post(`${base}/tasks`, {
          title: 'Shorter wait',
          lever: 'business_processes',
          targets: { journeyId },
        }),
      ).body;
      const accepted = [
        { lane: 'via', channelId: website },
        { lane: 'figures', kpi: { source: 'manual', value: 4.2, label: 'Rating' } },
        { lane: 'figures', kpi: { source: 'chain_conversion', chainId } },
        { lane: 'figures', kpi: { source: 'csat' } },
        { lane: 'pain_points', text: 'Long wait', taskId: task.id },
        { lane: 'opportunities', text: 'Call back' },
        { lane: 'frontstage', text: 'Agent answers' },
        { lane: 'backstage', text: 'CRM lookup' },
        { lane: 'support', text: 'Telephony' },
      ];
      for (const body of accepted) ok(await owner.post(items(), { stageId: buy, ...body }));
      const map = ok(await owner.get(`${base}/journeys/${journeyId}`), 200).body;
      const pain = map.items.find((i: { lane: string }) => i.lane === 'pain_points');
      expect(pain).toMatchObject({
        text: 'Long wait',
        taskId: task.id,
        taskTitle: 'Shorter wait',
        taskStatus: 'planned',
      });
      const via = map.items.find((i: { lane: string }) => i.lane === 'via');
      expect(via).toMatchObject({ channelId: website, channelKey: 'website', channelName: 'Website' });
      const manual = map.items.find((i: { kpi: { source: string } | null }) => i.kpi?.source === 'manual');
      expect(manual.kpi).toEqual({ source: 'manual', value: 4.2, label: 'Rating' });

      const refused: [Record<string, unknown>, string[]][] = [
        [{ lane: 'touchpoints', text: 'x' }, ['text', 'touchpointId']],
        [{ lane: 'pictures', text: 'x' }, ['imageId', 'text']],
        [{ lane: 'via', touchpointId: tp.ad }, ['channelId', 'touchpointId']],
        [{ lane: 'via', channelId: website, stageId: buy }, ['channelId']], // already in the cell
        [{ lane: 'figures', text: '42' }, ['kpi', 'text']],
        [{ lane: 'figures', kpi: { source: 'manual' } }, ['kpi.value']],
        [{ lane: 'figures', kpi: { source: 'csat', value: 3 } }, ['kpi.value']],
        [{ lane: 'figures', kpi: { source: 'csat', chainId } }, ['kpi.chainId']],
        [
          { lane: 'figures', kpi: { source: 'chain_conversion', chainId: crypto.randomUUID() } },
          ['kpi.chainId'],
        ],
        [{ lane: 'figures', kpi: { source: 'guess' } }, ['kpi.source']],
        [{ lane: 'frontstage', text: 'x', taskId: task.id }, ['taskId']],
        [{ lane: 'pain_points', text: 'x', taskId: crypto.randomUUID() }, ['taskId']],
        [{ lane: 'support', channelId: website }, ['channelId', 'text']],
        [{ lane: 'pictures', imageId: crypto.randomUUID() }, ['imageId']],
      ];
      for (const [body, named] of refused) {
        const res = await owner.post(items(), { stageId: search, ...body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(fields(res), JSON.stringify(body)).toEqual(named);
      }

      // Changes keep the item's shape: a note does not move into the KPI lane, a figure stays valid.
      const moved = await owner.patch(`${items()}/${pain.id}`, { lane: 'figures' });
      expect(moved.status).toBe(400);
      expect(fields(moved)).toContain('lane');
      const toFront = await owner.patch(`${items()}/${pain.id}`, { lane: 'frontstage' });
      expect(fields(toFront)).toEqual(['taskId']);
      const unlinked = ok(await owner.patch(`${items()}/${pain.id}`, { taskId: null }), 200);
      expect(unlinked.body).toMatchObject({ taskId: null, taskStatus: null });
      const badKpi = await owner.patch(`${items()}/${manual.id}`, { kpi: { source: 'manual', value: null } });
      expect(fields(badKpi)).toEqual(['kpi.value']);
      const retyped = ok(
        await owner.patch(`${items()}/${manual.id}`, { kpi: { source: 'manual', value: 3.9 } }),
        200,
      );
      expect(retyped.body.kpi).toEqual({ source: 'manual', value: 3.9 });
      // A lane turned into another kind while it holds items the new kind does not take.
      const lanes = map.lanes.map((l: { key: string; customName: string | null; kind: string }) => ({
        key: l.key,
        name: l.customName,
        kind: l.key === 'via' ? 'support' : l.kind,
      }));
      const { version } = ok(await owner.get(`${base}/journeys/${journeyId}`), 200).body;
      const turned = await owner.patch(`${base}/journeys/${journeyId}`, { version, lanes });
      expect(turned.status).toBe(400);
      expect(fields(turned)).toEqual(['lanes.2.kind']);
    });

    it('uploads images (type and size checked), serves them to members and deletes them with their item', async () => {
      const notImage = await upload(images(), Buffer.from('hello'), 'text/plain');
      expect(notImage.status).toBe(415);
      const lying = await upload(images(), JPEG_4X4, 'image/png');
      expect(lying.status).toBe(415);
      expect(String(lying.body.message)).toContain('image/jpeg');
      const big = Buffer.concat([PNG_4X4.subarray(0, 33), Buffer.alloc(MAX), PNG_4X4.subarray(33)]);
      expect((await upload(images(), big, 'image/png')).status).toBe(413);
      const stranger = await h().signUp('stranger');
      expect(
        (await stranger.request('POST', images(), PNG_4X4, { 'content-type': 'image/png' })).status,
      ).toBe(404);

      const image = ok(await upload(images(), PNG_4X4, 'image/png')).body;
      expect(image).toMatchObject({ contentType: 'image/png', bytes: PNG_4X4.length });
      expect(image.url).toBe(`${images()}/${image.id}`);
      const file = join(photoDir, ws, image.id);
      expect(readFileSync(file).equals(PNG_4X4)).toBe(true);
      const token = ok(await owner.post(`${base}/tokens`, { name: 'reader', scopes: ['read'] })).body.token;
      const raw = await h().app.inject({
        method: 'GET',
        url: image.url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toBe('image/png');
      expect(String(raw.headers['cache-control'])).toMatch(/^private.*immutable/);
      expect(raw.rawPayload.equals(PNG_4X4)).toBe(true);
      expect((await stranger.get(image.url)).status).toBe(404);
      expect((await h().anonymous.get(image.url)).status).toBe(401);

      const item = ok(
        await owner.post(items(), { stageId: search, lane: 'pictures', imageId: image.id }),
      ).body;
      expect(item).toMatchObject({ imageId: image.id, imageUrl: image.url, text: null });
      ok(await owner.delete(`${items()}/${item.id}`), 204);
      expect((await owner.get(image.url)).status).toBe(404);
      expect(existsSync(file)).toBe(false);

      // Replaced by another image: the old one goes. Removed with its lane: the new one goes.
      const first = ok(await upload(images(), PNG_4X4, 'image/png')).body;
      const second = ok(await upload(images(), JPEG_4X4, 'image/jpeg')).body;
      const shown = ok(await owner.post(items(), { stageId: buy, lane: 'pictures', imageId: first.id })).body;
      ok(await owner.patch(`${items()}/${shown.id}`, { imageId: second.id }), 200);
      expect(existsSync(join(photoDir, ws, first.id))).toBe(false);
      expect((await owner.get(second.url)).status).toBe(200);
      const map = ok(await owner.get(`${base}/journeys/${journeyId}`), 200).body;
      const lanes = map.lanes
        .filter((l: { key: string }) => l.key !== 'pictures')
        .map((l: { key: string; customName: string | null; kind: string }) => ({
          key: l.key,
          name: l.customName,
          kind: l.kind,
        }));
      ok(await owner.patch(`${base}/journeys/${journeyId}`, { version: map.version, lanes }), 200);
      expect(existsSync(join(photoDir, ws, second.id))).toBe(false);
      ok(await owner.patch(`${base}/journeys/${journeyId}`, { version: map.version + 1, lanes: LANES }), 200);
    });

    it('deletes a map with its images, the files too', async () => {
      const other = ok(await owner.post(`${base}/journeys`, { name: 'Gallery', lanes: [LANES[1]] })).body;
      const image = ok(await upload(`${base}/journeys/${other.id}/images`, PNG_4X4, 'image/png')).body;
      ok(
        await owner.post(`${base}/journeys/${other.id}/items`, {
          stageId: other.stages[0].id,
          lane: 'pictures',
          imageId: image.id,
        }),
      );
      expect(existsSync(join(photoDir, ws, image.id))).toBe(true);
      ok(await owner.delete(`${base}/journeys/${other.id}`), 204);
      expect(existsSync(join(photoDir, ws, image.id))).toBe(false);
    });

    describe('live KPI figures', () => {
      it('match the analytics endpoints: chain conversion, CSAT and standards compliance per stage', async () => {
        const res = ok(await owner.get(`${base}/journeys/${journeyId}/kpis?${PERIOD}`), 200);
        expect(res.body.period).toEqual({ from: '2024-05-01T00:00:00.000Z', to: '2024-06-01T00:00:00.000Z' });
        const [atSearch, atBuy] = res.body.stages;
        expect(atSearch.stageId).toBe(search);

        const conversion = ok(
          await owner.get(`${base}/analytics/chains/${chainId}/conversion?${PERIOD}`),
          200,
        ).body;
        const reached = conversion.links.map((l: { reached: number }) => l.reached);
        expect(reached).toEqual([4, 3, 2]);
        // Search holds links 1 and 2: of those at the ad, who reached the site; buy holds link 3.
        expect(atSearch.chains).toEqual([
          {
            chainId,
            chainName: 'Lead to sale',
            links: [1, 2],
            entrants: 4,
            reached: 3,
            value: conversion.links[1].conversionFromFirst,
          },
        ]);
        expect(atBuy.chains[0]).toMatchObject({ links: [3], entrants: 3, reached: 2 });
        expect(atBuy.chains[0].value).toBeCloseTo(conversion.links[2].conversionFromPrevious, 12);

        const sentiment = ok(await owner.get(`${base}/analytics/sentiment?${PERIOD}`), 200).body;
        const call = sentiment.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === tp.call);
        expect(atBuy.csat).toMatchObject({
          answers: call.feedback.csat.answers,
          satisfied: call.feedback.csat.satisfied,
          value: call.feedback.csat.score,
        });
        expect(atBuy.csat.answers).toBe(3);
        expect(atSearch.csat).toMatchObject({ answers: 0, value: null, standard: null });

        const standards = ok(await owner.get(`${base}/analytics/standards?${PERIOD}`), 200).body.standards;
        const passed = standards.filter((s: { passed: boolean | null }) => s.passed === true).length;
        const measured = standards.filter((s: { passed: boolean | null }) => s.passed !== null).length;
        expect(atBuy.compliance).toEqual({ standards: 2, measured, passed, value: passed / measured });
        const csatStandard = standards.find((s: { metric: string }) => s.metric === 'csat');
        expect(atBuy.csat.standard).toMatchObject({
          name: 'Happy callers',
          target: 4.5,
          value: csatStandard.value,
          passed: csatStandard.passed,
        });
        expect(atSearch.compliance).toEqual({ standards: 0, measured: 0, passed: 0, value: null });

        // One figure per live KPI item of the map, the typed-in one not among them.
        const byItem = res.body.items;
        expect(byItem.map((i: { source: string }) => i.source).sort()).toEqual(['chain_conversion', 'csat']);
        const csatItem = byItem.find((i: { source: string }) => i.source === 'csat');
        expect(csatItem).toMatchObject({
          stageId: buy,
          value: call.feedback.csat.score,
          met: csatStandard.passed,
        });
        const chainItem = byItem.find((i: { source: string }) => i.source === 'chain_conversion');
        expect(chainItem).toMatchObject({ stageId: buy, chainId, value: atBuy.chains[0].value, met: null });

        expect(
          (await owner.get(`${base}/journeys/${journeyId}/kpis?from=2024-06-01&to=2024-05-01`)).status,
        ).toBe(400);
        expect((await owner.get(`${base}/journeys/${crypto.randomUUID()}/kpis`)).status).toBe(404);
      });
    });
  },
  { config: () => ({ photoDir, photoMaxBytes: MAX }) },
);
