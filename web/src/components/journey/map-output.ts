/** The journey map on paper and as an image: PNG download and fitting the print page. */
import { toBlob } from 'html-to-image';
import { type RefObject, useEffect } from 'react';

/** A file name from a map's name: "Clinic: first visit" → "clinic-first-visit.png". */
export function pngFileName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${base || 'journey-map'}.png`;
}

/**
 * The computed styles copied onto each cloned node. By default every property (~360) is copied,
 * which makes a full map take seconds; these are the ones the map's look depends on.
 */
const STYLE_PROPERTIES = [
  'display',
  'position',
  'box-sizing',
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'top',
  'right',
  'bottom',
  'left',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-top-style',
  'border-right-style',
  'border-bottom-style',
  'border-left-style',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'border-top-left-radius',
  'border-top-right-radius',
  'border-bottom-left-radius',
  'border-bottom-right-radius',
  'border-collapse',
  'border-spacing',
  'background-color',
  'box-shadow',
  'opacity',
  'visibility',
  'overflow-x',
  'overflow-y',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'text-align',
  'text-decoration-line',
  'text-transform',
  'text-overflow',
  'white-space',
  'overflow-wrap',
  'word-break',
  'vertical-align',
  'list-style-type',
  'table-layout',
  'flex-direction',
  'flex-wrap',
  'flex-grow',
  'flex-shrink',
  'flex-basis',
  'align-items',
  'align-self',
  'justify-content',
  'row-gap',
  'column-gap',
  '-webkit-line-clamp',
  '-webkit-box-orient',
  'transform',
  'transform-origin',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'dominant-baseline',
  'text-anchor',
];

/** Draws the element (without its editing controls) into a PNG and downloads it. */
export async function downloadPng(element: HTMLElement, fileName: string): Promise<void> {
  const blob = await toBlob(element, {
    backgroundColor: '#ffffff',
    pixelRatio: 2,
    // The app uses the system fonts: nothing to embed, and reading every style sheet's fonts is slow.
    skipFonts: true,
    includeStyleProperties: STYLE_PROPERTIES,
    // The full map, also the part scrolled out of view.
    width: element.scrollWidth,
    height: element.scrollHeight,
    filter: (node) => !(node instanceof HTMLElement && node.classList.contains('jm-edit')),
  });
  if (!blob) throw new Error('no image');
  // A blob URL rather than a data URL: a large map's data URL is many megabytes of text.
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.download = fileName;
  link.href = url;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Printable area of A4 landscape with the 10 mm margins of the print style, in CSS pixels. */
const PAGE = { width: (277 / 25.4) * 96, height: (190 / 25.4) * 96 };
/** Below this a map is not squeezed onto one page: it flows over several at this scale. */
const MIN_ZOOM = 0.45;

/**
 * While printing, zooms the element so that it fits one landscape A4 page (its screen layout kept,
 * so the emotion curve stays under its stages); a map too tall for that runs over several pages.
 */
export function usePrintFit(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const before = () => {
      const element = ref.current;
      if (!element) return;
      const width = element.scrollWidth;
      const height = element.scrollHeight;
      const fitWidth = Math.min(1, PAGE.width / width);
      const fitPage = Math.min(fitWidth, PAGE.height / height);
      // Keep the screen width (the chart is drawn for it) and scale the whole.
      element.style.width = `${width}px`;
      element.style.zoom = String(fitPage >= MIN_ZOOM ? fitPage : Math.max(MIN_ZOOM, fitWidth));
    };
    const after = () => {
      if (!ref.current) return;
      ref.current.style.zoom = '';
      ref.current.style.width = '';
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [ref]);
}
