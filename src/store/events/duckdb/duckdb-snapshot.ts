/**
 * A consistent copy of the open event store into a new DuckDB file, while the store keeps
 * serving: `COPY FROM DATABASE` reads every table in one transaction (one snapshot), so a copy
 * made between two write batches holds each batch whole or not at all.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Copies the database `connection` is on into the new file `file` (which must not exist yet). */
export async function snapshotDuckDb(connection: DuckDBConnection, file: string): Promise<void> {
  const [row] = (await connection.runAndReadAll('SELECT current_database() AS name')).getRowObjectsJS() as {
    name: string;
  }[];
  const source = `"${(row?.name ?? '').replaceAll('"', '""')}"`;
  await connection.run(`ATTACH ${literal(file)} AS touchpoints_snapshot`);
  try {
    await connection.run(`COPY FROM DATABASE ${source} TO touchpoints_snapshot`);
  } finally {
    await connection.run('DETACH touchpoints_snapshot');
  }
}
