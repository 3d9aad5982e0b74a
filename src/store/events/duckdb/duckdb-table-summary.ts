/**
 * Rows and a content checksum of every table in a closed DuckDB event-store file, for backups:
 * the file is opened on its own (replaying any log left in it), summarized and closed.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { TableSummaries } from '../../table-summary.js';

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Summarizes each table of the DuckDB file `file`; the store must not hold it open. */
export async function summarizeDuckDbFile(file: string): Promise<TableSummaries> {
  const instance = await DuckDBInstance.create(file);
  try {
    const connection = await instance.connect();
    try {
      // Writes the log into the file, so the file alone holds everything.
      await connection.run('CHECKPOINT');
      const tables = (
        await connection.runAndReadAll(
          "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name",
        )
      ).getRowObjectsJS() as { table_name: string }[];
      const summaries: TableSummaries = {};
      for (const { table_name: name } of tables) {
        // hash(t) hashes the whole row; XOR makes the digest independent of row order.
        const row = (
          await connection.runAndReadAll(
            `SELECT count(*)::BIGINT AS n, coalesce(bit_xor(hash(t)), 0)::VARCHAR AS h FROM main.${quoted(name)} AS t`,
          )
        ).getRowObjectsJS()[0] as { n: bigint; h: string };
        summaries[name] = { rows: Number(row.n), checksum: row.h };
      }
      return summaries;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
