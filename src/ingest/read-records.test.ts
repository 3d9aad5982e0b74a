import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, columnFields, type ReadOptions, readRecords, type SourceRow } from './read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'read-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function read(
  content: string | Buffer,
  options: Omit<ReadOptions, 'kind'> & { kind?: ReadOptions['kind'] },
) {
  const file = join(dir, `f${n++}`);
  writeFileSync(file, content);
  const rows: SourceRow[] = [];
  for await (const chunk of readRecords(file, { kind: 'interactions', ...options })) rows.push(...chunk);
  return rows;
}

/** Parses the text fed in pieces of `size` characters. */
function parse(text: string, size = text.length): string[][] {
  const parser = new CsvParser();
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.end());
  return out.map((r) => (r.malformed ? ['MALFORMED', r.malformed] : r.cells));
}

describe('CsvParser', () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2"\r\n,,\r\n\r\n"",plain,"end"';
  const expected = [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'line1\r\nline2'],
    ['', '', ''],
    ['', 'plain', 'end'],
  ];

  it('reads quoted commas, doubled quotes, line breaks, CRLF, empty cells; skips blank lines', () => {
    expect(parse(text)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7]) expect(parse(text, size)).toEqual(expected);
  });

  it('ends records at LF, CR and end of file, with a trailing comma giving an empty cell', () => {
    expect(parse('a\nb\rc,')).toEqual([['a'], ['b'], ['c', '']]);
    expect(parse('a,b\n')).toEqual([['a', 'b']]);
  });

  it('drops a leading byte-order mark', () => {
    expect(parse('\uFEFFid,at\n1,2')).toEqual([
      ['id', 'at'],
      ['1', '2'],
    ]);
  });

  it('flags text after a closing quote and an unclosed quote', () => {
    expect(parse('"ab"c,d\nok')).toEqual([
      ['MALFORMED', 'a quoted field must end at a comma or the end of the line'],
      ['ok'],
    ]);
    expect(parse('a\n"open')).toEqual([
      ['a'],
      ['MALFORMED', 'a quoted field is not closed before the end of the file'],
    ]);
  });
});

describe('readRecords, CSV', () => {
  it('types the cells: numbers, epoch ms, JSON props; empty cells are absent', async () => {
    const rows = await read(
      '\uFEFFid,customer,touchpoint,at,sentiment,value,response_ms,props\r\n' +
        'r1,c1,site,2024-05-01T09:30:00Z,-1,12.5,,"{""plan"":""pro""}"\r\n' +
        'r2,c2,site,1714555800000,,,300,\r\n',
      { format: 'csv' },
    );
    expect(rows).toEqual([
      {
        row: 1,
        record: {
          id: 'r1',
          customer: 'c1',
          touchpoint: 'site',
          at: '2024-05-01T09:30:00Z',
          sentiment: -1,
          value: 12.5,
          props: { plan: 'pro' },
        },
      },
      {
        row: 2,
        record: { id: 'r2', customer: 'c2', touchpoint: 'site', at: 1714555800000, response_ms: 300 },
      },
    ]);
  });

  it('keeps non-numeric text for the schema to refuse, and reports bad JSON props and wrong cell counts by row', async () => {
    const rows = await read('id,value,props\na,abc,\nb,,{oops\nc,1\n', { format: 'csv' });
    expect(rows).toEqual([
      { row: 1, record: { id: 'a', value: 'abc' } },
      { row: 2, error: { field: 'props', message: 'must be a JSON object (as JSON text)' } },
      { row: 3, error: { field: '', message: 'has 2 cells; the header has 3 columns' } },
    ]);
  });

  it('renames columns with the map and drops columns mapped to nothing', async () => {
    const map = new Map([
      ['Kunde', 'customer'],
      ['Notiz', ''],
    ]);
    const rows = await read('Kunde,Notiz,at\nc1,hello,5\n', { format: 'csv', map });
    expect(rows).toEqual([{ row: 1, record: { customer: 'c1', at: 5 } }]);
  });

  it('refuses a column that is no field, a mapped column that is missing, an empty file', async () => {
    await expect(read('id,colour\n', { format: 'csv' })).rejects.toThrow(/column "colour" is not a field/);
    await expect(read('id\n', { format: 'csv', map: new Map([['Kunde', 'customer']]) })).rejects.toThrow(
      /no column "Kunde"/,
    );
    await expect(read('', { format: 'csv' })).rejects.toThrow(/empty/);
    expect(() => columnFields('feedback', ['id', 'id'])).toThrow(/two columns feed the field "id"/);
  });

  it('decodes multi-byte characters split across read chunks', async () => {
    const name = 'Zoë Ångström ';
    const body = `customer\n${Array.from({ length: 40_000 }, () => name).join('\n')}\n`;
    const rows = await read(Buffer.from(body, 'utf8'), { format: 'csv' });
    expect(rows).toHaveLength(40_000);
    expect(rows.every((r) => 'record' in r && r.record.customer === name)).toBe(true);
  });
});

describe('readRecords, NDJSON', () => {
  it('numbers rows by line, skips blank lines, reports a malformed line as a reject', async () => {
    const rows = await read('\uFEFF{"id":"a"}\r\n\n{"id":\n[1]\n  \n{"id":"b"}', { format: 'ndjson' });
    expect(
      rows.map((r) => ('record' in r ? [r.row, r.record] : [r.row, r.error.message.split(' (')[0]])),
    ).toEqual([
      [1, { id: 'a' }],
      [3, 'is not valid JSON'],
      [4, 'must be a JSON object'],
      [6, { id: 'b' }],
    ]);
  });

  it('renames keys with the map', async () => {
    const rows = await read('{"Kunde":"c1","x":1}\n', {
      format: 'ndjson',
      map: new Map([
        ['Kunde', 'customer'],
        ['x', ''],
      ]),
    });
    expect(rows).toEqual([{ row: 1, record: { customer: 'c1' } }]);
  });
});
