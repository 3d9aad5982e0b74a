import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from './db.js';
import { auditLog } from './schema.js';

/** Who did it: a signed-in user, an API token, or the system (CLI, demo, first run). */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, tokenId: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one change to the workspace's audit log; call it inside the transaction that made the change. */
export async function recordAudit(
  db: Db,
  actor: Actor,
  workspaceId: string,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
  });
}

function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export interface AuditQuery {
  limit: number;
  /** Entries with an id below this one (keyset pagination, newest first). */
  before?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

/** Lists the workspace's audit log, newest first. */
export async function listAudit(db: Db, workspaceId: string, q: AuditQuery) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        q.before !== undefined ? lt(auditLog.id, q.before) : undefined,
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
