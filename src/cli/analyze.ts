/**
 * `touchpoints analyze <analysis>`: the analyses of SPEC §7 on a workspace, printed as aligned
 * tables (or as JSON with --json, the API's answer). Options are the API's query parameters in
 * kebab case and are checked by the same schemas.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import {
  type AnalyticsStores,
  analyzeAttribution,
  analyzeChainConversion,
  analyzeContactFrequency,
  analyzePaths,
  analyzeSentiment,
  analyzeStandardsCompliance,
  analyzeTouchesToConversion,
} from '../analytics/workspace-analytics.js';
import type {
  WorkspaceAttribution,
  WorkspaceChainConversion,
  WorkspaceContactFrequency,
  WorkspacePaths,
  WorkspaceSentiment,
  WorkspaceStandardsCompliance,
  WorkspaceTouchesToConversion,
} from '../analytics/workspace-analytics.schemas.js';
import {
  ZAttributionQuery,
  ZChainConversionQuery,
  ZContactFrequencyQuery,
  ZPathsQuery,
  ZSentimentQuery,
  ZStandardsQuery,
  ZTouchesQuery,
} from '../api/analytics.schemas.js';
import { type FieldIssue, ValidationError } from '../domain/errors.js';
import { DEFAULT_STAGE_KEYS } from '../domain/vocabulary.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { CliError, printJson, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

/** Query parameters whose option is not simply their kebab-case name. */
const FLAG_OF: Record<string, string> = {
  chainId: '--chain',
  journeyId: '--journey',
  standardId: '--standard',
  touchpointId: '--touchpoint',
};

