import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/generate-interactions.js';
import { nestedProps, VALID_RECORD } from '../../test/fixtures/interaction-records.js';
import { decodedBatch, decodedRecord, decodeInteractionBatch } from './decode-interaction-batch.js';
import { MAX_BATCH } from './records.js';
import { validateInteractions } from './validate-interactions.js';

// Values each field may get, as JSON can write them (unlike validate-interactions.test.ts, no NaN or
// Infinity): valid ones in several spellings, wrong types, edge values, absent, null.
const POOL: Record<string, unknown[]> = {
  id: [undefined, null, 'a', 'c1-7', '', 'x'.repeat(128), 'x'.repeat(129), 'ünï 😀', 'q"uote', 7, ['a']],
  customer: [undefined, null, 'c1', '', 'é'.repeat(256), 'c'.repeat(257), 'tab\there', 3, {}],
  touchpoint: [undefined, null, 'web', 'web.site_2-a', 'sms', 'Web', '-web', 'x'.repeat(129), '', 5],
  at: [
    undefined,
    null,
    0,
    1_714_555_800_000,
    -62_167_219_200_000,
    253_402_300_800_000,
    1.5,
    -1,
    1e17,
    '2024-05-01T11:30:00+02:00',
    '2024-05-01T09:30:00.123456Z',
    '2024-05-01T09:30:00',
    '2024-02-30T10:00:00Z',
    '1714555800000',
    true,
  ],
  direction: [undefined, null, 'in', 'out', 'both', 'IN', 1],
  sentiment: [undefined, null, -1, 0, 1, -0, 2, 0.5, '1', true],
  outcome: [undefined, null, 'converted', 'lost', 'complaint', 'won', 0],
  value: [undefined, null, 0, -3.5, 12.25, 1e300, 5e-324, 123456789012345680000, 0.1, '5', false],
  response_ms: [undefined, null, 0, 350.5, -0, -1, 1234567890123456, '350', []],
  wait_ms: [undefined, null, 0, 12, 2 ** 53 + 2, -5, 'x'],
  duration_ms: [undefined, null, 60_000, 1e-7, -0.1, {}],
  props: [
    undefined,
    null,
    {},
    { plan: 'pro', seats: 3, nested: { a: [1, 2, { b: null }] } },
    { segment: 'b2c' },
    { 'odd "key"': 'back\\slash' },
    { blob: 'x'.repeat(8180) },
    { blob: 'x'.repeat(8200) },
    { blob: 'ж'.repeat(4090) },
    { constructor: { prototype: 1 } },
    nestedProps(32),
    nestedProps(33),
    [1, 2],
    'text',
    7,
  ],
};
const FIELDS = Object.keys(POOL);
const VALID = VALID_RECORD;

/**
 * A batch's text: records with a few fields changed at random, written in one of several ways,
 * and now and then spoiled as text (a field twice, an escape, bad JSON…).
 */
function generateBatch(random: () => number): { text: string; spoiled: boolean } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const records: Record<string, unknown>[] = [];
  const count = Math.floor(random() * 12);
  for (let n = 0; n < count; n++) {
    const record: Record<string, unknown> = {};
    // Most records valid, so that many batches are wholly valid.
    const changes = random() < 0.8 ? 0 : 1 + Math.floor(random() * 3);
    const changed = new Set(Array.from({ length: changes }, () => pick(FIELDS)));
    const fields = random() < 0.5 ? FIELDS : [...FIELDS].sort(() => random() - 0.5);
    for (const field of fields) {
      // Optional fields are often left out.
      if (!changed.has(field) && !['customer', 'touchpoint', 'at'].includes(field) && random() < 0.3)
        continue;
      const value = changed.has(field) ? pick(POOL[field] ?? []) : VALID[field];
      if (value !== undefined) record[field] = value;
    }
    records.push(record);
  }
  const style = random();
  const text =
    style < 0.6
      ? JSON.stringify({ interactions: records })
      : style < 0.8
        ? JSON.stringify({ interactions: records }, null, 2)
        : ` \r\n{ "interactions" :\t${JSON.stringify(records, null, '\t')} }\n`;
  const spoiled = [
    () => text.replace('"customer":', '"customer":"twice","customer":'),
    () => text.replace('"c1"', '"\\u0063\\u0031"'),
    () => text.replace('}]', '},]'),
    () => `${text}x`,
    () => text.replace('"interactions"', '"interactions":[],"extra"'),
    () => text.slice(0, Math.floor(text.length * random())),
    () => text.replace('"at":5', '"at":05'),
    () => text.replace('"props":{', '"props":{"__proto__":{"x":1},'),
  ];
  const damage = Math.floor(random() * spoiled.length * 6);
  const spoil = spoiled[damage];
  return spoil ? { text: spoil(), spoiled: true } : { text, spoiled: false };
}

/** The general lane: JSON.parse, the batch's shape, then validateInteractions. */
function generalLane(text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  const records = (body as { interactions?: unknown }).interactions;
  if (keys.length !== 1 || !Array.isArray(records) || records.length > MAX_BATCH) return undefined;
  return validateInteractions(records);
}

