import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SurveyQuestion, SurveyTexts } from '../../src/domain/survey-model.js';
import { complaints, kioskDevices, surveyContacts, surveys } from '../../src/store/catalog/schema.js';
import { hashSecret } from '../../src/store/catalog/secrets.js';
import { createSession } from '../../src/store/catalog/sessions.js';
import { type Client, describeCatalog, type Harness } from '../catalog-harness.js';

const QUESTIONS: SurveyQuestion[] = [
  {
    id: 'csat',
    kind: 'csat',
    required: true,
    text: { en: 'How satisfied were you?', de: 'Wie zufrieden waren Sie?' },
  },
  {
    id: 'nps',
    kind: 'nps',
    required: false,
    text: { en: 'Would you recommend us?', de: 'Würden Sie uns empfehlen?' },
  },
  {
    id: 'visit',
    kind: 'choice',
    required: false,
    text: { en: 'Why did you come?', de: 'Warum kamen Sie?' },
    options: [
      { key: 'buy', text: { en: 'To buy', de: 'Zum Kaufen' } },
      { key: 'return', text: { en: 'To return something', de: 'Zur Rückgabe' } },
    ],
  },
  { id: 'comment', kind: 'comment', required: false, text: { en: 'Anything else?', de: 'Noch etwas?' } },
];
const TEXTS: SurveyTexts = {
  title: { en: 'Reception feedback', de: 'Feedback zum Empfang' },
  intro: { en: 'Two minutes.', de: 'Zwei Minuten.' },
  thankYou: { en: 'Thanks for your time!', de: 'Danke für Ihre Zeit!' },
  consent: { en: 'You may contact me about my answers.', de: 'Sie dürfen mich kontaktieren.' },
};

interface Setup {
  owner: Client & { userId: string; email: string };
  ws: string;
  base: string;
  touchpointId: string;
  onlineTouchpointId: string;
}

async function setup(h: Harness): Promise<Setup> {
  const owner = await h.signUp('owner');
  const { id: ws, base } = await h.newWorkspace(owner);
  const channels = (await owner.get(`${base}/channels?limit=100`)).body.items as {
    id: string;
    online: boolean;
  }[];
  const offline = channels.find((c) => !c.online);
  const online = channels.find((c) => c.online);
  if (!offline || !online) throw new Error('no offline or online channel seeded');
  const reception = await owner.post(`${base}/touchpoints`, {
    key: 'reception',
    name: 'Reception desk',
    channelId: offline.id,
  });
  const site = await owner.post(`${base}/touchpoints`, {
    key: 'site',
    name: 'Website',
    channelId: online.id,
  });
  return { owner, ws, base, touchpointId: reception.body.id, onlineTouchpointId: site.body.id };
}

let codeCounter = 0;
function newCode(): string {
  codeCounter += 1;
  return `${randomUUID().replaceAll('-', '').slice(0, 6)}${String(codeCounter).padStart(4, '0')}`;
}

async function addSurvey(
  h: Harness,
  s: Setup,
  values: Partial<typeof surveys.$inferInsert> = {},
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = newCode();
  await h.catalog.db.insert(surveys).values({
    id,
    workspaceId: s.ws,
    touchpointId: s.touchpointId,
    code,
    name: 'Internal name: reception pilot',
    status: 'live',
    defaultLanguage: 'en',
    questions: QUESTIONS,
    texts: TEXTS,
    contactConsent: true,
    complaintRule: { csatMax: 2, requireComment: false },
    ...values,
  });
  return { id, code };
}

async function feedbackRows(h: Harness, ws: string, surveyId: string) {
  return h.events.query({
    sql: `SELECT id, touchpoint_id AS "touchpointId", customer, kind, score, comment, survey_id AS "surveyId",
                 question, source, "language", choice
          FROM feedback WHERE workspace_id = $ws AND survey_id = $survey ORDER BY id`,
    params: { ws, survey: surveyId },
  });
}