function flagOf(field: string): string {
  const name = field.split('.')[0] ?? field;
  return FLAG_OF[name] ?? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** One line naming each option at fault, as the API names its query parameters. */
function optionError(issues: readonly FieldIssue[]): CliError {
  return new CliError(issues.map((i) => `${flagOf(i.field)}: ${i.message}`).join('; '));
}

/** Checks the options with the route's query schema. */
function parseQuery<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  throw optionError(result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

interface CommonOptions {
  workspace: string;
  from?: string;
  to?: string;
  channel?: string[];
  stage?: string[];
  segment?: string[];
  json?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function scopeOf(options: CommonOptions) {
  const channel = options.channel?.flatMap((keys) => keys.split(','));
  const stage = options.stage?.flatMap((keys) => keys.split(','));
  return { from: options.from, to: options.to, channel, stage, segment: options.segment };
}

/** Opens the store, runs one analysis on the workspace and prints it. */
async function run<T>(
  options: CommonOptions,
  analyze: (stores: AnalyticsStores, workspaceId: string) => Promise<T>,
  format: (result: T) => string,
): Promise<void> {
  await withStore('analyze', async ({ catalog, events }) => {
    const workspace = await getWorkspace(catalog.db, options.workspace);
    let result: T;
    try {
      result = await analyze({ db: catalog.db, events }, workspace.id);
    } catch (error) {
      if (error instanceof ValidationError) throw optionError(error.issues);
      throw error;
    }
    if (options.json) printJson(result);
    else console.log(format(result));
  });
}

/** Declares an analysis subcommand with the options every analysis shares. */
function analysis(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
    .option(
      '--from <when>',
      'start of the period, inclusive: 2024-05-01, 2024-05-01T09:30:00+02:00 or epoch ms',
    )
    .option('--to <when>', 'end of the period, exclusive (default: now; the period defaults to 30 days)')
    .option(
      '--channel <keys>',
      'only touchpoints of these channels (comma-separated keys, repeatable)',
      collect,
    )
    .option(
      '--stage <keys>',
      `only touchpoints in these stages (comma-separated, repeatable: ${DEFAULT_STAGE_KEYS.join(', ')})`,
      collect,
    )
    .option('--segment <key:value>', 'only interactions whose props hold this value (repeatable)', collect)
    .option('--json', 'print the result as JSON (as the API answers)');
}

/** Registers `touchpoints analyze` and its subcommands. */
export function analyzeCommand(program: Command): void {
  const analyze = program
    .command('analyze')
    .description('run an analysis of interactions on a workspace (SPEC §7) and print a table or JSON');

  analysis(
    analyze,
    'chain-conversion',
    'customers reached, dropped and broken by a negative per link of a chain',
  )
    .requiredOption('--chain <id>', 'id of the chain', chainIdArgument)
    .option('--min-entrants <n>', 'entrants a transition needs to be the weak link (default 30)')
    .action(async (options: CommonOptions & { chain: string; minEntrants?: string }) => {
      const query = parseQuery(ZChainConversionQuery, {
        ...scopeOf(options),
        minEntrants: options.minEntrants,
      });
      await run(
        options,
        (stores, ws) => analyzeChainConversion(stores, ws, options.chain, query),
        formatChainConversion,
      );
    });

  analysis(analyze, 'touches', 'touches per conversion: histogram, median, mean, time to conversion')
    .option(
      '--lookback-days <days>',
      'touches counted at most this many days before a conversion (default 90)',
    )
    .action(async (options: CommonOptions & { lookbackDays?: string }) => {
      const query = parseQuery(ZTouchesQuery, { ...scopeOf(options), lookbackDays: options.lookbackDays });
      await run(options, (stores, ws) => analyzeTouchesToConversion(stores, ws, query), formatTouches);
    });

  analysis(analyze, 'paths', 'the most common paths through the touchpoints, their conversion, Sankey edges')
    .option('--steps <n>', 'steps kept per path (default 6)')
    .option('--start <key>', 'paths begin at the first interaction at this touchpoint')
    .option('--end <key>', 'paths end at the first interaction at this touchpoint')
    .option('--roll-up', 'show each part of a composite touchpoint as its top-level composite')
    .action(
      async (options: CommonOptions & { steps?: string; start?: string; end?: string; rollUp?: boolean }) => {
        const query = parseQuery(ZPathsQuery, {
          ...scopeOf(options),
          steps: options.steps,
          start: options.start,
          end: options.end,
          rollUp: options.rollUp ? 'true' : undefined,
        });
        await run(options, (stores, ws) => analyzePaths(stores, ws, query), formatPaths);
      },
    );

  analysis(analyze, 'attribution', 'conversions and value credited to touchpoints or channels by each model')
    .option('--models <list>', 'comma-separated models (default: all seven)')
    .option('--by <what>', 'touchpoint (default) or channel')
    .option(
      '--lookback-days <days>',
      "a conversion's path holds the touches of this many days before it (default 30)",
    )
    .option('--half-life-days <days>', 'time_decay half-life (default 7)')
    .option('--shapley-basis <basis>', 'conversions (default) or rate')
    .action(
      async (
        options: CommonOptions & {
          models?: string;
          by?: string;
          lookbackDays?: string;
          halfLifeDays?: string;
          shapleyBasis?: string;
        },
      ) => {
        const query = parseQuery(ZAttributionQuery, {
          ...scopeOf(options),
          models: options.models,
          by: options.by,
          lookbackDays: options.lookbackDays,
          halfLifeDays: options.halfLifeDays,
          shapleyBasis: options.shapleyBasis,
        });
        await run(options, (stores, ws) => analyzeAttribution(stores, ws, query), formatAttribution);
      },
    );

  analysis(
    analyze,
    'sentiment',
    'sentiment, CSAT, NPS, CES per touchpoint, stage and channel; emotion curves',
  )
    .option('--journey <id>', "only this journey's emotion curve")
    .action(async (options: CommonOptions & { journey?: string }) => {
      const query = parseQuery(ZSentimentQuery, { ...scopeOf(options), journeyId: options.journey });
      await run(options, (stores, ws) => analyzeSentiment(stores, ws, query), formatSentiment);
    });

  analysis(
    analyze,
    'standards',
    'compliance of the standards: share meeting the target, quantiles, pass/fail',
  )
    .option('--standard <id>', 'only this standard')
    .option('--touchpoint <id>', 'only the standards of this touchpoint')
    .action(async (options: CommonOptions & { standard?: string; touchpoint?: string }) => {
      const query = parseQuery(ZStandardsQuery, {
        ...scopeOf(options),
        standardId: options.standard,
        touchpointId: options.touchpoint,
      });
      await run(options, (stores, ws) => analyzeStandardsCompliance(stores, ws, query), formatStandards);
    });

  analysis(analyze, 'contact-frequency', 'customers over the out-touch cap and their lost / negative rates')
    .option('--cap <n>', 'out-touches per rolling window (default: the workspace setting, else 8)')
    .option('--window-days <days>', 'length of the rolling window (default 30)')
    .option('--touchpoint-cap <key:cap>', 'a cap on the out-touches at one touchpoint (repeatable)', collect)
    .action(
      async (options: CommonOptions & { cap?: string; windowDays?: string; touchpointCap?: string[] }) => {
        const query = parseQuery(ZContactFrequencyQuery, {
          ...scopeOf(options),
          cap: options.cap,
          windowDays: options.windowDays,
          touchpointCap: options.touchpointCap,
        });
        await run(
          options,
          (stores, ws) => analyzeContactFrequency(stores, ws, query),
          formatContactFrequency,
        );
      },
    );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chainIdArgument(value: string): string {
  if (!UUID.test(value)) throw new CliError(`the chain id must be a UUID, got "${value}"`);
  return value;
}

// ---- text output ----------------------------------------------------------------------------

const NONE = '–';

/** Columns padded to their widest cell; numbers (`right`) aligned right. */
function formatTable(
  columns: readonly { title: string; right?: boolean }[],
  rows: readonly string[][],
): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.right ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)].join('\n');
}

function pct(share: number | null | undefined): string {
  return share === null || share === undefined ? NONE : `${(share * 100).toFixed(1)}%`;
}

function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return NONE;
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** `2024-05-01 – 2024-06-01` (UTC; times shown when not midnight). */
function periodText(period: { from: string; to: string }): string {
  const short = (iso: string) => iso.replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, 'Z');
  return `${short(period.from)} – ${short(period.to)} (UTC)`;
}

