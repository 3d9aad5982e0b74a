import { describe, expect, it } from 'vitest';
import type { CompetitorBenchmark } from '../analytics/competitor-benchmark.schemas.js';
import type { SentimentSummary } from '../analytics/sentiment.schemas.js';
import { checkChain, checkSubject, healthReport } from '../domain/health.js';
import type { InventoryTouchpoint } from '../store/catalog/report-inventory.js';
import { type ReportData, templateCoverage } from './gather-report.js';
import { cssString, escapeHtml, renderReport } from './render-report.js';
import { REPORT_CHAPTERS, REPORT_LANGUAGES, REPORT_TEXTS } from './report-i18n.js';

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>'&`;
const WS = '11111111-1111-4111-8111-111111111111';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 6, 0, 0);

function summary(interactions: number, negative: number, rated: number): SentimentSummary {
  const share = rated === 0 ? null : negative / rated;
  return {
    interactions,
    sentiment: {
      rated,
      negative,
      neutral: 0,
      positive: rated - negative,
      negativeShare: share,
      neutralShare: rated === 0 ? null : 0,
      positiveShare: share === null ? null : 1 - share,
      mean: share === null ? null : 1 - 2 * share,
    },
    feedback: {
      csat: { answers: 4, satisfied: 3, score: 0.75, mean: 4.1 },
      nps: { answers: 10, promoters: 5, passives: 3, detractors: 2, score: 30 },
      ces: { answers: 0, mean: null },
      reviews: {
        count: 0,
        mean: null,
        meanOutOfFive: null,
        positive: 0,
        negative: 0,
        positiveShare: null,
        negativeShare: null,
      },
    },
  };
}

function touchpoint(id: string, name: string, extra: Partial<InventoryTouchpoint> = {}): InventoryTouchpoint {
  return {
    id,
    key: id,
    name,
    parentId: null,
    brandId: 'own',
    brandName: EVIL,
    isOwnBrand: true,
    channelKey: 'phone',
    channelName: `Phone ${EVIL}`,
    stage: 'purchase',
    direction: 'in',
    status: 'active',
    ...extra,
  };
}

const emptyBenchmark: CompetitorBenchmark = {
  period: { from: new Date(NOW - 90 * DAY).toISOString(), to: new Date(NOW).toISOString() },
  journey: null,
  brands: [{ id: 'own', name: 'Own', isOwn: true, website: '' }],
  overall: [{ brandId: 'own', audit: null, measured: null }],
  stages: [],
  touchpoints: [],
  beats: [],
  latestFailures: [],
};

/** A workspace with nothing in it: every chapter shows its empty-state sentence. */
function emptyReport(lang: ReportData['lang'] = 'en'): ReportData {
  return {
    lang,
    generatedAt: NOW,
    period: { from: NOW - 90 * DAY, to: NOW },
    workspace: { id: WS, name: 'Empty', description: '' },
    brands: [{ id: 'own', name: 'Own', website: '', isOwn: true }],
    touchpoints: [],
    coverage: templateCoverage([]),
    health: healthReport([]),
    healthDays: 30,
    chains: [],
    standards: [],
    feedback: { overall: summary(0, 0, 0), touchpoints: [] },
    benchmark: emptyBenchmark,
    alerts: [],
    tasks: { open: [], closed: [] },
  };
}

