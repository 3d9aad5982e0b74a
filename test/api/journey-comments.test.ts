import { expect, it } from 'vitest';
import { type Client, describeCatalog, type Harness } from '../catalog-harness.js';

interface Map {
  id: string;
  version: number;
  stages: { id: string; key: string }[];
  lanes: { key: string; kind: string }[];
}

/** A workspace with an owner, an editor and a viewer, and a journey map with one note. */
async function team(h: Harness) {
  const owner = await h.signUp('olga');
  const editor = await h.signUp('ed');
  const viewer = await h.signUp('vera');
  const { id: ws, base } = await h.newWorkspace(owner);
  for (const [member, role] of [
    [editor, 'editor'],
    [viewer, 'viewer'],
  ] as const)
    expect((await owner.post(`${base}/members`, { email: member.email, role })).status).toBe(201);
  const map: Map = (await owner.post(`${base}/journeys`, { name: 'First visit' })).body;
  const stage = map.stages[0]?.id as string;
  const lane = map.lanes.find((l) => l.kind !== 'touchpoints')?.key as string;
  const note = await owner.post(`${base}/journeys/${map.id}/items`, {
    stageId: stage,
    lane,
    text: 'Long queue',
  });
  expect(note.status).toBe(201);
  const path = `${base}/journeys/${map.id}/comments`;
  return { owner, editor, viewer, ws, base, map, stage, lane, itemId: note.body.id as string, path };
}

async function notificationsOf(client: Client, base: string) {
  const res = await client.get(`${base}/notifications`);
  expect(res.status).toBe(200);
  return res.body.items as { kind: string; title: string; body: string; link: string }[];
}

