/**
 * The analyses of SPEC §7 asked about one workspace of the catalog, as the API and the CLI ask
 * them: reads the catalog facts an analysis needs (catalog-facts.ts), resolves the period and the
 * filters, runs the analysis in the event store, and names the ids of its result with the
 * catalog's keys and names. The exact definitions are in each analysis module's header.
 *
 * Scope shared by every analysis:
 * - period [from, to): by default the 30 days up to now; with only `from`, up to now; with only
 *   `to`, the 30 days before it;
 * - `channel`: only the interactions at touchpoints of these channels (a part of a composite
 *   touchpoint with no channel of its own is in its parent's channel);
 * - `stage`: only the interactions at touchpoints in these stages (a part of a composite
 *   touchpoint with no stage of its own is in its parent's stage); with `channel`, both hold;
 * - `segment`: only the interactions whose props hold these string values.
 */
import { invalid } from '../domain/errors.js';
import { DEFAULT_STAGE_KEYS, DEFAULT_STAGES } from '../domain/vocabulary.js';
import type { Db } from '../store/catalog/db.js';
import { type AnalyticsSource, DAY_MS, type InteractionFilters } from './analysis-scope.js';
import { attribution } from './attribution.js';
import type { AttributionModel } from './attribution-models.js';
import {
  loadChainFacts,
  loadContactFrequencyCap,
  loadJourneyFacts,
  loadStandardFacts,
  loadTouchpointTree,
  type TouchpointTree,
} from './catalog-facts.js';
import { chainConversion } from './chain-conversion.js';
import { contactFrequency } from './contact-frequency.js';
import { DEFAULT_CONTACT_CAP } from './contact-frequency.schemas.js';
import { paths } from './paths.js';
import { sentiment } from './sentiment.js';
import { standardsCompliance } from './standards-compliance.js';
import { touchesToConversion } from './touches-to-conversion.js';
import type {
  TouchpointRef,
  WorkspaceAttribution,
  WorkspaceChainConversion,
  WorkspaceContactFrequency,
  WorkspacePaths,
  WorkspaceSentiment,
  WorkspaceStandardsCompliance,
  WorkspaceTouchesToConversion,
} from './workspace-analytics.schemas.js';

/** Where the facts and the events are read. */
export interface AnalyticsStores {
  db: Db;
  events: AnalyticsSource;
  /** The workspace's touchpoint tree when the caller already read it (several analyses in a row). */
  tree?: TouchpointTree | undefined;
}

/** The touchpoint tree of the workspace, read once per caller. */
function treeOf(stores: AnalyticsStores, workspaceId: string): Promise<TouchpointTree> {
  return stores.tree ? Promise.resolve(stores.tree) : loadTouchpointTree(stores.db, workspaceId);
}

/** Period and filters of a request; every field is optional (see the module header). */
export interface ScopeOptions {
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
  /** Channel keys. */
  channel?: readonly string[] | undefined;
  /** Stage keys. */
  stage?: readonly string[] | undefined;
  /** Props key → value every interaction must hold. */
  segment?: Readonly<Record<string, string>> | undefined;
}

const DEFAULT_PERIOD_DAYS = 30;

/** A touchpoint id that no interaction has (catalog ids are UUIDs): a filter that matches nothing. */
const NO_TOUCHPOINT = '(none)';

interface ResolvedScope {
  workspaceId: string;
  from: number;
  to: number;
  filters?: InteractionFilters;
}

/** The period and filters as the analyses take them; 400 naming the query field at fault. */
function resolveScope(
  tree: TouchpointTree,
  workspaceId: string,
  options: ScopeOptions,
  now: number,
): ResolvedScope {
  const to = options.to ?? now;
  const from = options.from ?? Math.max(0, to - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from >= to)
    throw options.to === undefined
      ? invalid('from', 'must be before now (or give to)')
      : invalid('to', 'must be after from');

  const filters: InteractionFilters = {};
  let kept = [...tree.touchpoints.values()];
  let narrowed = false;
  if (options.channel && options.channel.length > 0) {
    const wanted = new Set(options.channel);
    for (const key of wanted)
      if (!tree.channelNames.has(key)) throw invalid('channel', `the workspace has no channel "${key}"`);
    kept = kept.filter((t) => t.channel !== null && wanted.has(t.channel));
    narrowed = true;
  }
  if (options.stage && options.stage.length > 0) {
    const wanted = new Set(options.stage);
    for (const key of wanted)
      if (!(DEFAULT_STAGE_KEYS as readonly string[]).includes(key))
        throw invalid('stage', `"${key}" is not a stage; stages are ${DEFAULT_STAGE_KEYS.join(', ')}`);
    kept = kept.filter((t) => t.stage !== null && wanted.has(t.stage));
    narrowed = true;
  }
  if (narrowed) filters.touchpointIds = kept.length > 0 ? kept.map((t) => t.id) : [NO_TOUCHPOINT];
  if (options.segment && Object.keys(options.segment).length > 0) filters.props = { ...options.segment };
  return Object.keys(filters).length > 0 ? { workspaceId, from, to, filters } : { workspaceId, from, to };
}

