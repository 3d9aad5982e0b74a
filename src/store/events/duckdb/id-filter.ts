/**
 * Which interaction ids may already be stored, in memory: the event store checks each batch here
 * instead of in a primary-key index. DuckDB's index on (workspace, id) cost about three quarters
 * of a 10,000-row insert (65 ms against 18 ms without it, at 3 M rows) and grew with the table;
 * this filter answers in well under a millisecond per batch and takes 4 bytes a slot.
 *
 * It holds DuckDB's `hash(workspace_id, id)` of every stored interaction, so a batch is checked
 * with hashes the engine computes for it. The answer is "maybe stored" or "certainly not": a
 * slot keeps the high 32 bits of a hash and its place in the table some of the low ones, so two
 * ids share an entry only by a 2^-32-to-one chance per probe. A "maybe" is settled by the engine
 * comparing the ids themselves (see the store), so a false one costs time, never a record.
 */
import type { DuckDBConnection, DuckDBMaterializedResult, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/** The most a table is filled before it is rebuilt twice as large. */
const MAX_LOAD = 0.7;
const MIN_CAPACITY = 1 << 16;

/**
 * The hashes a query's single UBIGINT column returns, as little-endian 32-bit words (low, high
 * of each hash in turn), read straight from DuckDB's vectors without a JS value per row.
 */
export async function readHashes(
  connection: DuckDBConnection,
  sql: string,
  params?: Record<string, DuckDBValue>,
  types?: Record<string, DuckDBType>,
): Promise<Uint32Array> {
  return hashesOf(await connection.run(sql, params, types));
}

/**
 * The hashes of a materialized result (see readHashes), its chunks read synchronously: fetching
 * them one by one would take a turn of the event loop each.
 */
export function hashesOf(result: DuckDBMaterializedResult): Uint32Array {
  let rows = 0;
  for (let c = 0; c < result.chunkCount; c++) rows += result.getChunk(c).rowCount;
  const words = new Uint32Array(rows * 2);
  const view = new Uint8Array(words.buffer);
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    if (chunk.rowCount === 0) continue;
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, 0);
    const data = duckdb.vector_get_data(vector, chunk.rowCount * 8);
    view.set(data, offset);
    offset += data.byteLength;
  }
  return words;
}

/**
 * An open-addressing set of 64-bit hashes (linear probing) that answers "maybe held" or "no".
 * Slots keep only the high word, so the table cannot be rehashed larger from itself: when it
 * has no room left, it is built again from the engine (`build`), with room to spare.
 */
export class IdFilter {
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private count = 0;

  private constructor(capacity: number) {
    this.slots = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /**
   * A filter of every interaction the database holds, with room for `extra` more and half as
   * many again (so a growing store rebuilds it at every 1.5-fold, not at every batch).
   */
  static async build(connection: DuckDBConnection, extra = 0): Promise<IdFilter> {
    const hashes = await readHashes(connection, 'SELECT hash(workspace_id, id) FROM interactions');
    const entries = hashes.length / 2 + extra;
    let capacity = MIN_CAPACITY;
    while (capacity * MAX_LOAD < entries * 1.5) capacity *= 2;
    const filter = new IdFilter(capacity);
    filter.add(hashes);
    return filter;
  }

  /** Whether `n` more hashes fit without passing the load limit. */
  hasRoomFor(n: number): boolean {
    return this.count + n <= this.slots.length * MAX_LOAD;
  }

  /**
   * Adds the hashes (words as `readHashes` gives them; call `hasRoomFor` first) and tells whether
   * any of them may have been held already, or repeats an earlier one of the same call.
   */
  add(hashes: Uint32Array): boolean {
    if (!this.hasRoomFor(hashes.length / 2)) throw new Error('the id filter has no room: build it again');
    const slots = this.slots;
    const mask = this.mask;
    let seen = false;
    for (let i = 0; i < hashes.length; i += 2) {
      // 0 marks an empty slot: a hash whose high word is 0 is kept as 1 (a shade more "maybe").
      const tag = hashes[i + 1] || 1;
      let slot = (hashes[i] as number) & mask;
      for (;;) {
        const held = slots[slot];
        if (held === 0) {
          slots[slot] = tag;
          this.count++;
          break;
        }
        if (held === tag) {
          seen = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return seen;
  }
}
