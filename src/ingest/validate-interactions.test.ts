import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/generate-interactions.js';
import { nestedProps, VALID_RECORD } from '../../test/fixtures/interaction-records.js';
import { type InteractionRecord, validateRecords, ZInteractionRecord } from './records.js';
import { type ParsedInteraction, validateInteractions } from './validate-interactions.js';

// Values each field may get: valid ones, wrong types, edge values, absent, null.
const POOL: Record<string, unknown[]> = {
  id: [undefined, null, 'a', '', 'x'.repeat(128), 'x'.repeat(129), 7, true, ['a']],
  customer: [undefined, null, 'c1', '', 'é'.repeat(256), 'c'.repeat(257), 3, {}],
  touchpoint: [undefined, null, 'web', 'web.site_2-a', 'Web', '-web', 'x'.repeat(129), '', 5],
  at: [
    undefined,
    null,
    0,
    1_714_555_800_000,
    1.5,
    -1,
    1e17,
    '2024-05-01T11:30:00+02:00',
    '2024-05-01T09:30:00',
    '2024-02-30T10:00:00Z',
    '1714555800000',
    true,
  ],
  direction: [undefined, null, 'in', 'out', 'both', 'IN', 1],
  sentiment: [undefined, null, -1, 0, 1, -0, 2, 0.5, '1', true],
  outcome: [undefined, null, 'converted', 'lost', 'complaint', 'won', 0],
  value: [undefined, null, 0, -3.5, 1e300, Number.POSITIVE_INFINITY, Number.NaN, '5', false],
  response_ms: [undefined, null, 0, 350.5, -0, -1, Number.NEGATIVE_INFINITY, '350', []],
  wait_ms: [undefined, null, 0, 12, -5, Number.NaN, 'x'],
  duration_ms: [undefined, null, 60_000, -0.1, {}],
  props: [
    undefined,
    null,
    {},
    { plan: 'pro', seats: 3, nested: { a: [1, 2] } },
    { blob: 'x'.repeat(8180) },
    { blob: 'x'.repeat(8200) },
    { blob: 'ж'.repeat(4085) },
    { blob: 'ж'.repeat(4090) },
    nestedProps(32),
    nestedProps(33),
    [1, 2],
    'text',
    7,
  ],
};
const FIELDS = Object.keys(POOL);
const VALID = VALID_RECORD;

/** Records with a few fields changed at random: mostly one fault or none, sometimes several. */
function generateRecords(count: number, seed: number): unknown[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const records: unknown[] = [
    null,
    'not a record',
    42,
    [],
    [VALID],
    Object.assign(Object.create(null), VALID),
  ];
  while (records.length < count) {
    const record: Record<string, unknown> = {};
    const changes = Math.floor(random() * 4);
    const changed = new Set(Array.from({ length: changes }, () => pick(FIELDS)));
    const order = random() < 0.5 ? FIELDS : [...FIELDS].reverse();
    for (const field of order) {
      const value = changed.has(field) ? pick(POOL[field] ?? []) : VALID[field];
      if (value !== undefined || random() < 0.3) record[field] = value;
    }
    if (random() < 0.1) record[pick(['colour', 'Customer', 'responseMs', '__typename'])] = 1;
    if (random() < 0.03) record.zzz = undefined;
    records.push(record);
  }
  return records;
}

/** ZInteractionRecord's output in the shape of the hand-written validator's. */
function fromZod(r: InteractionRecord): ParsedInteraction {
  return {
    id: r.id ?? null,
    customer: r.customer,
    touchpointKey: r.touchpoint,
    at: r.at,
    direction: r.direction ?? null,
    sentiment: r.sentiment === undefined || r.sentiment === null ? null : r.sentiment === 0 ? 0 : r.sentiment,
    outcome: r.outcome ?? null,
    value: r.value ?? null,
    responseMs: r.response_ms ?? null,
    waitMs: r.wait_ms ?? null,
    durationMs: r.duration_ms ?? null,
    props: r.props ?? null,
  };
}

describe('validateInteractions', () => {
  it('gives exactly the outcome of ZInteractionRecord: same valid records, same first fault per record', () => {
    for (const seed of [1, 2, 3]) {
      const records = generateRecords(4000, seed);
      const expected = validateRecords(ZInteractionRecord, records);
      const actual = validateInteractions(records);
      expect(actual.rejected).toEqual(expected.rejected);
      expect(actual.valid).toEqual(expected.valid.map((v) => fromZod(v.record)));
      // The generated mix exercises both sides.
      expect(expected.valid.length).toBeGreaterThan(300);
      expect(expected.rejected.length).toBeGreaterThan(2000);
    }
  });

  it('refuses props nested deeper than 32 levels, however deep, as ZInteractionRecord does', () => {
    const deep = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
    const records = [32, 33, 10_000].map((levels) => ({ ...VALID, props: deep(levels) }));
    records.push({ ...VALID, props: { list: JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) } });
    const rejected = [1, 2, 3].map((index) => ({
      index,
      field: 'props',
      message: 'must be nested at most 32 levels deep',
    }));
    expect(validateInteractions(records).rejected).toEqual(rejected);
    expect(validateRecords(ZInteractionRecord, records).rejected).toEqual(rejected);
    expect(validateInteractions(records).valid[0]?.props).toBe(JSON.stringify(deep(32)));
  });

  it('names the first invalid field in the order of SPEC §5, unknown fields last', () => {
    const { valid, rejected } = validateInteractions([
      { touchpoint: 'Web', colour: 'red', at: 'yesterday' },
      { customer: 'c', touchpoint: 'web', at: 5, colour: 'red', shade: 'dark' },
      { customer: 'c', touchpoint: 'web', at: '2024-05-01T11:30:00+02:00', props: { n: 1 } },
    ]);
    expect(rejected).toEqual([
      { index: 0, field: 'customer', message: 'is required' },
      { index: 1, field: 'colour', message: 'unknown field' },
    ]);
    expect(valid).toEqual([
      {
        id: null,
        customer: 'c',
        touchpointKey: 'web',
        at: Date.UTC(2024, 4, 1, 9, 30),
        direction: null,
        sentiment: null,
        outcome: null,
        value: null,
        responseMs: null,
        waitMs: null,
        durationMs: null,
        props: '{"n":1}',
      },
    ]);
  });
});
