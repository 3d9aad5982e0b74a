import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { touchpoints } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';
import { HEALTH_EXPECTED, healthDocument } from '../workspace-document-fixture.js';

describeCatalog('health check', (h) => {
  it('finds exactly the objects breaking each law, and names and links them', async () => {
    const owner = await h().signUp('owner');
    const created = await owner.post('/api/workspaces/import', healthDocument(owner.email));
    expect(created.status).toBe(201);
    const workspaceId = created.body.workspace.id;
    const base = `/api/workspaces/${workspaceId}`;
    const doc = (await owner.get(`${base}/export`)).body;
    const idOf = (list: { id: string; name: string }[], name: string) =>
      list.find((o) => o.name === name)?.id;

    const res = await owner.get(`${base}/health`);
    expect(res.status).toBe(200);
    expect(
      res.body.findings.map((f: { rule: string; object: { name: string } }) => [f.rule, f.object.name]),
    ).toEqual(HEALTH_EXPECTED);
    expect(res.body.summary).toEqual({
      total: 11,
      errors: 3,
      warnings: 8,
      byRule: {
        subject_few_touchpoints: 2,
        chain_no_initial: 1,
        chain_no_final: 2,
        final_without_continuation: 1,
        stage_without_touchpoint: 2,
        touchpoint_in_no_chain: 1,
        touchpoint_no_owner: 1,
        touchpoint_no_standard: 1,
        negative_breaks_chain: 0,
        touchpoint_no_recent_interaction: 0,
        standard_failing: 0,
        standard_failing_without_task: 0,
        task_overdue: 0,
      },
    });

    const store = res.body.findings[1];
    expect(store).toEqual({
      rule: 'subject_few_touchpoints',
      severity: 'warning',
      law: 1,
      message: 'Subject “Main street store” has 1 active touchpoint; every subject needs at least 2 (law 1)',
      object: { type: 'subject', id: idOf(doc.subjects, 'Main street store'), name: 'Main street store' },
      link: `${base}/subjects/${idOf(doc.subjects, 'Main street store')}`,
      createTask: {
        title: 'Subject “Main street store” has 1 active touchpoint',
        lever: 'new_touchpoints',
        targets: {},
      },
    });
    expect(res.body.findings[0].message).toMatch(/“Empty subject” has no active touchpoints/);
    const draft = res.body.findings[2];
    expect(draft).toMatchObject({
      severity: 'error',
      law: 2,
      link: `${base}/chains/${idOf(doc.chains, 'Draft chain')}`,
    });
    expect(draft.message).toMatch(/^Chain “Draft chain” has no initial link \(it has no links yet\)/);
    const stage = res.body.findings.find((f: { rule: string }) => f.rule === 'stage_without_touchpoint');
    expect(stage).toMatchObject({
      object: { type: 'stage', name: 'Post-purchase', key: 'post' },
      link: `${base}/journeys/${doc.journeys[0].id}`,
    });
    expect(stage.message).toBe(
      'Stage “Post-purchase” of journey “Shopper” has no active touchpoint; map at least one touchpoint to every stage (law 2)',
    );
    const facade = res.body.findings.filter((f: { object: { name: string } }) => f.object.name === 'Facade');
    expect(facade.map((f: { law: number }) => f.law)).toEqual([2, 3, 3]);
    expect(facade[0]).toMatchObject({
      object: { type: 'touchpoint', key: 'facade', id: idOf(doc.touchpoints, 'Facade') },
      link: `${base}/touchpoints/${idOf(doc.touchpoints, 'Facade')}`,
    });

    // Giving the facade an owner clears exactly that finding.
    await h()
      .catalog.db.update(touchpoints)
      .set({ ownerUserId: owner.userId })
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.key, 'facade')));
    const after = await owner.get(`${base}/health`);
    expect(after.body.summary.total).toBe(10);
    expect(after.body.summary.byRule.touchpoint_no_owner).toBe(0);
    // Retiring it removes its other findings, and the store drops to no active touchpoint.
    await h()
      .catalog.db.update(touchpoints)
      .set({ status: 'retired' })
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.key, 'facade')));
    const retired = await owner.get(`${base}/health`);
    expect(retired.body.summary.total).toBe(8);
    expect(retired.body.findings[1].message).toMatch(/“Main street store” has no active touchpoints/);
  });

  it('walks composite touchpoints: a linked part puts its wholes in a chain, owners and standards pass down', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const add = async (key: string, extra: Record<string, unknown> = {}) => {
      const res = await owner.post(`${base}/touchpoints`, { key, name: key, ...extra });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    // store (owner, standard) ⊃ counter ⊃ till; kiosk stands alone, with nothing.
    const store = await add('store', { ownerUserId: owner.userId });
    const counter = await add('counter', { parentId: store });
    await add('till', { parentId: counter });
    await add('kiosk');
    expect(
      (
        await owner.post(`${base}/standards`, {
          touchpointId: store,
          name: 'Fast',
          metric: 'wait_ms',
          target: 60_000,
        })
      ).status,
    ).toBe(201);
    // Only the middle one is a link: its whole (store) and its part (till) are in the chain too.
    const chain = await owner.post(`${base}/chains`, {
      name: 'Visit',
      links: [{ touchpointId: counter, role: 'initial' }],
    });
    expect(chain.status).toBe(201);
    const res = await owner.get(`${base}/health`);
    const touchpointFindings = res.body.findings
      .filter((f: { object: { type: string } }) => f.object.type === 'touchpoint')
      .map((f: { rule: string; object: { name: string } }) => [f.rule, f.object.name]);
    expect(touchpointFindings).toEqual([
      ['touchpoint_in_no_chain', 'kiosk'],
      ['touchpoint_no_owner', 'kiosk'],
      ['touchpoint_no_standard', 'kiosk'],
    ]);
  });

  it('finds nothing in a new workspace', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const res = await owner.get(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([]);
    expect(res.body.summary.total).toBe(0);
  });

  it('is readable by viewers and read tokens; foreign workspaces answer 404', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const stranger = await h().signUp('stranger');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    expect((await viewer.get(`${base}/health`)).status).toBe(200);
    const token = await owner.post(`${base}/tokens`, { name: 'dashboard', scopes: ['read'] });
    expect((await h().withToken(token.body.token).get(`${base}/health`)).status).toBe(200);
    expect((await stranger.get(`${base}/health`)).status).toBe(404);
    expect((await h().anonymous.get(`${base}/health`)).status).toBe(401);
    expect((await owner.get('/api/workspaces/not-a-uuid/health')).status).toBe(400);
  });
});
