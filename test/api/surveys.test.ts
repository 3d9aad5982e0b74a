import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.js';
import { kioskDevices, surveyContacts } from '../../src/store/catalog/schema.js';
import { contactsOfCustomer, deleteContactsOfCustomer } from '../../src/store/catalog/survey-contacts.js';
import type { FeedbackAnswer } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

const fields = (r: Reply) => (r.body.issues as { field: string }[]).map((i) => i.field);

/** A workspace's touchpoints (reception, shop) and a chain with a link at the shop. */
async function places(client: Client, base: string) {
  const reception = (
    await created(client.post(`${base}/touchpoints`, { key: 'reception', name: 'Reception' }))
  ).body.id as string;
  const shop = (await created(client.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body
    .id as string;
  const chain = (
    await created(
      client.post(`${base}/chains`, {
        name: 'Visit',
        links: [
          { touchpointId: reception, role: 'initial' },
          { touchpointId: shop, role: 'final' },
        ],
      }),
    )
  ).body.id as string;
  return { reception, shop, chain };
}

const QUESTIONS = [
  { id: 'sat', kind: 'csat', required: true, text: { en: 'How satisfied are you?', de: 'Wie zufrieden?' } },
  { id: 'nps', kind: 'nps', required: false, text: { en: 'Would you recommend us?' } },
  { id: 'effort', kind: 'ces', required: false, text: { en: 'How much effort?' } },
  {
    id: 'why',
    kind: 'choice',
    required: false,
    text: { en: 'Why did you come?' },
    options: [
      { key: 'buy', text: { en: 'To buy' } },
      { key: 'ask', text: { en: 'To ask' } },
      { key: 'other', text: { en: 'Other' } },
    ],
  },
  { id: 'comment', kind: 'comment', required: false, text: { en: 'Anything else?' } },
];
const TEXTS = { title: { en: 'Your visit', de: 'Ihr Besuch' }, thankYou: { en: 'Thanks!', de: 'Danke!' } };

describeCatalog('surveys', (h) => {
  it('creates from scratch and from a template, lists with filters, changes with a version, audits and deletes', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const p = await places(owner, base);

    const templates = await owner.get(`${base}/survey-templates`);
    expect(templates.status).toBe(200);
    expect(templates.body.map((t: { key: string }) => t.key)).toEqual([
      'after_call',
      'after_visit',
      'after_purchase',
      'website',
      'a11_trust',
    ]);

    const visit = await owner.post(`${base}/surveys`, {
      touchpointId: p.reception,
      name: 'Reception visit',
      questions: QUESTIONS,
      texts: TEXTS,
      colour: '#112233',
      status: 'live',
    });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({
      touchpointId: p.reception,
      chainId: null,
      name: 'Reception visit',
      status: 'live',
      defaultLanguage: 'en',
      languages: ['en', 'de'],
      colour: '#112233',
      logo: null,
      contactConsent: false,
      complaintRule: null,
      startsAt: null,
      endsAt: null,
      templateKey: null,
      version: 1,
    });
    expect(visit.body.code).toMatch(/^[a-z0-9]{10}$/);
    expect(visit.body.publicUrl).toBe(`http://localhost:3000/s/${visit.body.code}`);
    expect(visit.body.questions).toEqual(QUESTIONS);

    const trust = await owner.post(`${base}/surveys`, {
      touchpointId: p.shop,
      chainId: p.chain,
      name: 'Shop trust',
      templateKey: 'a11_trust',
      defaultLanguage: 'de',
      contactConsent: true,
    });
    expect(trust.status).toBe(201);
    expect(trust.body).toMatchObject({
      chainId: p.chain,
      templateKey: 'a11_trust',
      defaultLanguage: 'de',
      status: 'draft',
      languages: ['en', 'de', 'ru', 'cs', 'sk', 'ro'],
      complaintRule: { csatMax: 2, npsMax: 6, cesMin: 6, requireComment: true },
    });
    expect(trust.body.questions[1]).toMatchObject({ id: 'trust', kind: 'csat' });
    expect(trust.body.code).not.toBe(visit.body.code);

    const names = (r: Reply) => r.body.items.map((s: { name: string }) => s.name);
    expect(names(await owner.get(`${base}/surveys`))).toEqual(['Reception visit', 'Shop trust']);
    expect(names(await owner.get(`${base}/surveys?touchpointId=${p.shop}`))).toEqual(['Shop trust']);
    expect(names(await owner.get(`${base}/surveys?status=live`))).toEqual(['Reception visit']);
    expect(names(await owner.get(`${base}/surveys?status=live&status=draft&sort=-name`))).toEqual([
      'Shop trust',
      'Reception visit',
    ]);
    expect(names(await owner.get(`${base}/surveys?q=TRUST`))).toEqual(['Shop trust']);
    expect(names(await owner.get(`${base}/surveys?q=${visit.body.code}`))).toEqual(['Reception visit']);
    expect(names(await owner.get(`${base}/surveys?chainId=${p.chain}`))).toEqual(['Shop trust']);
    const paged = await owner.get(`${base}/surveys?limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(names(paged)).toEqual(['Shop trust']);

    const closed = await owner.patch(`${base}/surveys/${visit.body.id}`, {
      version: 1,
      status: 'closed',
      endsAt: '2030-01-01T00:00:00Z',
      name: 'Reception visit (old)',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      endsAt: '2030-01-01T00:00:00.000Z',
      version: 2,
      code: visit.body.code,
      questions: QUESTIONS,
    });
    const stale = await owner.patch(`${base}/surveys/${visit.body.id}`, { version: 1, name: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const moved = await owner.patch(`${base}/surveys/${visit.body.id}`, {
      version: 2,
      touchpointId: p.shop,
      chainId: p.chain,
    });
    expect(moved.body).toMatchObject({ touchpointId: p.shop, chainId: p.chain, version: 3 });
    const unlinked = await owner.patch(`${base}/surveys/${visit.body.id}`, { version: 3, chainId: null });
    expect(unlinked.body).toMatchObject({ chainId: null, version: 4 });

    expect((await owner.get(`${base}/surveys/${visit.body.id}`)).body.name).toBe('Reception visit (old)');
    expect((await owner.delete(`${base}/surveys/${visit.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/surveys/${visit.body.id}`)).status).toBe(404);
    expect((await owner.delete(`${base}/surveys/${visit.body.id}`)).status).toBe(404);

    const log = await owner.get(`${base}/audit-log?entityType=survey&entityId=${visit.body.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'update',
      'update',
      'create',
    ]);
  });

  it('refuses bad surveys with 400 naming each field', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const p = await places(owner, base);
    const body = { touchpointId: p.reception, name: 'S', questions: QUESTIONS, texts: TEXTS };

    const bad = await owner.post(`${base}/surveys`, {
      ...body,
      colour: 'red',
      logo: 'data:image/gif;base64,R0lGODlh',
      startsAt: '2026-02-01T00:00:00Z',
      endsAt: '2026-01-01T00:00:00Z',
      complaintRule: { csatMax: 9, requireComment: false },
      questions: [
        QUESTIONS[0],
        { ...QUESTIONS[0], text: { de: 'Nur deutsch' } },
        { ...QUESTIONS[3], options: [{ key: 'only', text: { en: 'Only' } }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      { field: 'questions.1.id', message: '"sat" is already the id of another question' },
      { field: 'questions.1.text.en', message: 'must not be empty: it is the default language' },
      { field: 'questions.2.options', message: 'a choice question needs 2 to 10 options (has 1)' },
      { field: 'colour', message: 'must be a colour #rrggbb, e.g. #1f6feb' },
      { field: 'logo', message: 'must be a PNG or JPEG as a data:image/png;base64,… URL' },
      { field: 'endsAt', message: 'must be after startsAt' },
      { field: 'complaintRule.csatMax', message: 'must be a whole number from 1 to 5' },
    ]);
    expect(fields(await owner.post(`${base}/surveys`, { ...body, defaultLanguage: 'ru' }))).toContain(
      'texts.title.ru',
    );
    expect(fields(await owner.post(`${base}/surveys`, { ...body, templateKey: 'nope' }))).toEqual([
      'templateKey',
    ]);
    expect(
      fields(await owner.post(`${base}/surveys`, { touchpointId: p.reception, name: 'S', texts: TEXTS })),
    ).toEqual(['questions']);
    expect(
      fields(await owner.post(`${base}/surveys`, { ...body, touchpointId: crypto.randomUUID() })),
    ).toEqual(['touchpointId']);
    expect(fields(await owner.post(`${base}/surveys`, { ...body, chainId: crypto.randomUUID() }))).toEqual([
      'chainId',
    ]);
    expect(fields(await owner.post(`${base}/surveys`, { ...body, status: 'open', extra: 1 }))).toEqual(
      expect.arrayContaining(['status', 'extra']),
    );
    expect(
      fields(
        await owner.post(`${base}/surveys`, { ...body, questions: [{ ...QUESTIONS[0], kind: 'stars' }] }),
      ),
    ).toEqual(['questions.0.kind']);
    expect(fields(await owner.post(`${base}/surveys`, { ...body, startsAt: 'tomorrow' }))).toEqual([
      'startsAt',
    ]);

    const ok = (await created(owner.post(`${base}/surveys`, body))).body;
    const patch = await owner.patch(`${base}/surveys/${ok.id}`, {
      version: 1,
      texts: { title: { de: 'Nur deutsch' }, thankYou: TEXTS.thankYou },
    });
    expect(patch.body.issues).toEqual([
      { field: 'texts.title.en', message: 'must not be empty: it is the default language' },
    ]);
    expect(
      fields(await owner.patch(`${base}/surveys/${ok.id}`, { version: 1, contactConsent: true })),
    ).toEqual(['texts.consent']);
    expect((await owner.get(`${base}/surveys/${ok.id}`)).body.version).toBe(1);
    expect(fields(await owner.get(`${base}/surveys?status=open`))).toEqual(['querystring.status']);
    expect(fields(await owner.get(`${base}/surveys/${ok.id}/results?from=2026-02-01&to=2026-01-01`))).toEqual(
      ['querystring.to'],
    );
    expect(fields(await owner.get(`${base}/surveys/${ok.id}/comments?score=11`))).toEqual([
      'querystring.score.0',
    ]);
  });

  it('lets viewers read and editors write, within their own workspace only', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const p = await places(owner, base);
    const body = { touchpointId: p.reception, name: 'S', templateKey: 'after_visit' };

    const survey = (await created(editor.post(`${base}/surveys`, body))).body;
    const item = `${base}/surveys/${survey.id}`;
    expect((await viewer.post(`${base}/surveys`, body)).status).toBe(403);
    expect((await viewer.patch(item, { version: 1, name: 'x' })).status).toBe(403);
    expect((await viewer.delete(item)).status).toBe(403);
    expect((await viewer.post(`${item}/kiosk-devices`, { name: 'Tablet' })).status).toBe(403);
    expect((await viewer.get(item)).status).toBe(200);
    expect((await viewer.get(`${base}/surveys`)).body.total).toBe(1);
    expect((await viewer.get(`${item}/results`)).status).toBe(200);
    expect((await viewer.get(`${item}/comments`)).status).toBe(200);
    expect((await viewer.get(`${item}/results.csv`)).status).toBe(200);
    expect((await viewer.get(`${item}/contacts`)).status).toBe(200);
    expect((await viewer.get(`${item}/kiosk-devices`)).status).toBe(200);
    expect((await editor.patch(item, { version: 1, status: 'live' })).status).toBe(200);
    expect((await h().anonymous.get(`${base}/surveys`)).status).toBe(401);

    // Another workspace sees none of it, even with the survey's id, and cannot place a survey at its touchpoints.
    const stranger = await h().signUp('stranger');
    const other = await h().newWorkspace(stranger, 'Other');
    expect((await stranger.get(`${base}/surveys`)).status).toBe(404);
    for (const path of ['', '/results', '/comments', '/results.csv', '/contacts', '/kiosk-devices'])
      expect((await stranger.get(`${other.base}/surveys/${survey.id}${path}`)).status, path).toBe(404);
    expect(
      (await stranger.patch(`${other.base}/surveys/${survey.id}`, { version: 2, name: 'x' })).status,
    ).toBe(404);
    expect((await stranger.delete(`${other.base}/surveys/${survey.id}`)).status).toBe(404);
    expect(
      (await stranger.post(`${other.base}/surveys/${survey.id}/kiosk-devices`, { name: 'T' })).status,
    ).toBe(404);
    expect(fields(await stranger.post(`${other.base}/surveys`, body))).toEqual(['touchpointId']);
    expect((await stranger.get(`${other.base}/surveys`)).body.total).toBe(0);
  });

  it('shows a kiosk token once, keeps only its SHA-256, lists and revokes devices', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const p = await places(owner, base);
    const survey = (
      await created(
        owner.post(`${base}/surveys`, { touchpointId: p.reception, name: 'S', templateKey: 'after_visit' }),
      )
    ).body;
    const devices = `${base}/surveys/${survey.id}/kiosk-devices`;

    const made = await owner.post(devices, { name: 'Reception tablet' });
    expect(made.status).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body).toMatchObject({
      surveyId: survey.id,
      name: 'Reception tablet',
      createdByUserId: owner.userId,
      lastSeenAt: null,
      revokedAt: null,
    });
    const token = made.body.token as string;
    expect(token).toMatch(/^tpk_[A-Za-z0-9_-]{43}$/);
    expect(made.body.kioskUrl).toBe(`http://localhost:3000/k/${token}`);
    const second = (await created(owner.post(devices, { name: 'Counter 2' }))).body;
    expect(second.token).not.toBe(token);

    const [stored] = await h()
      .catalog.db.select()
      .from(kioskDevices)
      .where(eq(kioskDevices.id, made.body.id));
    expect(stored?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored?.workspaceId).toBe(workspaceId);

    const list = await owner.get(devices);
    expect(list.body.map((d: { name: string }) => d.name)).toEqual(['Reception tablet', 'Counter 2']);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body[0]).not.toHaveProperty('token');
    expect(JSON.stringify((await owner.get(`${base}/audit-log?entityType=survey`)).body)).not.toContain(
      token,
    );

    const revoked = await owner.delete(`${devices}/${made.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await owner.delete(`${devices}/${made.body.id}`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect(
      (await owner.get(devices)).body.map((d: { revokedAt: string | null }) => d.revokedAt !== null),
    ).toEqual([true, false]);
    expect((await owner.delete(`${devices}/${crypto.randomUUID()}`)).status).toBe(404);
    expect(fields(await owner.post(devices, { name: ' ' }))).toEqual(['name']);

    // Deleting the survey deletes its devices.
    await owner.delete(`${base}/surveys/${survey.id}`);
    expect(
      await h().catalog.db.select().from(kioskDevices).where(eq(kioskDevices.surveyId, survey.id)),
    ).toEqual([]);
  });

  it('lists the contacts of a survey and erases one, or all of a customer', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const p = await places(owner, base);
    const make = async () =>
      (
        await created(
          owner.post(`${base}/surveys`, { touchpointId: p.reception, name: 'S', templateKey: 'after_visit' }),
        )
      ).body;
    const survey = await make();
    const otherSurvey = await make();
    const db = h().catalog.db;
    const contact = (surveyId: string, n: number, customer: string | null) => ({
      id: crypto.randomUUID(),
      workspaceId,
      surveyId,
      submissionId: `sub-${n}`,
      customer,
      email: `c${n}@example.com`,
      phone: n === 1 ? '+420 123 456 789' : null,
      language: 'cs',
      createdAt: new Date(Date.UTC(2026, 0, n)),
    });
    await db
      .insert(surveyContacts)
      .values([
        contact(survey.id, 1, 'cust-1'),
        contact(survey.id, 2, null),
        contact(survey.id, 3, 'cust-2'),
        contact(otherSurvey.id, 4, 'cust-1'),
      ]);
    const contacts = `${base}/surveys/${survey.id}/contacts`;
    const list = await owner.get(contacts);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((c: { submissionId: string }) => c.submissionId)).toEqual([
      'sub-3',
      'sub-2',
      'sub-1',
    ]);
    expect(list.body.items[2]).toMatchObject({
      surveyId: survey.id,
      customer: 'cust-1',
      email: 'c1@example.com',
      phone: '+420 123 456 789',
      language: 'cs',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await owner.get(`${contacts}?limit=1&offset=2`)).body.items[0].submissionId).toBe('sub-1');

    const second = list.body.items[1].id;
    // A contact of this survey cannot be erased through another survey.
    expect((await owner.delete(`${base}/surveys/${otherSurvey.id}/contacts/${second}`)).status).toBe(404);
    expect((await owner.delete(`${contacts}/${second}`)).status).toBe(204);
    expect((await owner.delete(`${contacts}/${second}`)).status).toBe(404);
    expect((await owner.get(contacts)).body.total).toBe(2);

    expect((await contactsOfCustomer(db, workspaceId, 'cust-1')).map((c) => c.submissionId)).toEqual([
      'sub-1',
      'sub-4',
    ]);
    expect(await contactsOfCustomer(db, crypto.randomUUID(), 'cust-1')).toEqual([]);
    expect(await deleteContactsOfCustomer(db, workspaceId, 'cust-1')).toBe(2);
    expect((await owner.get(contacts)).body.items.map((c: { customer: string }) => c.customer)).toEqual([
      'cust-2',
    ]);
    expect((await owner.get(`${base}/surveys/${otherSurvey.id}/contacts`)).body.total).toBe(0);
  });

  it('computes results, comments and the CSV exactly from the stored answers', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const p = await places(owner, base);
    const survey = (
      await created(
        owner.post(`${base}/surveys`, {
          touchpointId: p.reception,
          name: 'S',
          questions: QUESTIONS,
          texts: TEXTS,
        }),
      )
    ).body;
    const other = (
      await created(
        owner.post(`${base}/surveys`, { touchpointId: p.reception, name: 'O', templateKey: 'after_visit' }),
      )
    ).body;

    // Monday 2026-03-02 and Wednesday 2026-03-11 (the next week), noon UTC.
    const week1 = Date.UTC(2026, 2, 2, 12);
    const week2 = Date.UTC(2026, 2, 11, 12);
    const rows: FeedbackAnswer[] = [];
    const submit = (
      surveyId: string,
      sub: string,
      at: number,
      source: 'qr' | 'kiosk' | 'link',
      language: string,
      answers: {
        q: string;
        kind: FeedbackAnswer['kind'];
        score?: number;
        choice?: string;
        comment?: string;
      }[],
    ) => {
      const text = answers.find((a) => a.kind === 'comment')?.comment ?? null;
      let copied = false;
      for (const a of answers) {
        const rating = a.kind === 'csat' || a.kind === 'nps' || a.kind === 'ces';
        rows.push({
          workspaceId,
          id: `s:${surveyId}:${sub}:${a.q}`,
          touchpointId: p.reception,
          customer: null,
          at,
          kind: a.kind,
          score: a.score ?? 0,
          comment: a.kind === 'comment' ? text : rating && !copied ? text : null,
          surveyId,
          question: a.q,
          source,
          language,
          choice: a.choice ?? null,
        });
        if (rating) copied = true;
      }
    };
    submit(survey.id, 'a', week1, 'qr', 'en', [
      { q: 'sat', kind: 'csat', score: 5 },
      { q: 'nps', kind: 'nps', score: 10 },
      { q: 'why', kind: 'choice', score: 0, choice: 'buy' },
      { q: 'comment', kind: 'comment', comment: 'Great staff' },
    ]);
    submit(survey.id, 'b', week1 + 3600_000, 'kiosk', 'de', [
      { q: 'sat', kind: 'csat', score: 2 },
      { q: 'nps', kind: 'nps', score: 3 },
      { q: 'effort', kind: 'ces', score: 6 },
      { q: 'comment', kind: 'comment', comment: '=1+1 long queue' },
    ]);
    submit(survey.id, 'c', week2, 'kiosk', 'de', [
      { q: 'sat', kind: 'csat', score: 4 },
      { q: 'nps', kind: 'nps', score: 8 },
      { q: 'effort', kind: 'ces', score: 2 },
      { q: 'why', kind: 'choice', score: 1, choice: 'ask' },
    ]);
    submit(survey.id, 'd', week2 + 60_000, 'link', 'en', [
      { q: 'sat', kind: 'csat', score: 1 },
      { q: 'old', kind: 'csat', score: 3 },
      { q: 'comment', kind: 'comment', comment: 'The queue was long' },
    ]);
    // Other survey, and outside the period: never counted.
    submit(other.id, 'x', week1, 'qr', 'en', [{ q: 'satisfaction', kind: 'csat', score: 1 }]);
    submit(survey.id, 'late', Date.UTC(2026, 3, 1), 'qr', 'en', [{ q: 'sat', kind: 'csat', score: 1 }]);
    await h().events.insertFeedback(rows);

    const period = 'from=2026-03-01&to=2026-03-15';
    const res = await owner.get(`${base}/surveys/${survey.id}/results?${period}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      surveyId: survey.id,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-15T00:00:00.000Z',
      submissions: 4,
      answers: 15,
      comments: 3,
    });
    // CSAT over sat (5, 2, 4, 1) and the removed question old (3): 2 of 5 satisfied.
    expect(r.scores).toEqual({
      csat: { answers: 5, satisfied: 2, score: 40, mean: 3 },
      nps: { answers: 3, promoters: 1, passives: 1, detractors: 1, score: 0 },
      ces: { answers: 2, mean: 4 },
    });
    const q = (id: string) => r.questions.find((x: { questionId: string }) => x.questionId === id);
    expect(r.questions.map((x: { questionId: string }) => x.questionId)).toEqual([
      'sat',
      'nps',
      'effort',
      'why',
      'comment',
      'old',
    ]);
    expect(q('sat')).toEqual({
      questionId: 'sat',
      kind: 'csat',
      answers: 4,
      mean: 3,
      distribution: [
        { value: '1', count: 1 },
        { value: '2', count: 1 },
        { value: '3', count: 0 },
        { value: '4', count: 1 },
        { value: '5', count: 1 },
      ],
    });
    expect(q('nps').distribution).toHaveLength(11);
    expect(q('nps').distribution[10]).toEqual({ value: '10', count: 1 });
    expect(q('effort')).toMatchObject({ answers: 2, mean: 4 });
    expect(q('effort').distribution.map((d: { value: string }) => d.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(q('why')).toEqual({
      questionId: 'why',
      kind: 'choice',
      answers: 2,
      mean: null,
      distribution: [
        { value: 'buy', count: 1 },
        { value: 'ask', count: 1 },
        { value: 'other', count: 0 },
      ],
    });
    expect(q('comment')).toEqual({
      questionId: 'comment',
      kind: 'comment',
      answers: 3,
      mean: null,
      distribution: [],
    });
    expect(q('old')).toMatchObject({ kind: 'csat', answers: 1, mean: 3 });

    expect(r.weeks.map((w: { week: string; submissions: number }) => [w.week, w.submissions])).toEqual([
      ['2026-02-23', 0],
      ['2026-03-02', 2],
      ['2026-03-09', 2],
    ]);
    expect(r.weeks[1].scores.csat).toEqual({ answers: 2, satisfied: 1, score: 50, mean: 3.5 });
    expect(r.weeks[2].scores.nps).toEqual({ answers: 1, promoters: 0, passives: 1, detractors: 0, score: 0 });
    expect(r.weeks[0].scores.csat).toEqual({ answers: 0, satisfied: 0, score: null, mean: null });
    expect(r.bySource.map((s: { source: string; submissions: number }) => [s.source, s.submissions])).toEqual(
      [
        ['kiosk', 2],
        ['link', 1],
        ['qr', 1],
      ],
    );
    expect(r.bySource[0].scores.ces).toEqual({ answers: 2, mean: 4 });
    expect(
      r.byLanguage.map((s: { language: string; submissions: number }) => [s.language, s.submissions]),
    ).toEqual([
      ['de', 2],
      ['en', 2],
    ]);
    expect(r.byLanguage[1].scores.csat).toEqual({ answers: 3, satisfied: 1, score: 33.3, mean: 3 });

    const empty = await owner.get(`${base}/surveys/${survey.id}/results?from=2025-01-01&to=2025-01-02`);
    expect(empty.body).toMatchObject({
      submissions: 0,
      answers: 0,
      comments: 0,
      bySource: [],
      byLanguage: [],
    });
    expect(empty.body.scores.nps.score).toBeNull();

    const comments = async (query: string) =>
      (await owner.get(`${base}/surveys/${survey.id}/comments?${period}${query}`)).body;
    const all = await comments('');
    expect(all.total).toBe(3);
    expect(all.items).toEqual([
      {
        id: `s:${survey.id}:d:comment`,
        submissionId: 'd',
        questionId: 'comment',
        at: new Date(week2 + 60_000).toISOString(),
        comment: 'The queue was long',
        rating: { questionId: 'sat', kind: 'csat', score: 1 },
        source: 'link',
        language: 'en',
      },
      expect.objectContaining({ submissionId: 'b', rating: { questionId: 'sat', kind: 'csat', score: 2 } }),
      expect.objectContaining({ submissionId: 'a', comment: 'Great staff', source: 'qr' }),
    ]);
    const subs = (page: { items: { submissionId: string }[] }) => page.items.map((c) => c.submissionId);
    expect(subs(await comments('&score=1,2'))).toEqual(['d', 'b']);
    expect(subs(await comments('&score=5&kind=csat'))).toEqual(['a']);
    expect(subs(await comments('&score=5&kind=nps'))).toEqual([]);
    expect(subs(await comments('&source=kiosk'))).toEqual(['b']);
    expect(subs(await comments('&language=en'))).toEqual(['d', 'a']);
    expect(subs(await comments('&q=QUEUE'))).toEqual(['d', 'b']);
    expect(subs(await comments("&q=100%25' OR 1=1 --"))).toEqual([]);
    const page2 = await comments('&limit=2&offset=2');
    expect(page2).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(subs(page2)).toEqual(['a']);
    expect((await comments('&limit=2&offset=10')).total).toBe(3);

    const csv = await owner.get(`${base}/surveys/${survey.id}/results.csv?${period}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="survey-${survey.code}.csv"`);
    expect(parseCsv(csv.body as string)).toEqual([
      ['submission_id', 'at', 'source', 'language', 'sat', 'nps', 'effort', 'why', 'comment', 'old'],
      ['a', new Date(week1).toISOString(), 'qr', 'en', '5', '10', '', 'buy', 'Great staff', ''],
      [
        'b',
        new Date(week1 + 3600_000).toISOString(),
        'kiosk',
        'de',
        '2',
        '3',
        '6',
        '',
        "'=1+1 long queue",
        '',
      ],
      ['c', new Date(week2).toISOString(), 'kiosk', 'de', '4', '8', '2', 'ask', '', ''],
      ['d', new Date(week2 + 60_000).toISOString(), 'link', 'en', '1', '', '', '', 'The queue was long', '3'],
    ]);
    const formula = await owner.get(`${base}/surveys/${other.id}/results.csv?from=2026-03-01&to=2026-03-15`);
    expect(parseCsv(formula.body as string)[0]).toEqual([
      'submission_id',
      'at',
      'source',
      'language',
      'satisfaction',
      'recommend',
      'comment',
    ]);
  });
});
