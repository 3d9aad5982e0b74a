import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('subjects', (h) => {
  it('creates, lists, filters, sorts, updates with a version and deletes', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const created = await owner.post(`${base}/subjects`, { kind: 'location', name: 'Main street store' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'location', name: 'Main street store', version: 1 });
    await owner.post(`${base}/subjects`, { kind: 'service', name: 'Delivery' });
    await owner.post(`${base}/subjects`, {
      kind: 'service',
      name: 'Assembly',
      description: 'Furniture assembly at home',
    });

    const all = await owner.get(`${base}/subjects?sort=-name`);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((s: { name: string }) => s.name)).toEqual([
      'Main street store',
      'Delivery',
      'Assembly',
    ]);
    const services = await owner.get(`${base}/subjects?kind=service&limit=1`);
    expect(services.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(services.body.items).toHaveLength(1);
    const search = await owner.get(`${base}/subjects?q=furniture`);
    expect(search.body.items.map((s: { name: string }) => s.name)).toEqual(['Assembly']);

    const id = created.body.id;
    const renamed = await owner.patch(`${base}/subjects/${id}`, { version: 1, name: 'Old town store' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Old town store', version: 2 });
    const stale = await owner.patch(`${base}/subjects/${id}`, { version: 1, name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    expect((await owner.delete(`${base}/subjects/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/subjects/${id}`)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=subject&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { name: 'Main street store' },
      after: { name: 'Old town store' },
    });
  });

  it('rejects bad input with 400 naming the field', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const unknown = await owner.post(`${base}/subjects`, { kind: 'location', name: 'A', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ field: 'colour', message: 'unknown field' }]);
    const wrongKind = await owner.post(`${base}/subjects`, { kind: 'planet', name: 'A' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.issues[0].field).toBe('kind');
    const long = await owner.post(`${base}/subjects`, { kind: 'other', name: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.issues[0]).toEqual({ field: 'name', message: 'must be at most 200 characters' });
    const missing = await owner.post(`${base}/subjects`, { kind: 'other' });
    expect(missing.body.issues).toEqual([{ field: 'name', message: 'is required' }]);
    const badSort = await owner.get(`${base}/subjects?sort=colour`);
    expect(badSort.status).toBe(400);
    expect(badSort.body.issues[0].field).toBe('querystring.sort');
  });
});
