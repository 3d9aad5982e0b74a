import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { codedColumn } from '../event-store.js';
import { appendColumns, type Column } from './append-columns.js';

interface Row {
  text: string | null;
  big: number | null;
  tiny: number | null;
  real: number | null;
  int: number | null;
  word: string | null;
}

const COLUMNS: Column<Row>[] = [
  { kind: 'varchar', value: (r) => r.text },
  { kind: 'bigint', value: (r) => r.big },
  { kind: 'tinyint', value: (r) => r.tiny },
  { kind: 'double', value: (r) => r.real },
  { kind: 'integer', value: (r) => r.int },
  // Every row's word NULL: the first test codes its own words.
  { kind: 'coded', values: [], code: () => 0 },
];

async function table() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE t (text VARCHAR, big BIGINT, tiny TINYINT, real DOUBLE, int INTEGER, word INTEGER)',
  );
  return { instance, connection };
}

describe('appendColumns', () => {
  it('writes text, integers of any sign and size, doubles, dictionary codes and NULLs over several chunks', async () => {
    const { instance, connection } = await table();
    // 5,000 rows span three chunks of 2,048; NULLs fall in the first chunk only for `real`
    // (a later chunk without NULLs must not inherit the earlier mask), in every chunk otherwise.
    const rows: Row[] = Array.from({ length: 5000 }, (_, n) => ({
      text: n % 7 === 0 ? null : n % 11 === 0 ? `long text with ünïcödé and 😀 ${n}` : `t${n}`,
      big: n % 5 === 0 ? null : (n % 2 === 0 ? -1 : 1) * (n * 2 ** 40 + n),
      tiny: n % 3 === 0 ? null : (n % 3) - 1 - (n % 2),
      real: n < 100 && n % 2 === 0 ? null : n / 8,
      int: n % 13 === 0 ? null : (n % 2 === 0 ? -1 : 1) * n * 400_000,
      // Repeats across chunks keep their first code; NULLs and '' are apart.
      word: n % 17 === 0 ? null : n % 19 === 0 ? '' : `w${n % 23}😀`,
    }));
    rows.push({
      text: '',
      big: Number.MAX_SAFE_INTEGER,
      tiny: -128,
      real: -0.5,
      int: 2 ** 31 - 1,
      word: 'x',
    });
    rows.push({
      text: 'x',
      big: Number.MIN_SAFE_INTEGER,
      tiny: 127,
      real: 1e300,
      int: -(2 ** 31),
      word: 'w1😀',
    });
    const coded = codedColumn(rows.map((r) => r.word));
    const codeOf = new Map(rows.map((r, i) => [r, coded.codes[i] ?? 0]));
    const columns: Column<Row>[] = [
      ...COLUMNS.slice(0, 5),
      { kind: 'coded', values: coded.values, code: (r) => codeOf.get(r) ?? 0 },
    ];
    const appender = await connection.createAppender('t');
    const dictionaries = appendColumns(appender, columns, rows);
    appender.flushSync();
    appender.closeSync();
    const words = dictionaries[5] ?? [];
    expect(dictionaries.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(new Set(words).size).toBe(words.length);
    expect(words).toHaveLength(25);

    const stored = (
      await connection.runAndReadAll(
        'SELECT * REPLACE (list_extract($words::VARCHAR[], word) AS word) FROM t',
        {
          words: listValue(words),
        },
      )
    ).getRowObjectsJS();
    expect(stored).toHaveLength(rows.length);
    expect(
      stored.map((r) => ({
        text: r.text,
        big: r.big === null ? null : Number(r.big),
        tiny: r.tiny,
        real: r.real,
        int: r.int,
        word: r.word,
      })),
    ).toEqual(rows);
    connection.closeSync();
    instance.closeSync();
  });

  it('writes coded text as its codes, 0 as NULL, and answers the values that decode them', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('CREATE TABLE c (n INTEGER, word INTEGER)');
    const values = ['in', 'out', 'ünïcödé 😀'];
    const codes = Int32Array.from({ length: 5000 }, (_, n) => n % 4);
    const appender = await connection.createAppender('c');
    const dictionaries = appendColumns(
      appender,
      [
        { kind: 'integer', value: (n: number) => n },
        { kind: 'coded', values, code: (n: number) => codes[n] ?? 0 },
      ],
      Array.from(codes.keys()),
    );
    appender.flushSync();
    appender.closeSync();
    expect(dictionaries).toEqual([undefined, values]);
    const stored = (
      await connection.runAndReadAll(
        'SELECT n, list_extract($words::VARCHAR[], word) AS word FROM c ORDER BY n',
        {
          words: listValue(values),
        },
      )
    ).getRowObjectsJS();
    expect(stored).toEqual(
      Array.from(codes, (code, n) => ({ n, word: code === 0 ? null : values[code - 1] })),
    );
    connection.closeSync();
    instance.closeSync();
  });

  it('refuses columns that do not match the table and numbers that are no safe integers', async () => {
    const { instance, connection } = await table();
    const appender = await connection.createAppender('t');
    expect(() => appendColumns(appender, COLUMNS.slice(1), [])).toThrow(/6 columns, not 5/);
    expect(() => appendColumns(appender, [COLUMNS[1], ...COLUMNS.slice(1)] as Column<Row>[], [])).toThrow(
      /column 0 is VARCHAR, written as bigint/,
    );
    expect(() =>
      appendColumns(appender, COLUMNS, [{ text: 'a', big: 1.5, tiny: 0, real: 0, int: 0, word: null }]),
    ).toThrow(/not a safe integer/);
    appender.closeSync();
    connection.closeSync();
    instance.closeSync();
  });
});
