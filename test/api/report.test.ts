import { beforeAll, expect, it } from 'vitest';
import type { Interaction } from '../../src/store/events/event-store.js';
import { describeCatalog } from '../catalog-harness.js';
import { makeInteraction } from '../fixtures/generate-interactions.js';

const DAY = 86_400_000;
const HOSTILE = '<script>alert(1)</script> & "Co" <img src=x onerror=alert(2)>';

/** Every src= and href= value of the document's tags. */
function urls(html: string): string[] {
  return [...html.matchAll(/<[^>]+>/g)].flatMap((tag) =>
    [...tag[0].matchAll(/\s(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1] ?? ''),
  );
}

/** The text of one chapter's section. */
function chapterOf(html: string, name: string): string {
  const start = html.indexOf(`data-chapter="${name}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

describeCatalog('touchpoint audit report', (h) => {
  let owner: Awaited<ReturnType<ReturnType<typeof h>['signUp']>>;
  let workspaceId = '';
  let base = '';

  beforeAll(async () => {
    owner = await h().signUp('owner');
    ({ id: workspaceId, base } = await h().newWorkspace(owner, HOSTILE));
    const tp: Record<string, string> = {};
    for (const [key, name] of [
      ['website', 'Website'],
      ['call', `Hotline ${HOSTILE}`],
      ['form', 'Online question form'],
    ] as const) {
      const res = await owner.post(`${base}/touchpoints`, { key, name });
      expect(res.status).toBe(201);
      tp[key] = res.body.id;
    }
    const chain = await owner.post(`${base}/chains`, {
      name: `Lead ${HOSTILE}`,
      links: [
        { touchpointId: tp.website, role: 'initial' },
        { touchpointId: tp.call, role: 'middle' },
        { touchpointId: tp.form, role: 'final' },
      ],
    });
    expect(chain.status).toBe(201);
    const standard = await owner.post(`${base}/standards`, {
      touchpointId: tp.call,
      name: 'Answer within 20 s',
      metric: 'response_ms',
      comparator: 'lte',
      target: 20_000,
      requiredShare: 0.9,
    });
    expect(standard.status).toBe(201);
    const task = await owner.post(`${base}/tasks`, {
      title: `Train the hotline ${HOSTILE}`,
      lever: 'staff_qualification',
      dueDate: '2026-01-15',
      targets: { standardId: standard.body.id },
    });
    expect(task.status).toBe(201);

    // An audit of the own brand and one of a competitor that scores higher at the hotline.
    const rival = await owner.post(`${base}/brands`, { name: `Rival ${HOSTILE}` });
    expect(rival.status).toBe(201);
    const own = (await owner.get(`${base}/brands`)).body.items.find((b: { isOwn: boolean }) => b.isOwn);
    const checklist = await owner.post(`${base}/audit-checklists`, {
      name: 'Hotline walk',
      criteria: [
        { text: 'Greeted by name', touchpointId: tp.call, scale: 'yes_no' },
        { text: 'Price list readable', stageKey: 'purchase', scale: 'score_1_5', weight: 2 },
      ],
    });
    expect(checklist.status).toBe(201);
    const [greeted, prices] = checklist.body.criteria.map((c: { id: string }) => c.id);
    const today = new Date().toISOString().slice(0, 10);
    for (const [brandId, answers] of [
      [own.id, [0, 2]],
      [rival.body.id, [1, 5]],
    ] as const) {
      const audit = await owner.post(`${base}/audits`, {
        checklistId: checklist.body.id,
        brandId,
        auditDate: today,
      });
      expect(audit.status).toBe(201);
      const put = await owner.put(`${base}/audits/${audit.body.id}/answers`, {
        answers: [
          { criterionId: greeted, value: answers[0], note: 'no greeting' },
          { criterionId: prices, value: answers[1] },
        ],
      });
      expect(put.status).toBe(200);
      expect((await owner.post(`${base}/audits/${audit.body.id}/submit`, {})).status).toBe(200);
    }

    const rule = await owner.post(`${base}/alert-rules`, {
      kind: 'task_overdue',
      name: `Overdue ${HOSTILE}`,
    });
    expect(rule.status).toBe(201);

    const now = Date.now();
    const touch = (
      id: string,
      customer: string,
      key: string,
      daysAgo: number,
      extra: Partial<Interaction> = {},
    ) =>
      makeInteraction({
        workspaceId,
        id,
        customer,
        touchpointId: tp[key] ?? '',
        at: now - daysAgo * DAY,
        ...extra,
      });
    await h().events.insertInteractions([
      touch('1', 'c1', 'website', 10),
      touch('2', 'c2', 'website', 10),
      touch('3', 'c3', 'website', 10, { sentiment: -1 }),
      touch('4', 'c1', 'call', 9, { responseMs: 5_000, sentiment: 1 }),
      touch('5', 'c2', 'call', 9, { responseMs: 60_000, sentiment: -1 }),
      touch('6', 'c1', 'form', 8),
    ]);
    // The task is past its due date: the rule fires.
    expect((await owner.post(`${base}/alerts/evaluate`, {})).status).toBe(200);
  });

  it('answers one self-contained HTML document with every chapter, names escaped', async () => {
    const res = await owner.get(`${base}/report?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['content-disposition']).toBeUndefined();
    const html = res.body as string;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const chapter of [
      'inventory',
      'coverage',
      'health',
      'chains',
      'standards',
      'feedback',
      'audits',
      'benchmark',
      'alerts',
      'tasks',
    ])
      expect(html).toContain(`data-chapter="${chapter}"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // Only fragments of the document itself: no request leaves it.
    expect(urls(html).every((u) => u.startsWith('#'))).toBe(true);
    expect(html).not.toMatch(/url\(|@import/i);
    // Inline SVG charts, the figures of the chain and the standard.
    expect(html).toContain('<svg');
    expect(html).toContain('Answer within 20 s');
    expect(html).toContain('Fails');
    expect(html).toContain('Staff qualification');
    // Audits: the own brand's latest audit failed both criteria; the rival beats us at the hotline.
    expect(html).toContain('Latest audit: Hotline walk');
    expect(html).toContain('Greeted by name');
    expect(html).toContain('Where a competitor beats us');
    expect(html).toContain('Rival &#60;script&#62;');
    expect(html).not.toContain('No competitor scores higher');
    // Open alerts: the overdue task.
    expect(chapterOf(html, 'alerts')).toContain('Overdue &#60;script&#62;');
    expect(chapterOf(html, 'alerts')).toContain('Train the hotline &#60;script&#62;');
  });

  it('writes in the workspace language by default, another when asked', async () => {
    const ws = await owner.get(base);
    const patched = await owner.patch(base, { version: ws.body.version, settings: { language: 'de' } });
    expect(patched.status).toBe(200);
    const german = await owner.get(`${base}/report`);
    expect(german.status).toBe(200);
    expect(german.headers['content-language']).toBe('de');
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Touchpoint-Audit-Bericht');
    expect(german.body).toContain('Ketten und schwache Glieder');
    const russian = await owner.get(`${base}/report?lang=ru`);
    expect(russian.body).toContain('Отчёт об аудите точек контакта');
    const bad = await owner.patch(base, { version: patched.body.version, settings: { language: 'xx' } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe('settings.language');
  });

  it('sends the report policy: no script, inline styles, framed only by our own pages', async () => {
    const res = await owner.get(`${base}/report?download=1&from=2026-01-01`);
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('img-src data:');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('script-src');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="touchpoints-report-script-alert-1-script-co-img-src-x-onerror-alert-2-\d{4}-\d{2}-\d{2}\.html"$/,
    );
    // Other API answers keep their own policy.
    const health = await owner.get(`${base}/health`);
    expect(String(health.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('names the query field at fault', async () => {
    for (const [query, field] of [
      ['lang=xx', 'querystring.lang'],
      ['from=yesterday', 'querystring.from'],
      ['to=2024-13-45', 'querystring.to'],
      ['from=2024-05-02&to=2024-05-01', 'to'],
      ['download=maybe', 'querystring.download'],
      ['colour=red', 'querystring.colour'],
    ] as const) {
      const res = await owner.get(`${base}/report?${query}`);
      expect(res.status, query).toBe(400);
      expect(
        res.body.issues.map((i: { field: string }) => i.field),
        query,
      ).toContain(field);
    }
  });

  it('lets viewers and read tokens read; hides the workspace from others', async () => {
    const viewer = await h().signUp('viewer');
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    expect((await viewer.get(`${base}/report`)).status).toBe(200);

    const token = async (scopes: string[]) =>
      h().withToken((await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes })).body.token);
    expect((await (await token(['read'])).get(`${base}/report`)).status).toBe(200);
    expect((await (await token(['ingest'])).get(`${base}/report`)).status).toBe(403);

    const stranger = await h().signUp('stranger');
    expect((await stranger.get(`${base}/report`)).status).toBe(404);
    const other = await h().newWorkspace(stranger, 'Other');
    expect((await owner.get(`${other.base}/report`)).status).toBe(404);
    expect((await h().anonymous.get(`${base}/report`)).status).toBe(401);
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