function periodOf(scope: ResolvedScope) {
  return { from: new Date(scope.from).toISOString(), to: new Date(scope.to).toISOString() };
}

function refOf(tree: TouchpointTree, id: string): TouchpointRef {
  const t = tree.touchpoints.get(id);
  return { touchpointId: id, touchpointKey: t?.key ?? null, touchpointName: t?.name ?? null };
}

/** The touchpoint with this key (400 naming `field` when there is none). */
function touchpointByKey(tree: TouchpointTree, field: string, key: string) {
  const touchpoint = tree.byKey(key);
  if (!touchpoint) throw invalid(field, `no touchpoint has the key "${key}"`);
  return touchpoint;
}

/** Chain conversion (SPEC §7.1) along a chain of the catalog, its window the chain's; 404 for an unknown chain. */
export async function analyzeChainConversion(
  stores: AnalyticsStores,
  workspaceId: string,
  chainId: string,
  options: ScopeOptions & { minEntrants?: number | undefined },
  now = Date.now(),
): Promise<WorkspaceChainConversion> {
  const tree = await treeOf(stores, workspaceId);
  const chain = await loadChainFacts(stores.db, tree, workspaceId, chainId);
  if (chain.links.length === 0) throw invalid('chainId', 'the chain has no links yet');
  const scope = resolveScope(tree, workspaceId, options, now);
  const result = await chainConversion(stores.events, {
    ...scope,
    links: chain.links.map((link) => ({ touchpointIds: link.touchpointIds })),
    windowMs: chain.windowDays * DAY_MS,
    ...(options.minEntrants === undefined ? {} : { minEntrants: options.minEntrants }),
  });
  return {
    period: periodOf(scope),
    chain: { id: chain.id, name: chain.name, windowDays: chain.windowDays },
    ...result,
    links: result.links.map((row, i) => {
      const link = chain.links[i];
      return {
        ...row,
        touchpointId: link?.touchpointId ?? '',
        touchpointKey: link?.touchpointKey ?? '',
        touchpointName: link?.touchpointName ?? '',
        role: link?.role ?? 'middle',
      };
    }),
  };
}

/** Touches to conversion (SPEC §7.2). */
export async function analyzeTouchesToConversion(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & { lookbackDays?: number | undefined },
  now = Date.now(),
): Promise<WorkspaceTouchesToConversion> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  const result = await touchesToConversion(stores.events, {
    ...scope,
    ...(options.lookbackDays === undefined ? {} : { lookbackMs: Math.round(options.lookbackDays * DAY_MS) }),
  });
  return { period: periodOf(scope), ...result };
}

/** Paths with Sankey edges (SPEC §7.3); `start` / `end` are touchpoint keys; `rollUp` shows parts as their top-level composite. */
export async function analyzePaths(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & {
    steps?: number | undefined;
    start?: string | undefined;
    end?: string | undefined;
    rollUp?: boolean | undefined;
  },
  now = Date.now(),
): Promise<WorkspacePaths> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  if (options.start !== undefined && options.end !== undefined)
    throw invalid('end', 'give a start or an end touchpoint, not both');
  const cut = (field: 'start' | 'end', key: string | undefined) =>
    key === undefined ? {} : { [field]: tree.descendantsOf(touchpointByKey(tree, field, key).id) };
  const displayTouchpoints: Record<string, string> = {};
  if (options.rollUp) {
    for (const id of tree.touchpoints.keys()) {
      const root = tree.rootOf(id);
      if (root !== id) displayTouchpoints[id] = root;
    }
  }
  const result = await paths(stores.events, {
    ...scope,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    ...cut('start', options.start),
    ...cut('end', options.end),
    ...(Object.keys(displayTouchpoints).length > 0 ? { displayTouchpoints } : {}),
  });
  return {
    period: periodOf(scope),
    ...result,
    paths: result.paths.map((path) => ({ ...path, steps: path.touchpointIds.map((id) => refOf(tree, id)) })),
    edges: result.edges.map((edge) => {
      const from = refOf(tree, edge.from);
      const to = refOf(tree, edge.to);
      return {
        ...edge,
        fromKey: from.touchpointKey,
        fromName: from.touchpointName,
        toKey: to.touchpointKey,
        toName: to.touchpointName,
      };
    }),
  };
}

