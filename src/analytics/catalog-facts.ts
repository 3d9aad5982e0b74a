/**
 * What the analyses of SPEC §7 need to know from the catalog, read with a few queries per request:
 * the workspace's touchpoint tree (a link, step or standard matches a touchpoint and all of its
 * descendants), each touchpoint's stage and channel, a chain's links, the journeys with their
 * stages and the touchpoints mapped to them, and the standards.
 *
 * A part of a composite touchpoint with no stage or channel of its own takes its nearest
 * ancestor's: the hold music of the call centre is in the phone channel too.
 */

import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import { NotFoundError } from '../domain/errors.js';
import { channelName, stageName } from '../domain/vocabulary.js';
import { getChain } from '../store/catalog/chains.js';
import type { Db } from '../store/catalog/db.js';
import { channels, journeyItems, journeys, stages, standards, touchpoints } from '../store/catalog/schema.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import type { ZStandardToCheck } from './standards-compliance.schemas.js';

/** One touchpoint as the analyses see it. */
export interface TouchpointFact {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
  /** Its stage key, else its nearest ancestor's, else null. */
  stage: string | null;
  /** Its channel key, else its nearest ancestor's, else null. */
  channel: string | null;
}

/** The workspace's touchpoints as a tree, with its channels. */
export interface TouchpointTree {
  readonly touchpoints: ReadonlyMap<string, TouchpointFact>;
  /** Channel key → channel name, for every channel of the workspace. */
  readonly channelNames: ReadonlyMap<string, string>;
  byKey(key: string): TouchpointFact | undefined;
  /** The touchpoint and all of its descendants (itself first). */
  descendantsOf(id: string): string[];
  /** The top-most composite the touchpoint is part of (itself for a top-level touchpoint). */
  rootOf(id: string): string;
}

/** Reads every touchpoint (id, key, name, parent, stage, channel) and channel of a workspace. */
export async function loadTouchpointTree(db: Db, workspaceId: string): Promise<TouchpointTree> {
  const [rows, channelRows] = await Promise.all([
    db
      .select({
        id: touchpoints.id,
        key: touchpoints.key,
        name: touchpoints.name,
        parentId: touchpoints.parentId,
        stage: touchpoints.stage,
        channel: channels.key,
      })
      .from(touchpoints)
      .leftJoin(channels, eq(channels.id, touchpoints.channelId))
      .where(eq(touchpoints.workspaceId, workspaceId)),
    db
      .select({ key: channels.key, name: channels.name })
      .from(channels)
      .where(eq(channels.workspaceId, workspaceId)),
  ]);
  const own = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parentId === null) continue;
    const list = children.get(row.parentId) ?? [];
    list.push(row.id);
    children.set(row.parentId, list);
  }

  /** The first non-null value up the parent chain (the catalog refuses parent cycles; the bound is a guard). */
  const inherited = (id: string, pick: (r: (typeof rows)[number]) => string | null): string | null => {
    let current = own.get(id);
    for (let depth = 0; current && depth <= rows.length; depth++) {
      const value = pick(current);
      if (value !== null) return value;
      current = current.parentId === null ? undefined : own.get(current.parentId);
    }
    return null;
  };

  const facts = new Map<string, TouchpointFact>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        key: r.key,
        name: r.name,
        parentId: r.parentId,
        stage: inherited(r.id, (x) => x.stage),
        channel: inherited(r.id, (x) => x.channel),
      },
    ]),
  );
  const byKey = new Map(rows.map((r) => [r.key, r.id]));

  return {
    touchpoints: facts,
    channelNames: new Map(channelRows.map((c) => [c.key, channelName(c.key, c.name)])),
    byKey: (key) => {
      const id = byKey.get(key);
      return id === undefined ? undefined : facts.get(id);
    },
    descendantsOf(id) {
      const found = [id];
      const seen = new Set(found);
      for (let i = 0; i < found.length; i++) {
        for (const child of children.get(found[i] as string) ?? []) {
          if (seen.has(child)) continue;
          seen.add(child);
          found.push(child);
        }
      }
      return found;
    },
    rootOf(id) {
      let current = id;
      for (let depth = 0; depth <= rows.length; depth++) {
        const parent = own.get(current)?.parentId ?? null;
        if (parent === null || !own.has(parent)) break;
        current = parent;
      }
      return current;
    },
  };
}

/** One link of a chain, with the touchpoint ids it matches. */
export interface ChainLinkFact {
  position: number;
  touchpointId: string;
  touchpointKey: string;
  touchpointName: string;
  role: 'initial' | 'middle' | 'final';
  /** The link's touchpoint and all of its descendants. */
  touchpointIds: string[];
}

export interface ChainFacts {
  id: string;
  name: string;
  windowDays: number;
  links: ChainLinkFact[];
}

