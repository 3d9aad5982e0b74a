/**
 * Imports a workspace document as a NEW workspace owned by the importing user. Every object
 * gets a fresh id and every reference is remapped; the document is checked in full before
 * anything is written, and everything is written in one transaction, so a refused or failed
 * import leaves nothing behind.
 *
 * Owners: users are not exported, and the importing user is the only member of the new
 * workspace, so a touchpoint keeps its owner only when `ownerEmail` is the importing user's
 * e-mail; other owners become null (counted in `ownersCleared`).
 */
import { ValidationError } from '../../domain/errors.js';
import { checkWorkspaceDocument, type WorkspaceDocument } from '../../domain/workspace-document.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import {
  brands,
  chainLinks,
  chains,
  channels,
  journeyItems,
  journeys,
  memberships,
  stages,
  standards,
  subjects,
  touchpoints,
  workspaces,
} from './schema.js';
import { normalizeEmail } from './users.js';
import { toWorkspaceDto, type WorkspaceRow } from './workspaces.js';

export interface ImportCounts {
  brands: number;
  subjects: number;
  channels: number;
  touchpoints: number;
  standards: number;
  journeys: number;
  stages: number;
  items: number;
  chains: number;
  links: number;
}

export interface ImportResult {
  workspace: WorkspaceRow;
  counts: ImportCounts;
  /** Touchpoints whose `ownerEmail` was not the importing user's, now without owner. */
  ownersCleared: number;
}

/** The answer to an import: the new workspace (the importer is its owner) and what it holds. */
export function toImportResultDto(r: ImportResult) {
  return {
    workspace: toWorkspaceDto(r.workspace, 'owner'),
    counts: r.counts,
    ownersCleared: r.ownersCleared,
  };
}

/** Rows per INSERT statement, well below PostgreSQL's limit of 65,535 parameters. */
const CHUNK = 500;

/**
 * Creates a workspace from `doc`, owned by `owner`; `name` replaces the document's workspace
 * name. Throws ValidationError (400, with the document paths at fault) when the document's
 * references or rules do not hold.
 */