/** A workspace with a hostile name everywhere and data in every chapter. */
function fullReport(lang: ReportData['lang'] = 'en'): ReportData {
  const touchpoints = [
    touchpoint('website', 'Banner ad'),
    touchpoint('call', `Hotline ${EVIL}`),
    touchpoint('rival-site', 'Rival site', { brandId: 'rival', brandName: 'Rival', isOwnBrand: false }),
  ];
  const figure = (score: number, audits: number) => ({ score, passRate: score, audits, answers: audits * 2 });
  return {
    ...emptyReport(lang),
    workspace: { id: WS, name: EVIL, description: `About ${EVIL}` },
    brands: [
      { id: 'own', name: EVIL, website: '', isOwn: true },
      { id: 'rival', name: `Rival ${EVIL}`, website: 'https://rival.example', isOwn: false },
    ],
    touchpoints,
    coverage: templateCoverage(touchpoints),
    health: healthReport([
      ...checkSubject(WS, { id: 's1', name: `Reception ${EVIL}`, touchpoints: 1 }),
      ...checkChain(WS, {
        id: 'c1',
        name: `Lead ${EVIL}`,
        links: 2,
        hasInitial: false,
        hasFinal: true,
        hasNext: false,
      }),
    ]),
    chains: [
      {
        id: 'c1',
        name: `Lead ${EVIL}`,
        links: 2,
        conversion: {
          period: { from: '', to: '' },
          chain: { id: 'c1', name: `Lead ${EVIL}`, windowDays: 30 },
          windowMs: 30 * DAY,
          minEntrants: 30,
          links: [
            {
              link: 1,
              reached: 1200,
              conversionFromPrevious: null,
              conversionFromFirst: 1,
              dropped: 900,
              brokenByNegative: 250,
              medianMsFromPrevious: null,
              p90MsFromPrevious: null,
              touchpointId: 'website',
              touchpointKey: 'website',
              touchpointName: 'Banner ad',
              role: 'initial',
            },
            {
              link: 2,
              reached: 300,
              conversionFromPrevious: 0.25,
              conversionFromFirst: 0.25,
              dropped: null,
              brokenByNegative: null,
              medianMsFromPrevious: 3_600_000,
              p90MsFromPrevious: 7_200_000,
              touchpointId: 'call',
              touchpointKey: 'call',
              touchpointName: `Hotline ${EVIL}`,
              role: 'final',
            },
          ],
          weakLink: { fromLink: 1, toLink: 2, entrants: 1200, reached: 300, conversion: 0.25 },
        },
      },
      { id: 'c2', name: 'Draft chain', links: 0, conversion: null },
    ],
    standards: [
      {
        standardId: 'st1',
        name: `Answer within 20 s ${EVIL}`,
        metric: 'response_ms',
        prop: null,
        comparator: 'lte',
        target: 20_000,
        requiredShare: 0.9,
        measured: 412,
        meeting: 383,
        shareMeeting: 383 / 412,
        value: null,
        passed: true,
        p50: 8000,
        p90: 19000,
        p99: 40000,
        weeks: [],
        touchpointId: 'call',
        touchpointKey: 'call',
        touchpointName: `Hotline ${EVIL}`,
      },
      {
        standardId: 'st2',
        name: 'CSAT at least 4.5',
        metric: 'csat',
        prop: null,
        comparator: 'gte',
        target: 4.5,
        requiredShare: 0.9,
        measured: 40,
        meeting: null,
        shareMeeting: null,
        value: 4.1,
        passed: false,
        p50: null,
        p90: null,
        p99: null,
        weeks: [],
        touchpointId: 'call',
        touchpointKey: 'call',
        touchpointName: `Hotline ${EVIL}`,
      },
    ],
    feedback: {
      overall: summary(1500, 100, 400),
      touchpoints: [
        {
          ...summary(1200, 40, 300),
          touchpointId: 'call',
          touchpointKey: 'call',
          touchpointName: `Hotline ${EVIL}`,
          stage: 'purchase',
          channel: 'phone',
        },
      ],
    },
    benchmark: {
      ...emptyBenchmark,
      brands: [
        { id: 'own', name: EVIL, isOwn: true, website: '' },
        { id: 'rival', name: `Rival ${EVIL}`, isOwn: false, website: '' },
      ],
      overall: [
        { brandId: 'own', audit: figure(0.5, 2), measured: null },
        { brandId: 'rival', audit: figure(0.9, 1), measured: null },
      ],
      stages: [
        {
          stageKey: 'purchase',
          stageName: 'Purchase',
          brands: [
            { brandId: 'own', audit: figure(0.5, 2), measured: null },
            { brandId: 'rival', audit: figure(0.9, 1), measured: null },
          ],
        },
      ],
      beats: [
        {
          level: 'touchpoint',
          stageKey: 'purchase',
          stageName: 'Purchase',
          touchpointId: 'call',
          touchpointName: `Hotline ${EVIL}`,
          brandId: 'rival',
          brandName: `Rival ${EVIL}`,
          score: 0.9,
          audits: 1,
          answers: 2,
          ownScore: 0.5,
          ownAudits: 2,
          ownAnswers: 4,
          gap: 0.4,
        },
      ],
      latestFailures: [
        {
          brandId: 'own',
          brandName: EVIL,
          isOwn: true,
          auditId: 'a1',
          auditDate: '2026-12-01',
          checklistId: 'cl1',
          checklistName: `Store walk ${EVIL}`,
          score: 0.5,
          answers: 2,
          failed: [
            {
              criterionId: 'cr1',
              criterionText: `Greeted within 30 s ${EVIL}`,
              touchpointId: 'call',
              touchpointName: `Hotline ${EVIL}`,
              stageKey: null,
              value: 0,
              score: 0,
              weight: 1,
              note: `Nobody came ${EVIL}`,
            },
          ],
        },
      ],
    },
    alerts: [
      {
        ruleName: `Hotline compliance ${EVIL}`,
        subjectName: `Answer within 20 s ${EVIL}`,
        openedAt: new Date(NOW - 2 * DAY).toISOString(),
        message: `Compliance fell to 80 % ${EVIL}`,
      },
    ],
    tasks: {
      open: [
        {
          id: 't1',
          title: `Train the hotline ${EVIL}`,
          description: '',
          lever: 'staff_qualification',
          ownerUserId: 'u1',
          ownerName: `Olga ${EVIL}`,
          dueDate: '2026-11-30',
          priority: 2,
          status: 'in_progress',
          targets: {
            touchpointId: null,
            chainId: null,
            chainLinkId: null,
            journeyId: null,
            stageId: null,
            standardId: 'st1',
          },
          windowDays: 14,
          minSample: 30,
          conversionRiseTarget: null,
          doneAt: null,
          verification: null,
          overdue: true,
          version: 1,
          createdAt: '',
          updatedAt: '',
        },
      ],
      closed: [
        {
          id: 't2',
          title: 'Call-back script',
          description: '',
          lever: 'business_processes',
          ownerUserId: null,
          ownerName: null,
          dueDate: null,
          priority: 3,
          status: 'verified',
          targets: {
            touchpointId: null,
            chainId: null,
            chainLinkId: null,
            journeyId: null,
            stageId: null,
            standardId: 'st1',
          },
          windowDays: 14,
          minSample: 30,
          conversionRiseTarget: null,
          doneAt: '2026-11-01T00:00:00.000Z',
          verification: {
            checkedAt: '2026-11-20T00:00:00.000Z',
            state: 'verified',
            explanation: `93 % within 20 s, required 90 % ${EVIL}`,
            figures: {},
          },
          overdue: false,
          version: 3,
          createdAt: '',
          updatedAt: '',
        },
      ],
    },
  };
}

