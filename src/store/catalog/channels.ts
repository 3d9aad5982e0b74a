/**
 * Channels: how a touch happens (website, phone, printed…). The reference list of SPEC §3 is
 * seeded into every workspace as built-in channels; a workspace adds its own.
 */
import { and, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import { ConflictError, invalid } from '../../domain/errors.js';
import { channelName, customChannelName, DEFAULT_CHANNELS } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { channels } from './schema.js';
import { findOne, updateVersioned } from './versioned.js';

export type ChannelRow = typeof channels.$inferSelect;

export function toChannelDto(c: ChannelRow) {
  return {
    id: c.id,
    key: c.key,
    name: channelName(c.key, c.name),
    customName: c.name,
    online: c.online,
    builtin: c.builtin,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export interface ChannelInput {
  key: string;
  name: string;
  online?: boolean | undefined;
}

export interface ChannelFilter extends PageQuery {
  online?: boolean | undefined;
  builtin?: boolean | undefined;
  q?: string | undefined;
}

export const CHANNEL_SORTS = ['key', 'name', 'createdAt', 'updatedAt'] as const;

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The name a channel is listed, searched and sorted by: its custom name, else the English name of
 * a built-in channel (the same as `channelName`, inside the database).
 */
const resolvedName: SQL<string> = sql`coalesce(${channels.name}, case ${channels.key} ${sql.raw(
  DEFAULT_CHANNELS.map((c) => `when ${quoted(c.key)} then ${quoted(c.name)}`).join(' '),
)} else ${channels.key} end)`;

/** One page of the workspace's channels, built-in and own. */
export async function listChannels(db: Db, workspaceId: string, f: ChannelFilter) {
  const where = and(
    eq(channels.workspaceId, workspaceId),
    f.online === undefined ? undefined : eq(channels.online, f.online),
    f.builtin === undefined ? undefined : eq(channels.builtin, f.builtin),
    f.q ? or(ilike(channels.key, likePattern(f.q)), ilike(resolvedName, likePattern(f.q))) : undefined,
  );
  const sortable = {
    key: channels.key,
    name: resolvedName,
    createdAt: channels.createdAt,
    updatedAt: channels.updatedAt,
  };
  const { rows, total } = await readPage(db, channels, where, sortable, 'name', f);
  return { items: rows.map(toChannelDto), total, limit: f.limit, offset: f.offset };
}

export async function getChannel(db: Db, workspaceId: string, id: string): Promise<ChannelRow> {
  return findOne(db, channels, 'channel', workspaceId, id);
}

/** Finds a channel of the workspace by its key, or undefined. */
export async function findChannelByKey(
  db: Db,
  workspaceId: string,
  key: string,
): Promise<ChannelRow | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.key, key)))
    .limit(1);
  return row;
}

async function ensureKeyFree(db: Db, workspaceId: string, key: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        eq(channels.key, key),
        exceptId ? ne(channels.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw new ConflictError(`a channel with key "${key}" already exists in this workspace`, { field: 'key' });
}

/** Adds a channel of the workspace's own; its key must be free (409 naming `key`). */
export async function createChannel(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: ChannelInput,
): Promise<ChannelRow> {
  return db.transaction(async (tx) => {
    await ensureKeyFree(tx, workspaceId, input.key);
    const [row] = await tx
      .insert(channels)
      .values({ id: crypto.randomUUID(), workspaceId, ...input, builtin: false })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'channel',
      entityId: row.id,
      after: toChannelDto(row),
    });
    return row;
  });
}

/** Changes a channel; a built-in channel keeps its key, the name the reference list and imports know it by. */
export async function updateChannel(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<Omit<ChannelInput, 'name'>> & { name?: string | null | undefined; version: number },
): Promise<ChannelRow> {
  return db.transaction(async (tx) => {
    const before = await getChannel(tx, workspaceId, id);
    const { version, name, ...fields } = patch;
    // A built-in channel renamed to nothing (or to its English name) shows its default name again.
    if (name !== undefined && !name && !before.builtin)
      throw invalid('name', 'must not be empty (only a built-in channel goes back to its default name)');
    const values = {
      ...fields,
      ...(name !== undefined ? { name: before.builtin ? customChannelName(before.key, name) : name } : {}),
    };
    if (values.key !== undefined && values.key !== before.key) {
      if (before.builtin)
        throw new ConflictError(
          `the key of built-in channel "${before.key}" cannot change; add a channel of your own instead`,
          { field: 'key' },
        );
      await ensureKeyFree(tx, workspaceId, values.key, id);
    }
    const after = await updateVersioned(tx, channels, 'channel', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'channel',
      entityId: id,
      before: toChannelDto(before),
      after: toChannelDto(after),
    });
    return after;
  });
}

/** Deletes a workspace's own channel; its touchpoints and journeys stay, without channel. */
export async function deleteChannel(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getChannel(tx, workspaceId, id);
    if (before.builtin)
      throw new ConflictError(`built-in channel "${before.key}" cannot be deleted; it can be renamed`, {
        field: 'builtin',
      });
    await tx.delete(channels).where(and(eq(channels.id, id), eq(channels.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'channel',
      entityId: id,
      before: toChannelDto(before),
    });
  });
}