function named(key: string | null, name: string | null): string {
  return key === null ? NONE : name && name !== key ? `${key} (${name})` : key;
}

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function formatChainConversion(r: WorkspaceChainConversion): string {
  const table = formatTable(
    [
      { title: 'link', right: true },
      { title: 'touchpoint' },
      { title: 'role' },
      { title: 'reached', right: true },
      { title: 'from prev', right: true },
      { title: 'from L1', right: true },
      { title: 'dropped', right: true },
      { title: 'broken by −1', right: true },
      { title: 'median time', right: true },
      { title: 'p90 time', right: true },
    ],
    r.links.map((l) => [
      String(l.link),
      named(l.touchpointKey, l.touchpointName),
      l.role,
      String(l.reached),
      pct(l.conversionFromPrevious),
      pct(l.conversionFromFirst),
      num(l.dropped),
      num(l.brokenByNegative),
      duration(l.medianMsFromPrevious),
      duration(l.p90MsFromPrevious),
    ]),
  );
  const weak = r.weakLink
    ? `Weak link: ${r.weakLink.fromLink} → ${r.weakLink.toLink}, ${pct(r.weakLink.conversion)} of ${n(r.weakLink.entrants, 'entrant')}`
    : `Weak link: none (no transition has ${r.minEntrants} entrants; see --min-entrants)`;
  return [
    `Chain "${r.chain.name}" (${n(r.links.length, 'link')}, window ${n(r.chain.windowDays, 'day')}), ${periodText(r.period)}`,
    '',
    table,
    '',
    weak,
  ].join('\n');
}

function formatTouches(r: WorkspaceTouchesToConversion): string {
  const bins = r.touches.histogram.filter((b) => b.conversions > 0);
  return [
    `Touches to conversion, ${periodText(r.period)}, lookback ${duration(r.lookbackMs)}`,
    `Conversions: ${r.conversions}`,
    `Touches per conversion: median ${num(r.touches.median)}, mean ${num(r.touches.mean)}`,
    `Time to conversion: median ${duration(r.timeToConversion.medianMs)}, mean ${duration(r.timeToConversion.meanMs)}`,
    ...(bins.length > 0
      ? [
          '',
          formatTable(
            [
              { title: 'touches', right: true },
              { title: 'conversions', right: true },
            ],
            bins.map((b) => [b.max === null ? `>${b.min - 1}` : String(b.min), String(b.conversions)]),
          ),
        ]
      : []),
  ].join('\n');
}

function formatPaths(r: WorkspacePaths): string {
  const lines = [
    `Paths, ${periodText(r.period)}: ${n(r.customers, 'customer')}, ${r.converted} converted, first ${n(r.steps, 'step')}`,
  ];
  if (r.paths.length === 0) return lines.join('\n');
  lines.push(
    '',
    formatTable(
      [
        { title: '#', right: true },
        { title: 'customers', right: true },
        { title: 'converted', right: true },
        { title: 'rate', right: true },
        { title: 'path' },
      ],
      r.paths.map((p, i) => [
        String(i + 1),
        String(p.customers),
        String(p.converted),
        pct(p.conversionRate),
        p.steps.map((s) => s.touchpointKey ?? s.touchpointId).join(' > '),
      ]),
    ),
    '',
    'Sankey edges',
    formatTable(
      [
        { title: 'step', right: true },
        { title: 'from' },
        { title: 'to' },
        { title: 'customers', right: true },
      ],
      r.edges.map((e) => [String(e.step), e.fromKey ?? e.from, e.toKey ?? e.to, String(e.customers)]),
    ),
  );
  return lines.join('\n');
}

