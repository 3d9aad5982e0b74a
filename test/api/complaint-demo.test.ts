/**
 * The demo's complaint register: complaints in every status with their times, the 24-hour
 * standard on the complaint-handling touchpoint measured from them, and one overdue complaint.
 */
import { expect, it } from 'vitest';
import { DEMO_COMPLAINT_TOUCHPOINT } from '../../src/demo/demo-complaints.js';
import { createDemoWorkspace } from '../../src/demo/demo-workspace.js';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('demo complaints', (h) => {
  it('has complaints in every status and a complaint standard with compliance data', async () => {
    const owner = await h().signUp('owner');
    const result = await createDemoWorkspace(
      h().catalog.db,
      { userId: owner.userId, tokenId: null },
      { id: owner.userId, email: owner.email },
    );
    const base = `/api/workspaces/${result.workspace.id}`;
    const list = await owner.get(`${base}/complaints?limit=500`);
    expect(list.status).toBe(200);
    const byStatus = new Map<string, number>();
    for (const c of list.body.items) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    for (const status of ['new', 'in_progress', 'resolved', 'rejected'])
      expect(byStatus.get(status) ?? 0).toBeGreaterThan(0);
    for (const c of list.body.items) {
      if (c.status !== 'new') expect(c.firstResponseAt).not.toBeNull();
      if (c.status === 'resolved' || c.status === 'rejected') expect(c.resolvedAt).not.toBeNull();
    }
    expect((await owner.get(`${base}/complaints?overdue=true`)).body.total).toBeGreaterThan(0);

    const touchpoints = await owner.get(`${base}/touchpoints?limit=500`);
    const handling = touchpoints.body.items.find((t: { key: string }) => t.key === DEMO_COMPLAINT_TOUCHPOINT);
    const from = new Date(Date.now() - 56 * 86_400_000).toISOString();
    const analysis = await owner.get(
      `${base}/analytics/standards?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    const standard = analysis.body.standards.find(
      (s: { touchpointId: string }) => s.touchpointId === handling.id,
    );
    expect(standard).toMatchObject({
      name: 'Complaint answered within 24 h',
      metric: 'complaint_first_response_ms',
    });
    expect(standard.measured).toBeGreaterThan(20);
    expect(standard.shareMeeting).toBeGreaterThan(0.6);
    expect(standard.weeks.length).toBeGreaterThan(4);
  });
});