describe('decodeInteractionBatch', () => {
  it('reads exactly what the general lane validates, and takes every wholly valid batch written without escapes', () => {
    const random = seededRandom(11);
    let taken = 0;
    let general = 0;
    for (let n = 0; n < 3000; n++) {
      const { text, spoiled } = generateBatch(random);
      const decoded = decodeInteractionBatch(text);
      const expected = generalLane(text);
      const plain =
        !spoiled &&
        expected?.rejected.length === 0 &&
        !text.includes('\\') &&
        !text.includes('__proto__') &&
        !text.includes('constructor');
      if (plain) expect(decoded, text).toBeDefined();
      if (!decoded) {
        general++;
        continue;
      }
      taken++;
      expect(expected?.rejected, text).toEqual([]);
      const valid = expected?.valid ?? [];
      expect(decoded.length).toBe(valid.length);
      expect(Array.from({ length: decoded.length }, (_, i) => decodedRecord(decoded, i))).toEqual(valid);
      expect(decodedBatch(valid)).toEqual(decoded);
    }
    // Both lanes are exercised.
    expect(taken).toBeGreaterThan(1000);
    expect(general).toBeGreaterThan(500);
  });

  it('leaves props nested deeper than 32 levels to the general lane, however deep', () => {
    const batch = (props: string) =>
      `{"interactions":[{"customer":"c","touchpoint":"t","at":0},{"customer":"c","touchpoint":"t","at":1,"props":${props}}]}`;
    const objects = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    expect(decodeInteractionBatch(batch(objects(32)))?.props.values).toEqual([objects(32)]);
    expect(decodeInteractionBatch(batch(`{"a":${'['.repeat(31)}${']'.repeat(31)}}`))?.length).toBe(2);
    expect(decodeInteractionBatch(batch(objects(33)))).toBeUndefined();
    expect(decodeInteractionBatch(batch(`{"a":${'['.repeat(32)}${']'.repeat(32)}}`))).toBeUndefined();
    expect(decodeInteractionBatch(batch(objects(10_000)))).toBeUndefined();
    expect(
      decodeInteractionBatch(batch(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)),
    ).toBeUndefined();
  });

  it('reads numbers as JSON.parse does, -0 included', () => {
    const numbers = [
      '0',
      '-0',
      '7',
      '-12',
      '123456789012345',
      '1234567890123456789',
      '0.1',
      '2.5e3',
      '1E-2',
      '9007199254740993',
    ];
    for (const n of numbers) {
      const text = `{"interactions":[{"customer":"c","touchpoint":"t","at":0,"value":${n},"wait_ms":${n.replace('-', '')}}]}`;
      const decoded = decodeInteractionBatch(text);
      expect(Object.is(decoded?.value[0], JSON.parse(n)), n).toBe(true);
      expect(Object.is(decoded?.waitMs[0], JSON.parse(n.replace('-', ''))), n).toBe(true);
    }
  });

  it('codes repeated keys, directions, outcomes and props, and leaves the rest to the general lane', () => {
    const record = (i: number) => ({
      customer: `c${i}`,
      touchpoint: i % 2 ? 'web' : 'sms',
      at: i,
      ...(i % 3 ? { direction: 'out', outcome: 'lost' } : {}),
      props: { segment: i % 2 ? 'b2b' : 'b2c' },
    });
    const batch = decodeInteractionBatch(JSON.stringify({ interactions: [0, 1, 2, 3].map(record) }));
    expect(batch?.touchpointKey).toEqual({ values: ['sms', 'web'], codes: [1, 2, 1, 2] });
    expect(batch?.direction).toEqual([0, 2, 2, 0]);
    expect(batch?.outcome).toEqual([0, 2, 2, 0]);
    expect(batch?.props).toEqual({ values: ['{"segment":"b2c"}', '{"segment":"b2b"}'], codes: [1, 2, 1, 2] });
    expect(batch?.id).toEqual([null, null, null, null]);

    expect(decodeInteractionBatch('{"interactions":[]}')?.length).toBe(0);
    const full = JSON.stringify({ interactions: Array.from({ length: MAX_BATCH }, (_, i) => record(i)) });
    expect(decodeInteractionBatch(full)?.length).toBe(MAX_BATCH);
    const over = JSON.stringify({ interactions: Array.from({ length: MAX_BATCH + 1 }, (_, i) => record(i)) });
    expect(decodeInteractionBatch(over)).toBeUndefined();
    expect(
      decodeInteractionBatch('{"interactions":[{"customer":"c","touchpoint":"t","at":0,"at":1}]}'),
    ).toBeUndefined();
    expect(
      decodeInteractionBatch('{"interactions":[{"customer":"c\\u0000","touchpoint":"t","at":0}]}'),
    ).toBeUndefined();
    expect(decodeInteractionBatch('')).toBeUndefined();
  });
});