export async function importWorkspace(
  db: Db,
  actor: Actor,
  doc: WorkspaceDocument,
  owner: { id: string; email: string },
  options: { name?: string | undefined } = {},
): Promise<ImportResult> {
  const issues = checkWorkspaceDocument(doc);
  if (issues.length > 0) throw new ValidationError(issues);

  const workspaceId = crypto.randomUUID();
  const ids = freshIds();
  const ownerEmail = normalizeEmail(owner.email);
  const ownerOf = (email: string | null) =>
    email !== null && normalizeEmail(email) === ownerEmail ? owner.id : null;
  const ownersCleared = doc.touchpoints.filter((t) => t.ownerEmail !== null && !ownerOf(t.ownerEmail)).length;
  const stageRows = doc.journeys.flatMap((j) =>
    j.stages.map((s, position) => ({
      id: ids.get('stage', s.id),
      workspaceId,
      journeyId: ids.get('journey', j.id),
      position,
      key: s.key,
      name: s.name,
      designedEmotion: s.designedEmotion,
    })),
  );
  const itemRows = doc.journeys.flatMap((j) => {
    const positions = new Map<string, number>();
    return j.items.map((item) => {
      // Positions count within a cell (stage × lane), in document order.
      const cell = `${item.stageId}/${item.lane}`;
      const position = positions.get(cell) ?? 0;
      positions.set(cell, position + 1);
      return {
        id: crypto.randomUUID(),
        workspaceId,
        journeyId: ids.get('journey', j.id),
        stageId: ids.get('stage', item.stageId),
        lane: item.lane,
        position,
        text: item.text,
        touchpointId: item.touchpointId === null ? null : ids.get('touchpoint', item.touchpointId),
      };
    });
  });
  const linkRows = doc.chains.flatMap((c) =>
    c.links.map((l, position) => ({
      id: crypto.randomUUID(),
      workspaceId,
      chainId: ids.get('chain', c.id),
      position,
      touchpointId: ids.get('touchpoint', l.touchpointId),
      role: l.role,
    })),
  );
  const counts: ImportCounts = {
    brands: doc.brands.length,
    subjects: doc.subjects.length,
    channels: doc.channels.length,
    touchpoints: doc.touchpoints.length,
    standards: doc.standards.length,
    journeys: doc.journeys.length,
    stages: stageRows.length,
    items: itemRows.length,
    chains: doc.chains.length,
    links: linkRows.length,
  };

  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({
        id: workspaceId,
        name: options.name ?? doc.workspace.name,
        description: doc.workspace.description,
        settings: doc.workspace.settings,
      })
      .returning();
    if (!ws) throw new Error('insert returned no row');
    await tx.insert(memberships).values({ workspaceId, userId: owner.id, role: 'owner' });
    for (const rows of chunks(doc.brands.map((b) => ({ ...b, id: ids.get('brand', b.id), workspaceId }))))
      await tx.insert(brands).values(rows);
    for (const rows of chunks(doc.channels.map((c) => ({ ...c, id: ids.get('channel', c.id), workspaceId }))))
      await tx.insert(channels).values(rows);
    for (const rows of chunks(doc.subjects.map((s) => ({ ...s, id: ids.get('subject', s.id), workspaceId }))))
      await tx.insert(subjects).values(rows);
    // Parents before their parts, so each chunk only refers to rows already written.
    const parentFirst = dependencyOrder(
      doc.touchpoints,
      (t) => t.id,
      (t) => t.parentId,
    );
    for (const rows of chunks(
      parentFirst.map(({ ownerEmail: email, ...t }) => ({
        ...t,
        id: ids.get('touchpoint', t.id),
        workspaceId,
        brandId: ids.get('brand', t.brandId),
        subjectId: t.subjectId === null ? null : ids.get('subject', t.subjectId),
        parentId: t.parentId === null ? null : ids.get('touchpoint', t.parentId),
        channelId: t.channelId === null ? null : ids.get('channel', t.channelId),
        ownerUserId: ownerOf(email),
        tags: [...new Set(t.tags)],
      })),
    ))
      await tx.insert(touchpoints).values(rows);
    for (const rows of chunks(
      doc.standards.map((s) => ({
        ...s,
        id: ids.get('standard', s.id),
        workspaceId,
        touchpointId: ids.get('touchpoint', s.touchpointId),
      })),
    ))
      await tx.insert(standards).values(rows);
    for (const rows of chunks(
      doc.journeys.map((j) => ({
        id: ids.get('journey', j.id),
        workspaceId,
        name: j.name,
        description: j.description,
        persona: j.persona,
        acquisitionChannelId:
          j.acquisitionChannelId === null ? null : ids.get('channel', j.acquisitionChannelId),
        lanes: j.lanes,
      })),
    ))
      await tx.insert(journeys).values(rows);
    for (const rows of chunks(stageRows)) await tx.insert(stages).values(rows);
    for (const rows of chunks(itemRows)) await tx.insert(journeyItems).values(rows);
    // Continuations before the chains leading to them, for the same reason as touchpoints.
    const nextFirst = dependencyOrder(
      doc.chains,
      (c) => c.id,
      (c) => c.nextChainId,
    );
    for (const rows of chunks(
      nextFirst.map((c) => ({
        id: ids.get('chain', c.id),
        workspaceId,
        name: c.name,
        description: c.description,
        journeyId: c.journeyId === null ? null : ids.get('journey', c.journeyId),
        nextChainId: c.nextChainId === null ? null : ids.get('chain', c.nextChainId),
        windowDays: c.windowDays,
      })),
    ))
      await tx.insert(chains).values(rows);
    for (const rows of chunks(linkRows)) await tx.insert(chainLinks).values(rows);
    await recordAudit(tx, actor, workspaceId, {
      action: 'import',
      entityType: 'workspace',
      entityId: workspaceId,
      after: { name: ws.name, counts, ownersCleared },
    });
    return { workspace: ws, counts, ownersCleared };
  });
}

/** Fresh ids per kind of object: the same document id always maps to the same new id. */
function freshIds() {
  const maps = new Map<string, Map<string, string>>();
  return {
    get(kind: string, id: string): string {
      let map = maps.get(kind);
      if (!map) {
        map = new Map();
        maps.set(kind, map);
      }
      let fresh = map.get(id);
      if (!fresh) {
        fresh = crypto.randomUUID();
        map.set(id, fresh);
      }
      return fresh;
    },
  };
}

/**
 * Orders `items` so that each comes after the one it depends on (its parent, its next chain).
 * The dependencies must be acyclic, which checkWorkspaceDocument guarantees.
 */
function dependencyOrder<T>(
  items: readonly T[],
  idOf: (t: T) => string,
  dependsOn: (t: T) => string | null,
): T[] {
  const byId = new Map(items.map((t) => [idOf(t), t]));
  const depth = new Map<string, number>();
  for (const item of items) {
    // Climb to a root or to an item already numbered, then number the path on the way down.
    const path: T[] = [];
    let current: T | undefined = item;
    while (current && !depth.has(idOf(current))) {
      path.push(current);
      const dep = dependsOn(current);
      current = dep === null ? undefined : byId.get(dep);
    }
    let d = current ? (depth.get(idOf(current)) ?? 0) + 1 : 0;
    for (const t of path.reverse()) depth.set(idOf(t), d++);
  }
  return items
    .map((t, index) => ({ t, index, depth: depth.get(idOf(t)) ?? 0 }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((x) => x.t);
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
