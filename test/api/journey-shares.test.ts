import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.js';
import { DEFAULT_LANES } from '../../src/domain/vocabulary.js';
import { channels, journeyShares } from '../../src/store/catalog/schema.js';
import { describeCatalog, type Harness } from '../catalog-harness.js';
import { seedTouchpoints } from '../fixtures/seed-touchpoints.js';

const RATE_LIMIT = 30;

interface Stage {
  id: string;
  key: string;
}

const stageId = (map: { stages: Stage[] }, key: string): string => {
  const stage = map.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage.id;
};

/** A workspace with a filled map, another map, an editor and a viewer. */
async function sharedWorkspace(h: Harness) {
  const owner = await h.signUp('owner');
  const { id: workspaceId, base } = await h.newWorkspace(owner, 'Hidden Holdings');
  await owner.patch(base, { version: 1, settings: { retentionDays: 400 } });
  const editor = await h.signUp('editor');
  const viewer = await h.signUp('viewer');
  await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
  await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
  const tp = await seedTouchpoints(h, workspaceId, ['website', 'checkout']);
  const map = (
    await owner.post(`${base}/journeys`, {
      name: 'Online order',
      description: 'From the first visit to the parcel',
      persona: 'Busy parent',
      lanes: [
        ...DEFAULT_LANES.map((l) => ({ key: l.key, kind: l.kind })),
        { key: 'channels', name: 'Channels', kind: 'channels' },
        { key: 'kpis', name: 'Figures', kind: 'kpis' },
      ],
    })
  ).body;
  const url = `${base}/journeys/${map.id}`;
  await owner.put(`${url}/stages`, {
    version: map.version,
    stages: map.stages.map((s: Stage & { name: string }, i: number) => ({
      id: s.id,
      key: s.key,
      name: s.key === 'purchase' ? 'Checkout, "paying"' : null,
      designedEmotion: i === 3 ? 2 : null,
    })),
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'information_search'),
    lane: 'touchpoints',
    touchpointId: tp.website,
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'purchase'),
    lane: 'touchpoints',
    touchpointId: tp.checkout,
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'purchase'),
    lane: 'thoughts',
    text: 'Is it safe?',
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'purchase'),
    lane: 'thoughts',
    text: '=cheaper elsewhere',
  });
  const [website] = await h.catalog.db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.key, 'website')));
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'comparison'),
    lane: 'channels',
    channelId: website?.id,
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'comparison'),
    lane: 'kpis',
    kpi: { source: 'manual', value: 4.5, label: 'Wait, min' },
  });
  await owner.post(`${url}/items`, {
    stageId: stageId(map, 'comparison'),
    lane: 'kpis',
    kpi: { source: 'csat', label: 'CSAT' },
  });
  const other = (await owner.post(`${base}/journeys`, { name: 'Returns and refunds' })).body;
  return { owner, editor, viewer, workspaceId, base, map, url, other, tp, channelId: website?.id ?? '' };
}

