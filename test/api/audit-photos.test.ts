import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sweepOrphanPhotos } from '../../src/store/photos.js';
import { type Client, describeCatalog } from '../catalog-harness.js';
import { auditWorkspace, JPEG_4X4, ok, PNG_4X4, planAudit } from '../fixtures/audit-fixture.js';

const photoDir = mkdtempSync(join(tmpdir(), 'tp-photos-'));
afterAll(() => rmSync(photoDir, { recursive: true, force: true }));
const MAX = 64 * 1024;

describeCatalog(
  'audit photos',
  (h) => {
    async function withAudit() {
      const w = await auditWorkspace(h());
      const audit = await planAudit(w.owner, w.base, { checklistId: w.checklist.id, brandId: w.own });
      return { ...w, audit, photos: `${w.base}/audits/${audit.id}/photos` };
    }
    const upload = (client: Client, url: string, bytes: Buffer, type: string) =>
      client.request('POST', url, bytes, { 'content-type': type });

    it('accepts JPEG and PNG, stores the bytes in the photo directory and serves them to members only', async () => {
      const w = await withAudit();
      const criterionId = w.checklist.criteria[0].id;
      const jpeg = await upload(w.owner, `${w.photos}?criterionId=${criterionId}`, JPEG_4X4, 'image/jpeg');
      expect(jpeg.status).toBe(201);
      expect(jpeg.body).toMatchObject({ criterionId, contentType: 'image/jpeg', bytes: JPEG_4X4.length });
      expect(jpeg.body.url).toBe(`${w.photos}/${jpeg.body.id}`);
      const png = await upload(w.owner, w.photos, PNG_4X4, 'image/png');
      expect(png.status).toBe(201);
      expect(png.body).toMatchObject({ criterionId: null, contentType: 'image/png' });

      const file = join(photoDir, w.workspaceId, jpeg.body.id);
      expect(readFileSync(file).equals(JPEG_4X4)).toBe(true);

      const served = await w.owner.get(jpeg.body.url);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toMatch(/^private/);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(String(served.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(Number(served.headers['content-length'])).toBe(JPEG_4X4.length);
      // The very bytes uploaded, to an API token with the read scope too.
      const token = (await ok(w.owner.post(`${w.base}/tokens`, { name: 'reader', scopes: ['read'] }))).body
        .token;
      const raw = await h().app.inject({
        method: 'GET',
        url: jpeg.body.url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(raw.statusCode).toBe(200);
      expect(raw.rawPayload.equals(JPEG_4X4)).toBe(true);

      const detail = await w.owner.get(`${w.base}/audits/${w.audit.id}`);
      expect(detail.body.photos.map((p: { id: string }) => p.id)).toEqual([jpeg.body.id, png.body.id]);

      // Any member role reads; outsiders and anonymous callers do not.
      const viewer = await h().signUp('viewer');
      await ok(w.owner.post(`${w.base}/members`, { email: viewer.email, role: 'viewer' }));
      expect((await viewer.get(jpeg.body.url)).status).toBe(200);
      expect((await upload(viewer, w.photos, PNG_4X4, 'image/png')).status).toBe(403);
      expect((await viewer.delete(png.body.url)).status).toBe(403);
      expect((await h().anonymous.get(jpeg.body.url)).status).toBe(401);
      const stranger = await h().signUp('stranger');
      expect((await stranger.get(jpeg.body.url)).status).toBe(404);
      const foreign = await h().newWorkspace(stranger, 'Elsewhere');
      expect((await stranger.get(`${foreign.base}/audits/${w.audit.id}/photos/${jpeg.body.id}`)).status).toBe(
        404,
      );

      // Deleting a photo removes its file.
      expect((await w.owner.delete(png.body.url)).status).toBe(204);
      expect(existsSync(join(photoDir, w.workspaceId, png.body.id))).toBe(false);
      expect((await w.owner.get(png.body.url)).status).toBe(404);
    });

    it('refuses other types, forged images and photos over the limit, naming the reason', async () => {
      const w = await withAudit();
      const gif = Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
      const asGif = await upload(w.owner, w.photos, gif, 'image/gif');
      expect(asGif.status).toBe(415);
      expect(asGif.body.message).toMatch(/image\/jpeg or image\/png/);
      const gifAsPng = await upload(w.owner, w.photos, gif, 'image/png');
      expect(gifAsPng.status).toBe(415);
      expect(gifAsPng.body.message).toMatch(/not a PNG image/);
      // A PNG signature glued onto random bytes is no PNG.
      const forged = Buffer.concat([PNG_4X4.subarray(0, 8), randomBytes(200)]);
      const forgedPng = await upload(w.owner, w.photos, forged, 'image/png');
      expect(forgedPng.status).toBe(415);
      expect(forgedPng.body.issues[0].field).toBe('body');
      const mislabelled = await upload(w.owner, w.photos, PNG_4X4, 'image/jpeg');
      expect(mislabelled.status).toBe(415);
      expect(mislabelled.body.message).toMatch(/are a image\/png image, but Content-Type says image\/jpeg/);
      const json = await w.owner.post(w.photos, { photo: 'base64…' });
      expect(json.status).toBe(415);

      const big = Buffer.concat([
        JPEG_4X4.subarray(0, JPEG_4X4.length - 2),
        Buffer.alloc(MAX),
        Buffer.from([0xff, 0xd9]),
      ]);
      const tooBig = await upload(w.owner, w.photos, big, 'image/jpeg');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ code: 'payload_too_large', limit: MAX });
      expect(tooBig.body.message).toMatch(/at most 65536 bytes/);

      const badCriterion = await upload(
        w.owner,
        `${w.photos}?criterionId=00000000-0000-4000-8000-000000000000`,
        JPEG_4X4,
        'image/jpeg',
      );
      expect(badCriterion.status).toBe(400);
      expect(badCriterion.body.issues[0].field).toBe('querystring.criterionId');
      // Nothing of the refused uploads reached the disk.
      expect(
        existsSync(join(photoDir, w.workspaceId)) ? readdirSync(join(photoDir, w.workspaceId)) : [],
      ).toEqual([]);
    });

    it('deletes the files with the audit and with the workspace', async () => {
      const w = await withAudit();
      const first = await upload(w.owner, w.photos, JPEG_4X4, 'image/jpeg');
      const second = await upload(w.owner, w.photos, PNG_4X4, 'image/png');
      const other = await planAudit(w.owner, w.base, { checklistId: w.checklist.id, brandId: w.rival });
      const kept = await upload(w.owner, `${w.base}/audits/${other.id}/photos`, PNG_4X4, 'image/png');
      const dir = join(photoDir, w.workspaceId);
      expect(readdirSync(dir).sort()).toEqual([first.body.id, second.body.id, kept.body.id].sort());

      expect((await w.owner.delete(`${w.base}/audits/${w.audit.id}`)).status).toBe(204);
      expect(readdirSync(dir)).toEqual([kept.body.id]);

      // A submitted audit's photos stay as they are.
      await ok(
        w.owner.put(`${w.base}/audits/${other.id}/answers`, {
          answers: w.checklist.criteria.map((c: { id: string }) => ({ criterionId: c.id, value: null })),
        }),
        200,
      );
      await ok(w.owner.post(`${w.base}/audits/${other.id}/submit`, {}), 200);
      expect(
        (await upload(w.owner, `${w.base}/audits/${other.id}/photos`, PNG_4X4, 'image/png')).status,
      ).toBe(409);
      expect((await w.owner.delete(`${w.base}/audits/${other.id}/photos/${kept.body.id}`)).status).toBe(409);

      expect((await w.owner.delete(w.base)).status).toBe(204);
      expect(existsSync(dir)).toBe(false);
    });

    it('sweeps at start the files a crash left without their rows', async () => {
      const w = await withAudit();
      const kept = await upload(w.owner, w.photos, JPEG_4X4, 'image/jpeg');
      const dir = join(photoDir, w.workspaceId);
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      writeFileSync(join(dir, '11111111-1111-4111-8111-111111111111'), PNG_4X4);
      utimesSync(join(dir, '11111111-1111-4111-8111-111111111111'), old, old);
      // Young: perhaps an upload whose row is being written.
      writeFileSync(join(dir, '22222222-2222-4222-8222-222222222222'), PNG_4X4);
      const gone = join(photoDir, '33333333-3333-4333-8333-333333333333');
      mkdirSync(gone, { recursive: true });
      writeFileSync(join(gone, '44444444-4444-4444-8444-444444444444'), PNG_4X4);

      const removed = await sweepOrphanPhotos(h().catalog.db, { dir: photoDir });
      // On the second engine, the first engine's workspaces are gone from this catalog too.
      expect(removed.files).toBe(1);
      expect(removed.directories).toBeGreaterThanOrEqual(1);
      expect(existsSync(gone)).toBe(false);
      expect(readdirSync(dir).sort()).toEqual([kept.body.id, '22222222-2222-4222-8222-222222222222'].sort());
      expect((await w.owner.get(kept.body.url)).status).toBe(200);
    });
  },
  { config: () => ({ photoDir, photoMaxBytes: MAX }) },
);
