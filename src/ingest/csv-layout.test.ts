import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvLayoutScanner } from './csv-layout.js';
import { CsvParser } from './parse-records.js';

function layoutOf(text: string | Buffer, cut = 0) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const scanner = new CsvLayoutScanner();
  // Fed in two chunks: a chunk may end anywhere, inside a CRLF or a byte-order mark too.
  scanner.push(bytes.subarray(0, cut));
  scanner.push(bytes.subarray(cut));
  return scanner.end();
}

/** CsvParser's data rows (the header dropped). */
function parsed(text: string) {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()].slice(1);
}

describe('CsvLayoutScanner', () => {
  it('counts the data rows and the text bytes of each column as CsvParser reads them', () => {
    const text = '\ufeffa,b,c\r\n1,"x,""y""",é\r\n\r\n,"multi\r\nline",\r\n4,5,6';
    for (let cut = 0; cut <= Buffer.byteLength(text); cut++)
      expect(layoutOf(text, cut)).toEqual({ rows: 3, columnBytes: [2, 17, 3], irregular: null });
  });

  it('finds bytes that are not UTF-8 wherever the chunks end, and not in UTF-8 cut between chunks', () => {
    const text = Buffer.from('a,b\n😀,é\n€,x\n');
    for (let cut = 0; cut <= text.length; cut++) expect(layoutOf(text, cut).irregular).toBeNull();
    const bad = [[0xff], [0xe9, 0x2c], [0xf0, 0x9f, 0x98, 0x2c], [0xed, 0xa0, 0x80], [0xc3]];
    for (const bytes of bad) {
      const file = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from(bytes), Buffer.from('x\n')]);
      const atEnd = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from(bytes)]);
      for (const input of [file, atEnd])
        for (let cut = 0; cut <= input.length; cut++)
          expect(layoutOf(input, cut).irregular, `${bytes} ${cut}`).toBe(
            'the file holds bytes that are not UTF-8',
          );
    }
  });

  it('finds what CsvParser reads in its own way', () => {
    const cases: Record<string, string> = {
      'row 1 has 2 cells; the header has 3': 'a,b,c\n1,2\n',
      'row 2 has 4 cells; the header has 3': 'a,b,c\n1,2,3\n1,2,3,\n',
      'a quoted field goes on after its closing quote': 'a,b,c\n1,"2"x,3\n',
      'a field starts with a space and a quote': 'a,b,c\n1, "2",3\n',
      'a row holds only ""': 'a,b,c\n""\n1,2,3\n',
      'a blank line comes before the header': '\na,b,c\n1,2,3\n',
      'lines end in more than one way': 'a,b,c\n1,2,3\r\n',
      'a quoted field is not closed': 'a,b,c\n1,2,"3\n',
      'the file has no header': '',
    };
    for (const [irregular, text] of Object.entries(cases)) expect(layoutOf(text).irregular).toBe(irregular);
    // Read alike: a quote inside an unquoted cell, two spaces before a quote, line breaks in quotes.
    for (const text of ['a,b,c\n1,x"y,3\n', 'a,b,c\n1,  "x",3\n', 'a,b,c\r1,"x\ny\r\nz",3\r'])
      expect(layoutOf(text).irregular).toBeNull();
  });
});

describe('a regular file is read alike by CsvParser and DuckDB', () => {
  const directory = mkdtempSync(join(tmpdir(), 'touchpoints-csv-layout-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('on generated files with quotes, line breaks, spaces and ragged rows', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    let seed = 11;
    const random = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const plain = ['a', 'bc', ' ', 'x y', 'é', '"', '\t', '\\', '😀', ''];
    const inQuotes = ['a', ',', '\n', '\r', '\r\n', '""', ' ', 'é', ''];
    const cell = () => {
      if (random() < 0.2) return '';
      const parts = random() < 0.6 ? plain : inQuotes;
      let text = '';
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) text += pick(parts);
      if (parts === plain) return text;
      text = `"${text}"`;
      if (random() < 0.1) text = ` ${text}`;
      if (random() < 0.1) text = `${text} `;
      return text;
    };
    const file = join(directory, 'generated.csv');
    let regular = 0;
    try {
      for (let n = 0; n < 1500; n++) {
        const lineEnd = pick(['\n', '\r\n', '\r']);
        let text = `${random() < 0.1 ? '\ufeff' : ''}${random() < 0.03 ? lineEnd : ''}a,b,c${lineEnd}`;
        const rows = Math.floor(random() * 6);
        for (let row = 0; row < rows; row++) {
          const cells = Array.from({ length: random() < 0.9 ? 3 : pick([1, 2, 4]) }, cell);
          text += cells.join(',') + (random() < 0.05 ? ',' : '');
          if (row < rows - 1 || random() < 0.7)
            text += random() < 0.03 ? pick(['\n', '\r\n', '\r']) : lineEnd;
          if (random() < 0.05) text += lineEnd;
        }
        const layout = layoutOf(text, Math.floor(random() * text.length));
        if (layout.irregular !== null) continue;
        regular++;
        const records = parsed(text);
        expect(records.every((r) => r.malformed === undefined && r.cells.length === 3)).toBe(true);
        expect(layout.rows).toBe(records.length);
        expect(layout.columnBytes).toEqual(
          [0, 1, 2].map((k) => records.reduce((sum, r) => sum + Buffer.byteLength(r.cells[k] ?? ''), 0)),
        );
        writeFileSync(file, text);
        const read = await connection.runAndReadAll(
          `SELECT * FROM read_csv('${file}', header = true, all_varchar = true, auto_detect = false,
             delim = ',', quote = '"', escape = '"', strict_mode = true, compression = 'none',
             columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'})`,
        );
        expect(read.getRows().map((row) => row.map((value) => value ?? ''))).toEqual(
          records.map((r) => r.cells),
        );
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(regular).toBeGreaterThan(400);
  }, 60_000);
});
