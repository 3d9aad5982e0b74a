import { describe, expect, it } from 'vitest';
import { parseAt, validateRecords, ZFeedbackRecord, ZInteractionRecord } from './records.js';

describe('parseAt', () => {
  it('reads ISO-8601 with an offset and whole epoch milliseconds', () => {
    expect(parseAt('2024-05-01T09:30:00Z')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseAt('2024-05-01T11:30:00+02:00')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseAt('2024-05-01T04:00:00.5-05:30')).toBe(Date.UTC(2024, 4, 1, 9, 30, 0, 500));
    expect(parseAt('2024-05-01T09:30:00.123456789z')).toBe(Date.UTC(2024, 4, 1, 9, 30, 0, 123));
    expect(parseAt('2024-05-01T09:30+00:00')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseAt('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseAt('0001-01-01T00:00:00Z')).toBe(-62_135_596_800_000);
    expect(parseAt(0)).toBe(0);
    expect(parseAt(1_714_555_800_000)).toBe(1_714_555_800_000);
  });

  it('refuses dates without an offset, impossible dates and non-integer milliseconds', () => {
    for (const bad of [
      '2024-05-01T09:30:00',
      '2024-05-01',
      '2023-02-29T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-00-10T00:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T09:60:00Z',
      '2024-05-01T09:30:00+24:00',
      '1714555800000',
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e17,
      null,
      true,
    ]) {
      expect(parseAt(bad), String(bad)).toBeNull();
    }
  });
});

describe('validateRecords', () => {
  it('keeps valid records with their index and names the first fault of each invalid one', () => {
    const { valid, rejected } = validateRecords(ZInteractionRecord, [
      { customer: 'a', touchpoint: 'web', at: 5, props: { n: 1 } },
      { customer: '', touchpoint: 'web', at: 5 },
      [],
      { customer: 'a', touchpoint: 'web', at: 5, outcome: 'won' },
      { customer: 'a', touchpoint: 'web', at: 5, props: [1, 2] },
    ]);
    expect(valid).toEqual([
      {
        index: 0,
        record: { customer: 'a', touchpoint: 'web', at: 5, props: '{"n":1}' },
      },
    ]);
    expect(rejected).toEqual([
      { index: 1, field: 'customer', message: 'must not be empty' },
      { index: 2, field: '', message: 'must be an object' },
      { index: 3, field: 'outcome', message: 'must be converted, lost or complaint' },
      { index: 4, field: 'props', message: 'must be a JSON object' },
    ]);
  });

  it('checks each survey kind against its own scale, ends included', () => {
    const answer = (kind: string, score: number) => ({ touchpoint: 'desk', at: 0, kind, score });
    const { valid, rejected } = validateRecords(ZFeedbackRecord, [
      answer('csat', 1),
      answer('csat', 5),
      answer('csat', 6),
      answer('nps', 0),
      answer('nps', 10),
      answer('nps', -1),
      answer('ces', 1),
      answer('ces', 7),
      answer('ces', 0),
    ]);
    expect(valid.map((v) => v.index)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(rejected.map((r) => [r.index, r.message])).toEqual([
      [2, 'must be 1…5 for csat'],
      [5, 'must be 0…10 for nps'],
      [8, 'must be 1…7 for ces'],
    ]);
  });
});
