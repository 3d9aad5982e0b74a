import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';
import { seedTouchpoints } from '../fixtures/seed-touchpoints.js';

describeCatalog('chains', (h) => {
  it('creates a chain with ordered links, lists, filters, replaces links with a version and deletes', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const tp = await seedTouchpoints(h(), ws, ['banner', 'website', 'form', 'call', 'sms']);
    const journey = (await owner.post(`${base}/journeys`, { name: 'Booking' })).body;
    const created = await owner.post(`${base}/chains`, {
      name: 'Online booking',
      journeyId: journey.id,
      links: [
        { touchpointId: tp.banner, role: 'initial' },
        { touchpointId: tp.website, role: 'middle' },
        { touchpointId: tp.form, role: 'middle' },
        { touchpointId: tp.call, role: 'final' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Online booking',
      description: '',
      journeyId: journey.id,
      nextChainId: null,
      windowDays: 30,
      version: 1,
    });
    expect(created.body.links).toEqual([
      {
        id: expect.any(String),
        position: 0,
        touchpointId: tp.banner,
        touchpointKey: 'banner',
        touchpointName: 'The banner',
        role: 'initial',
      },
      {
        id: expect.any(String),
        position: 1,
        touchpointId: tp.website,
        touchpointKey: 'website',
        touchpointName: 'The website',
        role: 'middle',
      },
      {
        id: expect.any(String),
        position: 2,
        touchpointId: tp.form,
        touchpointKey: 'form',
        touchpointName: 'The form',
        role: 'middle',
      },
      {
        id: expect.any(String),
        position: 3,
        touchpointId: tp.call,
        touchpointKey: 'call',
        touchpointName: 'The call',
        role: 'final',
      },
    ]);
    const draft = await owner.post(`${base}/chains`, {
      name: 'Referral',
      description: 'After the visit',
      windowDays: 90,
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ links: [], windowDays: 90, journeyId: null });
    const single = await owner.post(`${base}/chains`, {
      name: 'Walk-in',
      links: [{ touchpointId: tp.call, role: 'initial' }],
    });
    expect(single.status).toBe(201);

    expect((await owner.get(`${base}/chains/${created.body.id}`)).body).toEqual(created.body);
    const all = await owner.get(`${base}/chains?sort=-windowDays`);
    expect(all.body.total).toBe(3);
    expect(all.body.items[0].name).toBe('Referral');
    expect(all.body.items.find((c: { id: string }) => c.id === created.body.id).links).toHaveLength(4);
    const ofJourney = await owner.get(`${base}/chains?journeyId=${journey.id}`);
    expect(ofJourney.body.items.map((c: { name: string }) => c.name)).toEqual(['Online booking']);
    const search = await owner.get(`${base}/chains?q=visit`);
    expect(search.body.items.map((c: { name: string }) => c.name)).toEqual(['Referral']);
    const page = await owner.get(`${base}/chains?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((c: { name: string }) => c.name)).toEqual(['Referral']);

    const url = `${base}/chains/${created.body.id}`;
    const replaced = await owner.patch(url, {
      version: 1,
      name: 'Booking by phone',
      windowDays: 14,
      nextChainId: draft.body.id,
      links: [
        { touchpointId: tp.website, role: 'initial' },
        { touchpointId: tp.call, role: 'middle' },
        { touchpointId: tp.sms, role: 'final' },
      ],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      name: 'Booking by phone',
      windowDays: 14,
      nextChainId: draft.body.id,
      version: 2,
    });
    expect(
      replaced.body.links.map((l: { touchpointKey: string; role: string }) => [l.touchpointKey, l.role]),
    ).toEqual([
      ['website', 'initial'],
      ['call', 'middle'],
      ['sms', 'final'],
    ]);
    const renamed = await owner.patch(url, { version: 2, description: 'Phone bookings' });
    expect(renamed.body.links).toEqual(replaced.body.links);
    const stale = await owner.patch(url, { version: 2, links: [] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 3 });
    expect((await owner.get(url)).body.links).toHaveLength(3);
    const cleared = await owner.patch(url, { version: 3, links: [], journeyId: null, nextChainId: null });
    expect(cleared.body).toMatchObject({ links: [], journeyId: null, nextChainId: null, version: 4 });

    expect((await owner.delete(url)).status).toBe(204);
    expect((await owner.get(url)).status).toBe(404);
    const log = await owner.get(`${base}/audit-log?entityType=chain&entityId=${created.body.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'update',
      'update',
      'create',
    ]);
    expect(log.body.items[3]).toMatchObject({
      actorUserId: owner.userId,
      before: { name: 'Online booking', links: [{ touchpointKey: 'banner' }, {}, {}, {}] },
      after: { name: 'Booking by phone', links: [{ touchpointKey: 'website' }, {}, {}] },
    });
  });

  it('enforces the link rules, naming the link at fault', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other company');
    const tp = await seedTouchpoints(h(), ws, ['a', 'b', 'c']);
    const foreign = await seedTouchpoints(h(), other.id, ['x']);
    const foreignJourney = (await owner.post(`${other.base}/journeys`, { name: 'Theirs' })).body;
    const issues = async (body: Record<string, unknown>) => {
      const res = await owner.post(`${base}/chains`, { name: 'Chain', ...body });
      expect(res.status).toBe(400);
      return res.body.issues;
    };
    const links = (...pairs: [string, string][]) =>
      pairs.map(([touchpointId, role]) => ({ touchpointId, role }));

    expect(await issues({ links: links([tp.a as string, 'middle'], [tp.b as string, 'final']) })).toEqual([
      { field: 'links.0.role', message: 'the first link must be the initial link' },
    ]);
    expect(await issues({ links: links([tp.a as string, 'initial'], [tp.b as string, 'initial']) })).toEqual([
      { field: 'links.1.role', message: 'only the first link can be the initial link' },
    ]);
    expect(
      await issues({
        links: links([tp.a as string, 'initial'], [tp.b as string, 'final'], [tp.c as string, 'middle']),
      }),
    ).toEqual([{ field: 'links.1.role', message: 'only the last link can be the final link' }]);
    expect(
      await issues({
        links: links([tp.a as string, 'initial'], [tp.b as string, 'final'], [tp.c as string, 'final']),
      }),
    ).toEqual([{ field: 'links.1.role', message: 'only the last link can be the final link' }]);
    expect(
      await issues({ links: links([tp.a as string, 'initial'], [foreign.x as string, 'final']) }),
    ).toEqual([{ field: 'links.1.touchpointId', message: 'no such touchpoint in this workspace' }]);
    expect(
      await issues({
        links: links([tp.a as string, 'initial'], [tp.b as string, 'middle'], [tp.a as string, 'final']),
      }),
    ).toEqual([
      {
        field: 'links.2.touchpointId',
        message: 'the touchpoint is already links.0; a chain passes a touchpoint once',
      },
    ]);
    // Every issue of the body is reported at once.
    const several = await issues({
      journeyId: foreignJourney.id,
      links: links([tp.a as string, 'final'], [foreign.x as string, 'middle']),
    });
    expect(several.map((i: { field: string }) => i.field).sort()).toEqual([
      'journeyId',
      'links.0.role',
      'links.0.role',
      'links.1.touchpointId',
    ]);
    expect(await issues({ links: links(['not-a-uuid', 'initial']) })).toEqual([
      { field: 'links.0.touchpointId', message: 'must be a UUID' },
    ]);
    expect((await issues({ links: links([tp.a as string, 'first']) }))[0].field).toBe('links.0.role');
    const tooMany = Array.from({ length: 101 }, () => ({ touchpointId: tp.a, role: 'middle' }));
    expect(await issues({ links: tooMany })).toEqual([
      { field: 'links', message: 'a chain has at most 100 links' },
    ]);
    expect(await issues({ windowDays: 0 })).toEqual([
      { field: 'windowDays', message: 'must be between 1 and 3650' },
    ]);
    expect((await issues({ windowDays: 3651 }))[0].field).toBe('windowDays');
    expect(await issues({ journeyId: foreignJourney.id })).toEqual([
      { field: 'journeyId', message: 'no such journey in this workspace' },
    ]);
    expect((await owner.get(`${base}/chains`)).body.total).toBe(0);

    // The same rules hold when a PATCH replaces the links; nothing is saved on refusal.
    const chain = (
      await owner.post(`${base}/chains`, { name: 'Ok', links: links([tp.a as string, 'initial']) })
    ).body;
    const bad = await owner.patch(`${base}/chains/${chain.id}`, {
      version: 1,
      name: 'Renamed',
      links: links([tp.b as string, 'initial'], [tp.b as string, 'final']),
    });
    expect(bad.body.issues).toEqual([
      {
        field: 'links.1.touchpointId',
        message: 'the touchpoint is already links.0; a chain passes a touchpoint once',
      },
    ]);
    const unchanged = (await owner.get(`${base}/chains/${chain.id}`)).body;
    expect(unchanged).toMatchObject({ name: 'Ok', version: 1 });
    expect(unchanged.links.map((l: { touchpointId: string }) => l.touchpointId)).toEqual([tp.a]);
  });

  it('continues into a next chain of the workspace, never in a loop', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other company');
    const theirs = (await owner.post(`${other.base}/chains`, { name: 'Theirs' })).body;
    const a = (await owner.post(`${base}/chains`, { name: 'Sale' })).body;
    const b = (await owner.post(`${base}/chains`, { name: 'Review request', nextChainId: null })).body;
    const c = (await owner.post(`${base}/chains`, { name: 'Referral' })).body;

    const self = await owner.patch(`${base}/chains/${a.id}`, { version: 1, nextChainId: a.id });
    expect(self.status).toBe(400);
    expect(self.body.issues).toEqual([
      { field: 'nextChainId', message: 'a chain cannot continue into itself' },
    ]);
    const foreign = await owner.post(`${base}/chains`, { name: 'X', nextChainId: theirs.id });
    expect(foreign.body.issues).toEqual([
      { field: 'nextChainId', message: 'no such chain in this workspace' },
    ]);

    expect((await owner.patch(`${base}/chains/${a.id}`, { version: 1, nextChainId: b.id })).status).toBe(200);
    expect((await owner.patch(`${base}/chains/${b.id}`, { version: 1, nextChainId: c.id })).status).toBe(200);
    const loop = await owner.patch(`${base}/chains/${c.id}`, { version: 1, nextChainId: a.id });
    expect(loop.status).toBe(400);
    expect(loop.body.issues).toEqual([
      { field: 'nextChainId', message: 'this continuation would lead back to this chain (a loop of chains)' },
    ]);
    const shortLoop = await owner.patch(`${base}/chains/${b.id}`, { version: 2, nextChainId: a.id });
    expect(shortLoop.body.issues[0].field).toBe('nextChainId');
    // A new chain can join the end of the line.
    const d = await owner.post(`${base}/chains`, { name: 'Repeat sale', nextChainId: a.id });
    expect(d.status).toBe(201);

    // Deleting b leaves a without continuation: a's version moves on and the change is audited.
    expect((await owner.delete(`${base}/chains/${b.id}`)).status).toBe(204);
    const orphan = (await owner.get(`${base}/chains/${a.id}`)).body;
    expect(orphan).toMatchObject({ nextChainId: null, version: 3 });
    const log = await owner.get(`${base}/audit-log?entityType=chain&entityId=${a.id}`);
    expect(log.body.items[0]).toMatchObject({
      action: 'update',
      actorUserId: owner.userId,
      before: { nextChainId: b.id, version: 2 },
      after: { nextChainId: null, version: 3 },
    });
    const deleted = await owner.get(`${base}/audit-log?entityType=chain&entityId=${b.id}`);
    expect(deleted.body.items[0]).toMatchObject({ action: 'delete', before: { name: 'Review request' } });
    // Now c may continue into a.
    expect((await owner.patch(`${base}/chains/${c.id}`, { version: 1, nextChainId: a.id })).status).toBe(200);
  });

  it('hides other workspaces and refuses writes to viewers', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    expect((await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' })).status).toBe(201);
    const stranger = await h().signUp('stranger');
    const foreign = await h().newWorkspace(stranger, 'Foreign');
    const theirs = (await stranger.post(`${foreign.base}/chains`, { name: 'Theirs' })).body;

    expect((await owner.get(`${base}/chains/${theirs.id}`)).status).toBe(404);
    expect((await owner.patch(`${base}/chains/${theirs.id}`, { version: 1, name: 'Mine' })).status).toBe(404);
    expect((await owner.delete(`${base}/chains/${theirs.id}`)).status).toBe(404);
    expect((await owner.get(`${foreign.base}/chains`)).status).toBe(404);
    expect((await stranger.get(`${foreign.base}/chains/${theirs.id}`)).body.version).toBe(1);

    const chain = (await owner.post(`${base}/chains`, { name: 'Ours' })).body;
    expect((await viewer.get(`${base}/chains/${chain.id}`)).status).toBe(200);
    expect((await viewer.get(`${base}/chains`)).body.total).toBe(1);
    const refused = await viewer.post(`${base}/chains`, { name: 'Nope' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await viewer.patch(`${base}/chains/${chain.id}`, { version: 1, name: 'Nope' })).status).toBe(403);
    expect((await viewer.delete(`${base}/chains/${chain.id}`)).status).toBe(403);
    expect((await owner.get(`${base}/chains/${chain.id}`)).body).toMatchObject({ name: 'Ours', version: 1 });
    const unknown = await owner.patch(`${base}/chains/${chain.id}`, { name: 'No version' });
    expect(unknown.body.issues).toEqual([{ field: 'version', message: 'is required' }]);
  });
});
