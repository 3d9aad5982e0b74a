import { describe, expect, it } from 'vitest';
import {
  itemPatchIssues,
  kpiIssues,
  newItemIssues,
  shapeOfItem,
  shapeOfLane,
  stageChainConversion,
} from './journey-lanes.js';

const fields = (issues: { field: string }[]) => issues.map((i) => i.field).sort();

describe('journey lane rules', () => {
  it('gives each lane kind its item shape', () => {
    expect(shapeOfLane('touchpoints')).toBe('touchpoint');
    expect(shapeOfLane('images')).toBe('image');
    expect(shapeOfLane('channels')).toBe('channel');
    expect(shapeOfLane('kpis')).toBe('kpi');
    for (const kind of [
      'actions',
      'pain_points',
      'opportunities',
      'frontstage',
      'backstage',
      'support',
    ] as const)
      expect(shapeOfLane(kind)).toBe('text');
    expect(shapeOfItem({ touchpointId: null, imageId: 'i', channelId: null, kpi: null })).toBe('image');
    expect(shapeOfItem({ touchpointId: null, imageId: null, channelId: null, kpi: null })).toBe('text');
  });

  it('takes exactly the content field of the lane, naming the missing and the foreign ones', () => {
    expect(newItemIssues('pics', 'images', { imageId: 'x' })).toEqual([]);
    expect(fields(newItemIssues('pics', 'images', { text: 'x' }))).toEqual(['imageId', 'text']);
    expect(fields(newItemIssues('via', 'channels', { channelId: 'c', touchpointId: 't' }))).toEqual([
      'touchpointId',
    ]);
    expect(fields(newItemIssues('notes', 'support', {}))).toEqual(['text']);
    expect(newItemIssues('pain', 'pain_points', { text: 'x', taskId: 't' })).toEqual([]);
    expect(fields(newItemIssues('front', 'frontstage', { text: 'x', taskId: 't' }))).toEqual(['taskId']);
  });

  it('checks KPI figures by source', () => {
    expect(kpiIssues({ source: 'manual', value: 3 })).toEqual([]);
    expect(fields(kpiIssues({ source: 'manual' }))).toEqual(['kpi.value']);
    expect(fields(kpiIssues({ source: 'csat', value: 1 }))).toEqual(['kpi.value']);
    expect(fields(kpiIssues({ source: 'compliance', chainId: 'c' }))).toEqual(['kpi.chainId']);
    expect(kpiIssues({ source: 'chain_conversion', chainId: 'c', label: 'Lead to sale' })).toEqual([]);
    expect(fields(kpiIssues({ source: 'manual', value: 1, label: 'x'.repeat(101) }))).toEqual(['kpi.label']);
  });

  it('keeps an item’s shape when it changes or moves', () => {
    expect(itemPatchIssues('text', 'pain', 'pain_points', { taskId: 't' })).toEqual([]);
    expect(fields(itemPatchIssues('text', 'figures', 'kpis', {}))).toEqual(['lane']);
    expect(fields(itemPatchIssues('kpi', 'figures', 'kpis', { text: 'x' }))).toEqual(['text']);
    expect(fields(itemPatchIssues('text', 'front', 'frontstage', { taskId: 't' }))).toEqual(['taskId']);
    expect(itemPatchIssues('text', 'front', 'frontstage', { taskId: null })).toEqual([]);
  });

  it('computes a stage’s chain conversion from the link before it to its last link', () => {
    const reached = [100, 60, 30, 15];
    expect(stageChainConversion(reached, [])).toBeNull();
    expect(stageChainConversion(reached, [0, 1])).toEqual({ entrants: 100, reached: 60, value: 0.6 });
    expect(stageChainConversion(reached, [2, 3])).toEqual({ entrants: 60, reached: 15, value: 0.25 });
    expect(stageChainConversion([0, 0], [1])).toEqual({ entrants: 0, reached: 0, value: null });
  });
});
