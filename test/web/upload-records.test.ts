/**
 * The web app's file upload without a browser: columns and mapping of a chosen file, batches of
 * at most 10,000 records, and row numbers of refused rows across batches and chunks.
 */
import { describe, expect, it } from 'vitest';
import {
  type BatchResult,
  defaultMapping,
  mappingProblems,
  previewFile,
  rejectsCsv,
  uploadRecords,
} from '../../web/src/components/data/upload-records.js';

/** A stand-in for the API: refuses records whose customer is "bad", quarantines key "unknown". */
function fakeApi() {
  const batches: Record<string, unknown>[][] = [];
  const send = async (records: unknown[]): Promise<BatchResult> => {
    const batch = records as Record<string, unknown>[];
    batches.push(batch);
    const rejected = batch.flatMap((r, index) =>
      r.customer === 'bad' ? [{ index, field: 'customer', message: 'is bad' }] : [],
    );
    const quarantined = batch.filter((r) => r.touchpoint === 'unknown').length;
    return { accepted: batch.length - rejected.length - quarantined, duplicates: 0, quarantined, rejected };
  };
  return { batches, send };
}

describe('previewFile and the column mapping', () => {
  it('reads the CSV header and first rows; matches columns named like fields', async () => {
    const file = new Blob(['Kunde,Touchpoint,at,Response ms,extra\r\nc1,web,2024-05-01T00:00:00Z,5,x\r\n']);
    const preview = await previewFile(file, 'csv');
    expect(preview.columns).toEqual(['Kunde', 'Touchpoint', 'at', 'Response ms', 'extra']);
    expect(preview.samples[0]).toEqual(['c1', 'web', '2024-05-01T00:00:00Z', '5', 'x']);
    const mapping = defaultMapping('interactions', preview.columns);
    expect(mapping).toEqual({
      Kunde: '',
      Touchpoint: 'touchpoint',
      at: 'at',
      'Response ms': 'response_ms',
      extra: '',
    });
    expect(mappingProblems('interactions', mapping)).toEqual({ missing: ['customer'], twice: [] });
    expect(mappingProblems('interactions', { ...mapping, Kunde: 'customer', extra: 'at' })).toEqual({
      missing: [],
      twice: ['at'],
    });
  });

  it('collects the keys of NDJSON lines as columns', async () => {
    const file = new Blob(['{"customer":"c1","touchpoint":"web"}\n{"at":1,"kind":"nps"}\nnot json\n']);
    const preview = await previewFile(file, 'ndjson');
    expect(preview.columns).toEqual(['customer', 'touchpoint', 'at', 'kind']);
    expect(mappingProblems('feedback', defaultMapping('feedback', preview.columns)).missing).toEqual([
      'score',
    ]);
  });
});

describe('uploadRecords', () => {
  it('sends batches of at most 10,000 and numbers refused rows across batches', async () => {
    const lines = ['who,touchpoint,at'];
    for (let i = 1; i <= 25_001; i++) {
      const customer = i === 3 || i === 20_000 ? 'bad' : `c${i}`;
      const touchpoint = i === 15_000 ? 'unknown' : 'web';
      lines.push(`${customer},${touchpoint},${i}`);
    }
    // Text after a closing quote: row 7 cannot be read, the rows after it can.
    lines[7] = '"c7"x,web,7';
    const api = fakeApi();
    const progress: number[] = [];
    const summary = await uploadRecords(new Blob([lines.join('\n')]), {
      kind: 'interactions',
      format: 'csv',
      mapping: { who: 'customer', touchpoint: 'touchpoint', at: 'at' },
      send: api.send,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(api.batches.map((b) => b.length)).toEqual([10_000, 10_000, 5_000]);
    expect(api.batches[0]?.[0]).toEqual({ customer: 'c1', touchpoint: 'web', at: 1 });
    expect(summary).toMatchObject({ rows: 25_001, accepted: 24_997, quarantined: 1, rejectedCount: 3 });
    expect(summary.rejects).toEqual([
      { row: 3, field: 'customer', reason: 'is bad' },
      { row: 7, field: '', reason: 'a quoted field must end at a comma or the end of the line' },
      { row: 20_000, field: 'customer', reason: 'is bad' },
    ]);
    expect(progress.at(-1)).toBe(25_001);
    expect(rejectsCsv(summary.rejects)).toBe(
      'row,field,reason\n3,customer,is bad\n7,,a quoted field must end at a comma or the end of the line\n20000,customer,is bad\n',
    );
  });

  it('renames and drops NDJSON keys by the mapping and refuses lines that are no JSON object', async () => {
    const api = fakeApi();
    const summary = await uploadRecords(
      new Blob(['{"k":"c1","touchpoint":"web","junk":1}\n[1]\n\n{"k":"c2"}']),
      {
        kind: 'interactions',
        format: 'ndjson',
        mapping: { k: 'customer', touchpoint: 'touchpoint', junk: '' },
        send: api.send,
      },
    );
    expect(api.batches).toEqual([[{ customer: 'c1', touchpoint: 'web' }, { customer: 'c2' }]]);
    expect(summary.rejects).toEqual([{ row: 2, field: '', reason: 'must be a JSON object' }]);
    expect(summary.rows).toBe(3);
  });

  it('stops between chunks when aborted and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const api = fakeApi();
    const summary = await uploadRecords(new Blob(['customer,touchpoint,at\nc1,web,1\n']), {
      kind: 'interactions',
      format: 'csv',
      mapping: { customer: 'customer', touchpoint: 'touchpoint', at: 'at' },
      send: api.send,
      signal: controller.signal,
    });
    expect(summary.stopped).toBe(true);
    expect(api.batches).toEqual([]);
  });

  it('stops with the API error when a batch is refused as a whole', async () => {
    await expect(
      uploadRecords(new Blob(['customer,touchpoint,at\nc1,web,1\n']), {
        kind: 'interactions',
        format: 'csv',
        mapping: { customer: 'customer', touchpoint: 'touchpoint', at: 'at' },
        send: async () => {
          throw new Error('403 only owners and editors may send data');
        },
      }),
    ).rejects.toThrow(/only owners and editors/);
  });
});