/** The text of one chapter's section. */
function chapter(html: string, name: string): string {
  const start = html.indexOf(`data-chapter="${name}"`);
  expect(start, name).toBeGreaterThan(0);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

describe('renderReport', () => {
  it('escapes every name that comes from the catalog, in HTML, charts and page margins', () => {
    const html = renderReport(fullReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    // Only the document's own fragments are linked; nothing is loaded.
    const urls = [...html.matchAll(/<[^>]+>/g)].flatMap((tag) =>
      [...tag[0].matchAll(/\s(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]),
    );
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.every((u) => u?.startsWith('#'))).toBe(true);
    expect(html).toContain(escapeHtml(`Hotline ${EVIL}`));
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    // The running header's string cannot close the style element or the string.
    const pageRule = html.slice(html.indexOf('@page'), html.indexOf('@page :first'));
    expect(pageRule).not.toContain('</');
    expect(pageRule).toContain(cssString(`${REPORT_TEXTS.en.title} · ${EVIL}`));
    expect(cssString('a"b</style>')).toBe('"a\\22 b\\3c \\2f style\\3e "');
  });

  it('shows each chapter with its data: figures, weak link, charts', () => {
    const html = renderReport(fullReport());
    for (const name of REPORT_CHAPTERS) expect(html).toContain(`<li><a href="#ch-${name}">`);
    expect(chapter(html, 'inventory')).toContain('Touchpoints: 3 (active: 3).');
    expect(chapter(html, 'coverage')).toMatch(/1 of \d+ reference touchpoints/);
    expect(chapter(html, 'coverage')).toContain('Banner ad');
    const health = chapter(html, 'health');
    expect(health).toContain('Findings: 3 (errors: 1, warnings: 2).');
    expect(health).toContain('Subjects with fewer than two touchpoints');
    expect(health).toContain('Chains without an initial link');
    const chains = chapter(html, 'chains');
    expect(chains).toContain('Weak link: “Banner ad” → “Hotline');
    expect(chains).toContain('300 of 1,200 customers went on (25%)');
    expect(chains).toContain('<svg');
    expect(chains).toContain('This chain has no links yet.');
    const standards = chapter(html, 'standards');
    expect(standards).toContain('Standards passing: 1 of 2 (failing: 1, without data: 0).');
    expect(standards).toContain('≤ 20 s');
    expect(standards).toContain('93%</span>');
    expect(standards).toContain('≥ 4.5');
    expect(chapter(html, 'feedback')).toContain('13.3%');
    const audits = chapter(html, 'audits');
    expect(audits).toContain(escapeHtml(`Greeted within 30 s ${EVIL}`));
    expect(audits).toContain('Latest audit: ');
    const benchmark = chapter(html, 'benchmark');
    expect(benchmark).toContain('Where a competitor beats us');
    expect(benchmark).toContain('+40%');
    expect(benchmark).toContain('<svg');
    expect(chapter(html, 'alerts')).toContain(escapeHtml(`Compliance fell to 80 % ${EVIL}`));
    const tasks = chapter(html, 'tasks');
    expect(tasks).toContain('(overdue)');
    expect(tasks).toContain('Staff qualification');
    expect(tasks).toContain('November 20, 2026: 93 % within 20 s');
  });

  it('says so in each chapter that has no data', () => {
    const html = renderReport(emptyReport());
    const t = REPORT_TEXTS.en;
    for (const name of REPORT_CHAPTERS) {
      if (name === 'coverage') continue;
      expect(chapter(html, name), name).toContain(t.empty[name]);
    }
    expect(chapter(html, 'coverage')).toMatch(/0 of \d+ reference touchpoints \(0%\) have a match/);
    // Only the library's coverage is drawn.
    expect(html.match(/<svg/g)).toHaveLength(1);
  });

  it('writes in the language asked, numbers and dates formatted for it', () => {
    const de = renderReport(fullReport('de'));
    expect(de).toContain('<html lang="de">');
    expect(de).toContain(REPORT_TEXTS.de.chapter.chains);
    expect(de).toMatch(/300 von 1\.200 Kunden gingen weiter \(25\s%\)/);
    expect(de).toContain('7. Dezember 2026');
    expect(de).not.toContain(REPORT_TEXTS.en.chapter.chains);
    const ru = renderReport(fullReport('ru'));
    expect(ru).toContain('Отчёт об аудите точек контакта');
    expect(ru).toContain('7 декабря 2026');
    for (const lang of REPORT_LANGUAGES) {
      const html = renderReport(emptyReport(lang));
      for (const name of REPORT_CHAPTERS) expect(html).toContain(REPORT_TEXTS[lang].chapter[name]);
      expect(html).toContain(`<html lang="${lang}">`);
    }
  });

  it('names built-in channels not renamed in the report’s language, renamed ones as given', () => {
    const touchpoints = [
      touchpoint('desk', 'Desk', { channelKey: 'premises', channelName: null }),
      touchpoint('hotline', 'Hotline', { channelKey: 'phone', channelName: 'Our hotline' }),
      touchpoint('flyer', 'Flyer', { channelKey: null, channelName: null }),
    ];
    const html = renderReport({ ...emptyReport('de'), touchpoints, coverage: templateCoverage(touchpoints) });
    expect(html).toContain('<td>Räumlichkeiten / Empfang</td>');
    expect(html).toContain('<td>Our hotline</td>');
    expect(html).not.toContain('Premises / reception');
    const ru = renderReport({ ...emptyReport('ru'), touchpoints, coverage: templateCoverage(touchpoints) });
    expect(ru).toContain('<td>Помещение / ресепшен</td>');
  });

  it('has a print stylesheet: A4, a page per chapter, rows kept whole', () => {
    const html = renderReport(emptyReport());
    expect(html).toContain('size: A4;');
    expect(html).toMatch(/\.chapter \{ break-before: page; \}/);
    expect(html).toMatch(/tr \{ break-inside: avoid;/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('@bottom-right');
  });
});

describe('templateCoverage', () => {
  it('matches own, non-retired touchpoints by key or by a name in any language', () => {
    const coverage = templateCoverage([
      touchpoint('banner-ad', 'Something else'),
      touchpoint('x1', '  bannerwerbung '.replace('bannerwerbung', 'Retargeting-Banner')),
      touchpoint('x2', 'Price list', { status: 'retired' }),
      touchpoint('x3', 'Hotline', { isOwnBrand: false, key: 'hotline' }),
    ]);
    const byKey = new Map(coverage.map((c) => [c.key, c.match?.id ?? null]));
    expect(byKey.get('banner-ad')).toBe('banner-ad');
    expect(byKey.get('retargeting-ad')).toBe('x1');
    expect([...byKey.values()].filter((v) => v !== null)).toHaveLength(2);
  });
});
