/**
 * Removing a member releases their unfinished work in that workspace: tasks not yet verified lose
 * their owner, audits not yet submitted their auditor; finished ones keep the person as history,
 * other workspaces are untouched, and every change is versioned and in the audit log.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { audits } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';
import { controlDocument } from '../control-document-fixture.js';
import { setAt } from '../workspace-document-fixture.js';

describeCatalog('removing a member', (h) => {
  it('clears them from open tasks and unsubmitted audits of that workspace only', async () => {
    const leaver = await h().signUp('leaver');
    const boss = await h().signUp('boss');
    const doc = controlDocument(leaver.email);
    setAt(doc, ['tasks', 3, 'ownerEmail'], leaver.email); // the verified task
    setAt(doc, ['audits', 1, 'auditorEmail'], leaver.email); // the audit in progress
    const imported = await leaver.post('/api/workspaces/import', doc);
    expect(imported.status).toBe(201);
    const workspaceId = imported.body.workspace.id;
    const base = `/api/workspaces/${workspaceId}`;
    expect((await leaver.post(`${base}/members`, { email: boss.email, role: 'owner' })).status).toBe(201);

    // The leaver's task in another workspace stays theirs.
    const other = await h().newWorkspace(leaver, 'Side project');
    const tp = await leaver.post(`${other.base}/touchpoints`, { key: 'desk', name: 'Desk' });
    const sideTask = await leaver.post(`${other.base}/tasks`, {
      title: 'Tidy the desk',
      lever: 'business_processes',
      ownerUserId: leaver.userId,
      targets: { touchpointId: tp.body.id },
    });
    expect(sideTask.status).toBe(201);

    const before = (await boss.get(`${base}/tasks?limit=50`)).body.items;
    const owned = (title: string) => before.find((t: { title: string }) => t.title === title);
    expect(owned('Train the call team')).toMatchObject({ ownerUserId: leaver.userId, version: 1 });

    expect((await boss.delete(`${base}/members/${leaver.userId}`)).status).toBe(204);

    const after = (await boss.get(`${base}/tasks?limit=50`)).body.items;
    const task = (title: string) => after.find((t: { title: string }) => t.title === title);
    expect(task('Train the call team')).toMatchObject({ status: 'planned', ownerUserId: null, version: 2 });
    expect(task('Add a second line at lunch time')).toMatchObject({
      status: 'done',
      ownerUserId: null,
      version: 2,
    });
    expect(task('Simplify the purchase stage')).toMatchObject({
      status: 'verified',
      ownerUserId: leaver.userId,
      version: 1,
    });
    const side = await leaver.get(`${other.base}/tasks/${sideTask.body.id}`);
    expect(side.body).toMatchObject({ ownerUserId: leaver.userId, version: 1 });

    // A change made on the version read before the removal is refused.
    const stale = await boss.patch(`${base}/tasks/${owned('Train the call team').id}`, {
      version: 1,
      priority: 2,
    });
    expect(stale.status).toBe(409);

    const auditRows = await h().catalog.db.select().from(audits).where(eq(audits.workspaceId, workspaceId));
    const audit = (status: string) => auditRows.find((a) => a.status === status);
    expect(audit('submitted')).toMatchObject({ auditorUserId: leaver.userId, version: 1 });
    expect(audit('in_progress')).toMatchObject({
      auditorUserId: null,
      auditorName: 'Bob Former',
      version: 2,
    });

    const log = await boss.get(`${base}/audit-log?limit=50`);
    const released = log.body.items.filter(
      (e: { after: { reason?: string } | null }) => e.after?.reason === 'removed from the workspace',
    );
    expect(
      released.map((e: { entityType: string; actorUserId: string; before: unknown }) => [
        e.entityType,
        e.actorUserId,
        e.before,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['task', boss.userId, { ownerUserId: leaver.userId }],
        ['task', boss.userId, { ownerUserId: leaver.userId }],
        ['audit', boss.userId, { auditorUserId: leaver.userId }],
      ]),
    );
    expect(released).toHaveLength(3);
    expect(
      released
        .filter((e: { entityType: string }) => e.entityType === 'task')
        .map((e: { entityId: string }) => e.entityId)
        .sort(),
    ).toEqual([task('Train the call team').id, task('Add a second line at lunch time').id].sort());
  });
});
