import { describe, expect, it } from 'vitest';
import { type ParseOptions, ReadRecordsError, rowReader, type SourceRow } from './parse-records.js';

/** All rows of `text` fed to a reader in pieces of `size` characters. */
function rows(text: string, options: ParseOptions, size = text.length): SourceRow[] {
  const reader = rowReader(options);
  const out: SourceRow[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...reader.push(text.slice(i, i + size)));
  out.push(...reader.end());
  return out;
}

describe('rowReader', () => {
  const csv =
    '\uFEFFwho,touchpoint,at,sentiment,props\r\n"c,1",web,1714550400000,-1,"{""a"":1}"\r\nc2,web,x,,\r\nc3,web\r\n';
  const csvOptions: ParseOptions = {
    kind: 'interactions',
    format: 'csv',
    map: new Map([['who', 'customer']]),
  };
  const csvRows: SourceRow[] = [
    {
      row: 1,
      record: { customer: 'c,1', touchpoint: 'web', at: 1714550400000, sentiment: -1, props: { a: 1 } },
    },
    { row: 2, record: { customer: 'c2', touchpoint: 'web', at: 'x' } },
    { row: 3, error: { field: '', message: 'has 2 cells; the header has 5 columns' } },
  ];

  it('gives the same CSV rows whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7, 1000]) expect(rows(csv, csvOptions, size)).toEqual(csvRows);
  });

  it('gives the same NDJSON rows whatever the chunk boundaries, numbering lines', () => {
    const ndjson = '\uFEFF{"who":"c1","touchpoint":"web"}\r\n\n{"who":\n[1]';
    const expected: SourceRow[] = [
      { row: 1, record: { customer: 'c1', touchpoint: 'web' } },
      {
        row: 3,
        error: { field: '', message: expect.stringMatching(/^is not valid JSON/) as unknown as string },
      },
      { row: 4, error: { field: '', message: 'must be a JSON object' } },
    ];
    for (const size of [1, 4, 1000])
      expect(rows(ndjson, { ...csvOptions, format: 'ndjson' }, size)).toEqual(expected);
  });

  it('refuses a CSV without a header row and a column that is no field', () => {
    expect(() => rows('', csvOptions)).toThrow(ReadRecordsError);
    expect(() => rows('customer,colour\nc1,red\n', { kind: 'interactions', format: 'csv' })).toThrow(
      /column "colour" is not a field of interactions/,
    );
  });

  /** All rows of `bytes` fed to a reader in pieces of `size` bytes. */
  function byteRows(bytes: Buffer, options: ParseOptions, size = bytes.length): SourceRow[] {
    const reader = rowReader(options);
    const out: SourceRow[] = [];
    for (let i = 0; i < bytes.length; i += size) out.push(...reader.pushBytes(bytes.subarray(i, i + size)));
    out.push(...reader.end());
    return out;
  }
  const latin = (text: string) => Buffer.from(text, 'latin1');

  it('refuses a CSV row whose kept field holds bytes that are not UTF-8, naming the field', () => {
    // é in Latin-1 (0xE9) is no UTF-8; an unquoted cell, a quoted one, a dropped column.
    const bytes = Buffer.concat([
      Buffer.from('who,touchpoint,at,note\n'),
      latin('Zoë,web,1,\n'),
      latin('c2,"wéb\n",1,\n'),
      latin('c3,web,1,ignoré\n'),
      Buffer.from('c4,wéb,1,\n'),
      latin('c5,web,1,'),
    ]);
    const options: ParseOptions = {
      ...csvOptions,
      map: new Map([
        ['who', 'customer'],
        ['note', ''],
      ]),
    };
    const expected: SourceRow[] = [
      { row: 1, error: { field: 'customer', message: 'invalid UTF-8' } },
      { row: 2, error: { field: 'touchpoint', message: 'invalid UTF-8' } },
      { row: 3, record: { customer: 'c3', touchpoint: 'web', at: 1 } },
      { row: 4, record: { customer: 'c4', touchpoint: 'wéb', at: 1 } },
      { row: 5, record: { customer: 'c5', touchpoint: 'web', at: 1 } },
    ];
    for (const size of [1, 2, 5, 1000]) expect(byteRows(bytes, options, size)).toEqual(expected);
    expect(byteRows(bytes, { ...options, acceptInvalidUtf8: true }, 3).slice(0, 2)).toEqual([
      { row: 1, record: { customer: 'Zo\uFFFD', touchpoint: 'web', at: 1 } },
      { row: 2, record: { customer: 'c2', touchpoint: 'w\uFFFDb\n', at: 1 } },
    ]);
    expect(() => byteRows(latin('customér,touchpoint,at\n'), csvOptions)).toThrow(
      /the header row holds bytes that are not UTF-8 \(column 1\)/,
    );
  });

  it('refuses an NDJSON line whose value holds bytes that are not UTF-8, naming the field', () => {
    const bytes = Buffer.concat([
      latin('{"who":"Zoë","touchpoint":"web"}\n'),
      latin('{"touchpoint":"web","props":{"a":["é"]}}\n'),
      latin('{"touchpoïnt":"web"}\n'),
      latin('{"who":"c4","note":"ignoré"}\n'),
      Buffer.from('{"who":"c5\uFFFD"}\n'),
      latin('{"who":"é'),
    ]);
    const options: ParseOptions = {
      ...csvOptions,
      format: 'ndjson',
      map: new Map([
        ['who', 'customer'],
        ['note', ''],
      ]),
    };
    const expected: SourceRow[] = [
      { row: 1, error: { field: 'customer', message: 'invalid UTF-8' } },
      { row: 2, error: { field: 'props', message: 'invalid UTF-8' } },
      { row: 3, error: { field: '', message: 'invalid UTF-8' } },
      { row: 4, record: { customer: 'c4' } },
      { row: 5, record: { customer: 'c5\uFFFD' } },
      { row: 6, error: { field: '', message: 'invalid UTF-8' } },
    ];
    for (const size of [1, 3, 1000]) expect(byteRows(bytes, options, size)).toEqual(expected);
    expect(byteRows(bytes, { ...options, acceptInvalidUtf8: true })[0]).toEqual({
      row: 1,
      record: { customer: 'Zo\uFFFD', touchpoint: 'web' },
    });
  });

  it('refuses values nested deeper than 32 levels: a CSV props cell, any NDJSON field', () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const cell = (json: string) => `"${json.replaceAll('"', '""')}"`;
    const csvText = `customer,touchpoint,at,props\nc,web,1,${cell(deep(32))}\nc,web,1,${cell(deep(33))}\nc,web,1,${cell(deep(10_000))}\n`;
    const csvResult = rows(csvText, { kind: 'interactions', format: 'csv' });
    expect(csvResult[0]).toMatchObject({ row: 1, record: { props: JSON.parse(deep(32)) } });
    expect(csvResult.slice(1)).toEqual(
      [2, 3].map((row) => ({
        row,
        error: { field: 'props', message: 'must be nested at most 32 levels deep' },
      })),
    );
    const lines = [
      `{"customer":"c","props":${deep(32)}}`,
      `{"customer":"c","props":${deep(10_000)}}`,
      `{"customer":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      `{"who":${deep(33)}}`,
      `{"note":${deep(10_000)}}`,
    ].join('\n');
    const ndjson = rows(lines, {
      ...csvOptions,
      format: 'ndjson',
      map: new Map([
        ['who', 'customer'],
        ['note', ''],
      ]),
    });
    expect(ndjson).toEqual([
      { row: 1, record: { customer: 'c', props: JSON.parse(deep(32)) } },
      { row: 2, error: { field: 'props', message: 'must be nested at most 32 levels deep' } },
      { row: 3, error: { field: 'customer', message: 'must be nested at most 32 levels deep' } },
      { row: 4, error: { field: 'customer', message: 'must be nested at most 32 levels deep' } },
      { row: 5, record: {} },
    ]);
  });
});
