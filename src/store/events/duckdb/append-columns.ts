/**
 * Fills an appender column by column, writing straight into DuckDB's data chunks: numbers go
 * into typed arrays copied into the vectors in one call per column and chunk, NULLs into a
 * validity bitmask, and only text needs one call per value. The generic row writer of the
 * node API converts every value on its own (and its validity mask does BigInt arithmetic per
 * value), which cost about twice as much per batch of interactions.
 */
import { endianness } from 'node:os';
import type { DuckDBAppender } from '@duckdb/node-api';
import { DuckDBDataChunk, DuckDBTypeId } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/** How one column is read from a row; the kind must match the column's DuckDB type. */
export type Column<T> =
  | { kind: 'varchar'; value: (row: T) => string | null }
  | { kind: 'bigint'; value: (row: T) => number | null }
  | { kind: 'integer'; value: (row: T) => number | null }
  /** Text already coded: the row's code is 1 + the index of its value in `values`, 0 for NULL (INTEGER). */
  | { kind: 'coded'; values: readonly string[]; code: (row: T) => number }
  | { kind: 'tinyint'; value: (row: T) => number | null }
  | { kind: 'double'; value: (row: T) => number | null };

const TYPE_OF_KIND = {
  varchar: DuckDBTypeId.VARCHAR,
  bigint: DuckDBTypeId.BIGINT,
  integer: DuckDBTypeId.INTEGER,
  coded: DuckDBTypeId.INTEGER,
  tinyint: DuckDBTypeId.TINYINT,
  double: DuckDBTypeId.DOUBLE,
} as const;

const TWO_32 = 2 ** 32;

// The validity mask and the integers are written as little-endian words.
if (endianness() !== 'LE') throw new Error('the event store writes DuckDB vectors as little-endian');

/**
 * Appends `rows` to the appender (which must be flushed by the caller), in chunks of DuckDB's
 * vector size; answers the values of each coded column (value n at index n − 1), the
 * query that reads the rows decodes them with it. Throws before writing anything if the columns
 * do not match the appender's.
 *
 * Coded columns exist because a text value costs a call into DuckDB (about 0.4 µs) and numbers
 * cost next to nothing: a batch's workspace, touchpoints, directions… repeat, and their few
 * distinct values travel as one list parameter.
 */
export function appendColumns<T>(
  appender: DuckDBAppender,
  columns: readonly Column<T>[],
  rows: readonly T[],
): (string[] | undefined)[] {
  if (appender.columnCount !== columns.length)
    throw new Error(`the appender has ${appender.columnCount} columns, not ${columns.length}`);
  const types = columns.map((column, index) => {
    const type = appender.columnType(index);
    if (type.typeId !== TYPE_OF_KIND[column.kind])
      throw new Error(`column ${index} is ${type}, written as ${column.kind}`);
    return type;
  });
  const dictionaries = columns.map((column) => (column.kind === 'coded' ? [...column.values] : undefined));
  if (rows.length === 0) return dictionaries;

  const capacity = duckdb.vector_size();
  const chunk = DuckDBDataChunk.create(types);
  const raw = chunk.chunk;
  const doubles = new Float64Array(capacity);
  const words = new Int32Array(capacity * 2);
  const unsignedWords = new Uint32Array(words.buffer);
  const bytes = new Int8Array(capacity);
  const validity = new Uint32Array(capacity / 32);

  for (let start = 0; start < rows.length; start += capacity) {
    const count = Math.min(capacity, rows.length - start);
    duckdb.data_chunk_reset(raw);
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as Column<T>;
      const vector = duckdb.data_chunk_get_vector(raw, c);
      let nulls = 0;
      validity.fill(0xffffffff);
      switch (column.kind) {
        case 'varchar': {
          const read = column.value;
          for (let i = 0; i < count; i++) {
            const text = read(rows[start + i] as T);
            if (text === null) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
            } else duckdb.vector_assign_string_element(vector, i, text);
          }
          break;
        }
        case 'bigint': {
          const read = column.value;
          for (let i = 0; i < count; i++) {
            const n = read(rows[start + i] as T);
            let high = 0;
            let low = 0;
            if (n === null) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
            } else {
              if (!Number.isSafeInteger(n)) throw new Error(`column ${c}: ${n} is not a safe integer`);
              high = Math.floor(n / TWO_32);
              low = n - high * TWO_32;
            }
            words[2 * i + 1] = high;
            unsignedWords[2 * i] = low;
          }
          duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, count * 8);
          break;
        }
        case 'integer': {
          const read = column.value;
          for (let i = 0; i < count; i++) {
            const n = read(rows[start + i] as T);
            if (n === null) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
              words[i] = 0;
            } else words[i] = n;
          }
          duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, count * 4);
          break;
        }
        case 'coded': {
          const read = column.code;
          for (let i = 0; i < count; i++) {
            const n = read(rows[start + i] as T);
            if (n === 0) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
            }
            words[i] = n;
          }
          duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, count * 4);
          break;
        }
        case 'tinyint': {
          const read = column.value;
          for (let i = 0; i < count; i++) {
            const n = read(rows[start + i] as T);
            if (n === null) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
              bytes[i] = 0;
            } else bytes[i] = n;
          }
          duckdb.copy_data_to_vector(vector, 0, bytes.buffer, 0, count);
          break;
        }
        case 'double': {
          const read = column.value;
          for (let i = 0; i < count; i++) {
            const n = read(rows[start + i] as T);
            if (n === null) {
              validity[i >>> 5] = (validity[i >>> 5] as number) & ~(1 << (i & 31));
              nulls++;
              doubles[i] = 0;
            } else doubles[i] = n;
          }
          duckdb.copy_data_to_vector(vector, 0, doubles.buffer, 0, count * 8);
          break;
        }
      }
      if (nulls > 0) {
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(count / 64) * 8);
      }
    }
    duckdb.data_chunk_set_size(raw, count);
    appender.appendDataChunk(chunk);
  }
  return dictionaries;
}
