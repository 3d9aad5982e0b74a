import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { auditLinks } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';
import { answersFor, auditWorkspace, JPEG_4X4, ok, planAudit } from '../fixtures/audit-fixture.js';

const photoDir = mkdtempSync(join(tmpdir(), 'tp-shopper-photos-'));
afterAll(() => rmSync(photoDir, { recursive: true, force: true }));
const RATE_LIMIT = 40;

describeCatalog(
  'mystery shopper links',
  (h) => {
    async function invited() {
      const w = await auditWorkspace(h());
      const audit = await planAudit(w.owner, w.base, {
        checklistId: w.checklist.id,
        brandId: w.rival,
        auditDate: '2026-03-05',
      });
      const link = await ok(w.owner.post(`${w.base}/audits/${audit.id}/links`, {}));
      return { ...w, audit, link: link.body, shopper: `/api/shopper/${link.body.token}` };
    }

    it('shows the shopper only that audit, saves answers and photos, submits once and dies', async () => {
      const w = await invited();
      expect(w.link).toMatchObject({ state: 'active', auditId: w.audit.id, usedAt: null, revokedAt: null });
      expect(w.link.url).toBe(`/shopper/${w.link.token}`);
      const days = (Date.parse(w.link.expiresAt) - Date.parse(w.link.createdAt)) / 86_400_000;
      expect(days).toBe(7);
      // The secret is shown once: the list has no token, and the catalog only its SHA-256.
      const listed = await w.owner.get(`${w.base}/audits/${w.audit.id}/links`);
      expect(listed.body).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain(w.link.token);
      const stored = await h().catalog.db.select().from(auditLinks);
      expect(stored.map((l) => l.tokenHash)).not.toContain(w.link.token);
      expect(stored.find((l) => l.id === w.link.id)?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

      const view = await h().anonymous.get(w.shopper);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        checklistName: 'Front office',
        brandName: 'Rival',
        auditDate: '2026-03-05',
        status: 'planned',
        answers: [],
        photos: [],
      });
      expect(view.body.criteria).toHaveLength(3);
      // No ids of the workspace's other objects, nor the workspace's own.
      const text = JSON.stringify(view.body);
      for (const id of [w.workspaceId, w.reception, w.rival, w.audit.id, w.checklist.id])
        expect(text).not.toContain(id);
      expect(view.headers['referrer-policy']).toBeDefined();

      const bad = await h().anonymous.put(`${w.shopper}/answers`, answersFor(w.checklist, [10, 3, 5]));
      expect(bad.status).toBe(400);
      expect(bad.body.issues.map((i: { field: string }) => i.field)).toEqual(['answers.1.value']);
      const saved = await h().anonymous.put(`${w.shopper}/answers`, answersFor(w.checklist, [10, 0, 5]));
      expect(saved.status).toBe(200);
      expect(saved.body.status).toBe('in_progress');
      expect(saved.body.answers.map((a: { value: number }) => a.value)).toEqual([10, 0, 5]);

      const photo = await h().anonymous.request(
        'POST',
        `${w.shopper}/photos?criterionId=${w.checklist.criteria[1].id}`,
        JPEG_4X4,
        {
          'content-type': 'image/jpeg',
        },
      );
      expect(photo.status).toBe(201);
      expect(photo.body.url).toBe(`${w.shopper}/photos/${photo.body.id}`);
      const bytes = await h().anonymous.get(photo.body.url);
      expect(bytes.status).toBe(200);
      expect(bytes.headers['content-type']).toBe('image/jpeg');
      // The member sees the shopper's answers and photo in the audit.
      const member = await w.owner.get(`${w.base}/audits/${w.audit.id}`);
      expect(member.body).toMatchObject({
        answeredCount: 3,
        failedCount: 1,
        photos: [{ id: photo.body.id }],
      });

      const noName = await h().anonymous.post(`${w.shopper}/submit`, {});
      expect(noName.status).toBe(400);
      expect(noName.body.issues[0].field).toBe('auditorName');
      const submitted = await h().anonymous.post(`${w.shopper}/submit`, { auditorName: 'Jana K.' });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', auditorName: 'Jana K.' });
      const audit = await w.owner.get(`${w.base}/audits/${w.audit.id}`);
      expect(audit.body).toMatchObject({ status: 'submitted', auditorName: 'Jana K.', auditorUserId: null });

      // Dead from now on: every shopper route answers 410, the link shows as used.
      for (const [method, url, body] of [
        ['GET', w.shopper, undefined],
        ['PUT', `${w.shopper}/answers`, answersFor(w.checklist, [1, 1, 1])],
        ['POST', `${w.shopper}/submit`, { auditorName: 'again' }],
        ['GET', photo.body.url, undefined],
      ] as const) {
        const r = await h().anonymous.request(method, url, body);
        expect(r.status, `${method} ${url}`).toBe(410);
        expect(r.body).toMatchObject({ code: 'gone', reason: 'submitted' });
      }
      const links = await w.owner.get(`${w.base}/audits/${w.audit.id}/links`);
      expect(links.body[0]).toMatchObject({ state: 'used' });
      expect(links.body[0].usedAt).toEqual(expect.any(String));
      // And no new link for a submitted audit.
      expect((await w.owner.post(`${w.base}/audits/${w.audit.id}/links`, {})).status).toBe(409);
    });

    it('reaches no other audit and no workspace route', async () => {
      const w = await invited();
      const other = await planAudit(w.owner, w.base, { checklistId: w.checklist.id, brandId: w.own });
      const token = w.link.token as string;
      // The token is no API token, no session, and names no other audit.
      for (const [url, auth] of [
        [`${w.base}/audits/${other.id}`, { authorization: `Bearer ${token}` }],
        [`${w.base}/audits`, { authorization: `Bearer ${token}` }],
        [`${w.base}/audits/${w.audit.id}`, { cookie: `tp_session=${token}` }],
      ] as const) {
        const r = await h().anonymous.request('GET', url, undefined, auth);
        expect(r.status, url).toBe(401);
      }
      const photoOfOther = await w.owner.request('POST', `${w.base}/audits/${other.id}/photos`, JPEG_4X4, {
        'content-type': 'image/jpeg',
      });
      expect(photoOfOther.status).toBe(201);
      expect((await h().anonymous.get(`${w.shopper}/photos/${photoOfOther.body.id}`)).status).toBe(404);
      // A criterion of another checklist is no criterion of this audit.
      const otherChecklist = await ok(
        w.owner.post(`${w.base}/audit-checklists`, {
          name: 'x',
          criteria: [{ text: 'x', stageKey: 'purchase', scale: 'yes_no' }],
        }),
      );
      const foreign = await h().anonymous.put(`${w.shopper}/answers`, answersFor(otherChecklist.body, [1]));
      expect(foreign.status).toBe(400);
      expect(foreign.body.issues[0].field).toBe('answers.0.criterionId');
      expect((await h().anonymous.get('/api/shopper/tps_notarealtokenatallxxxxxx')).status).toBe(404);
      expect((await h().anonymous.get('/api/shopper/short')).status).toBe(400);
      // The other audit is untouched.
      expect((await w.owner.get(`${w.base}/audits/${other.id}`)).body.answeredCount).toBe(0);
    });

    it('expires, and can be revoked', async () => {
      const w = await invited();
      const revoked = await w.owner.delete(`${w.base}/audits/${w.audit.id}/links/${w.link.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.state).toBe('revoked');
      const gone = await h().anonymous.get(w.shopper);
      expect(gone.status).toBe(410);
      expect(gone.body.reason).toBe('revoked');
      expect(
        (await h().anonymous.put(`${w.shopper}/answers`, answersFor(w.checklist, [1, 1, 1]))).status,
      ).toBe(410);

      const short = await ok(w.owner.post(`${w.base}/audits/${w.audit.id}/links`, { expiresInDays: 1 }));
      expect(short.body.state).toBe('active');
      expect((await h().anonymous.get(`/api/shopper/${short.body.token}`)).status).toBe(200);
      // Time passes: the link's expiry moves into the past.
      const { eq } = await import('drizzle-orm');
      await h()
        .catalog.db.update(auditLinks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(auditLinks.id, short.body.id));
      const expired = await h().anonymous.get(`/api/shopper/${short.body.token}`);
      expect(expired.status).toBe(410);
      expect(expired.body).toMatchObject({ reason: 'expired' });
      expect(
        (await w.owner.get(`${w.base}/audits/${w.audit.id}/links`)).body.map(
          (l: { state: string }) => l.state,
        ),
      ).toEqual(['revoked', 'expired']);

      const tooLong = await w.owner.post(`${w.base}/audits/${w.audit.id}/links`, { expiresInDays: 31 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.issues[0].field).toBe('expiresInDays');
    });

    it('limits the requests per address', async () => {
      const w = await invited();
      // The earlier tests of this block spent part of this minute's budget of the address.
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 1; i++) statuses.push((await h().anonymous.get(w.shopper)).status);
      const firstLimited = statuses.indexOf(429);
      expect(firstLimited).toBeGreaterThan(0);
      expect(statuses.slice(0, firstLimited).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(firstLimited).every((s) => s === 429)).toBe(true);
      const limited = await h().anonymous.get(w.shopper);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      // Unknown tokens spend the same budget: guessing is throttled too.
      expect((await h().anonymous.get('/api/shopper/tps_guessguessguessguessguess')).status).toBe(429);
    });
  },
  { config: () => ({ photoDir, shopperRateLimit: RATE_LIMIT }) },
);
