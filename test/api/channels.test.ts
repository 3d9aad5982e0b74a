import { expect, it } from 'vitest';
import { DEFAULT_CHANNELS } from '../../src/domain/vocabulary.js';
import { describeCatalog, type Reply } from '../catalog-harness.js';

interface Channel {
  id: string;
  key: string;
  online: boolean;
}

const keys = (r: Reply) => r.body.items.map((c: Channel) => c.key);

describeCatalog('channels', (h) => {
  it('seeds the 19 reference channels, filters, searches and sorts them', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const all = await owner.get(`${base}/channels?limit=100&sort=key`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(19);
    expect(keys(all)).toEqual(DEFAULT_CHANNELS.map((c) => c.key).sort());
    expect(all.body.items.every((c: { builtin: boolean }) => c.builtin)).toBe(true);
    expect(all.body.items.find((c: Channel) => c.key === 'phone')).toMatchObject({
      name: 'Phone / call centre',
      online: false,
      version: 1,
    });

    const offline = await owner.get(`${base}/channels?online=false&sort=key`);
    expect(keys(offline)).toEqual(['event', 'in_person', 'phone', 'post', 'premises', 'printed', 'signage']);
    expect((await owner.get(`${base}/channels?online=true`)).body.total).toBe(12);
    expect((await owner.get(`${base}/channels?builtin=false`)).body.total).toBe(0);
    expect(keys(await owner.get(`${base}/channels?q=centre`))).toEqual(['phone']);
    expect(keys(await owner.get(`${base}/channels?q=_ad&sort=-key`))).toEqual(['context_ad', 'banner_ad']);
    const page = await owner.get(`${base}/channels?sort=-key&limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: 19, limit: 2, offset: 1 });
    expect(keys(page)).toEqual(['social_media', 'sms']);
  });

  it('adds, changes and deletes an own channel, and audits each change', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const created = await owner.post(`${base}/channels`, { key: 'kiosk', name: 'Kiosk', online: false });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'kiosk',
      name: 'Kiosk',
      online: false,
      builtin: false,
      version: 1,
    });
    const id = created.body.id;
    expect(keys(await owner.get(`${base}/channels?builtin=false`))).toEqual(['kiosk']);
    expect((await owner.post(`${base}/channels`, { key: 'qr', name: 'QR code' })).body.online).toBe(true);

    const changed = await owner.patch(`${base}/channels/${id}`, {
      version: 1,
      key: 'self_service_kiosk',
      name: 'Self-service kiosk',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ key: 'self_service_kiosk', name: 'Self-service kiosk', version: 2 });
    const stale = await owner.patch(`${base}/channels/${id}`, { version: 1, online: true });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    // A touchpoint on a deleted channel stays, without channel.
    const tp = await owner.post(`${base}/touchpoints`, { key: 'kiosk-menu', name: 'Menu', channelId: id });
    expect(tp.body).toMatchObject({ channelId: id, online: false });
    expect((await owner.delete(`${base}/channels/${id}`)).status).toBe(204);
    expect((await owner.get(`${base}/channels/${id}`)).status).toBe(404);
    expect((await owner.get(`${base}/touchpoints/${tp.body.id}`)).body.channelId).toBeNull();

    const log = await owner.get(`${base}/audit-log?entityType=channel&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { key: 'kiosk' },
      after: { key: 'self_service_kiosk' },
    });
  });

  it('keeps keys unique and slug-shaped', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const builtinClash = await owner.post(`${base}/channels`, { key: 'website', name: 'Our site' });
    expect(builtinClash.status).toBe(409);
    expect(builtinClash.body).toMatchObject({
      field: 'key',
      message: 'a channel with key "website" already exists in this workspace',
    });
    const kiosk = (await owner.post(`${base}/channels`, { key: 'kiosk', name: 'Kiosk' })).body;
    const qr = (await owner.post(`${base}/channels`, { key: 'qr', name: 'QR' })).body;
    const clash = await owner.patch(`${base}/channels/${qr.id}`, { version: 1, key: 'kiosk' });
    expect(clash.status).toBe(409);
    expect(clash.body.field).toBe('key');
    // Saving a channel with its own key is no clash.
    expect((await owner.patch(`${base}/channels/${kiosk.id}`, { version: 1, key: 'kiosk' })).status).toBe(
      200,
    );
    for (const key of ['Kiosk', 'self service', '.hidden']) {
      const bad = await owner.post(`${base}/channels`, { key, name: 'Bad' });
      expect(bad.status, key).toBe(400);
      expect(bad.body.issues[0].field).toBe('key');
    }
  });

  it('lets built-in channels be renamed but not re-keyed or deleted', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const phone = (await owner.get(`${base}/channels?q=phone`)).body.items[0];
    const renamed = await owner.patch(`${base}/channels/${phone.id}`, { version: 1, name: 'Call centre' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      key: 'phone',
      name: 'Call centre',
      customName: 'Call centre',
      builtin: true,
      version: 2,
    });
    // Search and sort go by the name shown: the custom one, else the default.
    expect(keys(await owner.get(`${base}/channels?q=call`))).toEqual(['phone']);
    expect(keys(await owner.get(`${base}/channels?sort=name&limit=4`))).toEqual([
      'banner_ad',
      'phone',
      'chat',
      'context_ad',
    ]);

    const rekey = await owner.patch(`${base}/channels/${phone.id}`, { version: 2, key: 'call_centre' });
    expect(rekey.status).toBe(409);
    expect(rekey.body).toMatchObject({ field: 'key' });
    expect(rekey.body.message).toContain('built-in channel "phone"');
    const same = await owner.patch(`${base}/channels/${phone.id}`, {
      version: 2,
      key: 'phone',
      online: true,
    });
    expect(same.status).toBe(200);

    const del = await owner.delete(`${base}/channels/${phone.id}`);
    expect(del.status).toBe(409);
    expect(del.body.message).toBe('built-in channel "phone" cannot be deleted; it can be renamed');
    expect((await owner.get(`${base}/channels/${phone.id}`)).status).toBe(200);
    const builtinUpdate = await owner.patch(`${base}/channels/${phone.id}`, { version: 3, builtin: false });
    expect(builtinUpdate.body.issues).toEqual([{ field: 'builtin', message: 'unknown field' }]);
  });

  it('keeps built-in channels nameless until renamed, and a rename to nothing resets them', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const web = (await owner.get(`${base}/channels?q=website`)).body.items[0];
    expect(web).toMatchObject({ key: 'website', name: 'Website', customName: null });
    const sameAsDefault = await owner.patch(`${base}/channels/${web.id}`, { version: 1, name: 'Website' });
    expect(sameAsDefault.body).toMatchObject({ name: 'Website', customName: null, version: 2 });
    const renamed = await owner.patch(`${base}/channels/${web.id}`, { version: 2, name: 'Our shop online' });
    expect(renamed.body).toMatchObject({ name: 'Our shop online', customName: 'Our shop online' });
    const reset = await owner.patch(`${base}/channels/${web.id}`, { version: 3, name: '' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ name: 'Website', customName: null, version: 4 });
    await owner.patch(`${base}/channels/${web.id}`, { version: 4, name: 'Shop' });
    const nulled = await owner.patch(`${base}/channels/${web.id}`, { version: 5, name: null });
    expect(nulled.body).toMatchObject({ name: 'Website', customName: null });

    // An own channel has no default to go back to.
    const kiosk = (await owner.post(`${base}/channels`, { key: 'kiosk', name: 'Kiosk' })).body;
    expect(kiosk).toMatchObject({ name: 'Kiosk', customName: 'Kiosk' });
    for (const name of ['', '   ', null]) {
      const empty = await owner.patch(`${base}/channels/${kiosk.id}`, { version: 1, name });
      expect(empty.status, JSON.stringify(name)).toBe(400);
      expect(empty.body.issues[0].field).toBe('name');
    }
    expect((await owner.post(`${base}/channels`, { key: 'qr', name: '' })).body.issues[0].field).toBe('name');
  });

  it('rejects bad input, foreign ids and writes by a viewer', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    const theirs = await h().newWorkspace(viewer, 'Their company');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });

    const field = async (body: Record<string, unknown>) => {
      const res = await owner.post(`${base}/channels`, { key: 'k', name: 'N', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.issues.map((i: { field: string }) => i.field);
    };
    expect(await field({ online: 'no' })).toEqual(['online']);
    expect(await field({ name: 'x'.repeat(201) })).toEqual(['name']);
    expect(await field({ builtin: true })).toEqual(['builtin']);
    expect((await owner.get(`${base}/channels?builtin=yes`)).body.issues[0].field).toBe(
      'querystring.builtin',
    );

    const theirChannel = (await viewer.get(`${theirs.base}/channels`)).body.items[0];
    expect((await owner.get(`${base}/channels/${theirChannel.id}`)).status).toBe(404);
    expect((await owner.patch(`${base}/channels/${theirChannel.id}`, { version: 1, name: 'X' })).status).toBe(
      404,
    );

    const mine = (await owner.get(`${base}/channels`)).body.items[0];
    expect((await viewer.get(`${base}/channels`)).body.total).toBe(19);
    expect((await viewer.post(`${base}/channels`, { key: 'kiosk', name: 'Kiosk' })).status).toBe(403);
    expect((await viewer.patch(`${base}/channels/${mine.id}`, { version: 1, name: 'X' })).status).toBe(403);
    expect((await viewer.delete(`${base}/channels/${mine.id}`)).status).toBe(403);
  });
});
