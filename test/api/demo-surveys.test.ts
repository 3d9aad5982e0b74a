/**
 * The demo workspace's surveys: live at the offline touchpoints and on the clinic's website, each
 * with a few hundred answers over the demo period in the feedback store (tagged as the public
 * routes tag them), counted by the survey results and the workspace's sentiment.
 */
import { expect, it } from 'vitest';
import { DEMO_SURVEYS, recordDemoSurveyAnswers } from '../../src/demo/demo-surveys.js';
import { describeCatalog } from '../catalog-harness.js';

const DAY = 86_400_000;

describeCatalog('demo surveys', (h) => {
  it('opens the demo with answered surveys at the offline touchpoints, recorded once per seed', async () => {
    const owner = await h().signUp('owner');
    const started = Date.now();
    const created = await owner.post('/api/workspaces/demo', {});
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(20_000);
    const base = `/api/workspaces/${created.body.workspace.id}`;
    const surveys = (await owner.get(`${base}/surveys?limit=100`)).body;
    expect(surveys.total).toBe(DEMO_SURVEYS.length);
    const tps = (await owner.get(`${base}/export`)).body.touchpoints as { id: string; key: string }[];
    const keyOf = new Map(tps.map((t) => [t.id, t.key]));
    expect(surveys.items.map((s: { touchpointId: string }) => keyOf.get(s.touchpointId)).sort()).toEqual([
      'clinic-reception',
      'clinic-website',
      'retail-info-desk',
      'retail-price-list',
      'retail-shop-window',
    ]);
    expect(new Set(surveys.items.map((s: { status: string }) => s.status))).toEqual(new Set(['live']));

    const now = Date.now();
    const period = `from=${now - 91 * DAY}&to=${now + DAY}`;
    const sources = new Set<string>();
    for (const survey of surveys.items) {
      const r = (await owner.get(`${base}/surveys/${survey.id}/results?${period}`)).body;
      const spec = DEMO_SURVEYS.find((s) => s.name === survey.name);
      expect(r.submissions, survey.name).toBeGreaterThan((spec?.submissions ?? 0) * 0.8);
      expect(r.submissions).toBeLessThanOrEqual(spec?.submissions ?? 0);
      expect(r.scores.csat.answers).toBeGreaterThan(100);
      expect(r.comments).toBeGreaterThan(10);
      expect(r.byLanguage.length).toBeGreaterThanOrEqual(4);
      for (const s of r.bySource) sources.add(s.source);
    }
    expect([...sources].sort()).toEqual(['embed', 'kiosk', 'link', 'qr']);

    // The price list got clearer in the last month.
    const prices = surveys.items.find((s: { name: string }) => s.name.startsWith('Price list'));
    const early = (
      await owner.get(`${base}/surveys/${prices.id}/results?from=${now - 91 * DAY}&to=${now - 31 * DAY}`)
    ).body;
    const late = (
      await owner.get(`${base}/surveys/${prices.id}/results?from=${now - 29 * DAY}&to=${now + DAY}`)
    ).body;
    expect(late.scores.csat.score).toBeGreaterThan(early.scores.csat.score + 15);

    // The reception asks for consent: some respondents left a contact.
    const reception = surveys.items.find((s: { contactConsent: boolean }) => s.contactConsent);
    const contacts = (await owner.get(`${base}/surveys/${reception.id}/contacts`)).body;
    expect(contacts.total).toBeGreaterThan(0);
    expect(contacts.items[0].email).toMatch(/@example\.com$/);

    // The answers count in the workspace's CSAT like any feedback.
    const sentiment = await owner.get(`${base}/analytics/sentiment?${period}`);
    expect(sentiment.status).toBe(200);
    expect(sentiment.body.overall.feedback.csat.answers).toBeGreaterThan(500);

    // Recording again with the same seed and end stores nothing twice.
    const ws = created.body.workspace.id as string;
    const end = Date.UTC(2026, 0, 1);
    const first = await recordDemoSurveyAnswers(h().catalog.db, h().events, ws, { seed: 5, end });
    const again = await recordDemoSurveyAnswers(h().catalog.db, h().events, ws, { seed: 5, end });
    expect(first.answers).toBeGreaterThan(3000);
    expect(first.contacts).toBeGreaterThan(0);
    expect(again).toEqual({ submissions: first.submissions, answers: 0, contacts: 0 });
  }, 120_000);
});
