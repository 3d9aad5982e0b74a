/** Rows and a content checksum of every catalog table, for backups (PGlite and PostgreSQL alike). */
import { sql } from 'drizzle-orm';
import type { TableSummaries } from '../table-summary.js';
import type { Db } from './db.js';

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Summarizes every table of the catalog's own schemas (`public` and drizzle's migration log). */
export async function summarizeCatalogTables(db: Db): Promise<TableSummaries> {
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await db.execute(sql`
      SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE'
      ORDER BY table_schema, table_name`),
  );
  const summaries: TableSummaries = {};
  for (const { table_schema: schema, table_name: name } of tables) {
    const table = `${quoted(schema)}.${quoted(name)}`;
    // Each row's text form hashed, the hashes sorted: a digest independent of storage order.
    const [row] = rowsOf<{ n: string | number; h: string }>(
      await db.execute(
        sql.raw(
          `SELECT count(*) AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS h FROM ${table} AS t`,
        ),
      ),
    );
    summaries[`${schema}.${name}`] = { rows: Number(row?.n ?? 0), checksum: row?.h ?? '' };
  }
  return summaries;
}
