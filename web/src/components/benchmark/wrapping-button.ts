/**
 * Button styles whose label may wrap: beside the 220 px navigation a phone leaves about 140 px for
 * a page, narrower than "Add competitor" on one line.
 */
export const WRAPPING_BUTTON = {
  maw: '100%',
  styles: {
    root: { height: 'auto', minHeight: 36, paddingBlock: 6 },
    label: { whiteSpace: 'normal' as const, textAlign: 'start' as const },
  },
};
