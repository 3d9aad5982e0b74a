/**
 * Optimistic concurrency shared by every editable aggregate: an update names the version it
 * was based on and is refused with 409 (and the current row) when someone else saved first.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Db } from './db.js';

interface VersionedTable extends PgTable {
  id: PgColumn;
  workspaceId: PgColumn;
  version: PgColumn;
}

/** Whether `table` holds the row `id` in the workspace (another workspace's row is not there). */
export async function existsInWorkspace(
  db: Db,
  table: PgTable & { id: PgColumn; workspaceId: PgColumn },
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)))
    .limit(1);
  return row !== undefined;
}

/**
 * Reads one row of the workspace, or throws 404. Rows of other workspaces are not found either.
 */
export async function findOne<T extends VersionedTable>(
  db: Db,
  table: T,
  entity: string,
  workspaceId: string,
  id: string,
): Promise<T['$inferSelect']> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new NotFoundError(entity, id);
  return row as T['$inferSelect'];
}

/**
 * Applies `values` if the row is still at `expectedVersion`, bumping the version; returns the new row.
 * Throws 404 when the row is not in the workspace and 409 (with the current row) when it moved on.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  entity: string,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  values: Partial<T['$inferInsert']>,
): Promise<T['$inferSelect']> {
  const set: Record<string, unknown> = { ...values, version: sql`${table.version} + 1` };
  if ('updatedAt' in table) set.updatedAt = new Date();
  const updated = await db
    .update(table as PgTable)
    .set(set)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId), eq(table.version, expectedVersion)))
    .returning();
  const [row] = updated as T['$inferSelect'][];
  if (row) return row;
  const current = (await findOne(db, table, entity, workspaceId, id)) as { version: number };
  throw versionConflict(entity, current);
}

/** The 409 answer for a stale version, carrying the current version and object. */
export function versionConflict(entity: string, current: { version: number }): ConflictError {
  return new ConflictError(
    `${entity} was changed by someone else (now at version ${current.version}); reload and apply your change again`,
    { currentVersion: current.version, current: JSON.parse(JSON.stringify(current)) },
    'version_conflict',
  );
}
