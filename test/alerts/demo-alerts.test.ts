import { expect, it } from 'vitest';
import { DEMO_ALERT_STANDARD } from '../../src/demo/demo-alerts.js';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('demo alerts', (h) => {
  it('opens the demo with firing alerts and the owner’s notifications', async () => {
    const owner = await h().signUp('owner');
    const created = await owner.post('/api/workspaces/demo', { interactions: 20_000, seed: 3 });
    expect(created.status).toBe(201);
    const base = `/api/workspaces/${created.body.workspace.id}`;
    const rules = (await owner.get(`${base}/alert-rules`)).body.items;
    expect(rules.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'feedback_shift',
      'standard_compliance',
      'task_overdue',
    ]);
    const open = (await owner.get(`${base}/alerts?state=open`)).body.items;
    const names = open.map((e: { subjectName: string }) => e.subjectName);
    // The booking call fails its answer standard, and one task is overdue on purpose.
    expect(names).toContain(DEMO_ALERT_STANDARD);
    expect(open.some((e: { kind: string }) => e.kind === 'task_overdue')).toBe(true);
    const standardAlert = open.find((e: { subjectName: string }) => e.subjectName === DEMO_ALERT_STANDARD);
    expect(standardAlert.figures.measured).toBeGreaterThanOrEqual(20);
    expect(standardAlert.figures.shareMeeting).toBeLessThan(0.9);
    // The owner was told of each, besides the demo's task found not effective.
    const notices = (await owner.get(`${base}/notifications`)).body.items;
    expect(notices.filter((n: { kind: string }) => n.kind === 'alert_fired')).toHaveLength(open.length);
    expect(notices.filter((n: { kind: string }) => n.kind === 'task_not_effective')).toHaveLength(1);
    const unread = await owner.get('/api/notifications/unread-count');
    expect(unread.body.unread).toBe(open.length + 1);
    // The demo without interactions still shows the overdue task.
    const plain = await owner.post('/api/workspaces/demo', {});
    const plainOpen = (await owner.get(`/api/workspaces/${plain.body.workspace.id}/alerts`)).body.items;
    expect(plainOpen.map((e: { kind: string }) => e.kind)).toEqual(['task_overdue']);
  });
});
