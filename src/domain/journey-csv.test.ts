import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { journeyCsv } from './journey-csv.js';

const stages = [
  { id: 's1', key: 'need', name: 'Need' },
  { id: 's2', key: 'buy', name: 'Buy; pay' },
];
const lanes = [
  { key: 'touchpoints', name: 'Touchpoints', kind: 'touchpoints' },
  { key: 'thoughts', name: 'Thoughts', kind: 'thoughts' },
];
const note = (stageId: string, lane: string, position: number, text: string) => ({
  stageId,
  lane,
  position,
  text,
  touchpointKey: null,
  touchpointName: null,
});

describe('a journey map as CSV', () => {
  it('writes one line per item in map order, places from 1, with a BOM', () => {
    const text = journeyCsv({
      stages,
      lanes,
      items: [
        note('s2', 'thoughts', 7, 'later'),
        note('s2', 'thoughts', 3, 'Zürich, "quoted"'),
        { ...note('s2', 'touchpoints', 0, ''), text: null, touchpointKey: 'web', touchpointName: 'Web' },
        note('s1', 'thoughts', 0, '@mention'),
        // An item of a stage or lane the map no longer has is left out.
        note('gone', 'thoughts', 0, 'orphan'),
        note('s1', 'gone', 0, 'orphan'),
      ],
    });
    expect(text.startsWith('\uFEFFstage_position,')).toBe(true);
    const rows = parseCsv(text).slice(1);
    expect(rows.map((r) => r.slice(0, 11))).toEqual([
      ['1', 'need', 'Need', 'thoughts', 'Thoughts', 'thoughts', '1', 'note', "'@mention", '', ''],
      [
        '2',
        'buy',
        'Buy; pay',
        'touchpoints',
        'Touchpoints',
        'touchpoints',
        '1',
        'touchpoint',
        '',
        'web',
        'Web',
      ],
      ['2', 'buy', 'Buy; pay', 'thoughts', 'Thoughts', 'thoughts', '1', 'note', 'Zürich, "quoted"', '', ''],
      ['2', 'buy', 'Buy; pay', 'thoughts', 'Thoughts', 'thoughts', '2', 'note', 'later', '', ''],
    ]);
  });

  it('names channels, pictures and figures by their kind', () => {
    const base = note('s1', 'thoughts', 0, '');
    const rows = parseCsv(
      journeyCsv({
        stages,
        lanes,
        items: [
          { ...base, text: null, channelKey: 'email', channelName: 'E-mail' },
          { ...base, position: 1, text: null, imageId: 'i1' },
          { ...base, position: 2, text: null, kpi: { source: 'manual', label: 'Wait', value: 4.5 } },
        ],
      }),
    ).slice(1);
    expect(rows.map((r) => [r[7], r[11], r[12], r[13], r[14], r[15]])).toEqual([
      ['channel', 'email', 'E-mail', '', '', ''],
      ['image', '', '', '', '', ''],
      ['kpi', '', '', 'manual', 'Wait', '4.5'],
    ]);
  });
});