describeCatalog(
  'journey map links and exports',
  (h) => {
    it('makes, lists and revokes links; editors may, viewers may not; the secret is shown once', async () => {
      const w = await sharedWorkspace(h());
      const made = await w.editor.post(`${w.url}/shares`, { expiresInDays: 7 });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        journeyId: w.map.id,
        state: 'active',
        revokedAt: null,
        lastOpenedAt: null,
      });
      expect(made.body.token).toMatch(/^tpm_/);
      expect(made.body.path).toBe(`/m/${made.body.token}`);
      expect(made.body.url.endsWith(made.body.path)).toBe(true);
      expect((Date.parse(made.body.expiresAt) - Date.parse(made.body.createdAt)) / 86_400_000).toBe(7);
      const forever = await w.owner.post(`${w.url}/shares`, {});
      expect(forever.body.expiresAt).toBeNull();

      expect((await w.viewer.post(`${w.url}/shares`, {})).status).toBe(403);
      expect((await w.viewer.get(`${w.url}/shares`)).status).toBe(403);
      const bad = await w.owner.post(`${w.url}/shares`, { expiresInDays: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].field).toBe('expiresInDays');

      const listed = await w.owner.get(`${w.url}/shares`);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([made.body.id, forever.body.id]);
      expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
      const stored = await h().catalog.db.select().from(journeyShares);
      expect(stored.map((s) => s.tokenHash)).not.toContain(made.body.token);
      expect(stored[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

      expect((await h().anonymous.get(`/api/public/maps/${made.body.token}`)).status).toBe(200);
      const opened = await w.owner.get(`${w.url}/shares`);
      expect(opened.body.items[0].lastOpenedAt).not.toBeNull();

      const revoked = await w.editor.delete(`${w.url}/shares/${made.body.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.state).toBe('revoked');
      expect((await w.editor.delete(`${w.url}/shares/${made.body.id}`)).body.state).toBe('revoked');
      // Not through another map's path.
      expect(
        (await w.owner.delete(`${w.base}/journeys/${w.other.id}/shares/${forever.body.id}`)).status,
      ).toBe(404);
    });

    it('shows signed out only the map: names, keys, texts and the emotion curve, no ids and no workspace data', async () => {
      const w = await sharedWorkspace(h());
      const { token } = (await w.owner.post(`${w.url}/shares`, { expiresInDays: 30 })).body;
      const res = await h().anonymous.get(`/api/public/maps/${token}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-robots-tag']).toBe('noindex');
      expect(res.body).toMatchObject({
        name: 'Online order',
        description: 'From the first visit to the parcel',
        persona: 'Busy parent',
      });
      expect(Object.keys(res.body).sort()).toEqual(
        ['description', 'expiresAt', 'items', 'lanes', 'name', 'period', 'persona', 'stages'].sort(),
      );
      expect(res.body.stages.map((s: { key: string }) => s.key)).toEqual([
        'need_recognition',
        'information_search',
        'comparison',
        'purchase',
        'post_purchase',
      ]);
      expect(res.body.stages[3]).toEqual({
        key: 'purchase',
        name: 'Checkout, "paying"',
        customName: 'Checkout, "paying"',
        designedEmotion: 2,
        measuredEmotion: null,
        rated: 0,
      });
      expect(res.body.stages[0]).toMatchObject({ name: 'Need recognition', customName: null });
      const none = {
        text: null,
        touchpointKey: null,
        touchpointName: null,
        channelKey: null,
        channelName: null,
        kpiLabel: null,
        kpiValue: null,
      };
      expect(res.body.items).toEqual([
        {
          ...none,
          stage: 'information_search',
          lane: 'touchpoints',
          position: 0,
          kind: 'touchpoint',
          touchpointKey: 'website',
          touchpointName: 'The website',
        },
        // A built-in channel has no name of its own: the reader's language names it.
        {
          ...none,
          stage: 'comparison',
          lane: 'channels',
          position: 0,
          kind: 'channel',
          channelKey: 'website',
        },
        {
          ...none,
          stage: 'comparison',
          lane: 'kpis',
          position: 0,
          kind: 'kpi',
          kpiLabel: 'Wait, min',
          kpiValue: 4.5,
        },
        { ...none, stage: 'comparison', lane: 'kpis', position: 1, kind: 'kpi', kpiLabel: 'CSAT' },
        { ...none, stage: 'purchase', lane: 'thoughts', position: 0, kind: 'note', text: 'Is it safe?' },
        {
          ...none,
          stage: 'purchase',
          lane: 'thoughts',
          position: 1,
          kind: 'note',
          text: '=cheaper elsewhere',
        },
        {
          ...none,
          stage: 'purchase',
          lane: 'touchpoints',
          position: 0,
          kind: 'touchpoint',
          touchpointKey: 'checkout',
          touchpointName: 'The checkout',
        },
      ]);
      // Nothing beyond the map: no ids, no other map, no members, no workspace name or settings.
      const text = JSON.stringify(res.body);
      const ids = [
        w.workspaceId,
        w.map.id,
        w.other.id,
        ...Object.values(w.tp),
        w.channelId,
        ...w.map.stages.map((s: Stage) => s.id),
      ];
      for (const id of ids) expect(text).not.toContain(id);
      for (const absent of [
        'Returns and refunds',
        'Hidden Holdings',
        w.owner.email,
        w.editor.email,
        w.viewer.email,
        'retentionDays',
        'workspace',
        'version',
        'Id"',
      ])
        expect(text).not.toContain(absent);
    });

    it('answers the same 404 for unknown, expired and revoked links and for another workspace', async () => {
      const w = await sharedWorkspace(h());
      const expired = (await w.owner.post(`${w.url}/shares`, { expiresInDays: 1 })).body;
      await h()
        .catalog.db.update(journeyShares)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(journeyShares.id, expired.id));
      const revoked = (await w.owner.post(`${w.url}/shares`, {})).body;
      await w.owner.delete(`${w.url}/shares/${revoked.id}`);
      const answers = await Promise.all(
        [expired.token, revoked.token, 'tpm_unknownunknownunknownunknown'].map((t) =>
          h().anonymous.get(`/api/public/maps/${t}`),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(answers[0]?.headers['cache-control']).toBe('no-store');
      expect((await h().anonymous.get('/api/public/maps/short')).status).toBe(400);
      const listed = await w.owner.get(`${w.url}/shares`);
      expect(listed.body.items.map((s: { state: string }) => s.state)).toEqual(['expired', 'revoked']);

      // Another workspace's map: neither its links nor its CSV.
      const stranger = await h().signUp('stranger');
      const { base: strangerBase } = await h().newWorkspace(stranger, 'Elsewhere');
      expect((await stranger.post(`${strangerBase}/journeys/${w.map.id}/shares`, {})).status).toBe(404);
      expect((await stranger.get(`${strangerBase}/journeys/${w.map.id}/shares`)).status).toBe(404);
      expect((await stranger.get(`${strangerBase}/journeys/${w.map.id}/export.csv`)).status).toBe(404);
      expect((await stranger.get(`${w.base}/journeys/${w.map.id}/export.csv`)).status).toBe(404);
      expect(
        (await stranger.delete(`${strangerBase}/journeys/${w.map.id}/shares/${expired.id}`)).status,
      ).toBe(404);
    });

    it('exports the cells as CSV (UTF-8 with BOM), stage by stage, lane by lane; viewers may', async () => {
      const w = await sharedWorkspace(h());
      const res = await w.viewer.get(`${w.url}/export.csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="online-order.csv"');
      const text = res.body as string;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([
        'stage_position',
        'stage_key',
        'stage',
        'lane_key',
        'lane',
        'lane_kind',
        'position',
        'kind',
        'text',
        'touchpoint_key',
        'touchpoint_name',
        'channel_key',
        'channel_name',
        'kpi_source',
        'kpi_label',
        'kpi_value',
      ]);
      const touchpoints = 'touchpoints,Touchpoints,touchpoints';
      const purchase = '4,purchase,"Checkout, ""paying"""';
      expect(text.slice(1).split('\r\n').slice(1)).toEqual([
        `2,information_search,Information search,${touchpoints},1,touchpoint,,website,The website,,,,,`,
        '3,comparison,Comparison of options,channels,Channels,channels,1,channel,,,,website,Website,,,',
        '3,comparison,Comparison of options,kpis,Figures,kpis,1,kpi,,,,,,manual,"Wait, min",4.5',
        '3,comparison,Comparison of options,kpis,Figures,kpis,2,kpi,,,,,,csat,CSAT,',
        `${purchase},${touchpoints},1,touchpoint,,checkout,The checkout,,,,,`,
        `${purchase},thoughts,Thoughts,thoughts,1,note,Is it safe?,,,,,,,`,
        // A text a spreadsheet would run as a formula is kept as text.
        `${purchase},thoughts,Thoughts,thoughts,2,note,'=cheaper elsewhere,,,,,,,`,
        '',
      ]);
      const empty = await w.owner.get(`${w.base}/journeys/${w.other.id}/export.csv`);
      expect(parseCsv(empty.body as string)).toHaveLength(1);
    });

    it('limits the public route per address, unknown links included', async () => {
      const w = await sharedWorkspace(h());
      const { token } = (await w.owner.post(`${w.url}/shares`, {})).body;
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 1; i++)
        statuses.push((await h().anonymous.get(`/api/public/maps/${token}`)).status);
      const firstLimited = statuses.indexOf(429);
      expect(firstLimited).toBeGreaterThan(0);
      expect(statuses.slice(0, firstLimited).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(firstLimited).every((s) => s === 429)).toBe(true);
      const limited = await h().anonymous.get('/api/public/maps/tpm_guessguessguessguessguess');
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      // The members' own API budget is another one.
      expect((await w.owner.get(`${w.url}/shares`)).status).toBe(200);
    });
  },
  { config: () => ({ shareRateLimit: RATE_LIMIT }) },
);
