/**
 * Invitations and password resets: one-time, expiring links whose secret only the link holds; the
 * e-mail really sent through an SMTP server on loopback; the owners' list and revocation; the
 * public routes exposing nothing beyond their purpose; the setup link's state.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { invitations, passwordResets } from '../../src/store/catalog/schema.js';
import { hashSecret } from '../../src/store/catalog/secrets.js';
import { Client, describeCatalog, type Harness } from '../catalog-harness.js';

interface Mail {
  to: string[];
  /** The raw message with quoted-printable soft breaks joined. */
  text: string;
}

const received: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let data = '';
    stream.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
    });
    stream.on('end', () => {
      received.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        text: data.replace(/=\r?\n/g, '').replace(/=3D/g, '='),
      });
      callback();
    });
  },
});
let smtpUrl = '';
const PUBLIC_URL = 'https://tp.example.com';

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

/** The mails to `to` received so far, waiting up to 5 s for at least `count` of them. */
async function mailsTo(to: string, count = 1): Promise<Mail[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const mails = received.filter((m) => m.to.includes(to));
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cookieOf = (headers: Record<string, unknown>) =>
  /tp_session=([^;]+)/.exec(String(headers['set-cookie'] ?? ''))?.[1];

async function signIn(h: Harness, email: string, password: string) {
  return h.anonymous.post('/api/auth/login', { email, password });
}

describeCatalog(
  'invitations',
  (h) => {
    it('invites a new e-mail: the link is e-mailed, the invitee sets a password and is signed in, once', async () => {
      const owner = await h().signUp('Olga');
      const { id: workspaceId, base } = await h().newWorkspace(owner, 'Bakery');
      const email = `new.${Date.now()}@example.com`;
      const made = await owner.post(`${base}/invitations`, { email: email.toUpperCase(), role: 'editor' });
      expect(made.status).toBe(201);
      const token: string = made.body.token;
      expect(token).toMatch(/^tpi_/);
      expect(made.body.url).toBe(`${PUBLIC_URL}/invite/${token}`);
      expect(made.body.emailSent).toBe(true);
      expect(made.body.invitation).toMatchObject({
        email,
        role: 'editor',
        state: 'pending',
        invitedByName: 'Olga',
      });
      const days = (Date.parse(made.body.invitation.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      // Only the hash is stored.
      const [row] = await h()
        .catalog.db.select()
        .from(invitations)
        .where(eq(invitations.id, made.body.invitation.id));
      expect(row?.tokenHash).toBe(hashSecret(token));
      expect(JSON.stringify(row)).not.toContain(token);

      const [mail] = await mailsTo(email);
      expect(mail?.text).toContain(`${PUBLIC_URL}/invite/${token}`);
      expect(mail?.text).toContain('Olga invited you to the workspace "Bakery" as editor');

      const listed = await owner.get(`${base}/invitations`);
      expect(listed.body.items).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain(token);

      const view = await h().anonymous.get(`/api/invitations/${token}`);
      expect(view.status).toBe(200);
      expect(Object.keys(view.body).sort()).toEqual(
        ['email', 'expiresAt', 'hasAccount', 'inviterName', 'role', 'workspaceName'].sort(),
      );
      expect(view.body).toMatchObject({
        workspaceName: 'Bakery',
        inviterName: 'Olga',
        email,
        role: 'editor',
        hasAccount: false,
      });

      const noPassword = await h().anonymous.post(`/api/invitations/${token}/accept`, { name: 'Nina' });
      expect(noPassword.status).toBe(400);
      expect(noPassword.body.issues[0].field).toBe('password');
      const short = await h().anonymous.post(`/api/invitations/${token}/accept`, { password: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.issues[0].field).toBe('password');

      const accepted = await h().anonymous.post(`/api/invitations/${token}/accept`, {
        name: 'Nina',
        password: 'a long new password',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ workspaceId, role: 'editor', createdAccount: true });
      expect(accepted.body.user).toMatchObject({ email, name: 'Nina' });
      const cookie = cookieOf(accepted.headers);
      expect(cookie).toBeTruthy();
      const nina = new Client(h().app, { cookie: cookie as string });
      const me = await nina.get('/api/me');
      expect(me.body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'editor' })]);
      expect((await signIn(h(), email, 'a long new password')).status).toBe(200);

      // One time only: a second accept and a second look answer 410, saying why.
      const again = await h().anonymous.post(`/api/invitations/${token}/accept`, {
        password: 'another password',
      });
      expect(again.status).toBe(410);
      expect(again.body.message).toMatch(/accepted already/);
      expect((await h().anonymous.get(`/api/invitations/${token}`)).body.reason).toBe('accepted');
      expect((await owner.get(`${base}/invitations`)).body.items).toEqual([]);

      const log = await owner.get(`${base}/audit-log?entityType=invitation`);
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['accept', 'invite']);
      expect(log.body.items[0].actorUserId).toBe(accepted.body.user.id);
    });

    it('lets an existing account join only when it is signed in as itself', async () => {
      const owner = await h().signUp('owner');
      const { id: workspaceId, base } = await h().newWorkspace(owner);
      const ann = await h().signUp('ann');
      const bob = await h().signUp('bob');
      const made = await owner.post(`${base}/invitations`, { email: ann.email, role: 'viewer' });
      expect(made.status).toBe(201);
      const token = made.body.token;
      expect((await h().anonymous.get(`/api/invitations/${token}`)).body.hasAccount).toBe(true);

      const anonymous = await h().anonymous.post(`/api/invitations/${token}/accept`, {
        password: 'takeover attempt',
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('sign_in_required');
      const wrong = await bob.post(`/api/invitations/${token}/accept`, {});
      expect(wrong.status).toBe(403);
      expect(wrong.body.message).toContain(ann.email);

      const joined = await ann.post(`/api/invitations/${token}/accept`, {});
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({ workspaceId, role: 'viewer', createdAccount: false });
      expect(cookieOf(joined.headers)).toBeUndefined();
      expect((await signIn(h(), ann.email, 'correct horse battery')).status).toBe(200);
      const members = await owner.get(`${base}/members`);
      expect(members.body.items).toContainEqual(
        expect.objectContaining({ email: ann.email, role: 'viewer' }),
      );
      expect((await bob.get(base)).status).toBe(404);
    });

    it('refuses members, other roles, bad input and API tokens inviting owners; revokes and renews', async () => {
      const owner = await h().signUp('owner');
      const editor = await h().signUp('editor');
      const { base } = await h().newWorkspace(owner);
      expect((await owner.post(`${base}/members`, { email: editor.email, role: 'editor' })).status).toBe(201);

      const member = await owner.post(`${base}/invitations`, { email: editor.email, role: 'viewer' });
      expect(member.status).toBe(409);
      expect(member.body).toMatchObject({ code: 'already_member', field: 'email' });
      const badRole = await owner.post(`${base}/invitations`, { email: 'x@example.com', role: 'admin' });
      expect(badRole.status).toBe(400);
      expect(badRole.body.issues[0].field).toBe('role');
      const badEmail = await owner.post(`${base}/invitations`, { email: 'not an address', role: 'viewer' });
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.issues[0].field).toBe('email');
      expect(
        (await editor.post(`${base}/invitations`, { email: 'x@example.com', role: 'viewer' })).status,
      ).toBe(403);
      expect((await editor.get(`${base}/invitations`)).status).toBe(403);

      const token = (await owner.post(`${base}/tokens`, { name: 'admin', scopes: ['admin'] })).body.token;
      const api = h().withToken(token);
      expect((await api.post(`${base}/invitations`, { email: 'o@example.com', role: 'owner' })).status).toBe(
        403,
      );
      const byToken = await api.post(`${base}/invitations`, { email: 'v@example.com', role: 'viewer' });
      expect(byToken.status).toBe(201);
      expect(byToken.body.invitation.invitedByName).toBeNull();

      // Inviting again replaces the pending invitation: the first link stops working.
      const first = await owner.post(`${base}/invitations`, { email: 'carl@example.com', role: 'viewer' });
      const renewed = await owner.post(`${base}/invitations`, { email: 'carl@example.com', role: 'editor' });
      expect(renewed.status).toBe(201);
      expect((await h().anonymous.get(`/api/invitations/${first.body.token}`)).body.reason).toBe('revoked');
      expect((await h().anonymous.get(`/api/invitations/${renewed.body.token}`)).body.role).toBe('editor');
      const listed = (await owner.get(`${base}/invitations`)).body.items.map(
        (i: { email: string }) => i.email,
      );
      expect(listed.sort()).toEqual(['carl@example.com', 'v@example.com']);

      // Editors cannot revoke; another workspace's owner cannot see it; the owner revokes.
      const id = renewed.body.invitation.id;
      expect((await editor.delete(`${base}/invitations/${id}`)).status).toBe(403);
      const stranger = await h().signUp('stranger');
      const other = await h().newWorkspace(stranger);
      expect((await stranger.delete(`${other.base}/invitations/${id}`)).status).toBe(404);
      expect((await owner.delete(`${base}/invitations/${id}`)).status).toBe(204);
      expect((await owner.delete(`${base}/invitations/${id}`)).status).toBe(204);
      const revoked = await h().anonymous.post(`/api/invitations/${renewed.body.token}/accept`, {
        password: 'a long new password',
      });
      expect(revoked.status).toBe(410);
      expect(revoked.body.reason).toBe('revoked');
      const log = await owner.get(`${base}/audit-log?entityType=invitation&entityId=${id}`);
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['revoke', 'invite']);

      expect((await h().anonymous.get('/api/invitations/tpi_unknownunknownunknown')).status).toBe(404);
      expect((await h().anonymous.get('/api/invitations/short')).status).toBe(400);
    });

    it('expires after seven days, and goes with its workspace', async () => {
      const owner = await h().signUp('owner');
      const { id: workspaceId, base } = await h().newWorkspace(owner);
      const made = await owner.post(`${base}/invitations`, { email: 'late@example.com', role: 'viewer' });
      await h()
        .catalog.db.update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, made.body.invitation.id));
      const view = await h().anonymous.get(`/api/invitations/${made.body.token}`);
      expect(view.status).toBe(410);
      expect(view.body.reason).toBe('expired');
      const accept = await h().anonymous.post(`/api/invitations/${made.body.token}/accept`, {
        password: 'a long new password',
      });
      expect(accept.status).toBe(410);
      expect((await owner.get(`${base}/invitations`)).body.items[0].state).toBe('expired');

      expect((await owner.delete(base)).status).toBe(204);
      const left = await h()
        .catalog.db.select()
        .from(invitations)
        .where(eq(invitations.workspaceId, workspaceId));
      expect(left).toEqual([]);
    });

    it('says when the setup link is done: an account exists', async () => {
      await h().signUp('someone');
      const state = await h().anonymous.get('/api/setup?token=setup_whatever');
      expect(state.status).toBe(200);
      expect(state.body).toEqual({ state: 'done' });
    });
  },
  { config: () => ({ smtpUrl, publicUrl: PUBLIC_URL, loginRateLimit: 1000 }) },
);

