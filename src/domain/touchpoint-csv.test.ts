import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsvRecords } from './csv.js';
import {
  type CsvReferences,
  type CsvTouchpoint,
  checkCsvColumns,
  csvColumnOfField,
  csvRecordToTouchpoint,
  orderParentsFirst,
  TOUCHPOINT_CSV_COLUMNS,
  touchpointsToCsvRows,
} from './touchpoint-csv.js';

const refs: CsvReferences = {
  channels: [{ id: 'ch-phone', key: 'phone' }],
  brands: [
    { id: 'br-own', name: 'Clinic Aurora', isOwn: true },
    { id: 'br-rival', name: 'Rival Clinic', isOwn: false },
  ],
  subjects: [{ id: 'su-1', name: 'Main branch' }],
  members: [{ userId: 'u-1', email: 'owner@example.com' }],
  touchpoints: [{ id: 'tp-cc', key: 'call-centre' }],
};

const greeting: CsvTouchpoint = {
  id: 'tp-gr',
  key: 'call-greeting',
  name: 'Greeting, "friendly"',
  description: 'First words;\nthen the menu',
  stage: 'information_search',
  channelId: 'ch-phone',
  direction: 'out',
  subjectId: 'su-1',
  brandId: 'br-rival',
  parentId: 'tp-cc',
  ownerUserId: 'u-1',
  online: false,
  attention: 'short',
  lifetime: null,
  controllable: true,
  priority: 4,
  status: 'active',
  tags: ['phone', 'script'],
  brandedMaterial: '',
};

describe('touchpoints as CSV', () => {
  it('writes references as keys, names and e-mails and reads them back to the same body', () => {
    const text = formatCsv(touchpointsToCsvRows([greeting], refs));
    const { columns, records } = parseCsvRecords(text);
    expect(columns).toEqual([...TOUCHPOINT_CSV_COLUMNS]);
    expect(records[0]?.values).toMatchObject({
      channel: 'phone',
      subject: 'Main branch',
      brand: 'Rival Clinic',
      parent: 'call-centre',
      owner: 'owner@example.com',
      tags: 'phone; script',
      online: 'false',
    });
    const { body, issues } = csvRecordToTouchpoint(records[0]?.values ?? {}, refs);
    expect(issues).toEqual([]);
    expect(body).toEqual({
      key: 'call-greeting',
      name: 'Greeting, "friendly"',
      description: 'First words;\nthen the menu',
      stage: 'information_search',
      channelId: 'ch-phone',
      direction: 'out',
      subjectId: 'su-1',
      brandId: 'br-rival',
      parentId: 'tp-cc',
      ownerUserId: 'u-1',
      online: false,
      attention: 'short',
      controllable: true,
      priority: 4,
      status: 'active',
      tags: ['phone', 'script'],
    });
  });

  it('writes the own brand as an empty cell, which any workspace reads as its own brand', () => {
    const [, row] = touchpointsToCsvRows([{ ...greeting, brandId: 'br-own' }], refs);
    expect(row?.[TOUCHPOINT_CSV_COLUMNS.indexOf('brand')]).toBe('');
    const { body } = csvRecordToTouchpoint({ key: 'a', name: 'A', brand: '' }, refs);
    expect(body).not.toHaveProperty('brandId');
  });

  it('names the column of each reference the workspace does not have and of unreadable values', () => {
    const { issues } = csvRecordToTouchpoint(
      {
        key: 'x',
        name: 'X',
        channel: 'fax',
        brand: 'Other',
        parent: 'nope',
        online: 'maybe',
        priority: 'high',
      },
      refs,
    );
    expect(issues.map((i) => i.field)).toEqual(['channel', 'brand', 'parent', 'online', 'priority']);
    expect(issues[0]?.message).toBe('no channel with key “fax” in this workspace');
  });

  it('leaves empty cells to the API defaults and passes other values on for the API to check', () => {
    const { body, issues } = csvRecordToTouchpoint(
      { key: 'Bad Key', name: ' Flyer ', stage: 'later', tags: '' },
      refs,
    );
    expect(issues).toEqual([]);
    expect(body).toEqual({ key: 'Bad Key', name: 'Flyer', stage: 'later' });
  });

  it('checks the header: unknown columns and missing key or name', () => {
    expect(checkCsvColumns(['key', 'name', 'colour'])).toEqual({ unknown: ['colour'], missing: [] });
    expect(checkCsvColumns(['name'])).toEqual({ unknown: [], missing: ['key'] });
  });

  it('maps API fields to their columns', () => {
    expect(csvColumnOfField('channelId')).toBe('channel');
    expect(csvColumnOfField('tags.2')).toBe('tags');
    expect(csvColumnOfField('name')).toBe('name');
  });

  it('orders parents before their children, keeping the file order otherwise', () => {
    const rec = (key: string, parent = '') => ({ values: { key, parent } });
    const rows = [
      rec('greeting', 'call-centre'),
      rec('flyer'),
      rec('call-centre', 'hotline'),
      rec('hotline'),
    ];
    expect(orderParentsFirst(rows).map((r) => r.values.key)).toEqual([
      'hotline',
      'call-centre',
      'greeting',
      'flyer',
    ]);
    const cycle = [rec('a', 'b'), rec('b', 'a')];
    expect(orderParentsFirst(cycle).map((r) => r.values.key)).toEqual(['b', 'a']);
  });
});
