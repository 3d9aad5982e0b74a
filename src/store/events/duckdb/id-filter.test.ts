import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { IdFilter, readHashes } from './id-filter.js';

/** Hashes as words (low, high of each in turn). */
const words = (...hashes: [number, number][]) => new Uint32Array(hashes.flat());

async function filterOf(ids: readonly string[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE interactions (workspace_id VARCHAR, id VARCHAR)');
  for (const id of ids) await connection.run('INSERT INTO interactions VALUES ($1, $2)', ['ws', id]);
  return { connection, filter: await IdFilter.build(connection, 10), close: () => instance.closeSync() };
}

describe('id filter', () => {
  it('reads the hashes of a query as two words each, as DuckDB computes them', async () => {
    const { connection, close } = await filterOf([]);
    try {
      const hashes = await readHashes(connection, 'SELECT hash(i) FROM range(5000) t(i)');
      expect(hashes).toHaveLength(10_000);
      const reader = await connection.runAndReadAll(
        'SELECT hash(i)::VARCHAR AS h FROM range(5000) t(i) LIMIT 3',
      );
      const expected = reader.getRowObjectsJS().map((r) => BigInt(String(r.h)));
      const got = [0, 1, 2].map(
        (n) => (BigInt(hashes[2 * n + 1] as number) << 32n) | BigInt(hashes[2 * n] as number),
      );
      expect(got).toEqual(expected);
    } finally {
      close();
    }
  });

  it('says "maybe" for the ids the table holds and for repeats, "no" for new ones', async () => {
    const { connection, filter, close } = await filterOf(['a', 'b']);
    try {
      const stored = await readHashes(connection, `SELECT hash('ws', id) FROM (VALUES ('b')) t(id)`);
      expect(filter.add(stored)).toBe(true);
      const fresh = await readHashes(connection, `SELECT hash('ws', id) FROM (VALUES ('c'), ('d')) t(id)`);
      expect(filter.add(fresh)).toBe(false);
      expect(filter.add(fresh.subarray(0, 2))).toBe(true);
      const other = await readHashes(connection, `SELECT hash('other', 'a')`);
      expect(filter.add(other)).toBe(false);
      // Within one call a repeat is a "maybe" too.
      const twice = await readHashes(connection, `SELECT hash('ws', id) FROM (VALUES ('e'), ('e')) t(id)`);
      expect(filter.add(twice)).toBe(true);
    } finally {
      close();
    }
  });

  it('keeps hashes with the same home slot apart by their high word, and a high word of 0', async () => {
    const { filter, close } = await filterOf([]);
    try {
      expect(filter.add(words([7, 100], [7, 200], [7 + 65_536, 300], [9, 0]))).toBe(false);
      expect(filter.add(words([7, 200]))).toBe(true);
      expect(filter.add(words([7, 300]))).toBe(true); // a false "maybe": same tag, probed alike
      expect(filter.add(words([9, 0]))).toBe(true);
      expect(filter.add(words([7, 400]))).toBe(false);
    } finally {
      close();
    }
  });

  it('has room for what it was built for, then asks to be built again', async () => {
    const { filter, close } = await filterOf([]);
    try {
      const capacity = 65_536;
      expect(filter.hasRoomFor(Math.floor(capacity * 0.7))).toBe(true);
      expect(filter.hasRoomFor(capacity)).toBe(false);
      expect(() => filter.add(new Uint32Array(capacity * 2))).toThrow(/build it again/);
    } finally {
      close();
    }
  });
});
