/**
 * The touchpoint audit report as one self-contained HTML document: no script, no external request
 * (the styles are inline, the charts inline SVG drawn on the server by ECharts), so it can be
 * saved, mailed and printed as it is. The print stylesheet lays it out on A4: a cover page, a
 * contents list, each chapter on a new page, the workspace's name and the date in the page's top
 * margin and the page number at the bottom (`@page` margin boxes), table rows never split across
 * pages and table heads repeated on each page.
 *
 * Every text that comes from the catalog (names, keys, descriptions) is user input: it is escaped
 * for HTML, for the CSS strings of the page margins, and ECharts escapes its SVG text.
 */
import * as echarts from 'echarts';
import type { HealthRule, Law } from '../domain/health.js';
import { DEFAULT_STAGE_KEYS } from '../domain/vocabulary.js';
import type { ReportData, ReportTask } from './gather-report.js';
import {
  fill,
  REPORT_CHAPTERS,
  REPORT_TEXTS,
  type ReportChapter,
  type ReportFormat,
  type ReportTexts,
  reportFormat,
} from './report-i18n.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CSS string literal: every character but letters, digits and spaces as a CSS escape. */
export function cssString(value: string): string {
  const body = [...value]
    .map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${c.codePointAt(0)?.toString(16)} `))
    .join('');
  return `"${body}"`;
}

const COLORS = { own: '#1c7ed6', pass: '#2f9e44', fail: '#e03131', muted: '#868e96', bar: '#4c6ef5' };
const FONT = '"DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif';
/** The same for ECharts, which writes it into a double-quoted style attribute: no quotes. */
const CHART_FONT = 'DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif';

/** One chart as an inline SVG string (ECharts server-side rendering, no animation). */
function svgChart(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Room for the category labels of horizontal bar charts, in px of a 640 px wide chart. ECharts
 * measures text without the page's font on the server: the grid keeps a third more room.
 */
const LABEL_WIDTH = 140;
const LABEL_ROOM = 190;

/** Horizontal bars, one per label, longest labels cut to fit. */
function barChart(
  rows: { label: string; value: number; color?: string }[],
  options: { max?: number; percent?: boolean; f: ReportFormat },
): string {
  const height = Math.max(120, 40 + rows.length * 26);
  const label = (value: number) => (options.percent ? options.f.percent(value) : options.f.number(value));
  return svgChart(
    {
      // A fixed label column: ECharts measures only a sample of the labels to contain them.
      grid: { left: LABEL_ROOM, right: 60, top: 10, bottom: 24 },
      xAxis: {
        type: 'value',
        ...(options.max === undefined ? {} : { max: options.max }),
        axisLabel: { formatter: (v: number) => label(v), fontSize: 10 },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.label),
        axisLabel: { fontSize: 10, width: LABEL_WIDTH, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color ?? COLORS.bar } })),
          label: { show: true, position: 'right', fontSize: 10, formatter: (p) => label(Number(p.value)) },
        },
      ],
    },
    640,
    height,
  );
}

function table(head: string[], rows: string[][], className = ''): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const p = (text: string, className = '') => `<p${className ? ` class="${className}"` : ''}>${text}</p>`;
const num = (text: string) => `<span class="num">${text}</span>`;

interface Ctx {
  data: ReportData;
  t: ReportTexts;
  f: ReportFormat;
}

function stageName(t: ReportTexts, stage: string | null): string {
  if (stage === null) return t.inventory.noStage;
  return (DEFAULT_STAGE_KEYS as readonly string[]).includes(stage)
    ? t.stages[stage as keyof ReportTexts['stages']]
    : escapeHtml(stage);
}

/** A touchpoint's channel: the name a workspace gave it, else the built-in name in the report's language. */
function channelLabel(t: ReportTexts, x: { channelKey: string | null; channelName: string | null }): string {
  if (x.channelKey === null) return '';
  if (x.channelName) return x.channelName;
  return t.channels[x.channelKey as keyof ReportTexts['channels']] ?? x.channelKey;
}

function counts<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const found = new Map<string, number>();
  for (const item of items) found.set(keyOf(item), (found.get(keyOf(item)) ?? 0) + 1);
  return found;
}

function countTable(title: string, head: string, rows: [string, number][], { t, f }: Ctx): string {
  return `<div class="box"><h3>${title}</h3>${table(
    [head, t.inventory.count],
    rows.map(([label, n]) => [label, num(f.number(n))]),
    'compact',
  )}</div>`;
}

function inventoryChapter(ctx: Ctx): string {
  const { data, t, f } = ctx;
  const all = data.touchpoints;
  if (all.length === 0) return p(ctx.t.empty.inventory, 'empty');
  const active = all.filter((x) => x.status === 'active').length;
  const byChannel = counts(all, (x) => channelLabel(t, x));
  const channelRows = [...byChannel.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, n]): [string, number] => [name === '' ? t.inventory.noChannel : escapeHtml(name), n]);
  const byStage = counts(all, (x) => x.stage ?? '');
  const stageRows = [...DEFAULT_STAGE_KEYS, '']
    .filter((key) => byStage.has(key))
    .map((key): [string, number] => [stageName(t, key === '' ? null : key), byStage.get(key) ?? 0]);
  const byDirection = counts(all, (x) => x.direction);
  const directionRows = (['in', 'out', 'both'] as const)
    .filter((d) => byDirection.has(d))
    .map((d): [string, number] => [t.directions[d], byDirection.get(d) ?? 0]);
  const byStatus = counts(all, (x) => x.status);
  const statusRows = (['active', 'planned', 'retired'] as const)
    .filter((s) => byStatus.has(s))
    .map((s): [string, number] => [t.touchpointStatuses[s], byStatus.get(s) ?? 0]);
  const byBrand = counts(all, (x) => x.brandId);
  const brandRows = data.brands
    .filter((b) => byBrand.has(b.id))
    .map((b): [string, number] => [escapeHtml(b.name), byBrand.get(b.id) ?? 0]);
  const own = all.filter((x) => x.isOwnBrand);
  const chart = barChart(
    channelRows.map(([label, value]) => ({ label: unescapeForChart(label), value })),
    { f },
  );
  return [
    p(fill(t.inventory.total, { n: f.number(all.length), active: f.number(active) }), 'lead'),
    `<figure>${chart}<figcaption>${t.inventory.byChannel}</figcaption></figure>`,
    '<div class="grid">',
    countTable(t.inventory.byChannel, t.column.channel, channelRows, ctx),
    countTable(t.inventory.byStage, t.column.stage, stageRows, ctx),
    countTable(t.inventory.byDirection, t.column.direction, directionRows, ctx),
    countTable(t.inventory.byStatus, t.column.status, statusRows, ctx),
    countTable(t.inventory.byBrand, t.column.brand, brandRows, ctx),
    '</div>',
    `<h3>${t.inventory.list}</h3>`,
    table(
      [t.column.name, t.column.key, t.column.channel, t.column.stage, t.column.direction, t.column.status],
      own.map((x) => [
        escapeHtml(x.name),
        `<code>${escapeHtml(x.key)}</code>`,
        x.channelKey === null ? '—' : escapeHtml(channelLabel(t, x)),
        x.stage === null ? '—' : stageName(t, x.stage),
        t.directions[x.direction],
        t.touchpointStatuses[x.status],
      ]),
    ),
  ].join('\n');
}

/** Chart labels are plain text (ECharts escapes them itself): undo our own escaping. */
function unescapeForChart(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function coverageChapter({ data, t, f, lang }: Ctx & { lang: ReportData['lang'] }): string {
  const items = data.coverage;
  if (items.length === 0) return p(t.empty.coverage, 'empty');
  const covered = items.filter((i) => i.match !== null);
  const perStage = DEFAULT_STAGE_KEYS.map((stage) => {
    const ofStage = items.filter((i) => i.stage === stage);
    return { stage, total: ofStage.length, covered: ofStage.filter((i) => i.match).length, ofStage };
  });
  const chart = svgChart(
    {
      legend: { bottom: 0, textStyle: { fontSize: 10 } },
      grid: { left: LABEL_ROOM, right: 20, top: 10, bottom: 36 },
      xAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: perStage.map((s) => t.stages[s.stage]),
        axisLabel: { fontSize: 10, width: LABEL_WIDTH, overflow: 'truncate' },
      },
      series: [
        {
          name: t.coverage.covered,
          type: 'bar',
          stack: 'all',
          itemStyle: { color: COLORS.pass },
          data: perStage.map((s) => s.covered),
        },
        {
          name: t.coverage.missing,
          type: 'bar',
          stack: 'all',
          itemStyle: { color: '#dee2e6' },
          data: perStage.map((s) => s.total - s.covered),
        },
      ],
    },
    640,
    220,
  );
  const sections = perStage.map((s) => {
    const missing = s.ofStage.filter((i) => i.match === null);
    const found = s.ofStage.filter((i) => i.match !== null);
    return [
      `<h3>${t.stages[s.stage]} ${num(`${f.number(s.covered)} / ${f.number(s.total)}`)}</h3>`,
      found.length > 0
        ? table(
            [t.coverage.template, t.coverage.match],
            found.map((i) => [escapeHtml(i.names[lang]), escapeHtml(i.match?.name ?? '')]),
            'compact',
          )
        : '',
      missing.length > 0
        ? `<p><strong>${t.coverage.missing}:</strong> ${missing.map((i) => escapeHtml(i.names[lang])).join(' · ')}</p>`
        : '',
    ].join('\n');
  });
  return [
    p(
      fill(t.coverage.summary, {
        covered: f.number(covered.length),
        total: f.number(items.length),
        share: f.percent(covered.length / items.length),
      }),
      'lead',
    ),
    covered.length === items.length ? p(t.coverage.allCovered) : '',
    `<figure>${chart}</figure>`,
    ...sections,
  ].join('\n');
}

const MAX_OBJECTS_PER_RULE = 60;

function healthChapter({ data, t, f }: Ctx): string {
  const { summary, findings } = data.health;
  const parts = [
    summary.total === 0
      ? p(t.empty.health, 'empty')
      : p(
          fill(t.health.summary, {
            total: f.number(summary.total),
            errors: f.number(summary.errors),
            warnings: f.number(summary.warnings),
          }),
          'lead',
        ),
    p(fill(t.health.measuredNote, { days: f.number(data.healthDays) }), 'note'),
  ];
  for (const law of [1, 2, 3] as Law[]) {
    parts.push(`<h3>${t.laws[law]}</h3>`);
    const ofLaw = findings.filter((x) => x.law === law);
    if (ofLaw.length === 0) {
      parts.push(p(t.health.lawClear, 'ok'));
      continue;
    }
    const rules = [...new Set(ofLaw.map((x) => x.rule))] as HealthRule[];
    const rows = rules.map((rule) => {
      const ofRule = ofLaw.filter((x) => x.rule === rule);
      const names = [...new Set(ofRule.map((x) => x.object.name))];
      const shown = names.slice(0, MAX_OBJECTS_PER_RULE).map(escapeHtml).join(' · ');
      const more =
        names.length > MAX_OBJECTS_PER_RULE ? ` · … (+${f.number(names.length - MAX_OBJECTS_PER_RULE)})` : '';
      const severity = ofRule[0]?.severity ?? 'warning';
      return [
        `<span class="sev ${severity}">${t.severity[severity]}</span>`,
        t.rules[rule],
        num(f.number(ofRule.length)),
        shown + more,
      ];
    });
    parts.push(table(['', t.health.findings, '#', t.column.name], rows, 'findings'));
  }
  return parts.join('\n');
}

function chainsChapter({ data, t, f }: Ctx): string {
  if (data.chains.length === 0) return p(t.empty.chains, 'empty');
  return data.chains
    .map((chain) => {
      const head = `<h3>${escapeHtml(chain.name)}</h3>`;
      const conversion = chain.conversion;
      if (!conversion) return `<div class="chain">${head}${p(t.chains.noLinks, 'empty')}</div>`;
      const links = conversion.links;
      const weak = conversion.weakLink;
      const chart = barChart(
        links.map((l) => ({
          label: `${l.link}. ${l.touchpointName}`,
          value: l.reached,
          color: weak && l.link === weak.toLink ? COLORS.fail : COLORS.own,
        })),
        { f },
      );
      const pct = (share: number | null) => (share === null ? '—' : f.percent(share));
      const rows = links.map((l) => [
        num(String(l.link)),
        escapeHtml(l.touchpointName),
        t.roles[l.role],
        num(f.number(l.reached)),
        num(pct(l.conversionFromPrevious)),
        num(pct(l.conversionFromFirst)),
        num(l.dropped === null ? '—' : f.number(l.dropped)),
        num(l.brokenByNegative === null ? '—' : f.number(l.brokenByNegative)),
      ]);
      const from = weak ? links[weak.fromLink - 1] : undefined;
      const to = weak ? links[weak.toLink - 1] : undefined;
      const verdict =
        weak && from && to
          ? p(
              fill(t.chains.weakLink, {
                from: escapeHtml(from.touchpointName),
                to: escapeHtml(to.touchpointName),
                reached: f.number(weak.reached),
                entrants: f.number(weak.entrants),
                conversion: f.percent(weak.conversion),
              }),
              'weak',
            )
          : p(fill(t.chains.noWeakLink, { min: f.number(conversion.minEntrants) }), 'note');
      return [
        '<div class="chain">',
        head,
        p(fill(t.chains.window, { days: f.number(conversion.chain.windowDays) }), 'note'),
        verdict,
        `<figure>${chart}</figure>`,
        table(
          [
            '#',
            t.column.touchpoint,
            t.chains.role,
            t.chains.reached,
            t.chains.fromPrevious,
            t.chains.fromFirst,
            t.chains.dropped,
            t.chains.brokenByNegative,
          ],
          rows,
        ),
        '</div>',
      ].join('\n');
    })
    .join('\n');
}

function metricValue(metric: string, value: number, f: ReportFormat): string {
  if (metric.endsWith('_ms')) return f.duration(value);
  if (metric === 'negative_share') return f.percent(value);
  if (metric === 'csat' || metric === 'ces') return f.number(value, 1);
  return f.number(value, Number.isInteger(value) ? 0 : 1);
}

function standardsChapter({ data, t, f }: Ctx): string {
  const all = data.standards;
  if (all.length === 0) return p(t.empty.standards, 'empty');
  const passed = all.filter((s) => s.passed === true).length;
  const failed = all.filter((s) => s.passed === false).length;
  const withShare = all.filter((s) => s.shareMeeting !== null);
  const chart =
    withShare.length > 0
      ? `<figure>${barChart(
          withShare.map((s) => ({
            label: s.name,
            value: s.shareMeeting ?? 0,
            color: s.passed ? COLORS.pass : COLORS.fail,
          })),
          { f, percent: true, max: 1 },
        )}</figure>`
      : '';
  const rows = all.map((s) => {
    const comparator = s.comparator === 'lte' ? '≤' : '≥';
    const result =
      s.passed === null
        ? `<span class="muted">${t.standards.noData}</span>`
        : s.passed
          ? `<span class="pass">${t.standards.passed}</span>`
          : `<span class="fail">${t.standards.failed}</span>`;
    const meeting =
      s.shareMeeting !== null
        ? f.percent(s.shareMeeting)
        : s.value !== null
          ? metricValue(s.metric, s.value, f)
          : '—';
    return [
      escapeHtml(s.name),
      escapeHtml(s.touchpointName ?? '—'),
      `${t.metrics[s.metric]}${s.prop ? ` (${escapeHtml(s.prop)})` : ''}`,
      num(`${comparator} ${metricValue(s.metric, s.target, f)}`),
      num(f.number(s.measured)),
      num(meeting),
      num(s.meeting === null ? '—' : f.percent(s.requiredShare)),
      result,
    ];
  });
  return [
    p(
      fill(t.standards.summary, {
        passed: f.number(passed),
        total: f.number(all.length),
        failed: f.number(failed),
        noData: f.number(all.length - passed - failed),
      }),
      'lead',
    ),
    chart,
    table(
      [
        t.column.standard,
        t.column.touchpoint,
        t.column.metric,
        t.standards.target,
        t.standards.measured,
        t.standards.share,
        t.standards.required,
        t.standards.result,
      ],
      rows,
    ),
  ].join('\n');
}

const MAX_FEEDBACK_BARS = 15;

function feedbackChapter({ data, t, f }: Ctx): string {
  const rows = data.feedback.touchpoints;
  if (rows.length === 0) return p(t.empty.feedback, 'empty');
  const pct = (share: number | null) => (share === null ? '—' : f.percent(share));
  const withAnswers = (value: string, answers: number) =>
    answers === 0 ? '—' : `${value} <span class="muted">(${f.number(answers)})</span>`;
  const line = (name: string, r: (typeof rows)[number] | ReportData['feedback']['overall']) => [
    name,
    num(f.number(r.interactions)),
    num(pct(r.sentiment.negativeShare)),
    num(withAnswers(pct(r.feedback.csat.score), r.feedback.csat.answers)),
    num(withAnswers(f.number(r.feedback.nps.score ?? 0), r.feedback.nps.answers)),
    num(withAnswers(f.number(r.feedback.ces.mean ?? 0, 1), r.feedback.ces.answers)),
  ];
  const rated = rows
    .filter((r) => r.sentiment.negativeShare !== null)
    .sort((a, b) => b.interactions - a.interactions)
    .slice(0, MAX_FEEDBACK_BARS);
  const chart =
    rated.length > 0
      ? `<figure>${barChart(
          rated.map((r) => ({
            label: r.touchpointName ?? r.touchpointKey ?? '—',
            value: r.sentiment.negativeShare ?? 0,
            color: (r.sentiment.negativeShare ?? 0) >= 0.25 ? COLORS.fail : COLORS.own,
          })),
          { f, percent: true },
        )}<figcaption>${t.feedback.chart}</figcaption></figure>`
      : '';
  const sorted = [...rows].sort((a, b) => b.interactions - a.interactions);
  return [
    chart,
    table(
      [
        t.column.touchpoint,
        t.feedback.interactions,
        t.feedback.negativeShare,
        t.feedback.csat,
        t.feedback.nps,
        t.feedback.ces,
      ],
      [
        ...sorted.map((r) => line(escapeHtml(r.touchpointName ?? r.touchpointKey ?? '—'), r)),
        line(`<strong>${t.feedback.overall}</strong>`, data.feedback.overall),
      ],
    ),
  ].join('\n');
}

const BRAND_COLORS = ['#1c7ed6', '#f08c00', '#7048e8', '#2f9e44', '#e64980', '#0c8599', '#868e96'];

function stageLabel(t: ReportTexts, key: string | null, fallback: string | null): string {
  if (key !== null && (DEFAULT_STAGE_KEYS as readonly string[]).includes(key)) return stageName(t, key);
  return escapeHtml(fallback ?? key ?? '—');
}

function auditsChapter({ data, t, f }: Ctx): string {
  const { brands, overall, latestFailures } = data.benchmark;
  const scored = brands.map((brand, i) => ({ brand, cell: overall[i] })).filter((x) => x.cell?.audit);
  if (scored.length === 0) return p(t.empty.audits, 'empty');
  const parts = [
    table(
      [t.column.brand, t.audits.score, t.audits.passRate, t.audits.audits, t.audits.answers],
      scored.map(({ brand, cell }) => [
        `${escapeHtml(brand.name)}${brand.isOwn ? ` <span class="muted">(${t.benchmark.own})</span>` : ''}`,
        num(f.percent(cell?.audit?.score ?? 0)),
        num(f.percent(cell?.audit?.passRate ?? 0)),
        num(f.number(cell?.audit?.audits ?? 0)),
        num(f.number(cell?.audit?.answers ?? 0)),
      ]),
    ),
  ];
  for (const latest of latestFailures) {
    parts.push(`<h3>${escapeHtml(latest.brandName)}</h3>`);
    parts.push(
      p(
        fill(t.audits.latest, {
          checklist: escapeHtml(latest.checklistName),
          date: f.date(Date.parse(`${latest.auditDate}T00:00:00Z`)),
          score: latest.score === null ? '—' : f.percent(latest.score),
        }),
      ),
    );
    parts.push(
      latest.failed.length === 0
        ? p(t.audits.noFailures, 'ok')
        : `<h4>${t.audits.failed}</h4>${table(
            [t.audits.criterion, t.column.touchpoint, t.audits.score, t.audits.note],
            latest.failed.map((c) => [
              escapeHtml(c.criterionText),
              c.touchpointName ? escapeHtml(c.touchpointName) : stageLabel(t, c.stageKey, null),
              num(f.percent(c.score)),
              escapeHtml(c.note),
            ]),
          )}`,
    );
  }
  return parts.join('\n');
}

function benchmarkChapter({ data, t, f }: Ctx): string {
  const { brands, overall, stages, beats } = data.benchmark;
  const audited = brands.filter((_, i) => overall[i]?.audit);
  if (audited.length < 2) return p(t.empty.benchmark, 'empty');
  const scoredStages = stages.filter((s) => s.brands.some((c) => c.audit));
  const score = (cell: (typeof overall)[number] | undefined) =>
    cell?.audit
      ? `${f.percent(cell.audit.score)} <span class="muted">(${f.number(cell.audit.audits)})</span>`
      : '—';
  const chart =
    scoredStages.length > 0
      ? `<figure>${svgChart(
          {
            legend: { bottom: 0, textStyle: { fontSize: 10 } },
            grid: { left: 10, right: 20, top: 10, bottom: 40, containLabel: true },
            xAxis: {
              type: 'category',
              data: scoredStages.map((s) => unescapeForChart(stageLabel(t, s.stageKey, s.stageName))),
              axisLabel: { fontSize: 10, interval: 0, width: 110, overflow: 'break' },
            },
            yAxis: {
              type: 'value',
              max: 1,
              axisLabel: { fontSize: 10, formatter: (v: number) => f.percent(v) },
            },
            series: brands.map((brand, i) => ({
              name: brand.name,
              type: 'bar' as const,
              barMaxWidth: 22,
              itemStyle: { color: BRAND_COLORS[i % BRAND_COLORS.length] },
              data: scoredStages.map((s) => s.brands[i]?.audit?.score ?? null),
            })),
          },
          640,
          280,
        )}<figcaption>${t.benchmark.chart}</figcaption></figure>`
      : '';
  const stageTable =
    scoredStages.length > 0
      ? `<h3>${t.benchmark.byStage}</h3>${table(
          [t.column.stage, ...brands.map((b) => escapeHtml(b.name))],
          scoredStages.map((s) => [
            stageLabel(t, s.stageKey, s.stageName),
            ...brands.map((_, i) => num(score(s.brands[i]))),
          ]),
        )}`
      : '';
  const beatsTable =
    beats.length === 0
      ? p(t.benchmark.noBeats, 'ok')
      : table(
          [t.benchmark.object, t.benchmark.competitor, t.audits.score, t.benchmark.own, t.benchmark.gap],
          beats.map((b) => [
            b.level === 'stage'
              ? stageLabel(t, b.stageKey, b.stageName)
              : escapeHtml(b.touchpointName ?? '—'),
            escapeHtml(b.brandName),
            num(`${f.percent(b.score)} <span class="muted">(${f.number(b.audits)})</span>`),
            num(`${f.percent(b.ownScore)} <span class="muted">(${f.number(b.ownAudits)})</span>`),
            num(`<span class="fail">+${f.percent(b.gap)}</span>`),
          ]),
        );
  return [
    chart,
    stageTable,
    `<h3>${t.benchmark.beats}</h3>`,
    beatsTable,
    p(t.benchmark.inBrackets, 'note'),
  ].join('\n');
}

function alertsChapter({ data, t, f }: Ctx): string {
  const { alerts } = data;
  if (alerts.length === 0) return p(t.empty.alerts, 'empty');
  return table(
    [t.alerts.rule, t.alerts.subject, t.alerts.since, t.alerts.message],
    alerts.map((a) => [
      escapeHtml(a.ruleName),
      escapeHtml(a.subjectName),
      f.date(Date.parse(a.openedAt)),
      escapeHtml(a.message),
    ]),
  );
}

function tasksChapter({ data, t, f }: Ctx): string {
  const { open, closed } = data.tasks;
  if (open.length === 0 && closed.length === 0) return p(t.empty.tasks, 'empty');
  const owner = (task: ReportTask) => (task.ownerName ? escapeHtml(task.ownerName) : '—');
  const due = (task: ReportTask) =>
    task.dueDate === null
      ? '—'
      : `${f.date(Date.parse(`${task.dueDate}T00:00:00Z`))}${task.overdue ? ` <span class="fail">(${t.tasks.overdue})</span>` : ''}`;
  return [
    `<h3>${t.tasks.open} ${num(f.number(open.length))}</h3>`,
    open.length === 0
      ? p(t.tasks.noOpen, 'empty')
      : table(
          [t.tasks.title, t.tasks.lever, t.tasks.status, t.tasks.owner, t.tasks.due],
          open.map((task) => [
            escapeHtml(task.title),
            t.levers[task.lever],
            t.taskStatuses[task.status],
            owner(task),
            due(task),
          ]),
        ),
    `<h3>${t.tasks.closed} ${num(f.number(closed.length))}</h3>`,
    closed.length === 0
      ? p(t.tasks.noClosed, 'empty')
      : table(
          [t.tasks.title, t.tasks.lever, t.tasks.status, t.tasks.outcome],
          closed.map((task) => [
            escapeHtml(task.title),
            t.levers[task.lever],
            `<span class="${task.status === 'verified' ? 'pass' : 'fail'}">${t.taskStatuses[task.status]}</span>`,
            task.verification
              ? `${f.date(Date.parse(task.verification.checkedAt))}: ${escapeHtml(task.verification.explanation)}`
              : '—',
          ]),
        ),
  ].join('\n');
}

/** Page margin boxes do not inherit the body's font. */
const MARGIN_TEXT = `font-family: ${FONT}; font-size: 8pt; color: ${COLORS.muted};`;

/** The page box: A4, the running header (title, date) and the page number, as CSS strings. */
function pageStyle(title: string, date: string, page: string): string {
  return `@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(title)}; ${MARGIN_TEXT} }
  @top-right { content: ${cssString(date)}; ${MARGIN_TEXT} }
  @bottom-right { content: ${cssString(page)} " " counter(page); ${MARGIN_TEXT} }
}
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-right { content: none; }
}`;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: ${FONT}; font-size: 10pt; line-height: 1.4; color: #212529; margin: 0; }
h1 { font-size: 26pt; margin: 0 0 8mm; line-height: 1.15; }
h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 2mm; border-bottom: 2px solid ${COLORS.own}; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 3mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
.lead { font-size: 11pt; }
.note, .muted { color: ${COLORS.muted}; }
.empty { color: ${COLORS.muted}; font-style: italic; }
.ok, .pass { color: ${COLORS.pass}; }
.fail, .weak { color: ${COLORS.fail}; }
.weak { font-weight: bold; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; background: #f1f3f5; font-weight: 600; }
th, td { padding: 1.2mm 1.8mm; border-bottom: 1px solid #dee2e6; vertical-align: top; }
table.compact { font-size: 8.5pt; }
.sev { font-size: 8pt; padding: 0.3mm 1.5mm; border-radius: 1mm; color: #fff; white-space: nowrap; }
.sev.error { background: ${COLORS.fail}; }
.sev.warning { background: #f08c00; }
figure { margin: 0 0 4mm; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: ${COLORS.muted}; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
.box { break-inside: avoid; }
.chain { break-inside: auto; margin-bottom: 6mm; }
.cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.08em; color: ${COLORS.own}; font-weight: 600; margin-bottom: 4mm; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 6mm; font-size: 11pt; }
.cover dt { color: ${COLORS.muted}; }
.cover dd { margin: 0; }
.toc { break-before: page; }
.toc ol { font-size: 12pt; line-height: 2; padding-left: 6mm; }
.toc a { color: inherit; text-decoration: none; }
.chapter { break-before: page; }
@media screen {
  body { background: #f1f3f5; }
  main { max-width: 210mm; margin: 0 auto; background: #fff; padding: 16mm; }
  .cover { min-height: 0; padding: 20mm 0; }
  .toc, .chapter { margin-top: 12mm; border-top: 1px dashed #ced4da; padding-top: 8mm; }
}
@media screen and (max-width: 600px) {
  main { padding: 4mm; }
  .grid { grid-template-columns: 1fr; }
  table { display: block; overflow-x: auto; }
}
`;

