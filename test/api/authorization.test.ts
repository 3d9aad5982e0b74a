import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { apiTokens } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('roles and workspace scoping', (h) => {
  it('lets viewers read, editors write, and only owners manage', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { id, base } = await h().newWorkspace(owner);
    expect((await owner.post(`${base}/members`, { email: editor.email, role: 'editor' })).status).toBe(201);
    expect((await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' })).status).toBe(201);

    expect((await viewer.get(`${base}/subjects`)).status).toBe(200);
    const viewerWrite = await viewer.post(`${base}/subjects`, { kind: 'product', name: 'Sofa' });
    expect(viewerWrite.status).toBe(403);
    expect(viewerWrite.body.message).toMatch(/viewer/);
    const editorWrite = await editor.post(`${base}/subjects`, { kind: 'product', name: 'Sofa' });
    expect(editorWrite.status).toBe(201);
    expect((await viewer.delete(`${base}/subjects/${editorWrite.body.id}`)).status).toBe(403);

    expect(
      (await editor.post(`${base}/members`, { email: 'x@example.com', role: 'owner', password: 'abcdefgh' }))
        .status,
    ).toBe(403);
    expect((await editor.patch(`/api/workspaces/${id}`, { version: 1, name: 'Mine' })).status).toBe(403);
    expect((await editor.get(`${base}/tokens`)).status).toBe(403);
    const members = await viewer.get(`${base}/members`);
    expect(members.body).toMatchObject({ total: 3, limit: 500, offset: 0 });
    expect(members.body.items).toHaveLength(3);
    const emails = members.body.items.map((m: { email: string }) => m.email);
    expect(emails).toEqual([...emails].sort());
    // A page at a time, and a search by e-mail or name.
    const second = await viewer.get(`${base}/members?limit=1&offset=1`);
    expect(second.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.body.items.map((m: { email: string }) => m.email)).toEqual([emails[1]]);
    const found = await viewer.get(`${base}/members?q=${encodeURIComponent(editor.email.toUpperCase())}`);
    expect(found.body.items.map((m: { email: string }) => m.email)).toEqual([editor.email]);
    expect(found.body.total).toBe(1);
    expect((await viewer.get(`${base}/members?q=%25`)).body.total).toBe(0);
    const tooMany = await viewer.get(`${base}/members?limit=501`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual([{ field: 'querystring.limit', message: 'must be at most 500' }]);

    const me = await viewer.get('/api/me');
    expect(me.body.workspaces).toEqual([expect.objectContaining({ id, role: 'viewer' })]);
  });

  it('answers 404 for another workspace and its objects', async () => {
    const alice = await h().signUp('alice');
    const mallory = await h().signUp('mallory');
    const a = await h().newWorkspace(alice, 'Alice Ltd');
    const m = await h().newWorkspace(mallory, 'Mallory Ltd');
    const secret = await alice.post(`${a.base}/subjects`, { kind: 'service', name: 'Secret service' });

    expect((await mallory.get(a.base)).status).toBe(404);
    expect((await mallory.get(`${a.base}/subjects`)).status).toBe(404);
    expect((await mallory.post(`${a.base}/subjects`, { kind: 'other', name: 'x' })).status).toBe(404);
    expect((await mallory.get(`${a.base}/audit-log`)).status).toBe(404);
    // Alice's subject id under Mallory's own workspace is not found either.
    expect((await mallory.get(`${m.base}/subjects/${secret.body.id}`)).status).toBe(404);
    expect(
      (await mallory.patch(`${m.base}/subjects/${secret.body.id}`, { version: 1, name: 'x' })).status,
    ).toBe(404);
    expect((await mallory.delete(`${m.base}/subjects/${secret.body.id}`)).status).toBe(404);
    expect((await alice.get(`${a.base}/subjects/${secret.body.id}`)).body.name).toBe('Secret service');
    expect((await h().anonymous.get(`${a.base}/subjects`)).status).toBe(401);
  });

  it('keeps at least one owner and audits membership changes', async () => {
    const owner = await h().signUp('owner');
    const { id, base } = await h().newWorkspace(owner);
    const demote = await owner.patch(`${base}/members/${owner.userId}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect((await owner.delete(`${base}/members/${owner.userId}`)).status).toBe(409);
    const added = await owner.post(`${base}/members`, {
      email: 'new.member@example.com',
      role: 'editor',
      password: 'pass word 1',
    });
    expect(added.status).toBe(201);
    const twice = await owner.post(`${base}/members`, { email: 'new.member@example.com', role: 'editor' });
    expect(twice.status).toBe(409);
    const noAccount = await owner.post(`${base}/members`, { email: 'ghost@example.com', role: 'editor' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.issues[0].field).toBe('email');
    expect((await owner.patch(`${base}/members/${added.body.userId}`, { role: 'owner' })).status).toBe(200);
    expect((await owner.patch(`${base}/members/${owner.userId}`, { role: 'viewer' })).status).toBe(200);
    const log = await owner.get(`${base}/audit-log?entityType=member`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
    expect((await owner.patch(`/api/workspaces/${id}`, { version: 1, name: 'x' })).status).toBe(403);
  });

  it('updates a workspace with a version precondition and deletes it', async () => {
    const owner = await h().signUp('owner');
    const { id } = await h().newWorkspace(owner);
    const ok = await owner.patch(`/api/workspaces/${id}`, {
      version: 1,
      name: 'Renamed',
      settings: { contactFrequencyCap: 6 },
    });
    expect(ok.body).toMatchObject({ name: 'Renamed', version: 2, settings: { contactFrequencyCap: 6 } });
    const stale = await owner.patch(`/api/workspaces/${id}`, { version: 1, name: 'Other' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const badSetting = await owner.patch(`/api/workspaces/${id}`, {
      version: 2,
      settings: { contactFrequencyCap: 0 },
    });
    expect(badSetting.status).toBe(400);
    expect(badSetting.body.issues[0].field).toBe('settings.contactFrequencyCap');
    expect((await owner.delete(`/api/workspaces/${id}`)).status).toBe(204);
    expect((await owner.get(`/api/workspaces/${id}`)).status).toBe(404);
  });
});

describeCatalog('API tokens', (h) => {
  it('acts within its scopes and its workspace only', async () => {
    const owner = await h().signUp('owner');
    const { id, base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other');
    const mint = async (scopes: string[]) => {
      const res = await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes });
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^tp_/);
      return res.body;
    };
    const read = h().withToken((await mint(['read'])).token);
    const admin = h().withToken((await mint(['admin'])).token);
    const ingest = h().withToken((await mint(['ingest'])).token);

    expect((await read.get(`${base}/subjects`)).status).toBe(200);
    const readWrite = await read.post(`${base}/subjects`, { kind: 'other', name: 'x' });
    expect(readWrite.status).toBe(403);
    expect(readWrite.body.message).toMatch(/scopes \[read\]/);
    expect((await ingest.get(`${base}/subjects`)).status).toBe(403);
    const created = await admin.post(`${base}/subjects`, { kind: 'other', name: 'Made by a token' });
    expect(created.status).toBe(201);
    expect((await read.get(`${other.base}/subjects`)).status).toBe(404);
    expect((await read.get('/api/me')).status).toBe(403);
    const listed = await read.get('/api/workspaces');
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([id]);

    const log = await owner.get(`${base}/audit-log?entityType=subject`);
    expect(log.body.items[0]).toMatchObject({ actorUserId: null, actorTokenId: expect.any(String) });

    const tokens = await owner.get(`${base}/tokens`);
    expect(tokens.body.items).toHaveLength(3);
    expect(JSON.stringify(tokens.body)).not.toMatch(/tp_[A-Za-z0-9_-]{20}/);
  });

  it('refuses unknown, malformed, revoked and expired tokens with 401', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const minted = (await owner.post(`${base}/tokens`, { name: 'ci', scopes: ['read'] })).body;
    const token = h().withToken(minted.token);
    expect((await token.get(`${base}/subjects`)).status).toBe(200);

    const unknown = await h().withToken('tp_not_a_real_token').get(`${base}/subjects`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe('unknown API token');
    const malformed = await h().anonymous.request('GET', `${base}/subjects`, undefined, {
      authorization: 'Token abc',
    });
    expect(malformed.status).toBe(401);

    await h()
      .catalog.db.update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, minted.record.id));
    const expired = await token.get(`${base}/subjects`);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);

    const second = (await owner.post(`${base}/tokens`, { name: 'ci2', scopes: ['read'] })).body;
    expect((await owner.delete(`${base}/tokens/${second.record.id}`)).status).toBe(204);
    const revoked = await h().withToken(second.token).get(`${base}/subjects`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toMatch(/revoked/);

    const past = await owner.post(`${base}/tokens`, {
      name: 'old',
      scopes: ['read'],
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.issues[0].field).toBe('expiresAt');
    const noScope = await owner.post(`${base}/tokens`, { name: 'none', scopes: [] });
    expect(noScope.body.issues[0].field).toBe('scopes');
  });

  it('cannot make, raise, demote or remove owners, set passwords or mint tokens, whatever its scopes', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const coOwner = await h().signUp('co-owner');
    const { base } = await h().newWorkspace(owner);
    expect((await owner.post(`${base}/members`, { email: coOwner.email, role: 'owner' })).status).toBe(201);
    const admin = h().withToken(
      (await owner.post(`${base}/tokens`, { name: 'admin', scopes: ['admin'] })).body.token,
    );

    // A new human account with a password, as owner or not: the token would outlive itself.
    const minted = await admin.post(`${base}/members`, {
      email: 'mallory@example.com',
      role: 'owner',
      password: 'correct horse battery',
    });
    expect(minted.status).toBe(403);
    expect(minted.body.message).toBe('an API token cannot add an owner; a signed-in owner must do it');
    const withPassword = await admin.post(`${base}/members`, {
      email: 'mallory@example.com',
      role: 'viewer',
      password: 'correct horse battery',
    });
    expect(withPassword.status).toBe(403);
    expect(withPassword.body.message).toMatch(/cannot create an account with a password/);
    const login = await h().anonymous.post('/api/auth/login', {
      email: 'mallory@example.com',
      password: 'correct horse battery',
    });
    expect(login.status).toBe(401);
    const existingAsOwner = await admin.post(`${base}/members`, { email: editor.email, role: 'owner' });
    expect(existingAsOwner.status).toBe(403);

    // Nor mint tokens, which could outlive its own revocation or expiry.
    const minted2 = await admin.post(`${base}/tokens`, { name: 'forever', scopes: ['admin'] });
    expect(minted2.status).toBe(403);
    expect(minted2.body.message).toBe('an API token cannot create API tokens; a signed-in owner must do it');
    expect((await owner.get(`${base}/tokens`)).body.items).toHaveLength(1);

    // What an admin token may do with members: existing accounts, roles below owner.
    expect((await admin.post(`${base}/members`, { email: editor.email, role: 'editor' })).status).toBe(201);
    const raise = await admin.patch(`${base}/members/${editor.userId}`, { role: 'owner' });
    expect(raise.status).toBe(403);
    expect(raise.body.message).toMatch(/cannot make a member owner/);
    expect((await admin.patch(`${base}/members/${editor.userId}`, { role: 'viewer' })).status).toBe(200);
    const demote = await admin.patch(`${base}/members/${coOwner.userId}`, { role: 'viewer' });
    expect(demote.status).toBe(403);
    expect(demote.body.message).toMatch(/cannot change an owner's role/);
    const remove = await admin.delete(`${base}/members/${coOwner.userId}`);
    expect(remove.status).toBe(403);
    expect(remove.body.message).toMatch(/cannot remove an owner/);
    expect((await admin.delete(`${base}/members/${editor.userId}`)).status).toBe(204);

    const members = await owner.get(`${base}/members`);
    expect(
      members.body.items.map((m: { email: string; role: string }) => `${m.email}:${m.role}`).sort(),
    ).toEqual([`${coOwner.email}:owner`, `${owner.email}:owner`].sort());
    // A signed-in owner still can.
    expect((await owner.patch(`${base}/members/${coOwner.userId}`, { role: 'editor' })).status).toBe(200);
    // Passwords are changed by their user only, never by a token.
    const password = await admin.post('/api/me/password', {
      currentPassword: 'x',
      newPassword: 'a new password 3',
    });
    expect(password.status).toBe(403);
  });
});