function formatAttribution(r: WorkspaceAttribution): string {
  const keys: { key: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const model of r.models)
    for (const c of model.credits) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      keys.push({
        key: c.key,
        label: r.by === 'channel' ? named(c.key, c.name) : named(c.touchpointKey, c.name),
      });
    }
  const credit = (measure: 'conversions' | 'value') =>
    formatTable(
      [{ title: r.by }, ...r.models.map((m) => ({ title: m.model, right: true }))],
      keys.map(({ key, label }) => [
        label,
        ...r.models.map((m) => num(m.credits.find((c) => c.key === key)?.[measure] ?? 0)),
      ]),
    );
  const lines = [
    `Attribution by ${r.by}, ${periodText(r.period)}: ${n(r.conversions, 'conversion')} worth ${num(r.value)}, ` +
      `${n(r.nullPaths, 'null path')}, ${n(r.paths, 'distinct path')}`,
  ];
  if (keys.length === 0) return lines.join('\n');
  lines.push('', 'Conversions credited', credit('conversions'));
  if (r.value !== 0) lines.push('', 'Value credited', credit('value'));
  const markov = r.models.find((m) => m.model === 'markov');
  if (markov?.conversionProbability !== undefined)
    lines.push('', `markov: P(conversion) = ${num(markov.conversionProbability, 4)}`);
  return lines.join('\n');
}

type Summary = WorkspaceSentiment['overall'];

function summaryCells(s: Summary): string[] {
  return [
    String(s.interactions),
    String(s.sentiment.rated),
    pct(s.sentiment.negativeShare),
    pct(s.sentiment.neutralShare),
    pct(s.sentiment.positiveShare),
    num(s.sentiment.mean),
    pct(s.feedback.csat.score),
    num(s.feedback.nps.score, 1),
    num(s.feedback.ces.mean),
  ];
}

const SUMMARY_COLUMNS = [
  'interactions',
  'rated',
  'negative',
  'neutral',
  'positive',
  'mean',
  'CSAT',
  'NPS',
  'CES',
].map((title) => ({ title, right: true }));

function formatSentiment(r: WorkspaceSentiment): string {
  const o = r.overall;
  const lines = [
    `Sentiment, ${periodText(r.period)}: ${n(o.interactions, 'interaction')}, ${o.sentiment.rated} rated ` +
      `(${pct(o.sentiment.negativeShare)} negative, ${pct(o.sentiment.positiveShare)} positive, mean ${num(o.sentiment.mean)})`,
    `Feedback: CSAT ${pct(o.feedback.csat.score)} (${n(o.feedback.csat.answers, 'answer')}), ` +
      `NPS ${num(o.feedback.nps.score, 1)} (${n(o.feedback.nps.answers, 'answer')}), ` +
      `CES ${num(o.feedback.ces.mean)} (${n(o.feedback.ces.answers, 'answer')})`,
  ];
  if (r.touchpoints.length > 0) {
    lines.push(
      '',
      'By touchpoint',
      formatTable(
        [{ title: 'touchpoint' }, ...SUMMARY_COLUMNS],
        r.touchpoints.map((t) => [named(t.touchpointKey, t.touchpointName), ...summaryCells(t)]),
      ),
      '',
      'By stage',
      formatTable(
        [{ title: 'stage' }, ...SUMMARY_COLUMNS],
        r.stages.map((s) => [s.name ?? s.stage ?? NONE, ...summaryCells(s)]),
      ),
      '',
      'By channel',
      formatTable(
        [{ title: 'channel' }, ...SUMMARY_COLUMNS],
        r.channels.map((c) => [c.name ?? c.channel ?? NONE, ...summaryCells(c)]),
      ),
    );
    const stages = [...new Set(r.heatMap.map((c) => c.stage))];
    const channels = [...new Set(r.heatMap.map((c) => c.channel))];
    lines.push(
      '',
      'Heat map: mean sentiment (−1…1), stage × channel',
      formatTable(
        [{ title: 'stage' }, ...channels.map((c) => ({ title: c ?? NONE, right: true }))],
        stages.map((stage) => [
          stage ?? NONE,
          ...channels.map((channel) => {
            const cell = r.heatMap.find((c) => c.stage === stage && c.channel === channel);
            return cell ? num(cell.meanSentiment) : '';
          }),
        ]),
      ),
    );
  }
  for (const curve of r.emotionCurves) {
    lines.push(
      '',
      `Emotion curve of "${curve.journeyName}" (−2…+2)`,
      formatTable(
        [
          { title: 'stage' },
          { title: 'designed', right: true },
          { title: 'measured', right: true },
          { title: 'rated', right: true },
        ],
        curve.stages.map((s) => [s.name, num(s.designedEmotion), num(s.measuredEmotion), String(s.rated)]),
      ),
    );
  }
  return lines.join('\n');
}

