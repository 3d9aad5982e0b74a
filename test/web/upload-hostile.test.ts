/**
 * The web app's upload on files made to hurt: a field holding bytes that are not UTF-8, and
 * props nested 10,000 levels deep. Each comes back as a refused row with its field, and the
 * other rows are sent.
 */
import { expect, it } from 'vitest';
import { type BatchResult, uploadRecords } from '../../web/src/components/data/upload-records.js';

it('refuses rows with bytes that are not UTF-8 or props nested too deep, and sends the rest', async () => {
  const batches: unknown[][] = [];
  const send = async (records: unknown[]): Promise<BatchResult> => {
    batches.push(records);
    return { accepted: records.length, duplicates: 0, quarantined: 0, rejected: [] };
  };
  const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const file = new Blob([
    'customer,touchpoint,at,props\n',
    'c1,web,1,\n',
    new Uint8Array([0x5a, 0x6f, 0xeb]), // "Zoë" in Latin-1
    ',web,2,\n',
    `c3,web,3,"${deep.replaceAll('"', '""')}"\n`,
    'c4,web,4,"{""plan"":""pro""}"\n',
  ]);
  const summary = await uploadRecords(file, {
    kind: 'interactions',
    format: 'csv',
    mapping: { customer: 'customer', touchpoint: 'touchpoint', at: 'at', props: 'props' },
    send,
  });
  expect(summary.rejects).toEqual([
    { row: 2, field: 'customer', reason: 'invalid UTF-8' },
    { row: 3, field: 'props', reason: 'must be nested at most 32 levels deep' },
  ]);
  expect(batches).toEqual([
    [
      { customer: 'c1', touchpoint: 'web', at: 1 },
      { customer: 'c4', touchpoint: 'web', at: 4, props: { plan: 'pro' } },
    ],
  ]);
});
