import { expect, it } from 'vitest';
import { DEMO_FINDINGS } from '../../src/demo/demo-workspace.js';
import { describeCatalog } from '../catalog-harness.js';

interface Tp {
  id: string;
  key: string;
  name: string;
  brandId: string;
  parentId: string | null;
  channelId: string | null;
  subjectId: string | null;
  status: string;
}

describeCatalog('demo workspace', (h) => {
  it('creates a rich demo for the caller whose health findings are the deliberate ones', async () => {
    const owner = await h().signUp('owner');
    const created = await owner.post('/api/workspaces/demo');
    expect(created.status).toBe(201);
    expect(created.body.workspace).toMatchObject({ name: 'Demo: Brightside Group', role: 'owner' });
    const base = `/api/workspaces/${created.body.workspace.id}`;
    const doc = (await owner.get(`${base}/export`)).body;
    const tps: Tp[] = doc.touchpoints;

    expect(doc.journeys.length).toBeGreaterThanOrEqual(3);
    expect(tps.length).toBeGreaterThanOrEqual(40);
    expect(new Set(tps.map((t) => t.channelId)).size).toBeGreaterThanOrEqual(10);
    const kinds = new Set(doc.subjects.map((s: { kind: string }) => s.kind));
    expect([...kinds].sort()).toEqual(['division', 'employee', 'location', 'other', 'product', 'service']);

    // The call centre is composite: greeting, hold music, operator answer, farewell.
    const callCentre = tps.find((t) => t.name === 'Call centre');
    expect(tps.filter((t) => t.parentId === callCentre?.id).map((t) => t.name)).toEqual(
      expect.arrayContaining(['Greeting', 'Hold music', 'Operator answer', 'Farewell']),
    );
    expect(new Set(tps.filter((t) => t.parentId).map((t) => t.parentId)).size).toBeGreaterThanOrEqual(3);

    // Competitors with a few touchpoints of their own.
    const competitors = doc.brands.filter((b: { isOwn: boolean }) => !b.isOwn);
    expect(competitors.length).toBeGreaterThanOrEqual(2);
    const competitorIds = new Set(competitors.map((b: { id: string }) => b.id));
    expect(tps.filter((t) => competitorIds.has(t.brandId)).length).toBeGreaterThanOrEqual(4);

    // The standards of the source material.
    const standardOf = (name: string) =>
      doc.standards.filter(
        (s: { touchpointId: string }) => s.touchpointId === tps.find((t) => t.name === name)?.id,
      );
    expect(standardOf('Call centre')).toEqual([
      expect.objectContaining({
        metric: 'response_ms',
        comparator: 'lte',
        target: 20000,
        requiredShare: 0.9,
      }),
    ]);
    expect(standardOf('Reply to e-mail enquiries')[0]).toMatchObject({
      metric: 'response_ms',
      target: 600_000,
    });
    expect(standardOf('Clinic reception')[0]).toMatchObject({ metric: 'wait_ms', target: 300_000 });
    expect(standardOf('SMS appointment reminder')[0]).toMatchObject({
      metric: 'response_ms',
      target: 60_000,
    });
    expect(standardOf('Check-up with the paediatrician')[0]).toMatchObject({
      metric: 'csat',
      comparator: 'gte',
      target: 4.5,
    });

    // Journeys: several lanes with content, designed emotions, the three named businesses.
    const names = doc.journeys.map((j: { name: string }) => j.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Clinic/),
        expect.stringMatching(/Consulting/),
        expect.stringMatching(/Retail/),
      ]),
    );
    const consulting = doc.journeys.find((j: { name: string }) => j.name.startsWith('Consulting'));
    expect(consulting.stages.map((s: { name: string }) => s.name)).toEqual([
      'Sell the idea: what consulting is',
      'Show the difference: our system vs an MBA or trainings',
      'Sell the firm, the consultant and the project',
    ]);
    for (const j of doc.journeys) {
      const lanes = new Set(j.items.map((i: { lane: string }) => i.lane));
      expect(lanes.size, j.name).toBeGreaterThanOrEqual(6);
      expect(j.stages.every((s: { designedEmotion: number | null }) => s.designedEmotion !== null)).toBe(
        true,
      );
    }
    const clinicChain = doc.chains.find((c: { name: string }) => c.name === 'Clinic: online lead to booking');
    expect(
      clinicChain.links.map((l: { touchpointId: string }) => tps.find((t) => t.id === l.touchpointId)?.key),
    ).toEqual([
      'clinic-banner-ad',
      'clinic-website',
      'clinic-question-form',
      'clinic-booking-call',
      'clinic-sms-reminder',
    ]);
    // Continuations: sale → … → review request → referral.
    const chainById = new Map(doc.chains.map((c: { id: string }) => [c.id, c]));
    const continued = doc.chains.filter((c: { nextChainId: string | null }) => c.nextChainId);
    expect(continued.length).toBeGreaterThanOrEqual(8);
    let step = clinicChain;
    const path: string[] = [];
    while (step) {
      path.push(step.name);
      step = chainById.get(step.nextChainId);
    }
    expect(path).toEqual([
      'Clinic: online lead to booking',
      'Clinic: the visit',
      'Brightside: review and referral',
    ]);

    const health = await owner.get(`${base}/health`);
    expect(
      health.body.findings.map((f: { rule: string; object: { name: string } }) => ({
        rule: f.rule,
        name: f.object.name,
      })),
    ).toEqual(DEMO_FINDINGS);

    // Improvement tasks in every status; the overdue one is a finding above.
    const tasks = await owner.get(`${base}/tasks?limit=100`);
    const statuses = new Set(tasks.body.items.map((t: { status: string }) => t.status));
    expect([...statuses].sort()).toEqual(['done', 'in_progress', 'not_effective', 'planned', 'verified']);
    expect(tasks.body.items.filter((t: { overdue: boolean }) => t.overdue)).toHaveLength(1);
    const verified = tasks.body.items.find((t: { status: string }) => t.status === 'verified');
    expect(verified.verification.explanation).toMatch(/^verified on /);
  });

  it('needs a signed-in user and can be named', async () => {
    expect((await h().anonymous.post('/api/workspaces/demo')).status).toBe(401);
    const owner = await h().signUp('owner');
    const named = await owner.post('/api/workspaces/demo', { name: 'Workshop demo' });
    expect(named.status).toBe(201);
    expect(named.body.workspace.name).toBe('Workshop demo');
    expect(named.body.counts.touchpoints).toBeGreaterThanOrEqual(40);
    const bad = await owner.post('/api/workspaces/demo', { colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ field: 'colour', message: 'unknown field' }]);
  });
});
