import { expect, it } from 'vitest';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

const names = (r: Reply) => r.body.items.map((s: { name: string }) => s.name);

async function touchpoint(client: Client, base: string, key: string): Promise<string> {
  const res = await client.post(`${base}/touchpoints`, { key, name: key });
  if (res.status !== 201) throw new Error(`touchpoint not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

describeCatalog('standards', (h) => {
  it('sets standards with sensible defaults, lists, updates with a version, deletes and audits', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const hotline = await touchpoint(owner, base, 'hotline');
    const counter = await touchpoint(owner, base, 'counter');

    const answered = await owner.post(`${base}/standards`, {
      touchpointId: hotline,
      name: 'Answered within 20 s',
      metric: 'response_ms',
      target: 20_000,
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      touchpointId: hotline,
      name: 'Answered within 20 s',
      metric: 'response_ms',
      prop: null,
      comparator: 'lte',
      target: 20_000,
      requiredShare: 0.9,
      version: 1,
    });
    const csat = await owner.post(`${base}/standards`, {
      touchpointId: hotline,
      name: 'CSAT at least 4.5',
      metric: 'csat',
      target: 4.5,
      requiredShare: 0.75,
    });
    expect(csat.body).toMatchObject({ comparator: 'gte', target: 4.5, requiredShare: 0.75 });
    const queue = await owner.post(`${base}/standards`, {
      touchpointId: counter,
      name: 'Short queue',
      metric: 'prop',
      prop: 'queue_length',
      comparator: 'lte',
      target: 3,
      requiredShare: 1,
    });
    expect(queue.body).toMatchObject({ metric: 'prop', prop: 'queue_length', comparator: 'lte', target: 3 });

    expect(names(await owner.get(`${base}/standards`))).toEqual([
      'Answered within 20 s',
      'CSAT at least 4.5',
      'Short queue',
    ]);
    expect(names(await owner.get(`${base}/standards?touchpointId=${hotline}&sort=-name`))).toEqual([
      'CSAT at least 4.5',
      'Answered within 20 s',
    ]);
    expect(names(await owner.get(`${base}/standards?metric=prop`))).toEqual(['Short queue']);
    expect(names(await owner.get(`${base}/standards?q=queue`))).toEqual(['Short queue']);
    expect(names(await owner.get(`${base}/standards?sort=-target`))).toEqual([
      'Answered within 20 s',
      'CSAT at least 4.5',
      'Short queue',
    ]);
    const page = await owner.get(`${base}/standards?sort=target&limit=1&offset=1`);
    expect(page.body).toMatchObject({
      total: 3,
      limit: 1,
      offset: 1,
      items: [{ name: 'CSAT at least 4.5' }],
    });

    const id = answered.body.id;
    const changed = await owner.patch(`${base}/standards/${id}`, {
      version: 1,
      target: 30_000,
      touchpointId: counter,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ target: 30_000, touchpointId: counter, version: 2 });
    const stale = await owner.patch(`${base}/standards/${id}`, { version: 1, target: 10_000 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    // Changing the metric away from prop drops the property.
    const switched = await owner.patch(`${base}/standards/${queue.body.id}`, {
      version: 1,
      metric: 'wait_ms',
      target: 300_000,
    });
    expect(switched.body).toMatchObject({ metric: 'wait_ms', prop: null, comparator: 'lte' });

    expect((await owner.delete(`${base}/standards/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/standards/${id}`)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=standard&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { target: 20_000, touchpointId: hotline },
      after: { target: 30_000, touchpointId: counter },
    });
  });

  it('keeps targets inside the range of their metric', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const touchpointId = await touchpoint(owner, base, 'hotline');
    const post = (body: Record<string, unknown>) =>
      owner.post(`${base}/standards`, { touchpointId, name: 'S', ...body });
    const issues = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.issues;
    };

    expect(await issues({ metric: 'csat', target: 6 })).toEqual([
      { field: 'target', message: 'csat is a CSAT score: the target must be between 1 and 5' },
    ]);
    expect(await issues({ metric: 'nps', target: -101 })).toEqual([
      { field: 'target', message: 'nps is an NPS: the target must be between -100 and 100' },
    ]);
    expect((await issues({ metric: 'ces', target: 0 }))[0].field).toBe('target');
    expect((await issues({ metric: 'negative_share', target: 1.5 }))[0].field).toBe('target');
    expect(await issues({ metric: 'wait_ms', target: -1 })).toEqual([
      { field: 'target', message: 'wait_ms is a time in milliseconds: the target must be ≥ 0' },
    ]);
    for (const [metric, target] of [
      ['csat', 1],
      ['csat', 5],
      ['nps', -100],
      ['nps', 100],
      ['ces', 7],
      ['negative_share', 0],
      ['duration_ms', 0],
    ] as const) {
      expect((await post({ metric, target })).status, `${metric} ${target}`).toBe(201);
    }

    expect(await issues({ metric: 'prop', target: 3, comparator: 'lte' })).toEqual([
      { field: 'prop', message: 'metric prop needs the name of the numeric property' },
    ]);
    expect(
      (await issues({ metric: 'prop', prop: 'queue length', target: 3, comparator: 'lte' }))[0].field,
    ).toBe('prop');
    expect(await issues({ metric: 'prop', prop: 'queue_length', target: 3 })).toEqual([
      { field: 'comparator', message: 'metric prop needs a comparator: lte or gte' },
    ]);
    expect(await issues({ metric: 'csat', prop: 'score', target: 4 })).toEqual([
      { field: 'prop', message: 'only metric prop takes a property; csat does not' },
    ]);
    expect((await issues({ metric: 'csat', target: 4, requiredShare: 1.2 }))[0].field).toBe('requiredShare');
    expect((await issues({ metric: 'csat', target: 4, requiredShare: -0.1 }))[0].field).toBe('requiredShare');
    expect((await issues({ metric: 'csat', target: '4' }))[0].field).toBe('target');
    expect((await issues({ metric: 'csat' }))[0]).toEqual({ field: 'target', message: 'is required' });
    expect((await issues({ metric: 'speed', target: 4 }))[0].field).toBe('metric');
    expect((await issues({ metric: 'csat', target: 4, comparator: 'eq' }))[0].field).toBe('comparator');
    expect((await issues({ metric: 'csat', target: 4, colour: 'red' }))[0]).toEqual({
      field: 'colour',
      message: 'unknown field',
    });
    expect((await issues({ metric: 'csat', target: 4, name: 'x'.repeat(201) }))[0].field).toBe('name');

    // A change is checked against the standard as it would be saved.
    const csat = (await post({ metric: 'csat', target: 4.5 })).body;
    const toShare = await owner.patch(`${base}/standards/${csat.id}`, {
      version: 1,
      metric: 'negative_share',
    });
    expect(toShare.status).toBe(400);
    expect(toShare.body.issues[0].field).toBe('target');
    const toNps = await owner.patch(`${base}/standards/${csat.id}`, {
      version: 1,
      metric: 'nps',
      target: 40,
    });
    expect(toNps.body).toMatchObject({ metric: 'nps', target: 40, version: 2 });
    const toProp = await owner.patch(`${base}/standards/${csat.id}`, { version: 2, metric: 'prop' });
    expect(toProp.body.issues).toEqual([
      { field: 'prop', message: 'metric prop needs the name of the numeric property' },
    ]);
  });

  it('rejects foreign ids and writes by a viewer', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    const theirs = await h().newWorkspace(viewer, 'Their company');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const mine = await touchpoint(owner, base, 'hotline');
    const theirTouchpoint = await touchpoint(viewer, theirs.base, 'hotline');
    const theirStandard = (
      await viewer.post(`${theirs.base}/standards`, {
        touchpointId: theirTouchpoint,
        name: 'Theirs',
        metric: 'csat',
        target: 4,
      })
    ).body;

    const foreign = await owner.post(`${base}/standards`, {
      touchpointId: theirTouchpoint,
      name: 'S',
      metric: 'csat',
      target: 4,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues).toEqual([
      { field: 'touchpointId', message: 'no such touchpoint in this workspace' },
    ]);
    expect((await owner.get(`${base}/standards/${theirStandard.id}`)).status).toBe(404);
    expect(
      (await owner.patch(`${base}/standards/${theirStandard.id}`, { version: 1, target: 5 })).status,
    ).toBe(404);
    expect((await owner.delete(`${base}/standards/${theirStandard.id}`)).status).toBe(404);
    expect((await owner.get(`${base}/standards?touchpointId=${theirTouchpoint}`)).body.total).toBe(0);

    const standard = (
      await owner.post(`${base}/standards`, { touchpointId: mine, name: 'S', metric: 'csat', target: 4 })
    ).body;
    const moved = await owner.patch(`${base}/standards/${standard.id}`, {
      version: 1,
      touchpointId: theirTouchpoint,
    });
    expect(moved.body.issues).toEqual([
      { field: 'touchpointId', message: 'no such touchpoint in this workspace' },
    ]);

    expect((await viewer.get(`${base}/standards`)).body.total).toBe(1);
    const write = { touchpointId: mine, name: 'V', metric: 'csat', target: 4 };
    expect((await viewer.post(`${base}/standards`, write)).status).toBe(403);
    expect((await viewer.patch(`${base}/standards/${standard.id}`, { version: 1, target: 5 })).status).toBe(
      403,
    );
    expect((await viewer.delete(`${base}/standards/${standard.id}`)).status).toBe(403);
    expect((await owner.get(`${base}/standards/${standard.id}`)).body.target).toBe(4);
  });
});
