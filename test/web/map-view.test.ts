import { describe, expect, it } from 'vitest';
import { cellsOf, emotionText, pageRanges } from '../../web/src/components/journey/map-view.js';

describe('the read-only views of a map', () => {
  it('split a wide map into as few, as even sheets of stages as hold the most a sheet takes', () => {
    expect(pageRanges(12, 9)).toEqual([
      { from: 0, to: 6 },
      { from: 6, to: 12 },
    ]);
    expect(pageRanges(13, 6)).toEqual([
      { from: 0, to: 5 },
      { from: 5, to: 10 },
      { from: 10, to: 13 },
    ]);
    expect(pageRanges(5, 6)).toEqual([{ from: 0, to: 5 }]);
    expect(pageRanges(6, 6)).toEqual([{ from: 0, to: 6 }]);
    // A map without stages still prints its one (empty) sheet.
    expect(pageRanges(0, 6)).toEqual([{ from: 0, to: 0 }]);
  });

  it('write emotions signed on the −2…+2 scale, in the reader’s number format', () => {
    expect(emotionText(2, 'en')).toBe('+2');
    expect(emotionText(-1.26, 'de')).toBe('−1,3');
    expect(emotionText(0.04, 'en')).toBe('0');
    expect(emotionText(null, 'en')).toBe('–');
  });

  it('put the items of each cell in their place order', () => {
    const item = (stage: string, lane: string, position: number, text: string) => ({
      stage,
      lane,
      position,
      kind: 'note' as const,
      text,
      touchpointKey: null,
      touchpointName: null,
      channelKey: null,
      channelName: null,
      kpiLabel: null,
      kpiValue: null,
    });
    const cells = cellsOf({
      name: 'Map',
      description: '',
      persona: '',
      expiresAt: null,
      period: { from: '', to: '' },
      lanes: [],
      stages: [],
      items: [item('a', 'x', 1, 'second'), item('b', 'x', 0, 'other'), item('a', 'x', 0, 'first')],
    });
    expect(cells.get('a\u0000x')?.map((i) => i.text)).toEqual(['first', 'second']);
    expect(cells.get('b\u0000x')?.map((i) => i.text)).toEqual(['other']);
  });
});
