import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { demoWorkspaceDocument } from '../../src/demo/demo-workspace.js';
import { webhooks, workspaces } from '../../src/store/catalog/schema.js';
import { recordTaskVerification } from '../../src/store/catalog/tasks.js';
import { webhookSecretContext } from '../../src/store/catalog/webhooks.js';
import { describeCatalog, type Harness } from '../catalog-harness.js';
import { CONTROL_ID, controlDocument, namedControl, OTHER_EMAIL } from '../control-document-fixture.js';
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
    expect(doc1).toMatchObject({ format: 'touchpoints.workspace', formatVersion: 4 });
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

  it('carries channel and KPI items, task-linked pain points and personas of the demo maps (format 4)', async () => {
    const owner = await h().signUp('owner');
    const demo = await owner.post('/api/workspaces/demo', {});
    expect(demo.status).toBe(201);
    const doc1 = (await owner.get(`/api/workspaces/${demo.body.workspace.id}/export`)).body;
    type Item = { channelId?: string | null; kpi?: { source: string } | null; taskId?: string | null };
    const items1: Item[] = doc1.journeys.flatMap((j: { items: Item[] }) => j.items);
    const channelItems = items1.filter((i) => i.channelId);
    const kpiItems = items1.filter((i) => i.kpi);
    const linked = items1.filter((i) => i.taskId);
    expect(channelItems.length).toBeGreaterThan(0);
    expect(kpiItems.map((i) => i.kpi?.source)).toContain('manual');
    expect(linked.length).toBeGreaterThan(0);
    expect(doc1.personas.length).toBeGreaterThan(0);
    for (const item of linked) expect(doc1.tasks.map((t: { id: string }) => t.id)).toContain(item.taskId);

    const copy = await owner.post('/api/workspaces/import', doc1);
    expect(copy.status).toBe(201);
    const doc2 = (await owner.get(`/api/workspaces/${copy.body.workspace.id}/export`)).body;
    expect(comparable(doc2)).toEqual(comparable(doc1));

    // A channel item naming a channel the document does not have is refused at that path.
    const broken = structuredClone(doc1);
    const at = broken.journeys.findIndex((j: { items: Item[] }) => j.items.some((i) => i.channelId));
    const index = broken.journeys[at].items.findIndex((i: Item) => i.channelId);
    broken.journeys[at].items[index].channelId = '00000000-0000-4000-8000-000000000000';
    const refused = await owner.post('/api/workspaces/import', broken);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toContainEqual({
      field: `journeys.${at}.items.${index}.channelId`,
      message: 'no channel with this id in the document',
    });
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
    // A format version 1 document (before tasks, audits and alerts) imports as it always did.
    expect(source.formatVersion).toBe(1);
    expect(Object.keys(source)).not.toContain('tasks');
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
      tasks: 0,
      comments: 0,
      checklists: 0,
      criteria: 0,
      audits: 0,
      answers: 0,
      alertRules: 0,
      webhooks: 0,
      surveys: 0,
    });
    const base = `/api/workspaces/${created.body.workspace.id}`;
    const doc = (await owner.get(`${base}/export`)).body;
    expect(doc).toMatchObject({
      formatVersion: 4,
      tasks: [],
      auditChecklists: [],
      audits: [],
      alertRules: [],
      webhooks: [],
    });
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

  it('carries tasks, audit checklists, audits, alert rules and webhooks (without secrets) losslessly', async () => {
    const owner = await h().signUp('owner');
    const source = controlDocument(owner.email);
    const a = await owner.post('/api/workspaces/import', source);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.counts).toMatchObject({
      tasks: 5,
      comments: 2,
      checklists: 1,
      criteria: 3,
      audits: 2,
      answers: 4,
      alertRules: 4,
      webhooks: 1,
    });
    // Only the importing user is a member: the other person's task and audit lose them.
    expect(a.body).toMatchObject({ ownersCleared: 0, taskOwnersCleared: 2, auditorsCleared: 1 });
    const base = `/api/workspaces/${a.body.workspace.id}`;
    const doc1 = (await owner.get(`${base}/export`)).body;
    expect(doc1.formatVersion).toBe(4);

    // The same content as the source, but for the people who are not members.
    const expected = namedControl(source);
    for (const t of expected.tasks) {
      if (t.ownerEmail === OTHER_EMAIL) t.ownerEmail = null;
      for (const c of t.comments) if (c.authorEmail === OTHER_EMAIL) c.authorEmail = null;
    }
    for (const audit of expected.audits) if (audit.auditorEmail === OTHER_EMAIL) audit.auditorEmail = null;
    expect(namedControl(doc1)).toEqual(expected);
    const planned = doc1.tasks.find((t: { title: string }) => t.title === 'Train the call team');
    expect(planned.comments.map((c: { authorName: string }) => c.authorName)).toEqual([
      'Ann Owner',
      'Bob Former',
    ]);

    // Import the export again: nothing changes but the ids.
    const b = await owner.post('/api/workspaces/import', doc1);
    expect(b.status).toBe(201);
    expect(b.body.counts).toEqual(a.body.counts);
    expect(b.body).toMatchObject({ taskOwnersCleared: 0, auditorsCleared: 0 });
    const doc2 = (await owner.get(`/api/workspaces/${b.body.workspace.id}/export`)).body;
    expect(comparable(doc2)).toEqual(comparable(doc1));
    const ids1 = new Set(JSON.stringify(doc1).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g));
    expect(
      (JSON.stringify(doc2).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? []).filter((id) => ids1.has(id)),
    ).toEqual([]);

    // The tasks read through the task API: statuses, verification and targets on the new objects.
    const tasks = (await owner.get(`${base}/tasks?limit=50`)).body.items;
    const byTitle = new Map(tasks.map((t: { title: string }) => [t.title, t]));
    const chain = doc1.chains.find((c: { name: string }) => c.name === 'Phone sale');
    const links = (await owner.get(`${base}/chains/${chain.id}`)).body.links;
    const callCentre = doc1.touchpoints.find((t: { key: string }) => t.key === 'call-centre');
    expect(byTitle.get('Call back every form within an hour')).toMatchObject({
      status: 'in_progress',
      ownerUserId: null,
      conversionRiseTarget: 5,
      targets: {
        chainId: chain.id,
        chainLinkId: links.find((l: { touchpointId: string }) => l.touchpointId === callCentre.id).id,
      },
    });
    expect(byTitle.get('Simplify the purchase stage')).toMatchObject({
      status: 'verified',
      doneAt: '2026-02-01T08:00:00.000Z',
      verification: { state: 'verified', figures: { share: 0.93, met: true, note: null } },
    });
    expect(byTitle.get('Train the call team')).toMatchObject({ ownerUserId: owner.userId, priority: 1 });
    expect(byTitle.get('Faster pages')).toMatchObject({ status: 'not_effective', ownerUserId: null });

    // The webhook: disabled, with a new secret that is sealed for its row and never exported.
    const [hook] = await h()
      .catalog.db.select()
      .from(webhooks)
      .where(eq(webhooks.workspaceId, a.body.workspace.id));
    if (!hook) throw new Error('no webhook imported');
    expect(hook).toMatchObject({
      url: 'https://hooks.example/touchpoints',
      description: 'Ops channel',
      enabled: false,
    });
    const secret = h().secrets.open(hook.secretSealed, webhookSecretContext(hook.id));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(doc1.webhooks).toEqual([{ url: 'https://hooks.example/touchpoints', description: 'Ops channel' }]);
    const text = JSON.stringify(doc1);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(hook.secretSealed);
    const [hook2] = await h()
      .catalog.db.select()
      .from(webhooks)
      .where(eq(webhooks.workspaceId, b.body.workspace.id));
    expect(h().secrets.open(hook2?.secretSealed ?? '', webhookSecretContext(hook2?.id ?? ''))).not.toBe(
      secret,
    );

    // Alert rules name the new objects.
    const rule = doc1.alertRules.find((r: { name: string }) => r.name === 'Phone sale drops');
    expect(rule).toMatchObject({ enabled: false, params: { chainId: chain.id, position: 2 } });

    const log = await owner.get(`${base}/audit-log?entityType=workspace`);
    expect(log.body.items[0]).toMatchObject({
      action: 'import',
      after: { taskOwnersCleared: 2, auditorsCleared: 1, counts: { tasks: 5, webhooks: 1 } },
    });
  });

  it('carries the tasks a team made through the task API, in every status', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner, 'Clinic');
    const post = async (path: string, body: unknown) => {
      const res = await owner.post(`${base}${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const site = await post('/touchpoints', { key: 'site', name: 'Website' });
    const phone = await post('/touchpoints', { key: 'phone', name: 'Phone', ownerUserId: owner.userId });
    const standard = await post('/standards', {
      touchpointId: phone.id,
      name: 'Answer within 20 s',
      metric: 'response_ms',
      target: 20000,
    });
    const journey = await post('/journeys', { name: 'Patient' });
    const chain = await post('/chains', {
      name: 'Booking',
      journeyId: journey.id,
      links: [
        { touchpointId: site.id, role: 'initial' },
        { touchpointId: phone.id, role: 'final' },
      ],
    });
    const task = (title: string, extra: object) =>
      post('/tasks', { title, lever: 'business_processes', ownerUserId: owner.userId, ...extra });
    await task('Plan it', { targets: { touchpointId: site.id }, dueDate: '2026-12-31' });
    await task('Do it', {
      status: 'in_progress',
      targets: { journeyId: journey.id, stageId: journey.stages[1].id },
    });
    const done = await task('Done it', {
      status: 'done',
      targets: { chainLinkId: chain.links[1].id },
      conversionRiseTarget: 3,
    });
    const verified = await task('Verified', { status: 'done', targets: { standardId: standard.id } });
    const failed = await task('Not effective', { status: 'done', targets: { standardId: standard.id } });
    for (const [t, state] of [
      [verified, 'verified'],
      [failed, 'not_effective'],
    ] as const)
      expect(
        await recordTaskVerification(h().catalog.db, workspaceId, t, {
          checkedAt: new Date().toISOString(),
          state,
          explanation: `${state} by the test`,
          figures: { share: 0.5, measured: 40 },
        }),
      ).toBe(true);
    await post(`/tasks/${done.id}/comments`, { body: 'Waiting for the numbers.' });
    await post(`/tasks/${done.id}/comments`, { body: 'Still waiting.' });

    const doc0 = (await owner.get(`${base}/export`)).body;
    expect(doc0.tasks.map((t: { status: string }) => t.status).sort()).toEqual([
      'done',
      'in_progress',
      'not_effective',
      'planned',
      'verified',
    ]);
    const exportedDone = doc0.tasks.find((t: { title: string }) => t.title === 'Done it');
    expect(exportedDone).toMatchObject({
      ownerEmail: owner.email,
      targets: { chainId: chain.id, linkTouchpointId: phone.id },
      comments: [
        { authorName: 'owner', authorEmail: owner.email, body: 'Waiting for the numbers.' },
        { authorName: 'owner', authorEmail: owner.email, body: 'Still waiting.' },
      ],
    });
    const copy = await owner.post('/api/workspaces/import', doc0);
    expect(copy.status).toBe(201);
    const doc1 = (await owner.get(`/api/workspaces/${copy.body.workspace.id}/export`)).body;
    expect(comparable(doc1)).toEqual(comparable(doc0));
    const comments = await owner.get(
      `/api/workspaces/${copy.body.workspace.id}/tasks/${doc1.tasks.find((t: { title: string }) => t.title === 'Done it').id}/comments`,
    );
    expect(comments.body.items).toMatchObject([
      { authorUserId: owner.userId, authorName: 'owner', body: 'Waiting for the numbers.' },
      { authorUserId: owner.userId, authorName: 'owner', body: 'Still waiting.' },
    ]);
  });

  it('carries surveys with a new public code, and names a bad survey in a document', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner, 'Clinic');
    const tp = await owner.post(`${base}/touchpoints`, { key: 'reception', name: 'Reception' });
    const made = await owner.post(`${base}/surveys`, {
      touchpointId: tp.body.id,
      name: 'After the visit',
      templateKey: 'after_visit',
      status: 'live',
      colour: '#aa3300',
    });
    expect(made.status).toBe(201);
    const doc = (await owner.get(`${base}/export`)).body;
    expect(doc.surveys).toHaveLength(1);
    expect(doc.surveys[0]).toMatchObject({
      touchpointId: tp.body.id,
      name: 'After the visit',
      status: 'live',
    });
    expect(doc.surveys[0]).not.toHaveProperty('code');

    const copy = await owner.post('/api/workspaces/import', doc);
    expect(copy.status).toBe(201);
    expect(copy.body.counts.surveys).toBe(1);
    const copied = (await owner.get(`/api/workspaces/${copy.body.workspace.id}/surveys`)).body.items;
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatchObject({
      name: 'After the visit',
      status: 'live',
      colour: '#aa3300',
      questions: made.body.questions,
      texts: made.body.texts,
      complaintRule: made.body.complaintRule,
    });
    expect(copied[0].code).not.toBe(made.body.code);
    expect(copied[0].touchpointId).not.toBe(tp.body.id);

    // A survey at a touchpoint the document lacks, and one whose question has no text: both named.
    const bad = structuredClone(doc);
    bad.surveys.push({ ...doc.surveys[0], id: crypto.randomUUID(), touchpointId: crypto.randomUUID() });
    bad.surveys[0].questions[0].text = {};
    const refused = await owner.post('/api/workspaces/import', bad);
    expect(refused.status).toBe(400);
    const fields = refused.body.issues.map((i: { field: string }) => i.field);
    expect(fields).toContain('surveys.1.touchpointId');
    expect(fields.some((f: string) => f.startsWith('surveys.0.questions.0.text'))).toBe(true);
  });

  it('carries an alert rule whose standard was deleted, naming nothing in the copy either', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner, 'Shop');
    const tp = await owner.post(`${base}/touchpoints`, { key: 'till', name: 'Till' });
    const post = async (path: string, body: unknown) => {
      const res = await owner.post(`${base}${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const gone = await post('/standards', {
      touchpointId: tp.body.id,
      name: 'Gone',
      metric: 'wait_ms',
      target: 1,
    });
    const kept = await post('/standards', {
      touchpointId: tp.body.id,
      name: 'Kept',
      metric: 'wait_ms',
      target: 2,
    });
    await post('/alert-rules', {
      name: 'On gone',
      kind: 'standard_compliance',
      params: { standardId: gone.id },
    });
    await post('/alert-rules', {
      name: 'On kept',
      kind: 'standard_compliance',
      params: { standardId: kept.id },
    });
    expect((await owner.delete(`${base}/standards/${gone.id}`)).status).toBe(204);

    const doc = (await owner.get(`${base}/export`)).body;
    const copy = await owner.post('/api/workspaces/import', doc);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const copied = (await owner.get(`/api/workspaces/${copy.body.workspace.id}/export`)).body;
    const rule = (name: string) => copied.alertRules.find((r: { name: string }) => r.name === name);
    expect(rule('On kept').params.standardId).toBe(copied.standards[0].id);
    expect(copied.standards.map((s: { name: string }) => s.name)).toEqual(['Kept']);
    expect(rule('On gone').params.standardId).toMatch(/^[0-9a-f-]{36}$/);
    expect([gone.id, kept.id, copied.standards[0].id]).not.toContain(rule('On gone').params.standardId);
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
        message: /exactly one of text, touchpointId, channelId and kpi/,
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
        value: 5,
        field: 'formatVersion',
        message: /versions 1, 2, 3 and 4 are supported/,
      },
      {
        name: 'bad settings',
        path: ['workspace', 'settings'],
        value: { colour: 'red' },
        field: 'workspace.settings.colour',
        message: /unknown field/,
      },
    ];
    const control: typeof cases = [
      {
        name: 'task lever',
        path: ['tasks', 3, 'lever'],
        value: 'luck',
        field: 'tasks.3.lever',
        message: /./,
      },
      {
        name: 'task status',
        path: ['tasks', 2, 'status'],
        value: 'finished',
        field: 'tasks.2.status',
        message: /./,
      },
      {
        name: 'task due date',
        path: ['tasks', 0, 'dueDate'],
        value: '2026-02-30',
        field: 'tasks.0.dueDate',
        message: /exists/,
      },
      {
        name: 'a year the databases refuse',
        path: ['audits', 0, 'auditDate'],
        value: '0000-06-01',
        field: 'audits.0.auditDate',
        message: /exists/,
      },
      {
        name: 'a comment time in year 0',
        path: ['tasks', 0, 'comments', 1, 'createdAt'],
        value: '0000-06-01T10:00:00Z',
        field: 'tasks.0.comments.1.createdAt',
        message: /year 1/,
      },
      {
        name: 'task target not in the document',
        path: ['tasks', 0, 'targets', 'touchpointId'],
        value: u(999),
        field: 'tasks.0.targets.touchpointId',
        message: /no touchpoint/,
      },
      {
        name: 'stage of another journey than the task’s',
        path: ['tasks', 3, 'targets', 'journeyId'],
        value: null,
        field: 'tasks.3.targets.stageId',
        message: /another journey/,
      },
      {
        name: 'link without its chain',
        path: ['tasks', 1, 'targets', 'chainId'],
        value: null,
        field: 'tasks.1.targets.linkTouchpointId',
        message: /chainId/,
      },
      {
        name: 'empty comment',
        path: ['tasks', 0, 'comments', 0, 'body'],
        value: ' ',
        field: 'tasks.0.comments.0.body',
        message: /empty/,
      },
      {
        name: 'verification state',
        path: ['tasks', 3, 'verification', 'state'],
        value: 'great',
        field: 'tasks.3.verification.state',
        message: /./,
      },
      {
        name: 'number criterion without target',
        path: ['auditChecklists', 0, 'criteria', 2, 'target'],
        value: null,
        field: 'auditChecklists.0.criteria.2.target',
        message: /required/,
      },
      {
        name: 'comparator on a yes/no criterion',
        path: ['auditChecklists', 0, 'criteria', 0, 'comparator'],
        value: 'lte',
        field: 'auditChecklists.0.criteria.0.comparator',
        message: /only to a number/,
      },
      {
        name: 'duplicate criterion id',
        path: ['auditChecklists', 0, 'criteria', 1, 'id'],
        value: CONTROL_ID.yesNo,
        field: 'auditChecklists.0.criteria.1.id',
        message: /duplicate/,
      },
      {
        name: 'answer off the scale',
        path: ['audits', 0, 'answers', 1, 'value'],
        value: 7,
        field: 'audits.0.answers.1.value',
        message: /1 to 5/,
      },
      {
        name: 'answer to another checklist’s criterion',
        path: ['audits', 0, 'answers', 0, 'criterionId'],
        value: u(999),
        field: 'audits.0.answers.0.criterionId',
        message: /no criterion/,
      },
      {
        name: 'criterion answered twice',
        path: ['audits', 0, 'answers', 1, 'criterionId'],
        value: CONTROL_ID.yesNo,
        field: 'audits.0.answers.1.criterionId',
        message: /already answered/,
      },
      {
        name: 'audit of an unknown brand',
        path: ['audits', 1, 'brandId'],
        value: u(999),
        field: 'audits.1.brandId',
        message: /no brand/,
      },
      {
        name: 'audit status',
        path: ['audits', 1, 'status'],
        value: 'lost',
        field: 'audits.1.status',
        message: /./,
      },
      {
        name: 'alert rule param not a UUID',
        path: ['alertRules', 0, 'params', 'standardId'],
        value: 'call-centre',
        field: 'alertRules.0.params.standardId',
        message: /UUID/,
      },
      {
        name: 'alert rule params of its kind',
        path: ['alertRules', 1, 'params', 'threshold'],
        value: 0,
        field: 'alertRules.1.params.threshold',
        message: /above 0/,
      },
      {
        name: 'alert rule kind',
        path: ['alertRules', 2, 'kind'],
        value: 'weather',
        field: 'alertRules.2.kind',
        message: /./,
      },
      {
        name: 'webhook URL',
        path: ['webhooks', 0, 'url'],
        value: 'ftp://hooks.example/x',
        field: 'webhooks.0.url',
        message: /http/,
      },
      {
        name: 'webhook secret',
        path: ['webhooks', 0, 'secret'],
        value: 'let me in',
        field: 'webhooks.0.secret',
        message: /unknown field/,
      },
    ];
    for (const [build, list] of [
      [healthDocument, cases],
      [controlDocument, control],
    ] as const)
      for (const c of list) {
        const doc = build(owner.email);
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