/** Renders the report as one self-contained HTML document in `data.lang`. */
export function renderReport(data: ReportData): string {
  const t = REPORT_TEXTS[data.lang];
  const f = reportFormat(data.lang);
  const ctx: Ctx = { data, t, f };
  const own = data.brands.find((b) => b.isOwn);
  const competitors = data.brands.filter((b) => !b.isOwn);
  const period = `${f.date(data.period.from)} – ${f.date(data.period.to - 1)}`;
  const generated = f.date(data.generatedAt);

  const bodies: Record<ReportChapter, () => string> = {
    inventory: () => inventoryChapter(ctx),
    coverage: () => coverageChapter({ ...ctx, lang: data.lang }),
    health: () => healthChapter(ctx),
    chains: () => chainsChapter(ctx),
    standards: () => standardsChapter(ctx),
    feedback: () => feedbackChapter(ctx),
    audits: () => auditsChapter(ctx),
    benchmark: () => benchmarkChapter(ctx),
    alerts: () => alertsChapter(ctx),
    tasks: () => tasksChapter(ctx),
  };

  const intro = (chapter: ReportChapter) => fill(t.intro[chapter], { days: f.number(data.healthDays) });
  const chapters = REPORT_CHAPTERS.map(
    (chapter, i) =>
      `<section class="chapter" id="ch-${chapter}" data-chapter="${chapter}">\n<h2>${i + 1}. ${t.chapter[chapter]}</h2>\n${p(intro(chapter), 'note')}\n${bodies[chapter]()}\n</section>`,
  );

  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t.title} — ${data.workspace.name}`)}</title>
<style>
${pageStyle(`${t.title} · ${data.workspace.name}`, generated, t.page)}
${STYLE}
</style>
</head>
<body>
<main>
<section class="cover">
<div class="kicker">${t.title}</div>
<h1>${escapeHtml(data.workspace.name)}</h1>
${data.workspace.description ? p(escapeHtml(data.workspace.description), 'lead') : ''}
<dl>
<dt>${t.period}</dt><dd>${period}</dd>
<dt>${t.generated}</dt><dd>${generated}</dd>
<dt>${t.ownBrand}</dt><dd>${own ? escapeHtml(own.name) : '—'}</dd>
<dt>${t.competitors}</dt><dd>${competitors.length > 0 ? competitors.map((b) => escapeHtml(b.name)).join(', ') : t.none}</dd>
</dl>
</section>
<nav class="toc">
<h2>${t.contents}</h2>
<ol>
${REPORT_CHAPTERS.map((chapter) => `<li><a href="#ch-${chapter}">${t.chapter[chapter]}</a></li>`).join('\n')}
</ol>
</nav>
${chapters.join('\n')}
</main>
</body>
</html>
`;
}
