import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sweepOrphanPhotos } from '../../src/store/photos.js';
import { type Client, describeCatalog } from '../catalog-harness.js';
import { JPEG_4X4, ok, PNG_4X4 } from '../fixtures/audit-fixture.js';

const photoDir = mkdtempSync(join(tmpdir(), 'tp-personas-'));
afterAll(() => rmSync(photoDir, { recursive: true, force: true }));
const MAX = 64 * 1024;

/** A minimal lossless WebP (1×1). */
const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

const upload = (client: Client, url: string, bytes: Buffer, type: string) =>
  client.request('PUT', url, bytes, { 'content-type': type });

describeCatalog(
  'personas',
  (h) => {
    it('creates, lists, changes with version checks and deletes personas; maps keep their place', async () => {
      const owner = await h().signUp('owner');
      const { base } = await h().newWorkspace(owner);
      const anna = await ok(
        owner.post(`${base}/personas`, {
          name: '  Anna Nováková ',
          role: 'Young parent',
          segment: 'Families',
          quote: 'I have ten minutes, not an hour.',
          goals: ['Book a visit for her son quickly'],
          needs: ['Evening hours', 'Online booking'],
          pains: ['Calling during work'],
          avatar: 'teal',
        }),
      );
      expect(anna.body).toMatchObject({
        name: 'Anna Nováková',
        role: 'Young parent',
        goals: ['Book a visit for her son quickly'],
        needs: ['Evening hours', 'Online booking'],
        pains: ['Calling during work'],
        avatar: 'teal',
        photoUrl: null,
        journeyCount: 0,
        version: 1,
      });
      const petr = await ok(owner.post(`${base}/personas`, { name: 'Petr', segment: 'Seniors' }));
      expect(petr.body).toMatchObject({ goals: [], needs: [], pains: [], quote: '', avatar: '' });

      const list = await owner.get(`${base}/personas?q=famil`);
      expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Anna Nováková']);
      expect((await owner.get(`${base}/personas`)).body.total).toBe(2);

      // Bad input names the field and the reason.
      const bad = await owner.post(`${base}/personas`, { name: '', goals: ['ok', ''], avatar: 'plaid' });
      expect(bad.status).toBe(400);
      const fields = bad.body.issues.map((i: { field: string }) => i.field).sort();
      expect(fields).toEqual(['avatar', 'goals.1', 'name']);
      const many = await owner.post(`${base}/personas`, { name: 'X', pains: Array(21).fill('p') });
      expect(many.body.issues[0]).toMatchObject({ field: 'pains' });

      // A map drawn for a persona; the list filters by it.
      const map = await ok(owner.post(`${base}/journeys`, { name: 'Visit', personaId: anna.body.id }));
      expect(map.body.personaId).toBe(anna.body.id);
      await ok(owner.post(`${base}/journeys`, { name: 'Other' }));
      const forAnna = await owner.get(`${base}/journeys?personaId=${anna.body.id}`);
      expect(forAnna.body.items.map((j: { name: string }) => j.name)).toEqual(['Visit']);
      expect((await owner.get(`${base}/personas/${anna.body.id}`)).body.journeyCount).toBe(1);
      const moved = await owner.patch(`${base}/journeys/${map.body.id}`, {
        version: 1,
        personaId: petr.body.id,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.personaId).toBe(petr.body.id);
      const wrong = await owner.patch(`${base}/journeys/${map.body.id}`, {
        version: moved.body.version,
        personaId: '11111111-1111-4111-8111-111111111111',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.issues[0]).toMatchObject({
        field: 'personaId',
        message: 'no such persona in this workspace',
      });

      // Version checks.
      const changed = await owner.patch(`${base}/personas/${anna.body.id}`, {
        version: 1,
        goals: ['Book a visit', 'Pay by card'],
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        version: 2,
        goals: ['Book a visit', 'Pay by card'],
        role: 'Young parent',
      });
      const stale = await owner.patch(`${base}/personas/${anna.body.id}`, { version: 1, name: 'Late' });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(2);

      // Deleting the persona leaves its map, without persona.
      expect((await owner.delete(`${base}/personas/${petr.body.id}`)).status).toBe(204);
      expect((await owner.get(`${base}/personas/${petr.body.id}`)).status).toBe(404);
      expect((await owner.get(`${base}/journeys/${map.body.id}`)).body.personaId).toBeNull();
    });

    it('travels with the workspace document: personas and the maps drawn for them', async () => {
      const owner = await h().signUp('owner');
      const { base } = await h().newWorkspace(owner);
      const anna = await ok(
        owner.post(`${base}/personas`, {
          name: 'Anna',
          goals: ['Quick visit'],
          pains: ['Queues'],
          avatar: 'grape',
        }),
      );
      await ok(owner.post(`${base}/journeys`, { name: 'Visit', personaId: anna.body.id }));
      const doc = (await owner.get(`${base}/export`)).body;
      expect(doc.personas).toEqual([
        expect.objectContaining({ id: anna.body.id, name: 'Anna', goals: ['Quick visit'], avatar: 'grape' }),
      ]);
      expect(doc.journeys[0].personaId).toBe(anna.body.id);

      const copy = await ok(owner.post('/api/workspaces/import?name=Copy', doc));
      const copyBase = `/api/workspaces/${copy.body.workspace.id}`;
      const personas = (await owner.get(`${copyBase}/personas`)).body.items;
      expect(personas).toHaveLength(1);
      expect(personas[0]).toMatchObject({ name: 'Anna', pains: ['Queues'], journeyCount: 1 });
      expect(personas[0].id).not.toBe(anna.body.id);
      const maps = (await owner.get(`${copyBase}/journeys?personaId=${personas[0].id}`)).body.items;
      expect(maps.map((j: { name: string }) => j.name)).toEqual(['Visit']);

      // A map naming a persona the document does not hold is refused, naming the path.
      const broken = { ...doc, personas: [] };
      const refused = await owner.post('/api/workspaces/import', broken);
      expect(refused.status).toBe(400);
      expect(refused.body.issues).toContainEqual({
        field: 'journeys.0.personaId',
        message: 'no persona with this id in the document',
      });
    });

    it('keeps personas to their workspace and their members’ roles', async () => {
      const owner = await h().signUp('owner');
      const { base } = await h().newWorkspace(owner);
      const persona = await ok(owner.post(`${base}/personas`, { name: 'Anna' }));
      const viewer = await h().signUp('viewer');
      await ok(owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' }));
      expect((await viewer.get(`${base}/personas/${persona.body.id}`)).status).toBe(200);
      expect((await viewer.post(`${base}/personas`, { name: 'B' })).status).toBe(403);
      expect(
        (await viewer.patch(`${base}/personas/${persona.body.id}`, { version: 1, name: 'C' })).status,
      ).toBe(403);
      expect(
        (await upload(viewer, `${base}/personas/${persona.body.id}/photo`, PNG_4X4, 'image/png')).status,
      ).toBe(403);
      expect((await h().anonymous.get(`${base}/personas`)).status).toBe(401);

      const stranger = await h().signUp('stranger');
      const foreign = await h().newWorkspace(stranger, 'Elsewhere');
      expect((await stranger.get(`${base}/personas`)).status).toBe(404);
      expect((await stranger.get(`${foreign.base}/personas/${persona.body.id}`)).status).toBe(404);
      expect((await stranger.delete(`${foreign.base}/personas/${persona.body.id}`)).status).toBe(404);
      // Another workspace's persona cannot be given to a map.
      const map = await stranger.post(`${foreign.base}/journeys`, { name: 'M', personaId: persona.body.id });
      expect(map.status).toBe(400);
      expect(map.body.issues[0].field).toBe('personaId');
      expect(
        (await stranger.get(`${foreign.base}/journeys?personaId=${persona.body.id}`)).body.items,
      ).toEqual([]);
    });

    it('stores a photo (JPEG, PNG or WebP by its bytes), replaces, serves and erases it', async () => {
      const owner = await h().signUp('owner');
      const { id: ws, base } = await h().newWorkspace(owner);
      const persona = await ok(owner.post(`${base}/personas`, { name: 'Anna' }));
      const photo = `${base}/personas/${persona.body.id}/photo`;
      const dir = join(photoDir, ws);

      expect((await owner.get(photo)).status).toBe(404);
      // Refused: another type, bytes that are not the image they claim, too large, empty.
      expect((await upload(owner, photo, Buffer.from('GIF89a....'), 'image/gif')).status).toBe(415);
      expect((await upload(owner, photo, PNG_4X4, 'image/jpeg')).status).toBe(415);
      expect(
        (await upload(owner, photo, Buffer.concat([PNG_4X4.subarray(0, 8), Buffer.alloc(80)]), 'image/png'))
          .status,
      ).toBe(415);
      expect((await upload(owner, photo, Buffer.alloc(MAX + 1, 1), 'image/png')).status).toBe(413);

      const png = await upload(owner, photo, PNG_4X4, 'image/png');
      expect(png.status).toBe(200);
      expect(png.body.version).toBe(2);
      expect(png.body.photoUrl).toMatch(new RegExp(`^${photo}\\?v=`));
      const served = await h().app.inject({ method: 'GET', url: png.body.photoUrl, headers: { cookie: '' } });
      expect(served.statusCode).toBe(401);
      const mine = await owner.get(png.body.photoUrl);
      expect(mine.status).toBe(200);
      expect(mine.headers['content-type']).toBe('image/png');
      expect(mine.headers['cache-control']).toMatch(/^private/);
      expect(readdirSync(dir)).toHaveLength(1);

      // A new photo replaces the old one: its file goes.
      const webp = await upload(owner, photo, WEBP_1X1, 'image/webp');
      expect(webp.status).toBe(200);
      expect(webp.body.photoUrl).not.toBe(png.body.photoUrl);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(readFileSync(join(dir, files[0] as string)).equals(WEBP_1X1)).toBe(true);
      expect((await owner.get(photo)).headers['content-type']).toBe('image/webp');

      // The start-up sweep keeps a file its row names, however old.
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      utimesSync(join(dir, files[0] as string), old, old);
      await sweepOrphanPhotos(h().catalog.db, { dir: photoDir });
      expect(readdirSync(dir)).toEqual(files);

      const removed = await owner.delete(photo);
      expect(removed.status).toBe(200);
      expect(removed.body.photoUrl).toBeNull();
      expect(readdirSync(dir)).toEqual([]);
      expect((await owner.delete(photo)).status).toBe(404);

      // Deleting the persona erases its photo; deleting the workspace, every file.
      await ok(upload(owner, photo, JPEG_4X4, 'image/jpeg'), 200);
      expect(readdirSync(dir)).toHaveLength(1);
      expect((await owner.delete(`${base}/personas/${persona.body.id}`)).status).toBe(204);
      expect(readdirSync(dir)).toEqual([]);
      const other = await ok(owner.post(`${base}/personas`, { name: 'Petr' }));
      await ok(upload(owner, `${base}/personas/${other.body.id}/photo`, JPEG_4X4, 'image/jpeg'), 200);
      expect((await owner.delete(base)).status).toBe(204);
      expect(existsSync(dir)).toBe(false);
    });
  },
  { config: () => ({ photoDir, photoMaxBytes: MAX }) },
);
