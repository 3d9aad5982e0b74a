import { describe, expect, it } from 'vitest';
import { CsvError, decodeCsvFile, detectDelimiter, formatCsv, parseCsv, parseCsvRecords } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('parses quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'key,name,description\r\na,"Price list, 2025","He said ""hi""\r\nthen left"\r\nb,Plain,\r\n';
    expect(parseCsv(text)).toEqual([
      ['key', 'name', 'description'],
      ['a', 'Price list, 2025', 'He said "hi"\r\nthen left'],
      ['b', 'Plain', ''],
    ]);
  });

  it('accepts LF line breaks, a BOM, a missing final line break and empty quoted fields', () => {
    expect(parseCsv('\uFEFFa,b\n1,""\n2,x')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['2', 'x'],
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open')).toThrow(
      new CsvError('a quoted field is not closed', 2),
    );
    expect(() => parseCsv('a,b\n1,"x"y')).toThrow(/line 2: text after a closing quote/);
  });

  it('reads a file as UTF-8 and names the line of a byte that is not, instead of reading U+FFFD', () => {
    expect(decodeCsvFile(Buffer.from('\uFEFFkey,name\nweb,Wébsite \uFFFD\n'))).toBe(
      '\uFEFFkey,name\nweb,Wébsite \uFFFD\n',
    );
    const latin = Buffer.from('key,name\r\nweb,"two\nlines"\nshop,Café\n', 'latin1');
    expect(() => decodeCsvFile(latin)).toThrow(
      new CsvError('holds bytes that are not UTF-8: save the file as UTF-8', 4),
    );
    expect(() => decodeCsvFile(Buffer.from([0x61, 0xe2, 0x82]))).toThrow(
      /^line 1: holds bytes that are not UTF-8/,
    );
  });

  it('detects a semicolon or tab delimiter from the header line', () => {
    expect(detectDelimiter('key;name;description\n')).toBe(';');
    expect(detectDelimiter('key\tname\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(parseCsv('key;name\nx;"a;b"\n')).toEqual([
      ['key', 'name'],
      ['x', 'a;b'],
    ]);
  });

  it('formats with CRLF, quoting only fields that need it, and reads its own output back', () => {
    const rows = [
      ['key', 'name', 'note'],
      ['a', 'Say "cheese"', 'two\nlines'],
      ['b', 'x,y', ' padded '],
      ['c', 'plain', ''],
    ];
    const text = formatCsv(rows);
    expect(text).toBe(
      'key,name,note\r\na,"Say ""cheese""","two\nlines"\r\nb,"x,y"," padded "\r\nc,plain,\r\n',
    );
    expect(parseCsv(text)).toEqual(rows);
  });

  it('gives records keyed by the header with their line numbers, skipping blank lines', () => {
    const { columns, records } = parseCsvRecords('key, name\na,"two\nlines"\n\nb,B\n');
    expect(columns).toEqual(['key', 'name']);
    expect(records).toEqual([
      { line: 2, values: { key: 'a', name: 'two\nlines' } },
      { line: 5, values: { key: 'b', name: 'B' } },
    ]);
  });

  it('fills missing trailing fields with empty text and refuses extra fields', () => {
    expect(parseCsvRecords('a,b,c\n1\n').records[0]?.values).toEqual({ a: '1', b: '', c: '' });
    expect(() => parseCsvRecords('a,b\n1,2,3\n')).toThrow(/line 2: 3 fields but the header names 2 columns/);
  });
});
