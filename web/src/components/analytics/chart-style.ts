/** Colours and small helpers shared by the analytics charts. */

/** One colour per series, distinguishable side by side (Mantine's palette, shade 6). */
export const SERIES_COLORS: [string, string, ...string[]] = [
  '#228be6',
  '#fd7e14',
  '#40c057',
  '#be4bdb',
  '#fab005',
  '#15aabf',
  '#fa5252',
  '#7950f2',
  '#82c91e',
  '#e64980',
];

export const COLOR_GOOD = '#40c057';
export const COLOR_BAD = '#fa5252';
export const COLOR_NEUTRAL = '#fab005';
export const COLOR_MUTED = '#868e96';

/** A long name cut for an axis label or a Sankey node (the tooltip and the table show it whole). */
export function shorten(text: string, max = 28): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
