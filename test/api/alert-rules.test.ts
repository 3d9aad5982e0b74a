import { expect, it } from 'vitest';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A workspace with two touchpoints, a chain over them and a standard. */
async function catalog(client: Client, base: string) {
  const hotline = (await created(client.post(`${base}/touchpoints`, { key: 'hotline', name: 'Hotline' })))
    .body.id;
  const shop = (await created(client.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
  const chain = (
    await created(
      client.post(`${base}/chains`, {
        name: 'Order',
        links: [
          { touchpointId: hotline, role: 'initial' },
          { touchpointId: shop, role: 'final' },
        ],
      }),
    )
  ).body;
  const standard = (
    await created(
      client.post(`${base}/standards`, {
        touchpointId: hotline,
        name: 'Answered within 20 s',
        metric: 'response_ms',
        target: 20_000,
      }),
    )
  ).body;
  return { hotline, shop, chain, standard };
}

const fields = (r: Reply) => (r.body.issues ?? []).map((i: { field: string }) => i.field);

describeCatalog('alert rules', (h) => {
  it('creates each kind with defaults, lists, changes with a version, deletes and audits', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const c = await catalog(owner, base);

    const standard = await owner.post(`${base}/alert-rules`, {
      name: 'Hotline standard',
      kind: 'standard_compliance',
      params: { standardId: c.standard.id },
    });
    expect(standard.status).toBe(201);
    expect(standard.body).toMatchObject({
      name: 'Hotline standard',
      kind: 'standard_compliance',
      params: { standardId: c.standard.id, windowDays: 7, minSample: 30 },
      enabled: true,
      email: false,
      openEpisodes: 0,
      version: 1,
    });
    const shift = await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Negative share',
        kind: 'feedback_shift',
        email: true,
        params: { metric: 'negative_share', threshold: 5, windowDays: 14, minSample: 50 },
      }),
    );
    expect(shift.body.params).toEqual({
      touchpointId: null,
      metric: 'negative_share',
      threshold: 5,
      windowDays: 14,
      minSample: 50,
    });
    const silent = await created(
      owner.post(`${base}/alert-rules`, { name: 'Silent', kind: 'touchpoint_silent' }),
    );
    expect(silent.body.params).toEqual({ touchpointId: null, days: 3 });
    const overdue = await created(
      owner.post(`${base}/alert-rules`, { name: 'Overdue', kind: 'task_overdue' }),
    );
    expect(overdue.body.params).toEqual({});
    await created(owner.post(`${base}/alert-rules`, { name: 'Not effective', kind: 'task_not_effective' }));
    const link = await created(
      owner.post(`${base}/alert-rules`, {
        name: 'Order drop',
        kind: 'link_conversion_drop',
        params: { chainId: c.chain.id, position: 2, threshold: 10 },
      }),
    );
    expect(link.body.params).toEqual({
      chainId: c.chain.id,
      position: 2,
      windowDays: 7,
      threshold: 10,
      minSample: 30,
    });

    const list = await owner.get(`${base}/alert-rules?limit=2`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(6);
    expect(list.body.items).toHaveLength(2);
    expect(
      (await owner.get(`${base}/alert-rules?kind=task_overdue`)).body.items.map((r: { id: string }) => r.id),
    ).toEqual([overdue.body.id]);

    const changed = await owner.patch(`${base}/alert-rules/${shift.body.id}`, {
      version: 1,
      name: 'Negative share up',
      params: { metric: 'nps', threshold: 10 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Negative share up',
      version: 2,
      params: { metric: 'nps', threshold: 10, windowDays: 7, minSample: 30, touchpointId: null },
    });
    const stale = await owner.patch(`${base}/alert-rules/${shift.body.id}`, { version: 1, enabled: false });
    expect(stale.status).toBe(409);
    expect((await owner.get(`${base}/alert-rules/${shift.body.id}`)).body.enabled).toBe(true);

    expect((await owner.delete(`${base}/alert-rules/${silent.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/alert-rules/${silent.body.id}`)).status).toBe(404);
    const audit = await owner.get(`${base}/audit-log?entityType=alert_rule&limit=50`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete']),
    );
  });

  it('refuses bad input with 400s naming the field', async () => {
    const owner = await h().signUp('owner');
    const other = await h().newWorkspace(owner, 'Other');
    const { base } = await h().newWorkspace(owner);
    const c = await catalog(owner, base);
    const foreign = await catalog(owner, other.base);
    const post = (body: unknown) => owner.post(`${base}/alert-rules`, body);

    expect(fields(await post({ name: 'x', kind: 'nope' }))).toContain('kind');
    expect(fields(await post({ kind: 'task_overdue' }))).toContain('name');
    expect(fields(await post({ name: 'x', kind: 'feedback_shift', params: { threshold: 5 } }))).toContain(
      'params.metric',
    );
    expect(
      fields(await post({ name: 'x', kind: 'feedback_shift', params: { metric: 'csat', threshold: 0 } })),
    ).toContain('params.threshold');
    expect(
      fields(await post({ name: 'x', kind: 'feedback_shift', params: { metric: 'csat', threshold: 5 } })),
    ).toContain('params.threshold');
    expect(
      fields(
        await post({
          name: 'x',
          kind: 'feedback_shift',
          params: { metric: 'nps', threshold: 5, minSample: 1 },
        }),
      ),
    ).toContain('params.minSample');
    expect(
      fields(await post({ name: 'x', kind: 'standard_compliance', params: { windowDays: 0 } })),
    ).toContain('params.windowDays');
    expect(fields(await post({ name: 'x', kind: 'touchpoint_silent', params: { days: 1.5 } }))).toContain(
      'params.days',
    );
    expect(fields(await post({ name: 'x', kind: 'task_overdue', params: { extra: 1 } }))).toContain(
      'params.extra',
    );
    expect(
      fields(await post({ name: 'x', kind: 'standard_compliance', params: { standardId: 'not-a-uuid' } })),
    ).toContain('params.standardId');
    // Objects of another workspace are unknown here.
    const stranger = await post({
      name: 'x',
      kind: 'standard_compliance',
      params: { standardId: foreign.standard.id },
    });
    expect(stranger.status).toBe(400);
    expect(fields(stranger)).toEqual(['params.standardId']);
    expect(
      fields(await post({ name: 'x', kind: 'touchpoint_silent', params: { touchpointId: foreign.hotline } })),
    ).toEqual(['params.touchpointId']);
    expect(
      fields(
        await post({
          name: 'x',
          kind: 'link_conversion_drop',
          params: { chainId: foreign.chain.id, threshold: 5 },
        }),
      ),
    ).toEqual(['params.chainId']);
    expect(
      fields(
        await post({
          name: 'x',
          kind: 'link_conversion_drop',
          params: { chainId: c.chain.id, position: 1, threshold: 5 },
        }),
      ),
    ).toEqual(['params.position']);
    expect(
      fields(
        await post({
          name: 'x',
          kind: 'link_conversion_drop',
          params: { chainId: c.chain.id, position: 3, threshold: 5 },
        }),
      ),
    ).toEqual(['params.position']);
    expect(
      fields(await post({ name: 'x', kind: 'link_conversion_drop', params: { threshold: 5 } })),
    ).toContain('params.chainId');

    const rule = await created(
      post({ name: 'ok', kind: 'feedback_shift', params: { metric: 'csat', threshold: 0.5 } }),
    );
    const patch = await owner.patch(`${base}/alert-rules/${rule.body.id}`, {
      version: 1,
      params: { metric: 'csat', threshold: 9 },
    });
    expect(patch.status).toBe(400);
    expect(fields(patch)).toEqual(['params.threshold']);
    expect(
      fields(await owner.patch(`${base}/alert-rules/${rule.body.id}`, { version: 1, kind: 'task_overdue' })),
    ).toContain('kind');
    expect((await owner.get(`${base}/alert-rules/${crypto.randomUUID()}`)).status).toBe(404);
    expect(fields(await owner.get(`${base}/alerts?state=closed`))).toContain('querystring.state');
  });

  it('lets viewers read, editors write, tokens act within their scopes; evaluation needs write', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const body = { name: 'Overdue', kind: 'task_overdue' };

    const byEditor = await editor.post(`${base}/alert-rules`, body);
    expect(byEditor.status).toBe(201);
    expect((await viewer.post(`${base}/alert-rules`, body)).status).toBe(403);
    expect(
      (await viewer.patch(`${base}/alert-rules/${byEditor.body.id}`, { version: 1, name: 'x' })).status,
    ).toBe(403);
    expect((await viewer.delete(`${base}/alert-rules/${byEditor.body.id}`)).status).toBe(403);
    expect((await viewer.get(`${base}/alert-rules`)).body.total).toBe(1);
    expect((await viewer.get(`${base}/alerts`)).status).toBe(200);
    expect((await viewer.post(`${base}/alerts/evaluate`)).status).toBe(403);
    const evaluated = await editor.post(`${base}/alerts/evaluate`);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body).toEqual({ rulesEvaluated: 1, opened: 0, resolved: 0, open: 0, errors: [] });

    const mint = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    const read = await mint(['read']);
    const admin = await mint(['admin']);
    const ingest = await mint(['ingest']);
    expect((await read.get(`${base}/alert-rules`)).status).toBe(200);
    expect((await read.post(`${base}/alert-rules`, body)).status).toBe(403);
    expect((await ingest.get(`${base}/alert-rules`)).status).toBe(403);
    expect((await admin.post(`${base}/alert-rules`, body)).status).toBe(201);
    const outsider = await h().signUp('outsider');
    expect((await outsider.get(`${base}/alert-rules`)).status).toBe(404);
    expect((await outsider.get(`${base}/alerts`)).status).toBe(404);
  });
});