describeCatalog(
  'password reset',
  (h) => {
    it('e-mails a one-time link; the new password works, the old one and the other sessions end', async () => {
      const ann = await h().signUp('ann');
      const laptop = await signIn(h(), ann.email, 'correct horse battery');
      const laptopClient = new Client(h().app, { cookie: cookieOf(laptop.headers) as string });
      expect((await laptopClient.get('/api/me')).status).toBe(200);

      const known = await h().anonymous.post('/api/auth/password-reset', { email: ann.email.toUpperCase() });
      const unknown = await h().anonymous.post('/api/auth/password-reset', { email: 'nobody@example.com' });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      const [mail] = await mailsTo(ann.email);
      const link = /https:\/\/tp\.example\.com\/reset-password\/(tpr_[A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
      expect(link).not.toBeNull();
      const token = link?.[1] as string;
      expect(await mailsTo('nobody@example.com', 0)).toEqual([]);
      // A second request within the minute sends no second e-mail.
      expect((await h().anonymous.post('/api/auth/password-reset', { email: ann.email })).status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await mailsTo(ann.email)).toHaveLength(1);

      const view = await h().anonymous.get(`/api/auth/password-reset/${token}`);
      expect(view.status).toBe(200);
      expect(view.body.email).toBe(ann.email);
      const hours = (Date.parse(view.body.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(0.9);
      expect(hours).toBeLessThanOrEqual(1);

      const short = await h().anonymous.post(`/api/auth/password-reset/${token}`, { password: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.issues[0].field).toBe('password');
      const done = await h().anonymous.post(`/api/auth/password-reset/${token}`, {
        password: 'a brand new secret',
      });
      expect(done.status).toBe(200);
      expect(done.body.user.email).toBe(ann.email);
      const fresh = new Client(h().app, { cookie: cookieOf(done.headers) as string });
      expect((await fresh.get('/api/me')).status).toBe(200);

      expect((await laptopClient.get('/api/me')).status).toBe(401);
      expect((await ann.get('/api/me')).status).toBe(401);
      expect((await signIn(h(), ann.email, 'correct horse battery')).status).toBe(401);
      expect((await signIn(h(), ann.email, 'a brand new secret')).status).toBe(200);

      const reused = await h().anonymous.post(`/api/auth/password-reset/${token}`, {
        password: 'yet another one',
      });
      expect(reused.status).toBe(410);
      expect(reused.body.reason).toBe('used');
      expect((await h().anonymous.get(`/api/auth/password-reset/${token}`)).status).toBe(410);
      expect((await h().anonymous.get('/api/auth/password-reset/tpr_unknownunknownunknown')).status).toBe(
        404,
      );
    });

    it('refuses an expired link', async () => {
      const bob = await h().signUp('bob');
      expect((await h().anonymous.post('/api/auth/password-reset', { email: bob.email })).status).toBe(202);
      const [mail] = await mailsTo(bob.email);
      const token = /(tpr_[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] as string;
      await h()
        .catalog.db.update(passwordResets)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(passwordResets.id, hashSecret(token)));
      const late = await h().anonymous.post(`/api/auth/password-reset/${token}`, {
        password: 'a brand new secret',
      });
      expect(late.status).toBe(410);
      expect(late.body.reason).toBe('expired');
      expect((await signIn(h(), bob.email, 'correct horse battery')).status).toBe(200);
    });

    it('limits the public routes per client address', async () => {
      const config = { ...loadConfig({ TOUCHPOINTS_LOGIN_RATE_LIMIT: '2' }), smtpUrl: undefined };
      const app = await buildApp({
        db: h().catalog.db,
        events: h().events,
        config,
        engine: h().engine,
        secrets: h().secrets,
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++)
          statuses.push(
            (
              await app.inject({
                method: 'POST',
                url: '/api/auth/password-reset',
                payload: { email: 'someone@example.com' },
              })
            ).statusCode,
          );
        expect(statuses).toEqual([202, 202, 429]);
        const looks: number[] = [];
        for (let i = 0; i < 3; i++)
          looks.push(
            (await app.inject({ method: 'GET', url: '/api/invitations/tpi_unknownunknownunknown' }))
              .statusCode,
          );
        expect(looks).toEqual([404, 404, 429]);
      } finally {
        await app.close();
      }
    });
  },
  { config: () => ({ smtpUrl, publicUrl: PUBLIC_URL, loginRateLimit: 1000 }) },
);
