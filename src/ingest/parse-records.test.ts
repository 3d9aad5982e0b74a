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
});
