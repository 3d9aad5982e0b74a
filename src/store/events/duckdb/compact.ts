/**
 * Makes purged rows physically gone from the event store's file. DuckDB marks a deleted row in
 * its row group's version information and leaves the values in the column segments; a
 * checkpoint rewrites (vacuums) only row groups that lost enough rows, and the blocks it frees
 * stay in the file with their old bytes until a later write happens to reuse them. VACUUM does
 * not reclaim anything. Measured on DuckDB 1.5 with a distinctive customer key: after DELETE and
 * CHECKPOINT (or FORCE CHECKPOINT, or the table copied within the file and the old one dropped)
 * the key is still in the file's bytes.
 *
 * What removes them is the documented way of compacting a database: copying it into a fresh file
 * (`COPY FROM DATABASE`) and putting that file in the old one's place. The store does so after a
 * purge, in its write queue, with reads paused and its connections closed for the swap (see
 * duckdb-event-store.ts); its cost is that of writing the whole file once.
 *
 * Crash safety: the purge itself committed before, with `compact_pending` set; the copy goes to
 * `<file>.compacting` (the pending mark cleared in it) and is renamed over the file only once
 * complete and synced. A crash before the rename leaves the old file, still marked, and a
 * leftover copy that the next open removes before compacting again.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { COMPACT_PENDING } from './purge.js';

/** Where the compacted copy of `file` is written. */
export function compactingFile(file: string): string {
  return `${file}.compacting`;
}

/** Removes a copy left by a compaction that did not finish (the file itself is intact). */
export function removeUnfinishedCopy(file: string): void {
  const target = compactingFile(file);
  rmSync(target, { force: true });
  rmSync(`${target}.wal`, { force: true });
}

/**
 * Writes the whole database `connection` is on into `<file>.compacting`, without the rows
 * deleted from it and with its pending mark cleared. Nothing else may write meanwhile.
 */
export async function writeCompactedCopy(connection: DuckDBConnection, file: string): Promise<void> {
  const target = compactingFile(file);
  removeUnfinishedCopy(file);
  const database = String(
    (await connection.runAndReadAll('SELECT current_database() AS name')).getRowObjectsJS()[0]?.name,
  );
  await connection.run(`ATTACH '${target.replaceAll("'", "''")}' AS compacting`);
  try {
    await connection.run(`COPY FROM DATABASE "${database.replaceAll('"', '""')}" TO compacting`);
    await connection.run(`DELETE FROM compacting.event_store_meta WHERE name = '${COMPACT_PENDING}'`);
    await connection.run('CHECKPOINT compacting');
  } finally {
    await connection.run('DETACH compacting');
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts the compacted copy in the place of `file`, whose engine must be closed. The old file's log
 * goes too: it would be replayed into the new file, which holds everything it had.
 */
export function swapInCompactedCopy(file: string): void {
  const target = compactingFile(file);
  fsyncPath(target);
  if (existsSync(`${target}.wal`)) throw new Error('the compacted copy of the event store kept a log');
  rmSync(`${file}.wal`, { force: true });
  renameSync(target, file);
  fsyncPath(dirname(file));
}
