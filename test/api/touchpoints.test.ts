import { expect, it } from 'vitest';
import { chainLinks, chains } from '../../src/store/catalog/schema.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

interface Item {
  id: string;
  key: string;
}

const keys = (r: Reply) => r.body.items.map((t: Item) => t.key);

/** The id of a channel of the workspace by key (channels are seeded with every workspace). */
async function channelId(client: Client, base: string, key: string): Promise<string> {
  const res = await client.get(`${base}/channels?limit=100`);
  const channel = res.body.items.find((c: Item) => c.key === key);
  if (!channel) throw new Error(`no channel ${key}`);
  return channel.id;
}

describeCatalog('touchpoints', (h) => {
  it('creates with defaults, reads, updates with a version, deletes, and audits each change', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const own = (await owner.get(`${base}/brands?isOwn=true`)).body.items[0];

    const created = await owner.post(`${base}/touchpoints`, { key: 'website', name: 'Website' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'website',
      name: 'Website',
      description: '',
      brandId: own.id,
      subjectId: null,
      parentId: null,
      channelId: null,
      direction: 'both',
      stage: null,
      online: true,
      attention: null,
      lifetime: null,
      controllable: true,
      priority: 3,
      ownerUserId: null,
      status: 'active',
      tags: [],
      brandedMaterial: '',
      version: 1,
    });

    // Without `online`, a touchpoint takes it from its channel: the phone is offline.
    const phone = await channelId(owner, base, 'phone');
    const hotline = await owner.post(`${base}/touchpoints`, {
      key: 'hotline',
      name: 'Hotline',
      channelId: phone,
    });
    expect(hotline.body).toMatchObject({ channelId: phone, online: false });

    const subject = await owner.post(`${base}/subjects`, { kind: 'service', name: 'Support' });
    const full = {
      key: 'call-centre.greeting',
      name: 'Greeting',
      description: 'The first words of the operator',
      subjectId: subject.body.id,
      parentId: hotline.body.id,
      channelId: phone,
      direction: 'in',
      stage: 'post_purchase',
      online: false,
      attention: 'short',
      lifetime: 'recurring',
      controllable: false,
      priority: 5,
      ownerUserId: owner.userId,
      status: 'planned',
      tags: ['voice', ' script ', 'voice', 'script'],
      brandedMaterial: 'Greeting script v2',
    };
    const greeting = await owner.post(`${base}/touchpoints`, full);
    expect(greeting.status).toBe(201);
    expect(greeting.body).toMatchObject({ ...full, tags: ['voice', 'script'], brandId: own.id });

    const id = greeting.body.id;
    expect((await owner.get(`${base}/touchpoints/${id}`)).body).toEqual(greeting.body);

    const changed = await owner.patch(`${base}/touchpoints/${id}`, {
      version: 1,
      name: 'Operator greeting',
      stage: null,
      parentId: null,
      ownerUserId: null,
      tags: [],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Operator greeting',
      stage: null,
      parentId: null,
      ownerUserId: null,
      tags: [],
      key: 'call-centre.greeting',
      version: 2,
    });
    const stale = await owner.patch(`${base}/touchpoints/${id}`, { version: 1, name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await owner.get(`${base}/touchpoints/${id}`)).body.name).toBe('Operator greeting');

    expect((await owner.delete(`${base}/touchpoints/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/touchpoints/${id}`)).status).toBe(404);
    expect((await owner.delete(`${base}/touchpoints/${id}`)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=touchpoint&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { name: 'Greeting', stage: 'post_purchase' },
      after: { name: 'Operator greeting', stage: null },
    });
  });

  it('keeps keys unique per workspace and slug-shaped', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other company');
    await owner.post(`${base}/touchpoints`, { key: 'website', name: 'Website' });
    const second = await owner.post(`${base}/touchpoints`, { key: 'chat', name: 'Chat' });

    const duplicate = await owner.post(`${base}/touchpoints`, { key: 'website', name: 'Another website' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ field: 'key' });
    expect(duplicate.body.message).toContain('"website" already exists');
    const renamed = await owner.patch(`${base}/touchpoints/${second.body.id}`, {
      version: 1,
      key: 'website',
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.field).toBe('key');
    // The same key in another workspace is fine.
    expect((await owner.post(`${other.base}/touchpoints`, { key: 'website', name: 'Website' })).status).toBe(
      201,
    );

    for (const key of ['Web Site', 'UPPER', '-dash-first', '', 'x'.repeat(129)]) {
      const bad = await owner.post(`${base}/touchpoints`, { key, name: 'Bad' });
      expect(bad.status, key).toBe(400);
      expect(bad.body.issues[0].field).toBe('key');
    }
    const missing = await owner.post(`${base}/touchpoints`, { name: 'No key' });
    expect(missing.body.issues).toEqual([{ field: 'key', message: 'is required' }]);
  });

  it('keeps composite touchpoints a tree and lists children', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const a = (await owner.post(`${base}/touchpoints`, { key: 'a', name: 'Call centre' })).body;
    const b = (await owner.post(`${base}/touchpoints`, { key: 'b', name: 'Operator', parentId: a.id })).body;
    const c = (await owner.post(`${base}/touchpoints`, { key: 'c', name: 'Greeting', parentId: b.id })).body;
    await owner.post(`${base}/touchpoints`, { key: 'b2', name: 'Hold music', parentId: a.id });

    const cycle = await owner.patch(`${base}/touchpoints/${a.id}`, { version: 1, parentId: c.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.issues).toEqual([
      {
        field: 'parentId',
        message: 'would close a cycle: the new parent is this touchpoint or one of its descendants',
      },
    ]);
    const self = await owner.patch(`${base}/touchpoints/${a.id}`, { version: 1, parentId: a.id });
    expect(self.body.issues).toEqual([
      { field: 'parentId', message: 'a touchpoint cannot be its own parent' },
    ]);
    const nowhere = await owner.post(`${base}/touchpoints`, {
      key: 'd',
      name: 'Orphan',
      parentId: crypto.randomUUID(),
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.issues[0]).toEqual({
      field: 'parentId',
      message: 'no such touchpoint in this workspace',
    });

    // Moving a subtree elsewhere is fine: c goes up directly under a.
    const moved = await owner.patch(`${base}/touchpoints/${c.id}`, { version: 1, parentId: a.id });
    expect(moved.status).toBe(200);

    const children = await owner.get(`${base}/touchpoints/${a.id}/children?sort=key`);
    expect(children.status).toBe(200);
    expect(keys(children)).toEqual(['b', 'b2', 'c']);
    expect(children.body.total).toBe(3);
    expect(keys(await owner.get(`${base}/touchpoints/${b.id}/children`))).toEqual([]);
    expect((await owner.get(`${base}/touchpoints/${crypto.randomUUID()}/children`)).status).toBe(404);
    expect(keys(await owner.get(`${base}/touchpoints?parentId=${a.id}&sort=-key`))).toEqual(['c', 'b2', 'b']);
    expect(keys(await owner.get(`${base}/touchpoints?root=true`))).toEqual(['a']);
    expect(keys(await owner.get(`${base}/touchpoints?root=false&sort=key`))).toEqual(['b', 'b2', 'c']);

    const refused = await owner.delete(`${base}/touchpoints/${a.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'in_use', childCount: 3 });
    expect(refused.body.message).toBe(
      'touchpoint "a" has 3 child touchpoints; move them to another parent or delete them first',
    );
    expect((await owner.get(`${base}/touchpoints/${a.id}`)).status).toBe(200);
  });

  it('refuses to delete a chain link, and deletes a touchpoint together with its standards', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const banner = (await owner.post(`${base}/touchpoints`, { key: 'banner', name: 'Banner' })).body;
    const form = (await owner.post(`${base}/touchpoints`, { key: 'form', name: 'Question form' })).body;
    const chainId = crypto.randomUUID();
    await h().catalog.db.insert(chains).values({ id: chainId, workspaceId, name: 'Online lead' });
    await h().catalog.db.insert(chainLinks).values({
      id: crypto.randomUUID(),
      workspaceId,
      chainId,
      position: 0,
      touchpointId: banner.id,
      role: 'initial',
    });

    const refused = await owner.delete(`${base}/touchpoints/${banner.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'in_use', chains: [{ id: chainId, name: 'Online lead' }] });
    expect(refused.body.message).toBe(
      'touchpoint "banner" is a link of chain "Online lead"; remove it from that chain first',
    );

    const standard = await owner.post(`${base}/standards`, {
      touchpointId: form.id,
      name: 'Answered within 10 minutes',
      metric: 'response_ms',
      target: 600_000,
    });
    expect(standard.status).toBe(201);
    expect((await owner.delete(`${base}/touchpoints/${form.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/standards/${standard.body.id}`)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=standard&entityId=${standard.body.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
  });

  it('accepts only references into the same workspace', async () => {
    const owner = await h().signUp('owner');
    const stranger = await h().signUp('stranger');
    const { base } = await h().newWorkspace(owner);
    const theirs = await h().newWorkspace(stranger, 'Their company');
    const theirTouchpoint = (await stranger.post(`${theirs.base}/touchpoints`, { key: 'x', name: 'X' })).body;
    const theirChannel = await channelId(stranger, theirs.base, 'website');
    const theirBrand = (await stranger.get(`${theirs.base}/brands`)).body.items[0].id;
    const theirSubject = (await stranger.post(`${theirs.base}/subjects`, { kind: 'product', name: 'P' })).body
      .id;

    // Their touchpoint under my workspace's URL does not exist for me.
    const url = `${base}/touchpoints/${theirTouchpoint.id}`;
    expect((await owner.get(url)).status).toBe(404);
    expect((await owner.patch(url, { version: 1, name: 'Mine now' })).status).toBe(404);
    expect((await owner.delete(url)).status).toBe(404);
    expect((await owner.get(`${url}/children`)).status).toBe(404);
    expect((await stranger.get(`${theirs.base}/touchpoints/${theirTouchpoint.id}`)).body.name).toBe('X');

    const foreign = await owner.post(`${base}/touchpoints`, {
      key: 'mine',
      name: 'Mine',
      channelId: theirChannel,
      brandId: theirBrand,
      subjectId: theirSubject,
      parentId: theirTouchpoint.id,
      ownerUserId: stranger.userId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues).toEqual([
      { field: 'brandId', message: 'no such brand in this workspace' },
      { field: 'subjectId', message: 'no such subject in this workspace' },
      { field: 'channelId', message: 'no such channel in this workspace' },
      { field: 'ownerUserId', message: 'the owner must be a member of this workspace' },
      { field: 'parentId', message: 'no such touchpoint in this workspace' },
    ]);

    const mine = (await owner.post(`${base}/touchpoints`, { key: 'mine', name: 'Mine' })).body;
    const patched = await owner.patch(`${base}/touchpoints/${mine.id}`, {
      version: 1,
      channelId: theirChannel,
    });
    expect(patched.status).toBe(400);
    expect(patched.body.issues).toEqual([
      { field: 'channelId', message: 'no such channel in this workspace' },
    ]);
    const notUuid = await owner.patch(`${base}/touchpoints/${mine.id}`, { version: 1, channelId: 'website' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.issues[0]).toEqual({ field: 'channelId', message: 'must be a UUID' });

    // Once the stranger is a member, they can own touchpoints here.
    expect((await owner.post(`${base}/members`, { email: stranger.email, role: 'editor' })).status).toBe(201);
    const owned = await owner.patch(`${base}/touchpoints/${mine.id}`, {
      version: 1,
      ownerUserId: stranger.userId,
    });
    expect(owned.status).toBe(200);
    expect(owned.body.ownerUserId).toBe(stranger.userId);
  });

  it('filters by every field, searches, sorts and pages', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const website = await channelId(owner, base, 'website');
    const phone = await channelId(owner, base, 'phone');
    const rival = (await owner.post(`${base}/brands`, { name: 'Rival' })).body.id;
    const shop = (await owner.post(`${base}/subjects`, { kind: 'location', name: 'Shop' })).body.id;
    const make = (body: Record<string, unknown>) => owner.post(`${base}/touchpoints`, body);
    const home = (
      await make({
        key: 'home',
        name: 'Home page',
        description: 'Landing page with the price calculator',
        channelId: website,
        direction: 'in',
        stage: 'information_search',
        priority: 5,
        tags: ['web', 'seo'],
        ownerUserId: owner.userId,
      })
    ).body;
    await make({
      key: 'home.calculator',
      name: 'Calculator',
      parentId: home.id,
      channelId: website,
      stage: 'comparison',
      priority: 4,
      tags: ['web'],
    });
    await make({
      key: 'callback',
      name: 'Call back',
      channelId: phone,
      direction: 'out',
      stage: 'purchase',
      priority: 2,
      subjectId: shop,
      status: 'planned',
    });
    await make({
      key: 'rival-site',
      name: 'Rival website',
      brandId: rival,
      channelId: website,
      stage: 'need_recognition',
      priority: 1,
      status: 'retired',
    });
    await make({ key: 'flyer', name: 'Flyer', online: false, priority: 3 });

    const list = (query: string) => owner.get(`${base}/touchpoints?${query}`).then(keys);
    expect(await list('sort=key')).toEqual(['callback', 'flyer', 'home', 'home.calculator', 'rival-site']);
    expect(await list('stage=comparison')).toEqual(['home.calculator']);
    expect(await list('channel=website&sort=key')).toEqual(['home', 'home.calculator', 'rival-site']);
    expect(await list(`channelId=${phone}`)).toEqual(['callback']);
    expect(await list('channel=no-such-channel')).toEqual([]);
    expect(await list('direction=out')).toEqual(['callback']);
    expect(await list(`subjectId=${shop}`)).toEqual(['callback']);
    expect(await list(`brandId=${rival}`)).toEqual(['rival-site']);
    expect(await list('status=planned')).toEqual(['callback']);
    expect(await list('status=retired')).toEqual(['rival-site']);
    expect(await list('tag=web&sort=key')).toEqual(['home', 'home.calculator']);
    expect(await list('tag=seo')).toEqual(['home']);
    expect(await list(`parentId=${home.id}`)).toEqual(['home.calculator']);
    expect(await list(`ownerUserId=${owner.userId}`)).toEqual(['home']);
    expect(await list('online=false&sort=key')).toEqual(['callback', 'flyer']);
    expect(await list('online=true&channel=website&root=true&sort=key')).toEqual(['home', 'rival-site']);
    expect(await list('q=CALCULATOR&sort=key')).toEqual(['home', 'home.calculator']);
    expect(await list('q=rival')).toEqual(['rival-site']);
    // `_` and `%` are searched for literally, not as LIKE wildcards.
    expect(await list('q=_')).toEqual([]);
    expect(await list('q=%25')).toEqual([]);

    expect(await list('sort=-priority')).toEqual([
      'home',
      'home.calculator',
      'flyer',
      'callback',
      'rival-site',
    ]);
    // Stages sort in journey order (need recognition first), touchpoints without a stage last.
    expect(await list('sort=stage')).toEqual(['rival-site', 'home', 'home.calculator', 'callback', 'flyer']);
    expect(await list('sort=status&limit=2')).toEqual(['callback', expect.any(String)]);
    expect((await list('sort=-status'))[0]).toBe('rival-site');
    expect(await list('sort=name')).toEqual(['home.calculator', 'callback', 'flyer', 'home', 'rival-site']);

    const page = await owner.get(`${base}/touchpoints?sort=key&limit=2&offset=2`);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(keys(page)).toEqual(['home', 'home.calculator']);
    const filteredPage = await owner.get(`${base}/touchpoints?channel=website&sort=key&limit=1&offset=1`);
    expect(filteredPage.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(keys(filteredPage)).toEqual(['home.calculator']);
    const past = await owner.get(`${base}/touchpoints?offset=10`);
    expect(past.body).toMatchObject({ items: [], total: 5 });
  });

  it('rejects bad input with 400 naming the field', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const post = (body: Record<string, unknown>) =>
      owner.post(`${base}/touchpoints`, { key: 'k', name: 'N', ...body });
    const field = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    expect((await post({ colour: 'red' })).body.issues).toEqual([
      { field: 'colour', message: 'unknown field' },
    ]);
    expect(await field({ priority: 'high' })).toEqual(['priority']);
    expect(await field({ priority: 6 })).toEqual(['priority']);
    expect(await field({ priority: 2.5 })).toEqual(['priority']);
    expect(await field({ direction: 'sideways' })).toEqual(['direction']);
    expect(await field({ stage: 'loyalty' })).toEqual(['stage']);
    expect(await field({ status: 'deleted' })).toEqual(['status']);
    expect(await field({ attention: 'medium' })).toEqual(['attention']);
    expect(await field({ lifetime: 'forever' })).toEqual(['lifetime']);
    expect(await field({ online: 'yes' })).toEqual(['online']);
    expect(await field({ name: 'x'.repeat(201) })).toEqual(['name']);
    expect(await field({ name: '   ' })).toEqual(['name']);
    expect(await field({ description: 'x'.repeat(5001) })).toEqual(['description']);
    expect(await field({ brandedMaterial: 'x'.repeat(2001) })).toEqual(['brandedMaterial']);
    expect(await field({ brandId: null })).toEqual(['brandId']);
    expect(await field({ tags: 'web' })).toEqual(['tags']);
    expect(await field({ tags: ['x'.repeat(51)] })).toEqual(['tags.0']);
    expect(await field({ tags: ['ok', ''] })).toEqual(['tags.1']);
    expect(await field({ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })).toEqual(['tags']);
    expect((await post({ tags: Array.from({ length: 30 }, (_, i) => `t${i}`) })).status).toBe(201);

    const tp = (await owner.get(`${base}/touchpoints`)).body.items[0];
    const noVersion = await owner.patch(`${base}/touchpoints/${tp.id}`, { name: 'New' });
    expect(noVersion.body.issues).toEqual([{ field: 'version', message: 'is required' }]);
    const readOnly = await owner.patch(`${base}/touchpoints/${tp.id}`, {
      version: 1,
      id: crypto.randomUUID(),
    });
    expect(readOnly.body.issues).toEqual([{ field: 'id', message: 'unknown field' }]);

    for (const query of [
      'sort=colour',
      'limit=0',
      'limit=501',
      'online=maybe',
      'stage=x',
      'parentId=1',
      'zz=1',
    ]) {
      const res = await owner.get(`${base}/touchpoints?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.issues[0].field).toBe(`querystring.${query.split('=')[0]}`);
    }
    expect((await owner.get(`${base}/touchpoints/not-a-uuid`)).status).toBe(400);
  });

  it('lets a viewer read but not write', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    expect((await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' })).status).toBe(201);
    const tp = (await owner.post(`${base}/touchpoints`, { key: 'website', name: 'Website' })).body;

    expect((await viewer.get(`${base}/touchpoints`)).body.total).toBe(1);
    expect((await viewer.get(`${base}/touchpoints/${tp.id}`)).status).toBe(200);
    expect((await viewer.get(`${base}/touchpoints/${tp.id}/children`)).status).toBe(200);
    const create = await viewer.post(`${base}/touchpoints`, { key: 'chat', name: 'Chat' });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe('your role viewer can only read this workspace');
    expect((await viewer.patch(`${base}/touchpoints/${tp.id}`, { version: 1, name: 'X' })).status).toBe(403);
    expect((await viewer.delete(`${base}/touchpoints/${tp.id}`)).status).toBe(403);
    expect((await owner.get(`${base}/touchpoints/${tp.id}`)).body).toMatchObject({
      name: 'Website',
      version: 1,
    });
    expect((await h().anonymous.get(`${base}/touchpoints`)).status).toBe(401);
  });
});