/** Attribution of conversions and value by each model (SPEC §7.4), to touchpoints or channels. */
export async function analyzeAttribution(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & {
    models?: readonly AttributionModel[] | undefined;
    by?: 'touchpoint' | 'channel' | undefined;
    lookbackDays?: number | undefined;
    halfLifeDays?: number | undefined;
    shapleyBasis?: 'conversions' | 'rate' | undefined;
  },
  now = Date.now(),
): Promise<WorkspaceAttribution> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  const by = options.by ?? 'touchpoint';
  const channelOf: Record<string, string> = {};
  if (by === 'channel')
    for (const t of tree.touchpoints.values()) if (t.channel !== null) channelOf[t.id] = t.channel;
  const result = await attribution(stores.events, {
    ...scope,
    by,
    ...(by === 'channel' ? { channelOf } : {}),
    ...(options.models === undefined ? {} : { models: [...options.models] }),
    ...(options.lookbackDays === undefined ? {} : { lookbackDays: options.lookbackDays }),
    ...(options.halfLifeDays === undefined ? {} : { halfLifeDays: options.halfLifeDays }),
    ...(options.shapleyBasis === undefined ? {} : { shapleyBasis: options.shapleyBasis }),
  });
  const names = (key: string) => {
    if (by === 'channel') return { name: tree.channelNames.get(key) ?? null, touchpointKey: null };
    const ref = refOf(tree, key);
    return { name: ref.touchpointName, touchpointKey: ref.touchpointKey };
  };
  return {
    period: periodOf(scope),
    ...result,
    models: result.models.map((model) => ({
      ...model,
      credits: model.credits.map((credit) => ({ ...credit, ...names(credit.key) })),
    })),
  };
}

const STAGE_NAMES = new Map<string, string>(DEFAULT_STAGES.map((s) => [s.key, s.name]));

/** Sentiment, CSAT, NPS and CES per touchpoint, stage and channel, heat map, emotion curves (SPEC §7.5). */
export async function analyzeSentiment(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & { journeyId?: string | undefined },
  now = Date.now(),
): Promise<WorkspaceSentiment> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  const journeys = await loadJourneyFacts(stores.db, tree, workspaceId, options.journeyId);
  const result = await sentiment(stores.events, {
    ...scope,
    touchpoints: [...tree.touchpoints.values()].map((t) => ({
      id: t.id,
      stage: t.stage,
      channel: t.channel,
    })),
    journeys: journeys.map((j) => ({
      id: j.id,
      stages: j.stages.map((s) => ({
        key: s.key,
        designedEmotion: s.designedEmotion,
        touchpointIds: s.touchpointIds,
      })),
    })),
  });
  return {
    period: periodOf(scope),
    ...result,
    touchpoints: result.touchpoints.map((row) => ({ ...row, ...refOf(tree, row.touchpointId) })),
    stages: result.stages.map((row) => ({
      ...row,
      name: row.stage === null ? null : (STAGE_NAMES.get(row.stage) ?? null),
    })),
    channels: result.channels.map((row) => ({
      ...row,
      name: row.channel === null ? null : (tree.channelNames.get(row.channel) ?? null),
    })),
    emotionCurves: result.emotionCurves.map((curve, j) => {
      const journey = journeys[j];
      return {
        ...curve,
        journeyName: journey?.name ?? '',
        stages: curve.stages.map((point, s) => ({ ...point, name: journey?.stages[s]?.name ?? point.key })),
      };
    }),
  };
}

/** Compliance of the workspace's standards (SPEC §7.6), or of one standard or one touchpoint's standards. */
export async function analyzeStandardsCompliance(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & { standardId?: string | undefined; touchpointId?: string | undefined },
  now = Date.now(),
): Promise<WorkspaceStandardsCompliance> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  const standards = await loadStandardFacts(stores.db, tree, workspaceId, options);
  const result = await standardsCompliance(
    stores.events,
    {
      ...scope,
      standards: standards.map(({ name: _name, touchpointId: _touchpointId, ...standard }) => standard),
    },
    { db: stores.db, now },
  );
  return {
    period: periodOf(scope),
    standards: result.standards.map((row, i) => {
      const standard = standards[i];
      const touchpointId = standard?.touchpointId ?? '';
      return { ...row, name: standard?.name ?? '', ...refOf(tree, touchpointId) };
    }),
  };
}

/**
 * Contact frequency (SPEC §7.7): the cap defaults to the workspace setting (else 8);
 * `touchpointCap` names touchpoints by key.
 */
export async function analyzeContactFrequency(
  stores: AnalyticsStores,
  workspaceId: string,
  options: ScopeOptions & {
    cap?: number | undefined;
    windowDays?: number | undefined;
    touchpointCap?: readonly { key: string; cap: number }[] | undefined;
  },
  now = Date.now(),
): Promise<WorkspaceContactFrequency> {
  const tree = await treeOf(stores, workspaceId);
  const scope = resolveScope(tree, workspaceId, options, now);
  const cap = options.cap ?? (await loadContactFrequencyCap(stores.db, workspaceId)) ?? DEFAULT_CONTACT_CAP;
  const result = await contactFrequency(stores.events, {
    ...scope,
    cap,
    ...(options.windowDays === undefined ? {} : { windowMs: options.windowDays * DAY_MS }),
    touchpointCaps: (options.touchpointCap ?? []).map(({ key, cap: touchpointCap }) => {
      const touchpoint = touchpointByKey(tree, 'touchpointCap', key);
      return {
        touchpointId: touchpoint.id,
        touchpointIds: tree.descendantsOf(touchpoint.id),
        cap: touchpointCap,
      };
    }),
  });
  return {
    period: periodOf(scope),
    ...result,
    touchpointCaps: result.touchpointCaps.map((row) => ({ ...row, ...refOf(tree, row.touchpointId) })),
  };
}
