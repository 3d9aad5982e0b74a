/** Small helpers for the server-rendered public pages: escaping and the page shell. */
import type { Language } from '../domain/survey-model.js';

/** Text made safe for HTML content and attribute values. */
export function esc(value: string | number): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A brand colour as the pages may put it in CSS (`#rgb` / `#rrggbb`), else the default blue. */
export function safeColour(colour: string): string {
  return /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(colour) ? colour : '#1f6feb';
}

/** A logo the pages may show: a PNG or JPEG data: URL only. */
export function safeLogo(logo: string | null): string | null {
  return logo && /^data:image\/(?:png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(logo) ? logo : null;
}

/** JSON for a `<script type="application/json">` block (no `</script>` can close it early). */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026');
}

export interface Shell {
  language: Language;
  title: string;
  nonce: string;
  css: string;
  body: string;
  /** Script elements (already carrying the nonce) put at the end of the body. */
  scripts?: string;
  /** The brand colour, as a CSS custom property. */
  colour: string;
}

/** A whole page: no external style or font, the styles inline under the response's nonce. */
export function page(shell: Shell): string {
  return `<!doctype html>
<html lang="${shell.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(shell.title)}</title>
<style nonce="${shell.nonce}">:root{--brand:${safeColour(shell.colour)}}${shell.css}</style>
</head>
<body>
${shell.body}${shell.scripts ?? ''}
</body>
</html>
`;
}

/** A survey's public link with its source (`<public URL>/s/<code>?src=qr`). */
export function surveyLink(publicUrl: string, code: string, source: string): string {
  return `${publicUrl}/s/${encodeURIComponent(code)}?src=${encodeURIComponent(source)}`;
}