function formatStandards(r: WorkspaceStandardsCompliance): string {
  const result = (passed: boolean | null) => (passed === null ? NONE : passed ? 'pass' : 'FAIL');
  const met = (row: { shareMeeting: number | null; value: number | null }) =>
    row.shareMeeting !== null ? pct(row.shareMeeting) : num(row.value);
  const lines = [`Standards compliance, ${periodText(r.period)}: ${n(r.standards.length, 'standard')}`];
  if (r.standards.length === 0) return lines.join('\n');
  lines.push(
    '',
    formatTable(
      [
        { title: 'standard' },
        { title: 'touchpoint' },
        { title: 'metric' },
        { title: 'target', right: true },
        { title: 'measured', right: true },
        { title: 'met / value', right: true },
        { title: 'required', right: true },
        { title: 'p50', right: true },
        { title: 'p90', right: true },
        { title: 'p99', right: true },
        { title: 'result' },
      ],
      r.standards.map((s) => [
        s.name,
        s.touchpointKey ?? s.touchpointId,
        s.metric === 'prop' ? `prop ${s.prop ?? ''}` : s.metric,
        `${s.comparator === 'lte' ? '≤' : '≥'} ${num(s.target)}`,
        String(s.measured),
        met(s),
        s.meeting === null ? NONE : pct(s.requiredShare),
        num(s.p50),
        num(s.p90),
        num(s.p99),
        result(s.passed),
      ]),
    ),
  );
  for (const s of r.standards.filter((x) => x.weeks.length > 0)) {
    lines.push(
      '',
      `Weekly trend of "${s.name}"`,
      formatTable(
        [
          { title: 'week' },
          { title: 'measured', right: true },
          { title: 'met / value', right: true },
          { title: 'result' },
        ],
        s.weeks.map((w) => [w.week, String(w.measured), met(w), result(w.passed)]),
      ),
    );
  }
  return lines.join('\n');
}

function formatContactFrequency(r: WorkspaceContactFrequency): string {
  const group = (title: string, g: WorkspaceContactFrequency['groups']['overCap']) => [
    title,
    String(g.customers),
    String(g.lostCustomers),
    pct(g.lostRate),
    String(g.ratedInteractions),
    String(g.negativeInteractions),
    pct(g.negativeRate),
  ];
  const lines = [
    `Contact frequency, ${periodText(r.period)}: cap ${r.cap} out-touches per ${duration(r.windowMs)}`,
    `${n(r.customers, 'customer')}, ${r.overCap} over the cap`,
    '',
    formatTable(
      [
        { title: 'group' },
        ...['customers', 'lost', 'lost rate', 'rated', 'negative', 'negative rate'].map((title) => ({
          title,
          right: true,
        })),
      ],
      [group('over the cap', r.groups.overCap), group('under the cap', r.groups.underCap)],
    ),
  ];
  if (r.histogram.length > 0)
    lines.push(
      '',
      formatTable(
        [
          { title: 'peak out-touches', right: true },
          { title: 'customers', right: true },
        ],
        r.histogram.map((b) => [String(b.maxTouches), String(b.customers)]),
      ),
    );
  if (r.touchpointCaps.length > 0)
    lines.push(
      '',
      formatTable(
        [{ title: 'touchpoint' }, { title: 'cap', right: true }, { title: 'customers over', right: true }],
        r.touchpointCaps.map((c) => [
          named(c.touchpointKey, c.touchpointName),
          String(c.cap),
          String(c.customersOver),
        ]),
      ),
    );
  return lines.join('\n');
}
