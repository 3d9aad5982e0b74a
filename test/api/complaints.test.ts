/**
 * The complaint register through the API on both catalog engines: staff entry, filters and
 * paging, status moves with their timestamps, optimistic concurrency, history from the audit log,
 * "make a task", roles and workspace isolation; intake from survey answers and reviews is
 * idempotent by its source.
 */
import { expect, it } from 'vitest';
import { openComplaintFromReview, openComplaintFromSurveyAnswer } from '../../src/complaints/intake.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function touchpoint(client: Client, base: string, key: string): Promise<string> {
  return (await created(client.post(`${base}/touchpoints`, { key, name: key }))).body.id;
}

const texts = (r: Reply) => r.body.items.map((c: { text: string }) => c.text).sort();

describeCatalog('complaints', (h) => {
  it('enters, lists with filters and paging, moves with stamps, resolves, reopens and keeps the history', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const desk = await touchpoint(owner, base, 'desk');
    const phone = await touchpoint(owner, base, 'phone');

    const first = await owner.post(`${base}/complaints`, {
      touchpointId: desk,
      customer: 'cust-1',
      text: '  The queue was an hour long  ',
      severity: 'high',
      ownerUserId: owner.userId,
      receivedAt: '2020-01-01T10:00:00Z',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      touchpointId: desk,
      customer: 'cust-1',
      text: 'The queue was an hour long',
      severity: 'high',
      ownerUserId: owner.userId,
      status: 'new',
      source: 'staff',
      sourceRef: null,
      receivedAt: '2020-01-01T10:00:00.000Z',
      firstResponseAt: null,
      resolvedAt: null,
      resolutionNote: '',
      taskId: null,
      overdue: true,
      version: 1,
    });
    const second = (
      await created(owner.post(`${base}/complaints`, { touchpointId: phone, text: 'Nobody called back' }))
    ).body;
    expect(second).toMatchObject({ severity: 'medium', status: 'new', overdue: false });
    await created(owner.post(`${base}/complaints`, { text: 'Rude answer by e-mail', severity: 'low' }));

    expect(texts(await owner.get(`${base}/complaints?touchpointId=${desk}`))).toEqual([
      'The queue was an hour long',
    ]);
    expect(texts(await owner.get(`${base}/complaints?severity=low&severity=medium`))).toEqual([
      'Nobody called back',
      'Rude answer by e-mail',
    ]);
    expect(texts(await owner.get(`${base}/complaints?overdue=true`))).toEqual(['The queue was an hour long']);
    expect(texts(await owner.get(`${base}/complaints?q=CALLED`))).toEqual(['Nobody called back']);
    expect(texts(await owner.get(`${base}/complaints?mine=true`))).toEqual(['The queue was an hour long']);
    expect(texts(await owner.get(`${base}/complaints?source=survey`))).toEqual([]);
    const page = await owner.get(`${base}/complaints?limit=2&offset=0&sort=-severity`);
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((c: { severity: string }) => c.severity)).toEqual(['high', 'medium']);
    const byReceived = await owner.get(`${base}/complaints?sort=receivedAt&limit=1`);
    expect(byReceived.body.items[0].text).toBe('The queue was an hour long');

    const id = first.body.id;
    const started = await owner.patch(`${base}/complaints/${id}`, { version: 1, status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');
    expect(started.body.firstResponseAt).not.toBeNull();
    expect(started.body.resolvedAt).toBeNull();
    expect(started.body.overdue).toBe(true); // older than 7 days and unresolved

    const stale = await owner.patch(`${base}/complaints/${id}`, { version: 1, severity: 'low' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    const back = await owner.patch(`${base}/complaints/${id}`, { version: 2, status: 'new' });
    expect(back.status).toBe(400);
    expect(back.body.issues[0].field).toBe('status');

    const resolved = await owner.patch(`${base}/complaints/${id}`, {
      version: 2,
      status: 'resolved',
      resolutionNote: 'Opened a second counter at peak hours',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', overdue: false, version: 3 });
    expect(resolved.body.firstResponseAt).toBe(started.body.firstResponseAt);
    expect(resolved.body.resolvedAt).not.toBeNull();

    const rejectedFromResolved = await owner.patch(`${base}/complaints/${id}`, {
      version: 3,
      status: 'rejected',
    });
    expect(rejectedFromResolved.status).toBe(400);
    const reopened = await owner.patch(`${base}/complaints/${id}`, { version: 3, status: 'in_progress' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(reopened.body.firstResponseAt).toBe(started.body.firstResponseAt);

    // The first note written while new counts as the first response.
    const noted = await owner.patch(`${base}/complaints/${second.id}`, {
      version: 1,
      resolutionNote: 'Called back',
    });
    expect(noted.body.status).toBe('new');
    expect(noted.body.firstResponseAt).not.toBeNull();

    const history = await owner.get(`${base}/complaints/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(4);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
    ]);
    expect(history.body.items[0].actorName).toBe('owner');
    const statusMoves = history.body.items.flatMap(
      (e: { changes: { field: string; from: string; to: string }[] }) =>
        e.changes.filter((c) => c.field === 'status').map((c) => `${c.from ?? ''}→${c.to}`),
    );
    expect(statusMoves).toEqual(['→new', 'new→in_progress', 'in_progress→resolved', 'resolved→in_progress']);
    const resolution = history.body.items[2].changes.find(
      (c: { field: string }) => c.field === 'resolutionNote',
    );
    expect(resolution).toEqual({
      field: 'resolutionNote',
      from: '',
      to: 'Opened a second counter at peak hours',
    });
  });

  it('refuses bad input naming the field, and keeps roles and workspaces apart', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const stranger = await h().signUp('stranger');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(stranger, 'Other');
    const foreignTouchpoint = await touchpoint(stranger, other.base, 'desk');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });

    const field = (r: Reply) => r.body.issues?.map((i: { field: string }) => i.field);
    expect(field(await owner.post(`${base}/complaints`, { text: '   ' }))).toEqual(['text']);
    expect(field(await owner.post(`${base}/complaints`, { text: 'x', severity: 'huge' }))).toEqual([
      'severity',
    ]);
    expect(
      field(await owner.post(`${base}/complaints`, { text: 'x', touchpointId: foreignTouchpoint })),
    ).toEqual(['touchpointId']);
    expect(
      field(await owner.post(`${base}/complaints`, { text: 'x', ownerUserId: stranger.userId })),
    ).toEqual(['ownerUserId']);
    expect(field(await owner.post(`${base}/complaints`, { text: 'x', receivedAt: 'yesterday' }))).toEqual([
      'receivedAt',
    ]);
    expect(field(await owner.get(`${base}/complaints?status=open`))).toEqual(['querystring.status']);

    const c = (await created(owner.post(`${base}/complaints`, { text: 'Cold coffee' }))).body;
    expect((await viewer.get(`${base}/complaints/${c.id}`)).status).toBe(200);
    expect((await viewer.get(`${base}/complaints`)).body.total).toBe(1);
    expect((await viewer.post(`${base}/complaints`, { text: 'x' })).status).toBe(403);
    expect(
      (await viewer.patch(`${base}/complaints/${c.id}`, { version: 1, status: 'in_progress' })).status,
    ).toBe(403);
    expect((await stranger.get(`${base}/complaints/${c.id}`)).status).toBe(404);
    expect((await stranger.get(`${other.base}/complaints/${c.id}`)).status).toBe(404);
    expect((await stranger.patch(`${other.base}/complaints/${c.id}`, { version: 1, text: 'y' })).status).toBe(
      404,
    );
    expect((await stranger.get(`${other.base}/complaints/${c.id}/history`)).status).toBe(404);
  });

  it('releases a removed member from their open complaints, keeps them on closed ones', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    const open = (
      await created(owner.post(`${base}/complaints`, { text: 'Open', ownerUserId: editor.userId }))
    ).body;
    const closed = (
      await created(owner.post(`${base}/complaints`, { text: 'Closed', ownerUserId: editor.userId }))
    ).body;
    await owner.patch(`${base}/complaints/${closed.id}`, { version: 1, status: 'resolved' });
    expect((await owner.delete(`${base}/members/${editor.userId}`)).status).toBe(204);
    expect((await owner.get(`${base}/complaints/${open.id}`)).body).toMatchObject({
      ownerUserId: null,
      version: 2,
    });
    expect((await owner.get(`${base}/complaints/${closed.id}`)).body.ownerUserId).toBe(editor.userId);
    const history = await owner.get(`${base}/complaints/${open.id}/history`);
    expect(history.body.items.at(-1).changes).toEqual([
      { field: 'ownerUserId', from: editor.userId, to: null },
    ]);
  });

  it('makes a task on the complaint’s touchpoint and links it', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const desk = await touchpoint(owner, base, 'desk');
    const without = (await created(owner.post(`${base}/complaints`, { text: 'Somewhere' }))).body;
    const noTouchpoint = await owner.post(`${base}/complaints/${without.id}/task`, { version: 1 });
    expect(noTouchpoint.status).toBe(400);
    expect(noTouchpoint.body.issues[0].field).toBe('touchpointId');

    const c = (
      await created(
        owner.post(`${base}/complaints`, { text: 'Wrong invoice', touchpointId: desk, severity: 'high' }),
      )
    ).body;
    const made = await owner.post(`${base}/complaints/${c.id}/task`, { version: 1, dueDate: '2999-01-31' });
    expect(made.status).toBe(201);
    expect(made.body.task).toMatchObject({
      title: 'Remove the cause of a high complaint at desk',
      lever: 'business_processes',
      status: 'planned',
      dueDate: '2999-01-31',
      targets: { touchpointId: desk },
    });
    expect(made.body.task.description).not.toContain('Wrong invoice');
    expect(made.body.complaint).toMatchObject({ taskId: made.body.task.id, version: 2 });
    expect((await owner.get(`${base}/tasks/${made.body.task.id}`)).status).toBe(200);
    const again = await owner.post(`${base}/complaints/${c.id}/task`, { version: 2 });
    expect(again.status).toBe(409);
    const history = await owner.get(`${base}/complaints/${c.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'task',
      changes: [{ field: 'taskId', from: null, to: made.body.task.id }],
    });
  });

  it('opens one complaint per survey submission and per low review, whatever the retries', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const desk = await touchpoint(owner, base, 'desk');
    const db = h().catalog.db;
    const answer = {
      workspaceId,
      surveyId: crypto.randomUUID(),
      touchpointId: desk,
      submissionId: 'sub-1',
      customer: null,
      text: '',
      scores: { csat: 1 },
      at: Date.UTC(2026, 0, 5, 9),
    };
    const opened = await openComplaintFromSurveyAnswer(db, answer);
    expect(opened.created).toBe(true);
    const [again, concurrent] = await Promise.all([
      openComplaintFromSurveyAnswer(db, answer),
      openComplaintFromSurveyAnswer(db, { ...answer, text: 'changed' }),
    ]);
    expect(again).toEqual({ id: opened.id, created: false });
    expect(concurrent).toEqual({ id: opened.id, created: false });
    const other = await openComplaintFromSurveyAnswer(db, {
      ...answer,
      submissionId: 'sub-2',
      text: 'Nobody at the desk',
      scores: { nps: 2 },
    });
    expect(other.created).toBe(true);

    const review = {
      workspaceId,
      reviewId: crypto.randomUUID(),
      touchpointId: desk,
      customer: 'rev-7',
      text: 'Meh',
      at: Date.UTC(2026, 0, 6),
    };
    expect(await openComplaintFromReview(db, { ...review, score: 0.6 })).toBeNull();
    const low = await openComplaintFromReview(db, { ...review, score: 0.2 });
    expect(low?.created).toBe(true);
    expect(await openComplaintFromReview(db, { ...review, score: 0.2 })).toEqual({
      id: low?.id,
      created: false,
    });

    const list = await owner.get(`${base}/complaints`);
    const rows = list.body.items.map(
      (c: { source: string; sourceRef: string; text: string; severity: string; receivedAt: string }) => [
        c.source,
        c.sourceRef,
        c.text,
        c.severity,
        c.receivedAt,
      ],
    );
    expect(rows.sort((a: string[], b: string[]) => String(a[2]).localeCompare(String(b[2])))).toEqual([
      ['review', review.reviewId, 'Meh', 'high', '2026-01-06T00:00:00.000Z'],
      ['survey', `${answer.surveyId}:sub-2`, 'Nobody at the desk', 'high', '2026-01-05T09:00:00.000Z'],
      [
        'survey',
        `${answer.surveyId}:sub-1`,
        'Survey answer: CSAT 1/5',
        'critical',
        '2026-01-05T09:00:00.000Z',
      ],
    ]);
    expect((await owner.get(`${base}/complaints/${opened.id}/history`)).body.items[0].actorName).toBe(
      'system',
    );
  });
});
