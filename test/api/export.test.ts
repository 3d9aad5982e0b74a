import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { demoWorkspaceDocument } from '../../src/demo/demo-workspace.js';
import { workspaces } from '../../src/store/catalog/schema.js';
import { describeCatalog, type Harness } from '../catalog-harness.js';
import { healthDocument, ID, setAt, u, withOrdinalIds } from '../workspace-document-fixture.js';

async function workspaceCount(h: Harness): Promise<number> {
  const [row] = await h.catalog.db.select({ n: count() }).from(workspaces);
  return row?.n ?? 0;
}

/** The document without what legitimately changes between exports. */
function comparable(doc: Record<string, unknown>) {
  const { exportedAt: _at, workspace, ...rest } = doc as { exportedAt: string; workspace: object };
  return withOrdinalIds({ ...rest, workspace: { ...workspace, name: '(renamed)' } });
}

describeCatalog('workspace export and import', (h) => {
  it('round-trips a rich workspace losslessly: import → export → import → export', async () => {
    const owner = await h().signUp('owner');
    const source = demoWorkspaceDocument(owner.email);
    const a = await owner.post('/api/workspaces/import', source);
    expect(a.status).toBe(201);
    expect(a.body.workspace).toMatchObject({ name: 'Demo: Brightside Group', role: 'owner', version: 1 });
    expect(a.body.counts).toMatchObject({
      brands: source.brands.length,
      touchpoints: source.touchpoints.length,
      standards: source.standards.length,
      journeys: 3,
      chains: source.chains.length,
    });
    expect(a.body.ownersCleared).toBe(0);
    const doc1 = (await owner.get(`/api/workspaces/${a.body.workspace.id}/export`)).body;
    expect(doc1).toMatchObject({ format: 'touchpoints.workspace', formatVersion: 1 });
    expect(Date.parse(doc1.exportedAt)).not.toBeNaN();

    const b = await owner.post('/api/workspaces/import?name=Copy%20of%20demo', doc1);
    expect(b.status).toBe(201);
    expect(b.body.workspace.name).toBe('Copy of demo');
    expect(b.body.counts).toEqual(a.body.counts);
    const doc2 = (await owner.get(`/api/workspaces/${b.body.workspace.id}/export`)).body;
    expect(doc2.workspace.name).toBe('Copy of demo');
    expect(comparable(doc2)).toEqual(comparable(doc1));

    // Every object got a fresh id.
    const ids1 = new Set(JSON.stringify(doc1).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g));
    const ids2 = JSON.stringify(doc2).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? [];
    expect(ids2.length).toBeGreaterThan(100);
    expect(ids2.filter((id) => ids1.has(id))).toEqual([]);

    // The content is the source's: spot-check what the ids cannot show.
    const callCentre = doc1.touchpoints.find((t: { key: string }) => t.key === 'retail-call-centre');
    const parts = doc1.touchpoints.filter((t: { parentId: string }) => t.parentId === callCentre.id);
    expect(parts.map((t: { name: string }) => t.name).sort()).toEqual([
      'Farewell',
      'Greeting',
      'Hold music',
      'Operator answer',
    ]);
    expect(callCentre).toMatchObject({ ownerEmail: owner.email, status: 'active', priority: 5 });
    expect(
      doc1.standards.find((s: { touchpointId: string }) => s.touchpointId === callCentre.id),
    ).toMatchObject({
      metric: 'response_ms',
      comparator: 'lte',
      target: 20000,
      requiredShare: 0.9,
    });
    expect(doc1.workspace.settings).toEqual({ contactFrequencyCap: 8 });
  });

  it('carries a workspace built through the catalog API over unchanged', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner, 'Bakery');
    const post = async (path: string, body: unknown) => {
      const res = await owner.post(`${base}${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const rival = await post('/brands', { name: 'Rival bakery', website: 'https://rival.example' });
    const shop = await post('/subjects', { kind: 'location', name: 'Bakery shop' });
    const kiosk = await post('/channels', { key: 'kiosk', name: 'Kiosk', online: false });
    const counter = await post('/touchpoints', {
      key: 'counter',
      name: 'Counter',
      subjectId: shop.id,
      channelId: kiosk.id,
      ownerUserId: owner.userId,
      tags: ['contact-zone'],
      stage: 'purchase',
    });
    const smile = await post('/touchpoints', { key: 'smile', name: 'Smile', parentId: counter.id });
    const rivalShop = await post('/touchpoints', {
      key: 'rival-shop',
      name: 'Rival shop',
      brandId: rival.id,
    });
    await post('/standards', {
      touchpointId: counter.id,
      name: 'Queue under 3 min',
      metric: 'wait_ms',
      target: 180000,
    });
    const journey = await post('/journeys', { name: 'Morning customer', persona: 'Commuter' });
    const [first, second] = journey.stages;
    await post(`/journeys/${journey.id}/items`, {
      stageId: first.id,
      lane: 'touchpoints',
      touchpointId: counter.id,
    });
    await post(`/journeys/${journey.id}/items`, {
      stageId: first.id,
      lane: 'touchpoints',
      touchpointId: smile.id,
    });
    await post(`/journeys/${journey.id}/items`, {
      stageId: first.id,
      lane: 'touchpoints',
      touchpointId: rivalShop.id,
      position: 0,
    });
    await post(`/journeys/${journey.id}/items`, { stageId: second.id, lane: 'thoughts', text: 'Fresh?' });
    const next = await post('/chains', {
      name: 'Loyalty',
      links: [{ touchpointId: smile.id, role: 'initial' }],
    });
    await post('/chains', {
      name: 'Buy bread',
      journeyId: journey.id,
      nextChainId: next.id,
      windowDays: 1,
      links: [
        { touchpointId: counter.id, role: 'initial' },
        { touchpointId: smile.id, role: 'final' },
      ],
    });

    const doc0 = (await owner.get(`${base}/export`)).body;
    const copy = await owner.post('/api/workspaces/import', doc0);
    expect(copy.status).toBe(201);
    const doc1 = (await owner.get(`/api/workspaces/${copy.body.workspace.id}/export`)).body;
    expect(comparable(doc1)).toEqual(comparable(doc0));
    expect(doc0.journeys[0].items.slice(0, 3).map((i: { touchpointId: string }) => i.touchpointId)).toEqual([
      rivalShop.id,
      counter.id,
      smile.id,
    ]);
    const [map0, map1] = await Promise.all([
      owner.get(`${base}/journeys/${journey.id}`),
      owner.get(`/api/workspaces/${copy.body.workspace.id}/journeys/${doc1.journeys[0].id}`),
    ]);
    const cells = (m: {
      items: { lane: string; position: number; touchpointKey: string | null; text: string | null }[];
    }) => m.items.map((i) => [i.lane, i.position, i.touchpointKey ?? i.text]);
    expect(cells(map1.body)).toEqual(cells(map0.body));
  });

  it('keeps every field of a hand-built document, remaps owners and records the import', async () => {
    const owner = await h().signUp('owner');
    const source = healthDocument(owner.email);
    setAt(source, ['touchpoints', 0, 'ownerEmail'], 'someone.else@example.com');
    const created = await owner.post('/api/workspaces/import', source);
    expect(created.status).toBe(201);
    expect(created.body.ownersCleared).toBe(1);
    expect(created.body.counts).toEqual({
      brands: 2,
      subjects: 3,
      channels: 2,
      touchpoints: 8,
      standards: 3,
      journeys: 1,
      stages: 3,
      items: 6,
      chains: 4,
      links: 6,
    });
    const base = `/api/workspaces/${created.body.workspace.id}`;
    const doc = (await owner.get(`${base}/export`)).body;
    // Same content as the source once ids are ordinals and lists are in export order.
    const form = doc.touchpoints.find((t: { key: string }) => t.key === 'website-form');
    const sourceForm = source.touchpoints.find((t) => t.key === 'website-form');
    expect({ ...form, id: 0, parentId: 0, brandId: 0, subjectId: 0, channelId: 0 }).toEqual({
      ...sourceForm,
      id: 0,
      parentId: 0,
      brandId: 0,
      subjectId: 0,
      channelId: 0,
    });
    expect(doc.touchpoints.find((t: { key: string }) => t.key === 'call-centre').ownerEmail).toBeNull();
    expect(doc.brands.map((b: { name: string; isOwn: boolean }) => [b.name, b.isOwn])).toEqual([
      ['Corner shop', true],
      ['Rival', false],
    ]);
    const journey = doc.journeys[0];
    expect(
      journey.stages.map((s: { key: string; designedEmotion: number | null }) => [s.key, s.designedEmotion]),
    ).toEqual([
      ['need', -1],
      ['purchase', 2],
      ['post', null],
    ]);
    // Items of one cell keep their order.
    expect(
      journey.items
        .filter(
          (i: { lane: string; stageId: string }) =>
            i.lane === 'feelings' && i.stageId === journey.stages[0].id,
        )
        .map((i: { text: string }) => i.text),
    ).toEqual(['Curious', 'Hurried']);
    const chains = Object.fromEntries(doc.chains.map((c: { name: string }) => [c.name, c]));
    expect(chains['Phone sale'].nextChainId).toBe(chains['Review request'].id);
    expect(chains['Phone sale'].journeyId).toBe(journey.id);
    expect(chains['Open-ended'].links.map((l: { role: string }) => l.role)).toEqual(['initial', 'middle']);
    expect(chains['Draft chain'].links).toEqual([]);

    const log = await owner.get(`${base}/audit-log?entityType=workspace`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      action: 'import',
      actorUserId: owner.userId,
      after: { name: 'Corner shop', ownersCleared: 1, counts: { touchpoints: 8, chains: 4 } },
    });
    const members = await owner.get(`${base}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ userId: owner.userId, role: 'owner' })]);
  });

  it('imports a large tree listed children first', async () => {
    const owner = await h().signUp('owner');
    const doc = healthDocument(owner.email);
    const tp = doc.touchpoints[0];
    if (!tp) throw new Error('fixture has touchpoints');
    const root = u(100_000);
    const children = Array.from({ length: 400 }, (_, i) => u(200_000 + i));
    const grandchildren = children.map((parent, i) => ({ id: u(300_000 + i), parent }));
    doc.touchpoints.push(
      ...grandchildren.map((g, i) => ({ ...tp, id: g.id, key: `grandchild-${i}`, parentId: g.parent })),
      ...children.map((id, i) => ({ ...tp, id, key: `child-${i}`, parentId: root })),
      { ...tp, id: root, key: 'root', parentId: null },
    );
    const res = await owner.post('/api/workspaces/import', doc);
    expect(res.status).toBe(201);
    expect(res.body.counts.touchpoints).toBe(8 + 801);
    const exported = (await owner.get(`/api/workspaces/${res.body.workspace.id}/export`)).body;
    const byKey = new Map(exported.touchpoints.map((t: { key: string }) => [t.key, t]));
    const at = (key: string) => byKey.get(key) as { id: string; parentId: string | null };
    expect(at('grandchild-399').parentId).toBe(at('child-399').id);
    expect(at('child-0').parentId).toBe(at('root').id);
  });

  it('rejects a bad document with the path at fault and leaves no workspace behind', async () => {
    const owner = await h().signUp('owner');
    const before = await workspaceCount(h());
    const cases: {
      name: string;
      path: (string | number)[];
      value: unknown;
      field: string;
      message: RegExp;
    }[] = [
      {
        name: 'dangling brand',
        path: ['touchpoints', 2, 'brandId'],
        value: u(999),
        field: 'touchpoints.2.brandId',
        message: /no brand/,
      },
      {
        name: 'dangling channel',
        path: ['touchpoints', 1, 'channelId'],
        value: u(998),
        field: 'touchpoints.1.channelId',
        message: /no channel/,
      },
      {
        name: 'unknown field',
        path: ['touchpoints', 3, 'colour'],
        value: 'red',
        field: 'touchpoints.3.colour',
        message: /unknown field/,
      },
      {
        name: 'bad direction',
        path: ['touchpoints', 3, 'direction'],
        value: 'sideways',
        field: 'touchpoints.3.direction',
        message: /./,
      },
      {
        name: 'parent cycle',
        path: ['touchpoints', 0, 'parentId'],
        value: ID.greeting,
        field: 'touchpoints.1.parentId',
        message: /cycle/,
      },
      {
        name: 'own parent',
        path: ['touchpoints', 4, 'parentId'],
        value: ID.facade,
        field: 'touchpoints.4.parentId',
        message: /cycle/,
      },
      {
        name: 'link roles',
        path: ['chains', 0, 'links', 0, 'role'],
        value: 'middle',
        field: 'chains.0.links.0.role',
        message: /first link must be the initial/,
      },
      {
        name: 'next-chain loop',
        path: ['chains', 1, 'nextChainId'],
        value: ID.phoneSale,
        field: 'chains.1.nextChainId',
        message: /loop/,
      },
      {
        name: 'two own brands',
        path: ['brands', 1, 'isOwn'],
        value: true,
        field: 'brands',
        message: /exactly one/,
      },
      {
        name: 'duplicate key',
        path: ['touchpoints', 4, 'key'],
        value: 'call-centre',
        field: 'touchpoints.4.key',
        message: /duplicate/,
      },
      {
        name: 'bad key',
        path: ['touchpoints', 4, 'key'],
        value: 'Not a slug',
        field: 'touchpoints.4.key',
        message: /slug/,
      },
      {
        name: 'stage of another journey',
        path: ['journeys', 0, 'items', 0, 'stageId'],
        value: u(777),
        field: 'journeys.0.items.0.stageId',
        message: /no stage/,
      },
      {
        name: 'unknown lane',
        path: ['journeys', 0, 'items', 0, 'lane'],
        value: 'smells',
        field: 'journeys.0.items.0.lane',
        message: /no lane/,
      },
      {
        name: 'text in a touchpoints lane',
        path: ['journeys', 0, 'items', 0],
        value: { stageId: ID.stageNeed, lane: 'touchpoints', text: 'a note', touchpointId: null },
        field: 'journeys.0.items.0.lane',
        message: /touchpoints only/,
      },
      {
        name: 'touchpoint in a feelings lane',
        path: ['journeys', 0, 'items', 0, 'lane'],
        value: 'feelings',
        field: 'journeys.0.items.0.lane',
        message: /of kind feelings/,
      },
      {
        name: 'item with text and touchpoint',
        path: ['journeys', 0, 'items', 0, 'text'],
        value: 'both',
        field: 'journeys.0.items.0',
        message: /either a text or a touchpointId/,
      },
      {
        name: 'touchpoint twice in a chain',
        path: ['chains', 0, 'links', 0, 'touchpointId'],
        value: ID.callCentre,
        field: 'chains.0.links.1.touchpointId',
        message: /passes a touchpoint once/,
      },
      {
        name: 'journey without stages',
        path: ['journeys', 0, 'stages'],
        value: [],
        field: 'journeys.0.stages',
        message: /at least one stage/,
      },
      {
        name: 'standard breaking its rules',
        path: ['standards', 0, 'prop'],
        value: 'page_load_ms',
        field: 'standards.0.prop',
        message: /only metric prop/,
      },
      {
        name: 'format version',
        path: ['formatVersion'],
        value: 2,
        field: 'formatVersion',
        message: /version 1/,
      },
      {
        name: 'bad settings',
        path: ['workspace', 'settings'],
        value: { colour: 'red' },
        field: 'workspace.settings.colour',
        message: /unknown field/,
      },
    ];
    for (const c of cases) {
      const doc = healthDocument(owner.email);
      setAt(doc, c.path, c.value);
      const res = await owner.post('/api/workspaces/import', doc);
      expect(res.status, c.name).toBe(400);
      expect(res.body.code, c.name).toBe('validation_failed');
      expect(res.body.issues, c.name).toContainEqual({
        field: c.field,
        message: expect.stringMatching(c.message),
      });
    }
    expect(await workspaceCount(h())).toBe(before);
    expect((await owner.get('/api/workspaces')).body.items).toEqual([]);
  });

  it('lets readers export, hides foreign workspaces and needs a signed-in user to import', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const stranger = await h().signUp('stranger');
    const { base } = await h().newWorkspace(owner, 'Shop');
    expect((await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' })).status).toBe(201);

    const exported = await viewer.get(`${base}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.workspace.name).toBe('Shop');
    expect(exported.body.brands).toEqual([expect.objectContaining({ name: 'Shop', isOwn: true })]);
    expect(exported.body.channels.length).toBeGreaterThanOrEqual(19);
    expect((await stranger.get(`${base}/export`)).status).toBe(404);
    expect((await owner.get(`/api/workspaces/${u(5)}/export`)).status).toBe(404);
    expect((await h().anonymous.get(`${base}/export`)).status).toBe(401);

    const token = await owner.post(`${base}/tokens`, { name: 'backup', scopes: ['read'] });
    expect((await h().withToken(token.body.token).get(`${base}/export`)).status).toBe(200);
    expect((await h().withToken(token.body.token).post('/api/workspaces/import', exported.body)).status).toBe(
      403,
    );
    expect((await h().anonymous.post('/api/workspaces/import', exported.body)).status).toBe(401);

    // Any signed-in user may import: the copy is theirs alone.
    const copy = await viewer.post('/api/workspaces/import?name=My%20copy', exported.body);
    expect(copy.status).toBe(201);
    expect(copy.body.workspace).toMatchObject({ name: 'My copy', role: 'owner' });
    expect((await owner.get(`/api/workspaces/${copy.body.workspace.id}/export`)).status).toBe(404);
    const bad = await viewer.post('/api/workspaces/import?name=', exported.body);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe('querystring.name');
  });
});
