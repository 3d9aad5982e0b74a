import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';
import { answersFor, auditWorkspace, ok, planAudit } from '../fixtures/audit-fixture.js';

const fields = (r: { body: { issues?: { field: string }[] } }) => (r.body.issues ?? []).map((i) => i.field);

describeCatalog('audits', (h) => {
  it('writes a checklist with its criteria as one ordered list, versioned, and lists it', async () => {
    const w = await auditWorkspace(h());
    const { owner, base, checklist } = w;
    expect(checklist).toMatchObject({ name: 'Front office', version: 1, auditCount: 0, templateKey: null });
    expect(checklist.criteria.map((c: { text: string }) => c.text)).toEqual([
      'Greeted within 30 s',
      'Price list readable',
      'Reply quality',
    ]);
    // A criterion on a touchpoint takes the touchpoint's stage and name.
    expect(checklist.criteria[0]).toMatchObject({
      position: 0,
      touchpointId: w.reception,
      touchpointName: 'Reception',
      stageKey: 'purchase',
      scale: 'number',
      target: 30,
      comparator: 'lte',
      unit: 's',
      weight: 2,
    });
    expect(checklist.criteria[1]).toMatchObject({ touchpointId: null, stageKey: 'purchase', target: null });

    // Reorder, keep two (by id), drop one, add one.
    const [greet, price] = checklist.criteria;
    const patched = await owner.patch(`${base}/audit-checklists/${checklist.id}`, {
      version: 1,
      name: 'Front office v2',
      criteria: [
        { id: price.id, text: 'Price list readable', stageKey: 'purchase', scale: 'yes_no' },
        {
          id: greet.id,
          text: 'Greeted within 20 s',
          touchpointId: w.reception,
          scale: 'number',
          target: 20,
          comparator: 'lte',
          unit: 's',
        },
        { text: 'Farewell', stageKey: 'post_purchase', scale: 'yes_no', weight: 0.5 },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.criteria.map((c: { id: string; position: number }) => [c.id, c.position])).toEqual([
      [price.id, 0],
      [greet.id, 1],
      [expect.any(String), 2],
    ]);
    expect(patched.body.criteria[1]).toMatchObject({ text: 'Greeted within 20 s', target: 20, weight: 1 });

    const stale = await owner.patch(`${base}/audit-checklists/${checklist.id}`, { version: 1, name: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    const list = await owner.get(`${base}/audit-checklists?q=v2`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: checklist.id, name: 'Front office v2' }] });
    expect((await owner.get(`${base}/audit-checklists?q=nothing`)).body.total).toBe(0);

    const log = await owner.get(`${base}/audit-log?entityType=audit_checklist&entityId=${checklist.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });

  it('refuses bad criteria with 400 naming each field', async () => {
    const w = await auditWorkspace(h());
    const bad = await w.owner.post(`${w.base}/audit-checklists`, {
      name: 'Bad',
      criteria: [
        { text: 'No target', stageKey: 'purchase', scale: 'number' },
        { text: 'Target on yes/no', stageKey: 'purchase', scale: 'yes_no', target: 3 },
        { text: 'Nowhere', scale: 'yes_no' },
        { text: 'Unknown stage', stageKey: 'moon_landing', scale: 'yes_no' },
        { text: 'Foreign touchpoint', touchpointId: '00000000-0000-4000-8000-000000000000', scale: 'yes_no' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual([
      'criteria.0.target',
      'criteria.1.target',
      'criteria.2.touchpointId',
      'criteria.3.stageKey',
      'criteria.4.touchpointId',
    ]);
    const schema = await w.owner.post(`${w.base}/audit-checklists`, {
      name: 'Bad',
      criteria: [{ text: 'x', stageKey: 'purchase', scale: 'stars', weight: -1 }],
    });
    expect(schema.status).toBe(400);
    expect(fields(schema).sort()).toEqual(['criteria.0.scale', 'criteria.0.weight']);
    const empty = await w.owner.post(`${w.base}/audit-checklists`, { name: 'Empty', criteria: [] });
    expect(fields(empty)).toEqual(['criteria']);
    const keep = await w.owner.post(`${w.base}/audit-checklists`, {
      name: 'Copy',
      criteria: [
        { text: 'New', stageKey: 'purchase', scale: 'yes_no' },
        { id: w.checklist.criteria[0].id, text: 'Taken from another', stageKey: 'purchase', scale: 'yes_no' },
      ],
    });
    expect(fields(keep)).toEqual(['criteria.1.id']);
    const foreignKeep = await w.owner.patch(`${w.base}/audit-checklists/${w.checklist.id}`, {
      version: 1,
      criteria: [
        { id: '00000000-0000-4000-8000-000000000000', text: 'x', stageKey: 'purchase', scale: 'yes_no' },
      ],
    });
    expect(fields(foreignKeep)).toEqual(['criteria.0.id']);
  });

  it('makes checklists from templates in a language, attached to the matching touchpoints', async () => {
    const w = await auditWorkspace(h());
    const templates = await w.owner.get(`${w.base}/audit-checklists/templates?language=de`);
    expect(templates.status).toBe(200);
    const keys = templates.body.map((t: { key: string }) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining(['clinic-visit', 'consulting-first-contact', 'store-visit', 'website-email']),
    );
    const web = templates.body.find((t: { key: string }) => t.key === 'website-email');
    expect(web.name).toBe('Website und E-Mail');
    expect(web.criteria).toContainEqual(
      expect.objectContaining({
        text: 'Antwort auf eine E-Mail innerhalb von 10 min',
        scale: 'number',
        target: 10,
        comparator: 'lte',
        unit: 'min',
      }),
    );

    const made = await w.owner.post(`${w.base}/audit-checklists/from-template`, {
      templateKey: 'website-email',
      language: 'cs',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Web a e-mail', templateKey: 'website-email' });
    const reply = made.body.criteria.find((c: { text: string }) => c.text === 'Odpověď na e-mail do 10 min');
    // The workspace's touchpoint keyed email-inquiry is the one the criterion checks.
    expect(reply).toMatchObject({ touchpointId: w.email, target: 10, unit: 'min' });
    // No touchpoint for the website's home page: the criterion is on its stage.
    const home = made.body.criteria[0];
    expect(home).toMatchObject({ touchpointId: null, stageKey: 'information_search' });

    const unknown = await w.owner.post(`${w.base}/audit-checklists/from-template`, { templateKey: 'nope' });
    expect(unknown.status).toBe(400);
    expect(fields(unknown)).toEqual(['templateKey']);
  });

  it('plans, answers, submits once and scores an audit', async () => {
    const w = await auditWorkspace(h());
    const { owner, base, checklist } = w;
    const audit = await planAudit(owner, base, {
      checklistId: checklist.id,
      brandId: w.rival,
      auditDate: '2026-03-02',
    });
    expect(audit).toMatchObject({
      status: 'planned',
      brandName: 'Rival',
      brandIsOwn: false,
      checklistName: 'Front office',
      criteriaCount: 3,
      answeredCount: 0,
      score: null,
      answers: [],
      photos: [],
      version: 1,
    });
    const url = `${base}/audits/${audit.id}`;

    const wrong = await owner.put(`${url}/answers`, answersFor(checklist, [12, 2, 6]));
    expect(wrong.status).toBe(400);
    expect(fields(wrong)).toEqual(['answers.1.value', 'answers.2.value']);

    // Part of the answers, then the rest (a resend after a dropped connection replaces, not adds).
    const first = await owner.put(`${url}/answers`, {
      answers: [{ criterionId: checklist.criteria[0].id, value: 45, note: 'slow' }],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'in_progress', answeredCount: 1, failedCount: 1 });
    expect(first.body.answers[0]).toMatchObject({
      value: 45,
      note: 'slow',
      score: 0,
      passed: false,
      touchpointId: w.reception,
      stageKey: 'purchase',
    });
    const early = await owner.post(`${url}/submit`, {});
    expect(early.status).toBe(400);
    expect(fields(early)).toEqual(['answers']);
    expect(early.body.message).toMatch(/2 criteria have no answer/);

    const rest = answersFor(checklist, [25, 1, null]);
    await ok(owner.put(`${url}/answers`, rest), 200);
    const again = await ok(owner.put(`${url}/answers`, rest), 200);
    expect(again.body).toMatchObject({ answeredCount: 3, passedCount: 2, failedCount: 0 });
    // Weighted: greeted (weight 2) 1, price list (1) 1, quality skipped → 1.
    expect(again.body.score).toBe(1);
    expect(again.body.answers[2]).toMatchObject({ value: null, score: null, passed: null });

    const submitted = await owner.post(`${url}/submit`, { auditorName: 'Mira' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', auditorName: 'Mira' });
    expect(submitted.body.submittedAt).toEqual(expect.any(String));
    const twice = await owner.post(`${url}/submit`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_submitted');
    expect((await owner.put(`${url}/answers`, rest)).status).toBe(409);
    const v = submitted.body.version;
    expect((await owner.patch(url, { version: v, auditDate: '2026-04-01' })).status).toBe(409);
    const notes = await owner.patch(url, { version: v, notes: 'Checked again by phone.' });
    expect(notes.status).toBe(200);
    expect(notes.body.notes).toBe('Checked again by phone.');

    // Filters: brand, status, dates.
    await planAudit(owner, base, { checklistId: checklist.id, brandId: w.own, auditDate: '2026-05-01' });
    const byBrand = await owner.get(`${base}/audits?brandId=${w.rival}`);
    expect(byBrand.body.items.map((a: { id: string }) => a.id)).toEqual([audit.id]);
    expect((await owner.get(`${base}/audits?status=submitted`)).body.total).toBe(1);
    expect((await owner.get(`${base}/audits?status=planned&status=submitted`)).body.total).toBe(2);
    expect((await owner.get(`${base}/audits?from=2026-04-01`)).body.items[0].brandId).toBe(w.own);
    expect((await owner.get(`${base}/audits?to=2026-04-01`)).body.items[0].id).toBe(audit.id);
    const page = await owner.get(`${base}/audits?limit=1`);
    expect(page.body).toMatchObject({ total: 2, limit: 1 });
    expect(page.body.items[0].auditDate).toBe('2026-05-01');
    const badQuery = await owner.get(`${base}/audits?from=2026-02-30`);
    expect(badQuery.status).toBe(400);
    expect(fields(badQuery)).toEqual(['querystring.from']);

    const log = await owner.get(`${base}/audit-log?entityType=audit&entityId=${audit.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'update',
      'submit',
      'answer',
      'answer',
      'answer',
      'create',
    ]);
  });

  it('validates an audit’s references, and keeps a checklist and a brand while audits use them', async () => {
    const w = await auditWorkspace(h());
    const { owner, base, checklist } = w;
    const bad = await owner.post(`${base}/audits`, {
      checklistId: '00000000-0000-4000-8000-000000000000',
      brandId: '00000000-0000-4000-8000-000000000000',
      auditDate: '2026-03-01',
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['checklistId', 'brandId']);
    const noDate = await owner.post(`${base}/audits`, { checklistId: checklist.id, brandId: w.rival });
    expect(fields(noDate)).toEqual(['auditDate']);

    const audit = await planAudit(owner, base, { checklistId: checklist.id, brandId: w.rival });
    const delChecklist = await owner.delete(`${base}/audit-checklists/${checklist.id}`);
    expect(delChecklist.status).toBe(409);
    expect(delChecklist.body.message).toMatch(/used by 1 audit/);
    const delBrand = await owner.delete(`${base}/brands/${w.rival}`);
    expect(delBrand.status).toBe(409);
    expect(delBrand.body.message).toMatch(/brand "Rival" has 1 audit/);

    // A checklist may change only before the first answer.
    const other = await ok(
      owner.post(`${base}/audit-checklists`, {
        name: 'Other',
        criteria: [{ text: 'x', stageKey: 'purchase', scale: 'yes_no' }],
      }),
    );
    const moved = await owner.patch(`${base}/audits/${audit.id}`, { version: 1, checklistId: other.body.id });
    expect(moved.status).toBe(200);
    expect(moved.body.criteriaCount).toBe(1);
    await ok(owner.put(`${base}/audits/${audit.id}/answers`, answersFor(other.body, [1])), 200);
    const back = await owner.patch(`${base}/audits/${audit.id}`, { version: 3, checklistId: checklist.id });
    expect(back.status).toBe(409);

    expect((await owner.delete(`${base}/audits/${audit.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/audits/${audit.id}`)).status).toBe(404);
    expect((await owner.delete(`${base}/audit-checklists/${checklist.id}`)).status).toBe(204);
    expect((await owner.delete(`${base}/brands/${w.rival}`)).status).toBe(204);
  });

  it('keeps the criteria that submitted audits answered, and their scales', async () => {
    const w = await auditWorkspace(h());
    const { owner, base, checklist } = w;
    const audit = await planAudit(owner, base, { checklistId: checklist.id, brandId: w.own });
    await ok(owner.put(`${base}/audits/${audit.id}/answers`, answersFor(checklist, [20, 1, 4])), 200);
    const [greet, price, quality] = checklist.criteria;
    const keepAll = [
      {
        id: greet.id,
        text: greet.text,
        touchpointId: w.reception,
        scale: 'number',
        target: 30,
        comparator: 'lte',
      },
      { id: price.id, text: price.text, stageKey: 'purchase', scale: 'yes_no' },
      { id: quality.id, text: quality.text, touchpointId: w.email, scale: 'score_1_5' },
    ];
    const rescaled = await owner.patch(`${base}/audit-checklists/${checklist.id}`, {
      version: 1,
      criteria: [keepAll[0], { ...keepAll[1], scale: 'score_1_5' }, keepAll[2]],
    });
    expect(rescaled.status).toBe(400);
    expect(fields(rescaled)).toEqual(['criteria.1.scale']);
    await ok(owner.post(`${base}/audits/${audit.id}/submit`, {}), 200);
    const dropped = await owner.patch(`${base}/audit-checklists/${checklist.id}`, {
      version: 1,
      criteria: [keepAll[0], keepAll[2]],
    });
    expect(dropped.status).toBe(409);
    expect(dropped.body.code).toBe('in_use');
    // A new target re-scores the submitted answer: 20 s no longer meets "at most 15 s".
    const stricter = await owner.patch(`${base}/audit-checklists/${checklist.id}`, {
      version: 1,
      criteria: [{ ...keepAll[0], target: 15 }, keepAll[1], keepAll[2]],
    });
    expect(stricter.status).toBe(200);
    const rescored = await owner.get(`${base}/audits/${audit.id}`);
    expect(rescored.body.answers[0]).toMatchObject({ value: 20, passed: false });
  });

  it('lets viewers read, editors write, tokens act within their scopes; other workspaces see nothing', async () => {
    const w = await auditWorkspace(h());
    const { owner, base, checklist } = w;
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    await ok(owner.post(`${base}/members`, { email: editor.email, role: 'editor' }));
    await ok(owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' }));
    const body = {
      checklistId: checklist.id,
      brandId: w.own,
      auditDate: '2026-03-03',
      auditorUserId: editor.userId,
    };
    const byEditor = await editor.post(`${base}/audits`, body);
    expect(byEditor.status).toBe(201);
    expect(byEditor.body.auditorName).toBe('editor');
    const url = `${base}/audits/${byEditor.body.id}`;
    expect((await viewer.post(`${base}/audits`, body)).status).toBe(403);
    expect((await viewer.put(`${url}/answers`, answersFor(checklist, [1, 1, 5]))).status).toBe(403);
    expect((await viewer.post(`${url}/submit`, {})).status).toBe(403);
    expect((await viewer.post(`${url}/links`, {})).status).toBe(403);
    expect((await viewer.delete(url)).status).toBe(403);
    expect((await viewer.get(url)).status).toBe(200);
    expect((await viewer.get(`${base}/audits`)).body.total).toBe(1);
    expect((await viewer.get(`${base}/audit-checklists`)).body.total).toBe(1);
    expect(
      (await viewer.post(`${base}/audit-checklists/from-template`, { templateKey: 'store-visit' })).status,
    ).toBe(403);
    const notMember = await owner.post(`${base}/audits`, {
      ...body,
      auditorUserId: '00000000-0000-4000-8000-000000000001',
    });
    expect(fields(notMember)).toEqual(['auditorUserId']);

    const mint = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    const read = await mint(['read']);
    const admin = await mint(['admin']);
    expect((await read.get(`${base}/audits`)).status).toBe(200);
    expect((await read.post(`${base}/audits`, body)).status).toBe(403);
    expect((await admin.put(`${url}/answers`, answersFor(checklist, [10, 1, 4]))).status).toBe(200);

    const stranger = await h().signUp('stranger');
    const foreign = await h().newWorkspace(stranger, 'Elsewhere');
    expect((await stranger.get(url)).status).toBe(404);
    expect((await stranger.get(`${foreign.base}/audits/${byEditor.body.id}`)).status).toBe(404);
    expect((await stranger.get(`${foreign.base}/audit-checklists/${checklist.id}`)).status).toBe(404);
    const cross = await stranger.post(`${foreign.base}/audits`, {
      checklistId: checklist.id,
      brandId: w.own,
      auditDate: '2026-03-03',
    });
    expect(cross.status).toBe(400);
    expect(fields(cross)).toEqual(['checklistId', 'brandId']);
    expect(
      (
        await stranger.put(
          `${foreign.base}/audits/${byEditor.body.id}/answers`,
          answersFor(checklist, [1, 1, 1]),
        )
      ).status,
    ).toBe(404);
  });

  it('gives the demo workspace checklists from templates, audits of its brands and competitors, and a shopper link', async () => {
    const owner = await h().signUp('owner');
    const demo = await owner.post('/api/workspaces/demo');
    expect(demo.status).toBe(201);
    const base = `/api/workspaces/${demo.body.workspace.id}`;
    const checklists = (await owner.get(`${base}/audit-checklists`)).body.items;
    expect(checklists.map((c: { templateKey: string }) => c.templateKey).sort()).toEqual([
      'clinic-visit',
      'consulting-first-contact',
      'store-visit',
      'website-email',
    ]);
    const tps = (await owner.get(`${base}/touchpoints?limit=500`)).body.items as {
      id: string;
      key: string;
    }[];
    const keyOf = new Map(tps.map((t) => [t.id, t.key]));
    const clinic = checklists.find((c: { templateKey: string }) => c.templateKey === 'clinic-visit');
    const attached = clinic.criteria.map(
      (c: { touchpointId: string | null }) => keyOf.get(c.touchpointId ?? '') ?? null,
    );
    expect(attached).toEqual(expect.arrayContaining(['clinic-booking-call', 'clinic-reception']));

    const audits = (await owner.get(`${base}/audits?limit=100`)).body.items as {
      status: string;
      brandIsOwn: boolean;
      brandName: string;
      auditDate: string;
      failedCount: number;
      id: string;
    }[];
    const submitted = audits.filter((a) => a.status === 'submitted');
    expect(submitted.length).toBeGreaterThanOrEqual(8);
    expect(
      new Set(submitted.filter((a) => a.brandIsOwn).map((a) => a.auditDate)).size,
    ).toBeGreaterThanOrEqual(3);
    expect(submitted.filter((a) => !a.brandIsOwn).map((a) => a.brandName)).toEqual(
      expect.arrayContaining(['MediPlus Clinic', 'HomeGoods Outlet']),
    );
    expect(submitted.every((a) => a.failedCount > 0)).toBe(true);
    const planned = audits.filter((a) => a.status === 'planned');
    expect(planned).toHaveLength(1);
    const links = (await owner.get(`${base}/audits/${planned[0]?.id}/links`)).body;
    expect(links.map((l: { state: string }) => l.state)).toEqual(['active']);
  });
});