/** A chain of the workspace with its links in order (404 when it is not in the workspace). */
export async function loadChainFacts(
  db: Db,
  tree: TouchpointTree,
  workspaceId: string,
  chainId: string,
): Promise<ChainFacts> {
  const chain = await getChain(db, workspaceId, chainId);
  return {
    id: chain.id,
    name: chain.name,
    windowDays: chain.windowDays,
    links: chain.links.map((link) => ({ ...link, touchpointIds: tree.descendantsOf(link.touchpointId) })),
  };
}

export interface JourneyStageFact {
  key: string;
  name: string;
  designedEmotion: number | null;
  /** The touchpoints mapped to the stage (journey items) with their descendants. */
  touchpointIds: string[];
}

export interface JourneyFacts {
  id: string;
  name: string;
  stages: JourneyStageFact[];
}

/** The journeys of the workspace (or the one asked for; 404 when absent), by name, with their stages in order. */
export async function loadJourneyFacts(
  db: Db,
  tree: TouchpointTree,
  workspaceId: string,
  journeyId?: string,
): Promise<JourneyFacts[]> {
  const inWorkspace = eq(journeys.workspaceId, workspaceId);
  const journeyRows = await db
    .select({ id: journeys.id, name: journeys.name })
    .from(journeys)
    .where(journeyId ? and(inWorkspace, eq(journeys.id, journeyId)) : inWorkspace)
    .orderBy(asc(journeys.name), asc(journeys.id));
  if (journeyId && journeyRows.length === 0) throw new NotFoundError('journey', journeyId);
  if (journeyRows.length === 0) return [];
  const [stageRows, itemRows] = await Promise.all([
    db
      .select({
        id: stages.id,
        journeyId: stages.journeyId,
        key: stages.key,
        name: stages.name,
        designedEmotion: stages.designedEmotion,
      })
      .from(stages)
      .where(eq(stages.workspaceId, workspaceId))
      .orderBy(asc(stages.journeyId), asc(stages.position)),
    db
      .select({ stageId: journeyItems.stageId, touchpointId: journeyItems.touchpointId })
      .from(journeyItems)
      .where(and(eq(journeyItems.workspaceId, workspaceId), isNotNull(journeyItems.touchpointId))),
  ]);
  const touchpointsOfStage = new Map<string, Set<string>>();
  for (const item of itemRows) {
    if (item.touchpointId === null) continue;
    const ids = touchpointsOfStage.get(item.stageId) ?? new Set<string>();
    for (const id of tree.descendantsOf(item.touchpointId)) ids.add(id);
    touchpointsOfStage.set(item.stageId, ids);
  }
  return journeyRows.map((journey) => ({
    ...journey,
    stages: stageRows
      .filter((s) => s.journeyId === journey.id)
      .map((s) => ({
        key: s.key,
        name: stageName(s.key, s.name),
        designedEmotion: s.designedEmotion,
        touchpointIds: [...(touchpointsOfStage.get(s.id) ?? [])],
      })),
  }));
}

type StandardToCheck = z.input<typeof ZStandardToCheck>;

/** A standard of the catalog, ready for the compliance analysis, with what names it. */
export interface StandardFact extends StandardToCheck {
  name: string;
  touchpointId: string;
}

/**
 * The standards of the workspace by name, optionally only one (404 when absent) or those of one
 * touchpoint; each matches its touchpoint and all of its descendants.
 */
export async function loadStandardFacts(
  db: Db,
  tree: TouchpointTree,
  workspaceId: string,
  only: { standardId?: string | undefined; touchpointId?: string | undefined } = {},
): Promise<StandardFact[]> {
  const rows = await db
    .select()
    .from(standards)
    .where(
      and(
        eq(standards.workspaceId, workspaceId),
        only.standardId ? eq(standards.id, only.standardId) : undefined,
        only.touchpointId ? eq(standards.touchpointId, only.touchpointId) : undefined,
      ),
    )
    .orderBy(asc(standards.name), asc(standards.id));
  if (only.standardId && rows.length === 0) throw new NotFoundError('standard', only.standardId);
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    touchpointId: s.touchpointId,
    touchpointIds: tree.descendantsOf(s.touchpointId),
    metric: s.metric as StandardToCheck['metric'],
    prop: s.prop,
    comparator: s.comparator as StandardToCheck['comparator'],
    target: s.target,
    requiredShare: s.requiredShare,
  }));
}

/** The workspace's contact frequency cap (settings.contactFrequencyCap), or undefined when unset. */
export async function loadContactFrequencyCap(db: Db, workspaceId: string): Promise<number | undefined> {
  const cap = (await getWorkspace(db, workspaceId)).settings.contactFrequencyCap;
  return typeof cap === 'number' ? cap : undefined;
}
