import { asc, count, desc, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

/** How a list is cut: page window and order. */
export interface PageQuery {
  limit: number;
  offset: number;
  /** A sortable field name, `-` in front for descending. */
  sort?: string | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Reads one page of `table` matching `where`, ordered by the requested sortable column or
 * expression (then by id so pages never overlap), together with the total count.
 */
export async function readPage<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  where: SQL | undefined,
  sortable: Record<string, PgColumn | SQL>,
  defaultSort: string,
  q: PageQuery,
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const sort = q.sort ?? defaultSort;
  const descending = sort.startsWith('-');
  const column = sortable[descending ? sort.slice(1) : sort] ?? sortable[defaultSort.replace(/^-/, '')];
  const order = column ? [descending ? desc(column) : asc(column), asc(table.id)] : [asc(table.id)];
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(table as PgTable)
      .where(where)
      .orderBy(...order)
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: count() })
      .from(table as PgTable)
      .where(where),
  ]);
  return { rows: rows as T['$inferSelect'][], total: Number(totals[0]?.n ?? 0) };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
