import { expect, it } from 'vitest';
import { describeCatalog, type Reply } from '../catalog-harness.js';

const names = (r: Reply) => r.body.items.map((b: { name: string }) => b.name);

describeCatalog('brands', (h) => {
  it('starts with the own brand, adds competitors, updates with a version, deletes and audits', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner, 'Acme');
    const start = await owner.get(`${base}/brands`);
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ total: 1, items: [{ name: 'Acme', isOwn: true, website: '' }] });

    const created = await owner.post(`${base}/brands`, { name: 'Rival', website: 'https://rival.example' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Rival',
      website: 'https://rival.example',
      isOwn: false,
      version: 1,
    });
    await owner.post(`${base}/brands`, { name: 'Bolt' });

    expect(names(await owner.get(`${base}/brands`))).toEqual(['Acme', 'Bolt', 'Rival']);
    expect(names(await owner.get(`${base}/brands?sort=-name`))).toEqual(['Rival', 'Bolt', 'Acme']);
    expect(names(await owner.get(`${base}/brands?isOwn=false`))).toEqual(['Bolt', 'Rival']);
    expect(names(await owner.get(`${base}/brands?isOwn=true`))).toEqual(['Acme']);
    expect(names(await owner.get(`${base}/brands?q=rival.example`))).toEqual(['Rival']);
    const page = await owner.get(`${base}/brands?limit=1&offset=2`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 2, items: [{ name: 'Rival' }] });

    const id = created.body.id;
    const renamed = await owner.patch(`${base}/brands/${id}`, { version: 1, name: 'Rival Ltd', website: '' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Rival Ltd', website: '', version: 2 });
    const stale = await owner.patch(`${base}/brands/${id}`, { version: 1, name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    expect((await owner.delete(`${base}/brands/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/brands/${id}`)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=brand&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { name: 'Rival', website: 'https://rival.example' },
      after: { name: 'Rival Ltd', website: '' },
    });
  });

  it('keeps the own brand and brands in use, and names unique', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner, 'Acme');
    const own = (await owner.get(`${base}/brands?isOwn=true`)).body.items[0];
    const ownDelete = await owner.delete(`${base}/brands/${own.id}`);
    expect(ownDelete.status).toBe(409);
    expect(ownDelete.body.message).toBe(
      'the own brand of the workspace cannot be deleted; rename it instead',
    );
    const ownRenamed = await owner.patch(`${base}/brands/${own.id}`, { version: 1, name: 'Acme Group' });
    expect(ownRenamed.body).toMatchObject({ name: 'Acme Group', isOwn: true });
    const makeCompetitorOwn = await owner.patch(`${base}/brands/${own.id}`, { version: 2, isOwn: false });
    expect(makeCompetitorOwn.body.issues).toEqual([{ field: 'isOwn', message: 'unknown field' }]);

    const rival = (await owner.post(`${base}/brands`, { name: 'Rival' })).body;
    await owner.post(`${base}/touchpoints`, { key: 'rival-site', name: 'Rival website', brandId: rival.id });
    await owner.post(`${base}/touchpoints`, { key: 'rival-shop', name: 'Rival shop', brandId: rival.id });
    const inUse = await owner.delete(`${base}/brands/${rival.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'in_use', touchpointCount: 2 });
    expect(inUse.body.message).toBe(
      'brand "Rival" is used by 2 touchpoints; move them to another brand or delete them first',
    );
    expect((await owner.get(`${base}/brands/${rival.id}`)).status).toBe(200);

    const duplicate = await owner.post(`${base}/brands`, { name: 'Rival' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      field: 'name',
      message: 'a brand named "Rival" already exists in this workspace',
    });
    const clash = await owner.patch(`${base}/brands/${rival.id}`, { version: 1, name: 'Acme Group' });
    expect(clash.status).toBe(409);
    expect(clash.body.field).toBe('name');
  });

  it('rejects bad input, foreign ids and writes by a viewer', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    const theirs = await h().newWorkspace(viewer, 'Their company');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });

    const field = async (body: Record<string, unknown>) => {
      const res = await owner.post(`${base}/brands`, { name: 'N', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    expect(await field({ website: 'rival.example' })).toEqual(['website']);
    expect(await field({ website: 'ftp://rival.example' })).toEqual(['website']);
    expect(await field({ website: `https://${'x'.repeat(2000)}.example` })).toEqual(['website']);
    expect(await field({ website: 42 })).toEqual(['website']);
    expect(await field({ name: 'x'.repeat(201) })).toEqual(['name']);
    expect(await field({ isOwn: true })).toEqual(['isOwn']);
    expect((await owner.get(`${base}/brands?isOwn=1`)).body.issues[0].field).toBe('querystring.isOwn');

    const theirBrand = (await viewer.get(`${theirs.base}/brands`)).body.items[0];
    expect((await owner.get(`${base}/brands/${theirBrand.id}`)).status).toBe(404);
    expect((await owner.delete(`${base}/brands/${theirBrand.id}`)).status).toBe(404);
    expect((await viewer.get(`${theirs.base}/brands/${theirBrand.id}`)).status).toBe(200);

    const mine = (await owner.get(`${base}/brands`)).body.items[0];
    expect((await viewer.get(`${base}/brands`)).body.total).toBe(1);
    expect((await viewer.post(`${base}/brands`, { name: 'Rival' })).status).toBe(403);
    expect((await viewer.patch(`${base}/brands/${mine.id}`, { version: 1, name: 'X' })).status).toBe(403);
    expect((await viewer.delete(`${base}/brands/${mine.id}`)).status).toBe(403);
  });
});
