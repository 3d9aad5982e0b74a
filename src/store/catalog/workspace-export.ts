/**
 * Exports a workspace's catalog as a workspace document (domain/workspace-document.ts), read in
 * one repeatable-read transaction so the document is a consistent snapshot. Lists are ordered by
 * their natural keys (key, name, position) so that exporting the same content twice gives the
 * same document, whatever the ids.
 */
import { asc, desc, eq } from 'drizzle-orm';
import {
  WORKSPACE_DOCUMENT_FORMAT,
  WORKSPACE_DOCUMENT_VERSION,
  type WorkspaceDocument,
} from '../../domain/workspace-document.js';
import type { Db } from './db.js';
import {
  brands,
  chainLinks,
  chains,
  channels,
  journeyItems,
  journeys,
  stages,
  standards,
  subjects,
  touchpoints,
  users,
} from './schema.js';
import { getWorkspace } from './workspaces.js';

type Doc = WorkspaceDocument;

/** The workspace's catalog as a document; 404 when the workspace does not exist. */
export async function exportWorkspace(db: Db, workspaceId: string): Promise<WorkspaceDocument> {
  return db.transaction(
    async (tx) => {
      const ws = await getWorkspace(tx, workspaceId);
      return {
        format: WORKSPACE_DOCUMENT_FORMAT,
        formatVersion: WORKSPACE_DOCUMENT_VERSION,
        exportedAt: new Date().toISOString(),
        workspace: { name: ws.name, description: ws.description, settings: ws.settings },
        brands: await exportBrands(tx, workspaceId),
        subjects: await exportSubjects(tx, workspaceId),
        channels: await exportChannels(tx, workspaceId),
        touchpoints: await exportTouchpoints(tx, workspaceId),
        standards: await exportStandards(tx, workspaceId),
        journeys: await exportJourneys(tx, workspaceId),
        chains: await exportChains(tx, workspaceId),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function exportBrands(db: Db, workspaceId: string): Promise<Doc['brands']> {
  return db
    .select({ id: brands.id, name: brands.name, isOwn: brands.isOwn, website: brands.website })
    .from(brands)
    .where(eq(brands.workspaceId, workspaceId))
    .orderBy(desc(brands.isOwn), asc(brands.name), asc(brands.id));
}

async function exportSubjects(db: Db, workspaceId: string): Promise<Doc['subjects']> {
  const rows = await db
    .select({ id: subjects.id, kind: subjects.kind, name: subjects.name, description: subjects.description })
    .from(subjects)
    .where(eq(subjects.workspaceId, workspaceId))
    .orderBy(asc(subjects.name), asc(subjects.kind), asc(subjects.description), asc(subjects.id));
  return rows.map((s) => ({ ...s, kind: s.kind as Doc['subjects'][number]['kind'] }));
}

function exportChannels(db: Db, workspaceId: string): Promise<Doc['channels']> {
  return db
    .select({
      id: channels.id,
      key: channels.key,
      name: channels.name,
      online: channels.online,
      builtin: channels.builtin,
    })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(asc(channels.key));
}

async function exportTouchpoints(db: Db, workspaceId: string): Promise<Doc['touchpoints']> {
  const rows = await db
    .select({ t: touchpoints, ownerEmail: users.email })
    .from(touchpoints)
    .leftJoin(users, eq(users.id, touchpoints.ownerUserId))
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key));
  type T = Doc['touchpoints'][number];
  return rows.map(({ t, ownerEmail }) => ({
    id: t.id,
    key: t.key,
    name: t.name,
    description: t.description,
    brandId: t.brandId,
    subjectId: t.subjectId,
    parentId: t.parentId,
    channelId: t.channelId,
    direction: t.direction as T['direction'],
    stage: t.stage as T['stage'],
    online: t.online,
    attention: t.attention as T['attention'],
    lifetime: t.lifetime as T['lifetime'],
    controllable: t.controllable,
    priority: t.priority,
    ownerEmail,
    status: t.status as T['status'],
    tags: t.tags,
    brandedMaterial: t.brandedMaterial,
  }));
}

async function exportStandards(db: Db, workspaceId: string): Promise<Doc['standards']> {
  const rows = await db
    .select({ s: standards })
    .from(standards)
    .innerJoin(touchpoints, eq(touchpoints.id, standards.touchpointId))
    .where(eq(standards.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key), asc(standards.name), asc(standards.metric), asc(standards.id));
  type S = Doc['standards'][number];
  return rows.map(({ s }) => ({
    id: s.id,
    touchpointId: s.touchpointId,
    name: s.name,
    metric: s.metric as S['metric'],
    prop: s.prop,
    comparator: s.comparator as S['comparator'],
    target: s.target,
    requiredShare: s.requiredShare,
  }));
}

async function exportJourneys(db: Db, workspaceId: string): Promise<Doc['journeys']> {
  const journeyRows = await db
    .select()
    .from(journeys)
    .where(eq(journeys.workspaceId, workspaceId))
    .orderBy(asc(journeys.name), asc(journeys.persona), asc(journeys.id));
  const stageRows = await db
    .select()
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position), asc(stages.id));
  // Items in map order: stage, lane, position within the cell.
  const itemRows = await db
    .select({ i: journeyItems })
    .from(journeyItems)
    .innerJoin(stages, eq(stages.id, journeyItems.stageId))
    .where(eq(journeyItems.workspaceId, workspaceId))
    .orderBy(asc(stages.position), asc(journeyItems.lane), asc(journeyItems.position), asc(journeyItems.id));
  type J = Doc['journeys'][number];
  const stagesOf = groupBy(stageRows, (s) => s.journeyId);
  const itemsOf = groupBy(itemRows, ({ i }) => i.journeyId);
  return journeyRows.map((j) => ({
    id: j.id,
    name: j.name,
    description: j.description,
    persona: j.persona,
    acquisitionChannelId: j.acquisitionChannelId,
    lanes: j.lanes.map((l) => ({ key: l.key, name: l.name, kind: l.kind as J['lanes'][number]['kind'] })),
    stages: (stagesOf.get(j.id) ?? []).map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      designedEmotion: s.designedEmotion,
    })),
    items: (itemsOf.get(j.id) ?? []).map(({ i }) => ({
      stageId: i.stageId,
      lane: i.lane,
      text: i.text,
      touchpointId: i.touchpointId,
    })),
  }));
}

async function exportChains(db: Db, workspaceId: string): Promise<Doc['chains']> {
  const chainRows = await db
    .select()
    .from(chains)
    .where(eq(chains.workspaceId, workspaceId))
    .orderBy(asc(chains.name), asc(chains.id));
  const linkRows = await db
    .select()
    .from(chainLinks)
    .where(eq(chainLinks.workspaceId, workspaceId))
    .orderBy(asc(chainLinks.position));
  type L = Doc['chains'][number]['links'][number];
  const linksOf = groupBy(linkRows, (l) => l.chainId);
  return chainRows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    journeyId: c.journeyId,
    nextChainId: c.nextChainId,
    windowDays: c.windowDays,
    links: (linksOf.get(c.id) ?? []).map((l) => ({
      touchpointId: l.touchpointId,
      role: l.role as L['role'],
    })),
  }));
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