/** A request from `address` (the limits count per address), optionally cross-origin. */
async function call(
  h: Harness,
  method: 'GET' | 'POST' | 'OPTIONS',
  url: string,
  options: { body?: unknown; address?: string; headers?: Record<string, string>; form?: string } = {},
) {
  const res = await h.app.inject({
    method,
    url,
    remoteAddress: options.address ?? '192.0.2.1',
    headers: {
      ...(options.form !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { payload: options.body as object }),
    ...(options.form !== undefined && { payload: options.form }),
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    headers: res.headers,
    text: res.body,
    body: type.includes('json') && res.body ? JSON.parse(res.body) : undefined,
  };
}

const answer = (overrides: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  source: 'qr',
  language: 'en',
  answers: { csat: 4, nps: 9, visit: 'buy', comment: 'Friendly staff' },
  ...overrides,
});

describeCatalog(
  'public survey answers',
  (h) => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup(h());
    });

    it('shows a survey by its code with its public texts only, to any origin', async () => {
      const survey = await addSurvey(h(), s);
      const res = await call(h(), 'GET', `/api/public/surveys/${survey.code}`, {
        headers: { origin: 'https://shop.example' },
      });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'closedReason',
          'code',
          'colour',
          'contactConsent',
          'defaultLanguage',
          'languages',
          'logo',
          'open',
          'questions',
          'status',
          'texts',
        ].sort(),
      );
      expect(res.body).toMatchObject({ code: survey.code, open: true, languages: ['en', 'de'] });
      expect(res.body.questions[2].options.map((o: { key: string }) => o.key)).toEqual(['buy', 'return']);
      // Nothing of the workspace: ids, the internal name, the touchpoint, the complaint rule.
      for (const secret of [s.ws, survey.id, s.touchpointId, 'Internal name', 'Reception desk', 'csatMax'])
        expect(res.text).not.toContain(secret);
      expect((await call(h(), 'GET', '/api/public/surveys/nosuchcode')).status).toBe(404);
      expect((await call(h(), 'GET', '/api/public/surveys/BAD')).status).toBe(400);
    });

    it('stores one tagged feedback row per answer; a re-sent submission stores nothing twice', async () => {
      const survey = await addSurvey(h(), s);
      const body = answer({ customer: 'shop-visitor-7' });
      const first = await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, {
        body,
        headers: { origin: 'https://shop.example' },
      });
      expect(first.status).toBe(201);
      expect(first.headers['access-control-allow-origin']).toBe('*');
      expect(first.body).toEqual({
        duplicate: false,
        stored: 4,
        language: 'en',
        thankYou: 'Thanks for your time!',
      });
      const prefix = `s:${survey.id}:${body.submissionId}:`;
      const tags = { touchpointId: s.touchpointId, surveyId: survey.id, source: 'qr', language: 'en' };
      expect(await feedbackRows(h(), s.ws, survey.id)).toEqual([
        {
          id: `${prefix}comment`,
          kind: 'comment',
          score: 0,
          comment: 'Friendly staff',
          question: 'comment',
          choice: null,
          customer: 'shop-visitor-7',
          ...tags,
        },
        // The comment also rides on the submission's first rating.
        {
          id: `${prefix}csat`,
          kind: 'csat',
          score: 4,
          comment: 'Friendly staff',
          question: 'csat',
          choice: null,
          customer: 'shop-visitor-7',
          ...tags,
        },
        {
          id: `${prefix}nps`,
          kind: 'nps',
          score: 9,
          comment: null,
          question: 'nps',
          choice: null,
          customer: 'shop-visitor-7',
          ...tags,
        },
        {
          id: `${prefix}visit`,
          kind: 'choice',
          score: 0,
          comment: null,
          question: 'visit',
          choice: 'buy',
          customer: 'shop-visitor-7',
          ...tags,
        },
      ]);
      const again = await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ duplicate: true, stored: 0 });
      expect(await feedbackRows(h(), s.ws, survey.id)).toHaveLength(4);
      // Sent together (stored in one group), each learns whether it was new: a re-send of the
      // first, one submission twice, and three new ones.
      const twice = answer();
      const fresh = [answer(), answer(), answer()];
      const together = await Promise.all(
        [body, twice, twice, ...fresh].map((b) =>
          call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: b }),
        ),
      );
      expect(together.map((r) => r.body.duplicate)).toEqual([true, false, true, false, false, false]);
      expect(together.map((r) => r.body.stored)).toEqual([0, 4, 0, 4, 4, 4]);
      expect(await feedbackRows(h(), s.ws, survey.id)).toHaveLength(4 * 5);
    });

    it('refuses a draft (409), a closed survey and one outside its dates (410) with a clear message', async () => {
      const draft = await addSurvey(h(), s, { status: 'draft' });
      const closed = await addSurvey(h(), s, { status: 'closed' });
      const ended = await addSurvey(h(), s, { endsAt: new Date(Date.now() - 86_400_000) });
      const future = await addSurvey(h(), s, { startsAt: new Date(Date.now() + 86_400_000) });
      const post = (code: string) =>
        call(h(), 'POST', `/api/public/surveys/${code}/answers`, { body: answer() });
      const d = await post(draft.code);
      expect(d.status).toBe(409);
      expect(d.body).toMatchObject({ code: 'survey_not_open', message: 'this survey is not open yet' });
      expect((await call(h(), 'GET', `/api/public/surveys/${draft.code}`)).status).toBe(409);
      const c = await post(closed.code);
      expect(c.status).toBe(410);
      expect(c.body).toMatchObject({
        code: 'survey_closed',
        message: 'this survey is closed',
        reason: 'closed',
      });
      const e = await post(ended.code);
      expect(e.status).toBe(410);
      expect(e.body.message).toMatch(/^this survey ended on \d{4}-\d{2}-\d{2}$/);
      const f = await post(future.code);
      expect(f.status).toBe(410);
      expect(f.body.message).toMatch(/^this survey opens on /);
      // A closed survey still shows its texts, marked as not open.
      expect((await call(h(), 'GET', `/api/public/surveys/${closed.code}`)).body).toMatchObject({
        open: false,
        closedReason: 'closed',
      });
      for (const x of [draft, closed, ended, future]) expect(await feedbackRows(h(), s.ws, x.id)).toEqual([]);
    });

    it('names every bad answer as answers.<questionId>, oversized comments included', async () => {
      const survey = await addSurvey(h(), s);
      const post = (answers: Record<string, unknown>) =>
        call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: answer({ answers }) });
      const bad = await post({ csat: 6, nps: 3.5, visit: 'steal', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.issues).toEqual([
        { field: 'answers.extra', message: 'this survey has no such question' },
        { field: 'answers.csat', message: 'must be a whole number from 1 to 5' },
        { field: 'answers.nps', message: 'must be a whole number from 0 to 10' },
        { field: 'answers.visit', message: 'must be one of buy, return' },
      ]);
      const missing = await post({ nps: 5 });
      expect(missing.body.issues).toEqual([{ field: 'answers.csat', message: 'is required' }]);
      const long = await post({ csat: 3, comment: 'x'.repeat(2001) });
      expect(long.status).toBe(400);
      expect(long.body.issues).toEqual([
        { field: 'answers.comment', message: 'must be at most 2000 characters (got 2001)' },
      ]);
      expect((await post({ csat: 3, comment: 'x'.repeat(2000) })).status).toBe(201);
      const noId = await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, {
        body: answer({ submissionId: 'short' }),
      });
      expect(noId.status).toBe(400);
      expect(noId.body.issues[0].field).toBe('submissionId');
      expect(noId.headers['access-control-allow-origin']).toBe('*');
      expect(await feedbackRows(h(), s.ws, survey.id)).toHaveLength(2);
    });

    it('keeps the contact apart and only with consent; opens one complaint for an answer under the rule', async () => {
      const survey = await addSurvey(h(), s);
      const unhappy = answer({
        answers: { csat: 1, comment: 'Nobody at the desk' },
        contact: { consent: true, email: 'ann@example.com', phone: null },
      });
      expect(
        (await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: unhappy })).status,
      ).toBe(201);
      await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: unhappy });
      const noConsent = answer({ contact: { consent: false, email: 'bob@example.com' } });
      await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: noConsent });
      const contacts = await h()
        .catalog.db.select()
        .from(surveyContacts)
        .where(eq(surveyContacts.surveyId, survey.id));
      expect(contacts.map((c) => [c.submissionId, c.email, c.language])).toEqual([
        [unhappy.submissionId, 'ann@example.com', 'en'],
      ]);
      const opened = await h().catalog.db.select().from(complaints).where(eq(complaints.workspaceId, s.ws));
      expect(opened.map((c) => [c.source, c.sourceRef, c.text, c.touchpointId])).toEqual([
        ['survey', `${survey.id}:${unhappy.submissionId}`, 'Nobody at the desk', s.touchpointId],
      ]);
      const badMail = await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, {
        body: answer({ contact: { consent: true, email: 'not-an-address' } }),
      });
      expect(badMail.status).toBe(400);
      expect(badMail.body.issues).toEqual([{ field: 'contact.email', message: 'must be an e-mail address' }]);
    });

    it('answers in the browser’s language, ?lang= first, else the survey’s default', async () => {
      const survey = await addSurvey(h(), s);
      const german = await call(h(), 'GET', `/s/${survey.code}?src=qr`, {
        headers: { 'accept-language': 'fr-FR,de-AT;q=0.8,en;q=0.5' },
      });
      expect(german.status).toBe(200);
      expect(german.text).toContain('<html lang="de">');
      expect(german.text).toContain('Feedback zum Empfang');
      expect(german.text).toContain('Wie zufrieden waren Sie?');
      expect(german.text).toContain('name="src" value="qr"');
      const chosen = await call(h(), 'GET', `/s/${survey.code}?lang=en`, {
        headers: { 'accept-language': 'de' },
      });
      expect(chosen.text).toContain('<html lang="en">');
      const unknown = await call(h(), 'GET', `/s/${survey.code}`, { headers: { 'accept-language': 'ja' } });
      expect(unknown.text).toContain('<html lang="en">');
      // Stored with the language answered in; one the survey lacks falls back to its default.
      const de = answer({ language: 'de' });
      const ro = answer({ language: 'ro' });
      expect(
        (await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: de })).body,
      ).toMatchObject({
        language: 'de',
        thankYou: 'Danke für Ihre Zeit!',
      });
      expect(
        (await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: ro })).body.language,
      ).toBe('en');
      const rows = await feedbackRows(h(), s.ws, survey.id);
      expect(
        new Set(rows.filter((r) => String(r.id).includes(de.submissionId)).map((r) => r.language)),
      ).toEqual(new Set(['de']));
      expect(
        new Set(rows.filter((r) => String(r.id).includes(ro.submissionId)).map((r) => r.language)),
      ).toEqual(new Set(['en']));
    });

    it('serves the page under a strict nonce policy, without cookies, and takes its form without script', async () => {
      const survey = await addSurvey(h(), s);
      const page = await call(h(), 'GET', `/s/${survey.code}?src=link`);
      const csp = String(page.headers['content-security-policy']);
      const nonce = /<style nonce="([^"]+)">/.exec(page.text)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain(`style-src 'nonce-${nonce}'`);
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.headers['access-control-allow-origin']).toBeUndefined();
      expect(page.text).toContain('<fieldset id="q-csat"');
      expect(page.text).toContain('<legend>How satisfied were you?');
      expect(page.text).toContain('<label for="consent">You may contact me about my answers.</label>');
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] ?? '';

      // Nothing chosen for the required question: the form comes back with the fault named.
      const refused = await call(h(), 'POST', `/s/${survey.code}`, {
        form: `submissionId=${submissionId}&lang=en&src=link&a.nps=7&a.comment=Long+queue`,
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('role="alert"');
      expect(refused.text).toContain(
        '<a href="#q-csat">How satisfied were you?</a>: Please answer this question.',
      );
      expect(refused.text).toContain('value="7" checked');
      expect(refused.text).toContain('>Long queue</textarea>');

      // In the respondent's language, the contact fields' faults too.
      const badPhone = await call(h(), 'POST', `/s/${survey.code}`, {
        form: `submissionId=${submissionId}&lang=de&src=link&a.csat=3&consent=yes&phone=call+me`,
      });
      expect(badPhone.status).toBe(400);
      expect(badPhone.text).toContain(
        '<a href="#contact-phone">Telefon</a>: Bitte geben Sie eine Telefonnummer ein: nur Ziffern, Leerzeichen und + - ( ).',
      );
      expect(badPhone.text).toContain('name="consent" value="yes" checked');
      const done = await call(h(), 'POST', `/s/${survey.code}`, {
        form: `submissionId=${submissionId}&lang=en&src=link&a.csat=5&a.nps=7&a.comment=Long+queue`,
      });
      expect(done.status).toBe(200);
      expect(done.text).toContain('Thanks for your time!');
      const again = await call(h(), 'POST', `/s/${survey.code}`, {
        form: `submissionId=${submissionId}&lang=en&src=link&a.csat=5`,
      });
      expect(again.text).toContain('We already have your answers.');
      const rows = await feedbackRows(h(), s.ws, survey.id);
      expect(rows.map((r) => [r.question, r.source, r.score])).toEqual([
        ['comment', 'link', 0],
        ['csat', 'link', 5],
        ['nps', 'link', 7],
      ]);
      const closed = await addSurvey(h(), s, { status: 'closed' });
      const closedPage = await call(h(), 'GET', `/s/${closed.code}`);
      expect(closedPage.status).toBe(410);
      expect(closedPage.text).toContain('This survey is closed.');
      expect((await call(h(), 'GET', '/s/nosuchcode')).status).toBe(404);
    });

    it('takes a kiosk’s answers by its device token, locked to its survey; revoked devices are refused', async () => {
      const survey = await addSurvey(h(), s);
      const token = `tpk_${randomUUID()}`;
      const revokedToken = `tpk_${randomUUID()}`;
      const deviceId = randomUUID();
      await h()
        .catalog.db.insert(kioskDevices)
        .values([
          {
            id: deviceId,
            workspaceId: s.ws,
            surveyId: survey.id,
            name: 'Counter tablet',
            tokenHash: hashSecret(token),
          },
          {
            id: randomUUID(),
            workspaceId: s.ws,
            surveyId: survey.id,
            name: 'Old tablet',
            tokenHash: hashSecret(revokedToken),
            revokedAt: new Date(),
          },
        ]);
      const body = { submissionId: randomUUID(), language: 'en', answers: { csat: 5 } };
      const res = await call(h(), 'POST', `/api/public/kiosk/${token}/answers`, { body });
      expect(res.status).toBe(201);
      expect((await feedbackRows(h(), s.ws, survey.id)).map((r) => [r.kind, r.source])).toEqual([
        ['csat', 'kiosk'],
      ]);
      const [device] = await h().catalog.db.select().from(kioskDevices).where(eq(kioskDevices.id, deviceId));
      expect(device?.lastSeenAt).toBeInstanceOf(Date);
      const revoked = await call(h(), 'POST', `/api/public/kiosk/${revokedToken}/answers`, {
        body: { ...body, submissionId: randomUUID() },
      });
      expect(revoked.status).toBe(410);
      expect(revoked.body.message).toMatch(/revoked/);
      expect((await call(h(), 'POST', `/api/public/kiosk/tpk_unknown_token/answers`, { body })).status).toBe(
        404,
      );
      // The kiosk page: its survey's data and its script under the response's nonce.
      const page = await call(h(), 'GET', `/k/${token}`);
      expect(page.status).toBe(200);
      const nonce = /<script src="\/k\/kiosk.js" nonce="([^"]+)">/.exec(page.text)?.[1];
      expect(String(page.headers['content-security-policy'])).toContain(`script-src 'nonce-${nonce}'`);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const revokedPage = await call(h(), 'GET', `/k/${revokedToken}`);
      expect(revokedPage.status).toBe(410);
      expect(revokedPage.text).toContain('This kiosk link no longer works.');
    });

    it('sends CORS headers on the public survey routes only, with their preflight', async () => {
      const survey = await addSurvey(h(), s);
      const preflight = await call(h(), 'OPTIONS', `/api/public/surveys/${survey.code}/answers`, {
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
      const kioskPreflight = await call(h(), 'OPTIONS', '/api/public/kiosk/tpk_anything/answers');
      expect(kioskPreflight.headers['access-control-allow-origin']).toBe('*');
      // A cross-origin answer is taken (no credentials; the CSRF guard is for the signed-in API).
      const crossSite = await call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, {
        body: answer(),
        headers: { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(201);
      // Everything else: no CORS header at all.
      const cookie = await createSession(h().catalog.db, s.owner.userId);
      const others = [
        await call(h(), 'GET', '/healthz', { headers: { origin: 'https://shop.example' } }),
        await call(h(), 'GET', '/api/openapi.json', { headers: { origin: 'https://shop.example' } }),
        await call(h(), 'GET', '/api/me', {
          headers: { origin: 'https://shop.example', cookie: `tp_session=${cookie}` },
        }),
        await call(h(), 'GET', `${s.base}/touchpoints`, { headers: { origin: 'https://shop.example' } }),
        await call(h(), 'OPTIONS', `${s.base}/touchpoints`, {
          headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
        }),
        await call(h(), 'OPTIONS', '/api/me', { headers: { origin: 'https://shop.example' } }),
        await call(h(), 'GET', `/s/${survey.code}`, { headers: { origin: 'https://shop.example' } }),
        await call(h(), 'GET', '/embed.js', { headers: { origin: 'https://shop.example' } }),
      ];
      for (const res of others) {
        const cors = Object.keys(res.headers).filter((k) => k.startsWith('access-control-'));
        expect(cors).toEqual([]);
      }
      // A signed-in write from another site is still refused.
      const forged = await call(h(), 'POST', `${s.base}/touchpoints`, {
        body: { key: 'forged', name: 'Forged' },
        headers: { origin: 'https://shop.example', cookie: `tp_session=${cookie}` },
      });
      expect(forged.status).toBe(403);
      // The widget script may be loaded by other sites' pages.
      const embed = await call(h(), 'GET', '/embed.js');
      expect(embed.status).toBe(200);
      expect(embed.headers['content-type']).toMatch(/^text\/javascript/);
      expect(embed.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(embed.text).toContain('adoptedStyleSheets');
    });

    it('lists the public routes in the OpenAPI document without sign-in', async () => {
      const doc = await call(h(), 'GET', '/api/openapi.json');
      const paths = doc.body.paths as Record<
        string,
        Record<string, { security?: unknown[]; tags?: string[] }>
      >;
      expect(paths['/api/public/surveys/{code}']?.get?.security).toEqual([]);
      expect(paths['/api/public/surveys/{code}/answers']?.post?.security).toEqual([]);
      expect(paths['/api/public/kiosk/{token}/answers']?.post?.security).toEqual([]);
      expect(paths['/api/workspaces/{workspaceId}/surveys/{surveyId}/qr.png']?.get).toBeDefined();
      expect(paths['/api/workspaces/{workspaceId}/surveys/posters']?.get).toBeDefined();
    });

    it('draws the QR code and posters for workspace readers only; the sheet has the offline touchpoints’ live surveys', async () => {
      const live = await addSurvey(h(), s, { name: 'At reception' });
      const online = await addSurvey(h(), s, { touchpointId: s.onlineTouchpointId, name: 'On the website' });
      const draft = await addSurvey(h(), s, { status: 'draft' });
      const viewer = await h().signUp('viewer');
      await s.owner.post(`${s.base}/members`, { email: viewer.email, role: 'viewer' });
      const png = await h().app.inject({
        method: 'GET',
        url: `${s.base}/surveys/${live.id}/qr.png?size=256`,
        headers: { cookie: `tp_session=${await createSession(h().catalog.db, viewer.userId)}` },
      });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.rawPayload.readUInt32BE(16)).toBe(256);
      expect((await h().anonymous.get(`${s.base}/surveys/${live.id}/qr.png`)).status).toBe(401);
      const stranger = await h().signUp('stranger');
      expect((await stranger.get(`${s.base}/surveys/${live.id}/qr.png`)).status).toBe(404);
      expect((await viewer.get(`${s.base}/surveys/${randomUUID()}/poster`)).status).toBe(404);

      const poster = await viewer.get(`${s.base}/surveys/${live.id}/poster?size=a5&lang=de`);
      expect(poster.status).toBe(200);
      expect(poster.body).toContain('@page{size:A5');
      expect(poster.body).toContain('Wie waren wir?');
      expect(poster.body).toContain('Reception desk');
      expect(poster.body).toContain(`/s/${live.code}?src=qr`);
      expect(poster.body).toContain('<svg');
      expect(String(poster.headers['content-security-policy'])).not.toContain('script-src');
      const tent = await viewer.get(`${s.base}/surveys/${live.id}/poster?size=tent`);
      expect(tent.body.match(/class="poster"/g)).toHaveLength(2);
      expect((await viewer.get(`${s.base}/surveys/${live.id}/poster?size=a3`)).status).toBe(400);

      const sheet = await viewer.get(`${s.base}/surveys/posters`);
      expect(sheet.status).toBe(200);
      expect(sheet.body).toContain(`/s/${live.code}?src=qr`);
      expect(sheet.body).not.toContain(`/s/${online.code}`);
      expect(sheet.body).not.toContain(`/s/${draft.code}`);
      expect(sheet.body).toContain('<html lang="en">');
      const german = await viewer.get(`${s.base}/surveys/posters?lang=de`);
      expect(german.body).toContain('Drucken Sie diese Seite');
      expect(german.body).toContain('<title>QR-Codes der Umfragen</title>');
    });
  },
  { config: () => ({ surveyAddressRateLimit: 10_000, surveyRateLimit: 10_000 }) },
);

describeCatalog(
  'public survey rate limits',
  (h) => {
    it('answers 429 JSON beyond the limit per address and per survey', async () => {
      const s = await setup(h());
      const survey = await addSurvey(h(), s);
      const post = (address: string) =>
        call(h(), 'POST', `/api/public/surveys/${survey.code}/answers`, { body: answer(), address });
      for (let i = 0; i < 3; i++) expect((await post('198.51.100.1')).status).toBe(201);
      const limited = await post('198.51.100.1');
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited', limit: 3 });
      expect(limited.body.message).toMatch(/from this address/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['access-control-allow-origin']).toBe('*');
      // The page counts against the same address budget (HTML 429).
      const page = await call(h(), 'GET', `/s/${survey.code}`, { address: '198.51.100.1' });
      expect(page.status).toBe(429);
      expect(page.text).toContain('Too many answers from here just now.');
      // Other addresses go on until the survey's own limit (5 a minute here) is reached.
      expect((await post('198.51.100.2')).status).toBe(201);
      expect((await post('198.51.100.3')).status).toBe(201);
      const survey429 = await post('198.51.100.4');
      expect(survey429.status).toBe(429);
      expect(survey429.body.message).toMatch(/answers to this survey/);
      // Another survey has its own budget.
      const other = await addSurvey(h(), s);
      const res = await call(h(), 'POST', `/api/public/surveys/${other.code}/answers`, {
        body: answer(),
        address: '198.51.100.5',
      });
      expect(res.status).toBe(201);
      expect(await feedbackRows(h(), s.ws, survey.id)).toHaveLength(4 * 5);
    });
  },
  { config: () => ({ surveyAddressRateLimit: 3, surveyRateLimit: 5 }) },
);
