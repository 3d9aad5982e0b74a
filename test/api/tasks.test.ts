import { expect, it } from 'vitest';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

const titles = (r: Reply) => r.body.items.map((t: { title: string }) => t.title);

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A workspace with two touchpoints, a chain over them, a journey and a standard. */
async function catalog(client: Client, base: string) {
  const hotline = (await created(client.post(`${base}/touchpoints`, { key: 'hotline', name: 'Hotline' })))
    .body.id;
  const shop = (await created(client.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
  const chain = (
    await created(
      client.post(`${base}/chains`, {
        name: 'Order',
        links: [
          { touchpointId: hotline, role: 'initial' },
          { touchpointId: shop, role: 'final' },
        ],
      }),
    )
  ).body;
  const journey = (await created(client.post(`${base}/journeys`, { name: 'First purchase' }))).body;
  const standard = (
    await created(
      client.post(`${base}/standards`, {
        touchpointId: hotline,
        name: 'Answered within 20 s',
        metric: 'response_ms',
        target: 20_000,
      }),
    )
  ).body;
  return { hotline, shop, chain, journey, standard };
}

describeCatalog('tasks', (h) => {
  it('creates, lists with filters and paging, updates with a version, comments, deletes and audits', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const c = await catalog(owner, base);

    const call = await owner.post(`${base}/tasks`, {
      title: 'Train the hotline team',
      lever: 'staff_qualification',
      ownerUserId: owner.userId,
      dueDate: '2020-01-31',
      priority: 1,
      targets: { standardId: c.standard.id },
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      title: 'Train the hotline team',
      description: '',
      lever: 'staff_qualification',
      ownerUserId: owner.userId,
      dueDate: '2020-01-31',
      priority: 1,
      status: 'planned',
      targets: { standardId: c.standard.id, touchpointId: null, chainLinkId: null },
      windowDays: 14,
      minSample: 30,
      conversionRiseTarget: null,
      doneAt: null,
      verification: null,
      overdue: true,
      version: 1,
    });
    const link = c.chain.links[1];
    const linkTask = await owner.post(`${base}/tasks`, {
      title: 'Shop follow-up call',
      lever: 'business_processes',
      priority: 2,
      dueDate: '2999-12-31',
      targets: { chainLinkId: link.id },
      conversionRiseTarget: 5,
    });
    expect(linkTask.status).toBe(201);
    expect(linkTask.body.targets).toMatchObject({ chainId: c.chain.id, chainLinkId: link.id });
    const stage = c.journey.stages[3];
    const stageTask = await owner.post(`${base}/tasks`, {
      title: 'Pay by card at the counter',
      lever: 'product_improvement',
      status: 'in_progress',
      targets: { stageId: stage.id, touchpointId: c.shop },
    });
    expect(stageTask.body).toMatchObject({
      status: 'in_progress',
      overdue: false,
      targets: { journeyId: c.journey.id, stageId: stage.id, touchpointId: c.shop },
    });

    expect(titles(await owner.get(`${base}/tasks`))).toEqual([
      'Train the hotline team',
      'Shop follow-up call',
      'Pay by card at the counter',
    ]);
    expect(titles(await owner.get(`${base}/tasks?sort=-priority`))).toEqual([
      'Pay by card at the counter',
      'Shop follow-up call',
      'Train the hotline team',
    ]);
    expect(titles(await owner.get(`${base}/tasks?status=in_progress`))).toEqual([
      'Pay by card at the counter',
    ]);
    expect(titles(await owner.get(`${base}/tasks?status=in_progress&status=planned&sort=title`))).toEqual([
      'Pay by card at the counter',
      'Shop follow-up call',
      'Train the hotline team',
    ]);
    expect(titles(await owner.get(`${base}/tasks?lever=business_processes`))).toEqual([
      'Shop follow-up call',
    ]);
    expect(titles(await owner.get(`${base}/tasks?mine=true`))).toEqual(['Train the hotline team']);
    expect(titles(await owner.get(`${base}/tasks?ownerUserId=${owner.userId}`))).toEqual([
      'Train the hotline team',
    ]);
    // A touchpoint's tasks include those on a chain link at it.
    expect(titles(await owner.get(`${base}/tasks?touchpointId=${c.shop}&sort=title`))).toEqual([
      'Pay by card at the counter',
      'Shop follow-up call',
    ]);
    expect(titles(await owner.get(`${base}/tasks?chainId=${c.chain.id}`))).toEqual(['Shop follow-up call']);
    expect(titles(await owner.get(`${base}/tasks?chainLinkId=${link.id}`))).toEqual(['Shop follow-up call']);
    expect(titles(await owner.get(`${base}/tasks?chainLinkId=${c.chain.links[0].id}`))).toEqual([]);
    expect(titles(await owner.get(`${base}/tasks?journeyId=${c.journey.id}`))).toEqual([
      'Pay by card at the counter',
    ]);
    expect(titles(await owner.get(`${base}/tasks?stageId=${stage.id}`))).toEqual([
      'Pay by card at the counter',
    ]);
    expect(titles(await owner.get(`${base}/tasks?standardId=${c.standard.id}`))).toEqual([
      'Train the hotline team',
    ]);
    expect(titles(await owner.get(`${base}/tasks?overdue=true`))).toEqual(['Train the hotline team']);
    expect(titles(await owner.get(`${base}/tasks?overdue=false&sort=title`))).toEqual([
      'Pay by card at the counter',
      'Shop follow-up call',
    ]);
    expect(titles(await owner.get(`${base}/tasks?dueBefore=2021-01-01`))).toEqual(['Train the hotline team']);
    expect(titles(await owner.get(`${base}/tasks?dueAfter=2021-01-01`))).toEqual(['Shop follow-up call']);
    expect(titles(await owner.get(`${base}/tasks?q=CARD`))).toEqual(['Pay by card at the counter']);
    const page = await owner.get(`${base}/tasks?sort=title&limit=1&offset=1`);
    expect(page.body).toMatchObject({
      total: 3,
      limit: 1,
      offset: 1,
      items: [{ title: 'Shop follow-up call' }],
    });

    // Editing the chain rewrites its links: the task follows the link by its touchpoint.
    const chain = await owner.get(`${base}/chains/${c.chain.id}`);
    const edited = await owner.patch(`${base}/chains/${c.chain.id}`, {
      version: chain.body.version,
      links: [
        { touchpointId: c.hotline, role: 'initial' },
        { touchpointId: c.shop, role: 'final' },
      ],
    });
    expect(edited.status).toBe(200);
    const newLinkId = edited.body.links[1].id;
    expect(newLinkId).not.toBe(link.id);
    const followed = await owner.get(`${base}/tasks/${linkTask.body.id}`);
    expect(followed.body.targets.chainLinkId).toBe(newLinkId);

    const id = call.body.id;
    const started = await owner.patch(`${base}/tasks/${id}`, {
      version: 1,
      status: 'in_progress',
      description: 'Two sessions',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', description: 'Two sessions', version: 2 });
    const stale = await owner.patch(`${base}/tasks/${id}`, { version: 1, title: 'Late' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const done = await owner.patch(`${base}/tasks/${id}`, { version: 2, status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', overdue: false, version: 3 });
    expect(Date.parse(done.body.doneAt)).toBeGreaterThan(Date.now() - 60_000);
    const reopened = await owner.patch(`${base}/tasks/${id}`, { version: 3, status: 'in_progress' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', doneAt: null });

    const comment = await owner.post(`${base}/tasks/${id}/comments`, { body: 'Booked the trainer' });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ taskId: id, authorUserId: owner.userId, authorName: 'owner' });
    await owner.post(`${base}/tasks/${id}/comments`, { body: 'Second session on Friday' });
    const comments = await owner.get(`${base}/tasks/${id}/comments`);
    expect(comments.body.total).toBe(2);
    expect(comments.body.items.map((x: { body: string }) => x.body)).toEqual([
      'Booked the trainer',
      'Second session on Friday',
    ]);
    expect((await owner.post(`${base}/tasks/${id}/comments`, { body: '  ' })).body.issues[0].field).toBe(
      'body',
    );

    const log = await owner.get(`${base}/audit-log?entityType=task&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'comment',
      'comment',
      'update',
      'update',
      'update',
      'create',
    ]);

    expect((await owner.delete(`${base}/tasks/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/tasks/${id}`)).status).toBe(404);
    expect((await owner.get(`${base}/tasks/${id}/comments`)).status).toBe(404);

    // A deleted target is cleared; the task stays.
    expect((await owner.delete(`${base}/journeys/${c.journey.id}`)).status).toBe(204);
    const kept = await owner.get(`${base}/tasks/${stageTask.body.id}`);
    expect(kept.body.targets).toMatchObject({ journeyId: null, stageId: null, touchpointId: c.shop });
  });

  it('refuses bad input with a 4xx naming the field, and foreign ids', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other');
    const c = await catalog(owner, base);
    const foreign = await catalog(owner, other.base);
    const stranger = await h().signUp('stranger');
    const field = async (body: unknown, path = `${base}/tasks`, method: 'post' | 'patch' = 'post') => {
      const res = method === 'post' ? await owner.post(path, body) : await owner.patch(path, body);
      expect(res.status).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    const ok = { title: 'T', lever: 'staff_qualification', targets: { touchpointId: c.hotline } };

    expect(await field({ ...ok, targets: {} })).toEqual(['targets']);
    expect(await field({ ...ok, lever: 'luck' })).toEqual(['lever']);
    expect(await field({ ...ok, priority: 6 })).toEqual(['priority']);
    expect(await field({ ...ok, dueDate: '2026-02-30' })).toEqual(['dueDate']);
    expect(await field({ ...ok, dueDate: '31.01.2026' })).toEqual(['dueDate']);
    expect(await field({ ...ok, status: 'verified' })).toEqual(['status']);
    expect(await field({ ...ok, windowDays: 0 })).toEqual(['windowDays']);
    expect(await field({ ...ok, title: '' })).toEqual(['title']);
    expect(await field({ ...ok, conversionRiseTarget: 5 })).toEqual(['conversionRiseTarget']);
    expect(await field({ ...ok, ownerUserId: stranger.userId })).toEqual(['ownerUserId']);
    expect(await field({ ...ok, targets: { touchpointId: foreign.hotline } })).toEqual([
      'targets.touchpointId',
    ]);
    expect(await field({ ...ok, targets: { standardId: foreign.standard.id } })).toEqual([
      'targets.standardId',
    ]);
    expect(await field({ ...ok, targets: { chainId: foreign.chain.id } })).toEqual(['targets.chainId']);
    expect(await field({ ...ok, targets: { journeyId: foreign.journey.id } })).toEqual(['targets.journeyId']);
    expect(await field({ ...ok, targets: { stageId: foreign.journey.stages[0].id } })).toEqual([
      'targets.stageId',
    ]);
    expect(await field({ ...ok, targets: { chainLinkId: foreign.chain.links[0].id } })).toEqual([
      'targets.chainLinkId',
    ]);
    expect(
      await field({ ...ok, targets: { chainLinkId: c.chain.links[0].id, chainId: foreign.chain.id } }),
    ).toEqual(['targets.chainId', 'targets.chainLinkId']);
    expect(await field({ ...ok, extra: 1 })).toEqual(['extra']);

    const task = (await created(owner.post(`${base}/tasks`, ok))).body;
    const item = `${base}/tasks/${task.id}`;
    expect(await field({ version: 1, targets: { touchpointId: null } }, item, 'patch')).toEqual(['targets']);
    expect(await field({ version: 1, status: 'not_effective' }, item, 'patch')).toEqual(['status']);
    expect(await field({ title: 'x' }, item, 'patch')).toEqual(['version']);
    expect((await owner.get(`${other.base}/tasks/${task.id}`)).status).toBe(404);
    expect((await owner.get(`${base}/tasks?overdue=yes`)).body.issues[0].field).toBe('querystring.overdue');
    expect((await owner.get(`${base}/tasks?sort=owner`)).body.issues[0].field).toBe('querystring.sort');
  });

  it('lets viewers read, editors and owners write, and tokens act within their scopes', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const c = await catalog(owner, base);
    const body = { title: 'T', lever: 'sales_channels', targets: { touchpointId: c.hotline } };

    const byEditor = await editor.post(`${base}/tasks`, { ...body, ownerUserId: viewer.userId });
    expect(byEditor.status).toBe(201);
    expect((await viewer.post(`${base}/tasks`, body)).status).toBe(403);
    expect((await viewer.patch(`${base}/tasks/${byEditor.body.id}`, { version: 1, title: 'x' })).status).toBe(
      403,
    );
    expect((await viewer.post(`${base}/tasks/${byEditor.body.id}/comments`, { body: 'hi' })).status).toBe(
      403,
    );
    expect((await viewer.get(`${base}/tasks`)).body.total).toBe(1);
    expect(titles(await viewer.get(`${base}/tasks?mine=true`))).toEqual(['T']);
    expect((await viewer.delete(`${base}/tasks/${byEditor.body.id}`)).status).toBe(403);

    const mint = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    const read = await mint(['read']);
    const admin = await mint(['admin']);
    const ingest = await mint(['ingest']);
    expect((await read.get(`${base}/tasks`)).status).toBe(200);
    expect((await read.post(`${base}/tasks`, body)).status).toBe(403);
    expect((await ingest.get(`${base}/tasks`)).status).toBe(403);
    expect((await read.get(`${base}/tasks?mine=true`)).body.issues[0].field).toBe('mine');
    const byToken = await admin.post(`${base}/tasks`, body);
    expect(byToken.status).toBe(201);
    const note = await admin.post(`${base}/tasks/${byToken.body.id}/comments`, { body: 'from a script' });
    expect(note.body).toMatchObject({ authorUserId: null, authorName: 'API token' });
    const outsider = await h().signUp('outsider');
    expect((await outsider.get(`${base}/tasks`)).status).toBe(404);
  });

  it('lets a user reopen a verified or not_effective task but not set those statuses', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const c = await catalog(owner, base);
    const task = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'T',
          lever: 'staff_qualification',
          status: 'done',
          targets: { standardId: c.standard.id },
        }),
      )
    ).body;
    expect(task.doneAt).not.toBeNull();
    const { recordTaskVerification } = await import('../../src/store/catalog/tasks.js');
    const wrote = await recordTaskVerification(h().catalog.db, workspaceId, task, {
      checkedAt: new Date().toISOString(),
      state: 'verified',
      explanation: 'verified',
      figures: {},
    });
    expect(wrote).toBe(true);
    const verified = await owner.get(`${base}/tasks/${task.id}`);
    expect(verified.body).toMatchObject({ status: 'verified', version: 2 });
    const back = await owner.patch(`${base}/tasks/${task.id}`, { version: 2, status: 'done' });
    expect(back.status).toBe(400);
    expect(back.body.issues[0].field).toBe('status');
    const reopened = await owner.patch(`${base}/tasks/${task.id}`, { version: 2, status: 'planned' });
    expect(reopened.body).toMatchObject({ status: 'planned', doneAt: null, verification: null });
  });
});