describeCatalog('journey map comments', (h) => {
  it('notifies the mentioned member only, with a link to the comment, and counts per card and cell', async () => {
    const t = await team(h());
    const onCard = await t.owner.post(t.path, {
      itemId: t.itemId,
      body: `@${t.editor.email.toUpperCase()} can we shorten this queue?`,
    });
    expect(onCard.status).toBe(201);
    expect(onCard.body).toMatchObject({
      itemId: t.itemId,
      stageId: null,
      lane: null,
      authorUserId: t.owner.userId,
      authorName: 'olga',
      resolvedAt: null,
      mentions: [{ userId: t.editor.userId, name: 'ed', email: t.editor.email }],
    });
    const told = await notificationsOf(t.editor, t.base);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      kind: 'mention',
      title: 'olga mentioned you on the journey map "First visit"',
      body: `@${t.editor.email.toUpperCase()} can we shorten this queue?`,
      link: `/w/${t.ws}/journeys/${t.map.id}?comment=${onCard.body.id}`,
    });
    expect(await notificationsOf(t.viewer, t.base)).toEqual([]);
    expect(await notificationsOf(t.owner, t.base)).toEqual([]);

    // The author mentioning themselves is not told; a cell comment and a map comment.
    const onCell = await t.editor.post(t.path, {
      stageId: t.stage,
      lane: t.lane,
      body: `note to self @${t.editor.email}`,
    });
    expect(onCell.status).toBe(201);
    expect(await notificationsOf(t.editor, t.base)).toHaveLength(1);
    expect((await t.owner.post(t.path, { body: 'Whole map looks good' })).status).toBe(201);

    const counts = await t.viewer.get(`${t.path}/counts`);
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({
      total: 3,
      unresolved: 3,
      map: { total: 1, unresolved: 1 },
      items: [{ itemId: t.itemId, total: 1, unresolved: 1 }],
      cells: [{ stageId: t.stage, lane: t.lane, total: 1, unresolved: 1 }],
    });
    const cardThread = await t.viewer.get(`${t.path}?itemId=${t.itemId}`);
    expect(cardThread.body.items.map((c: { id: string }) => c.id)).toEqual([onCard.body.id]);
    const cellThread = await t.viewer.get(`${t.path}?stageId=${t.stage}&lane=${t.lane}`);
    expect(cellThread.body.items.map((c: { id: string }) => c.id)).toEqual([onCell.body.id]);
    expect((await t.viewer.get(t.path)).body.total).toBe(3);

    // Removing the card removes its thread.
    expect((await t.owner.delete(`${t.base}/journeys/${t.map.id}/items/${t.itemId}`)).status).toBe(204);
    expect((await t.owner.get(`${t.path}/counts`)).body).toMatchObject({ total: 2, items: [] });
  });

  it('refuses mentions of non-members and bad targets with the field named', async () => {
    const t = await team(h());
    const stranger = await h().signUp('Stranger');
    const refused = await t.owner.post(t.path, { body: `hi @${stranger.email} and @nobody@example.org` });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([
      {
        field: 'body',
        message: `mentions @${stranger.email.toLowerCase()}, @nobody@example.org, who are not a member of this workspace`,
      },
    ]);
    expect(await notificationsOf(t.owner, t.base)).toEqual([]);
    expect((await t.owner.get(t.path)).body.total).toBe(0);

    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'x', stageId: t.stage }, 'lane'],
      [{ body: 'x', lane: t.lane }, 'stageId'],
      [{ body: 'x', stageId: t.stage, lane: 'no-such-lane' }, 'lane'],
      [{ body: 'x', stageId: crypto.randomUUID(), lane: t.lane }, 'stageId'],
      [{ body: 'x', itemId: crypto.randomUUID() }, 'itemId'],
      [{ body: 'x', itemId: t.itemId, stageId: t.stage, lane: t.lane }, 'itemId'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await t.owner.post(t.path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.issues.map((i: { field: string }) => i.field)).toEqual([field]);
    }
    const empty = await t.owner.post(t.path, {});
    expect(empty.body.issues.map((i: { field: string }) => i.field)).toEqual(['body']);
  });

  it('resolves and reopens; only the author edits the text, and a new mention is told once', async () => {
    const t = await team(h());
    const created = await t.owner.post(t.path, { itemId: t.itemId, body: 'Why so slow?' });
    const url = `${t.path}/${created.body.id}`;

    const resolved = await t.editor.patch(url, { resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedByUserId).toBe(t.editor.userId);
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect((await t.owner.get(`${t.path}?resolved=true`)).body.total).toBe(1);
    expect((await t.owner.get(`${t.path}?resolved=false`)).body.total).toBe(0);
    expect((await t.owner.get(`${t.path}/counts`)).body).toMatchObject({ total: 1, unresolved: 0 });

    const reopened = await t.owner.patch(url, { resolved: false });
    expect(reopened.body).toMatchObject({ resolvedAt: null, resolvedByUserId: null });
    expect((await t.owner.get(`${t.path}/counts`)).body.items).toEqual([
      { itemId: t.itemId, total: 1, unresolved: 1 },
    ]);

    const notMine = await t.editor.patch(url, { body: 'rewritten' });
    expect(notMine.status).toBe(403);
    expect(await notificationsOf(t.editor, t.base)).toEqual([]);
    const edited = await t.owner.patch(url, { body: `Why so slow, @${t.editor.email}?` });
    expect(edited.status).toBe(200);
    expect(edited.body.mentions.map((m: { userId: string }) => m.userId)).toEqual([t.editor.userId]);
    await t.owner.patch(url, { body: `Why so slow, @${t.editor.email}? Any idea, @${t.viewer.email}?` });
    expect(await notificationsOf(t.editor, t.base)).toHaveLength(1);
    expect(await notificationsOf(t.viewer, t.base)).toHaveLength(1);
    const stranger = await h().signUp('Stranger');
    const badEdit = await t.owner.patch(url, { body: `@${stranger.email}` });
    expect(badEdit.status).toBe(400);
    expect(badEdit.body.issues[0].field).toBe('body');
    expect((await t.owner.patch(url, {})).status).toBe(400);
  });

  it('lets viewers read but not write; authors and owners delete', async () => {
    const t = await team(h());
    const byOwner = await t.owner.post(t.path, { body: 'owner says' });
    const byEditor = await t.editor.post(t.path, { stageId: t.stage, lane: t.lane, body: 'editor says' });
    expect(byEditor.status).toBe(201);

    expect((await t.viewer.get(t.path)).status).toBe(200);
    expect((await t.viewer.post(t.path, { body: 'viewer says' })).status).toBe(403);
    expect((await t.viewer.patch(`${t.path}/${byOwner.body.id}`, { resolved: true })).status).toBe(403);
    expect((await t.viewer.delete(`${t.path}/${byOwner.body.id}`)).status).toBe(403);

    expect((await t.editor.delete(`${t.path}/${byOwner.body.id}`)).status).toBe(403);
    expect((await t.owner.delete(`${t.path}/${byEditor.body.id}`)).status).toBe(204);
    const again = await t.editor.post(t.path, { body: 'editor again' });
    expect((await t.editor.delete(`${t.path}/${again.body.id}`)).status).toBe(204);
    expect((await t.owner.get(t.path)).body.items.map((c: { body: string }) => c.body)).toEqual([
      'owner says',
    ]);

    const audit = await t.owner.get(`${t.base}/audit-log?entityType=journey_comment`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'create',
      'create',
      'delete',
      'delete',
    ]);
  });

  it("answers 404 for another workspace's map and comments", async () => {
    const t = await team(h());
    const comment = await t.owner.post(t.path, { body: 'ours' });
    const outsider = await h().signUp('Outsider');
    const { base: theirs } = await h().newWorkspace(outsider);
    const ownPath = `${theirs}/journeys/${t.map.id}/comments`;
    expect((await outsider.get(t.path)).status).toBe(404);
    expect((await outsider.get(ownPath)).status).toBe(404);
    expect((await outsider.get(`${ownPath}/counts`)).status).toBe(404);
    expect((await outsider.post(ownPath, { body: 'theirs' })).status).toBe(404);
    expect((await outsider.patch(`${ownPath}/${comment.body.id}`, { resolved: true })).status).toBe(404);
    expect((await outsider.delete(`${ownPath}/${comment.body.id}`)).status).toBe(404);
    // Their own map cannot reach our comment either.
    const theirMap = (await outsider.post(`${theirs}/journeys`, { name: 'Theirs' })).body;
    const cross = `${theirs}/journeys/${theirMap.id}/comments/${comment.body.id}`;
    expect((await outsider.patch(cross, { resolved: true })).status).toBe(404);
    expect((await outsider.delete(cross)).status).toBe(404);
    expect((await t.owner.get(t.path)).body.items[0]).toMatchObject({ body: 'ours', resolvedAt: null });
  });
});
