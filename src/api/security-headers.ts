/**
 * The security headers of every response, set by @fastify/helmet, one Content-Security-Policy per
 * route class:
 * - everything by default (API, OpenAPI document, static files, errors): a document may load
 *   nothing (`default-src 'none'`);
 * - the web app's pages (web-app.ts): its own files only, no inline script, Mantine's `<style>`
 *   elements by the response's style nonce, inline style attributes (ECharts tooltips);
 * - the API reference /docs (swagger-ui): its own files, its logo's `<style>` by hash, data: images;
 * - the touchpoint audit report (report.ts): its inline styles and data: images, no script at all,
 *   framed only by our own pages (the web app's Report page shows it in an iframe).
 * No other page may be framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`). Pages whose URL
 * carries a token send no Referer; HSTS only when the server is reached over HTTPS.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';

type HelmetRouteOptions = Omit<FastifyHelmetOptions, 'global'>;
type Directives = Record<string, string[]>;

/** What the browser may not do on any of our documents, whatever else it may load. */
const LOCKED: Directives = {
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'script-src-attr': ["'none'"],
};

/** The policy of every response that is no page: JSON, files, errors. */
const NOTHING: Directives = { 'default-src': ["'none'"], ...LOCKED, 'form-action': ["'none'"] };

const styleNonces = new WeakMap<ServerResponse, string>();

/**
 * The nonce of the `<style>` elements of one response, made on first use (the CSP header and the
 * page's `<meta property="csp-nonce">` ask for the same one).
 */
export function styleNonce(response: ServerResponse): string {
  let nonce = styleNonces.get(response);
  if (!nonce) {
    nonce = randomBytes(18).toString('base64');
    styleNonces.set(response, nonce);
  }
  return nonce;
}

/** The headers of every route without its own (see pageHeaders and DOCS_POLICY). */
export function securityHeaders(options: { https: boolean }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
    // Browsers that predate frame-ancestors read this one.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: options.https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
  };
}

/**
 * A page of the web app. Scripts and style sheets are the build's own files; Mantine writes its
 * CSS variables into `<style>` elements, which carry the response's nonce (MantineProvider's
 * `getStyleNonce`). Style attributes stay allowed: ECharts writes tooltips as HTML with them.
 * PNG export (html-to-image) and QR codes draw from data: and blob: images. A page whose URL
 * carries a token (`carriesToken`) sends no Referer at all.
 */
export function pageHeaders(options: { carriesToken: boolean }): HelmetRouteOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        ...LOCKED,
        'script-src': ["'self'"],
        'style-src': ["'self'", (_request, response) => `'nonce-${styleNonce(response)}'`],
        'style-src-attr': ["'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
      },
    },
    referrerPolicy: { policy: options.carriesToken ? 'no-referrer' : 'strict-origin-when-cross-origin' },
  };
}

/**
 * The touchpoint audit report: a self-contained document whose styles are inline and whose
 * charts are inline SVG; it runs no script. Only our own pages may frame it.
 */
export function reportHeaders(): HelmetRouteOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'style-src': ["'unsafe-inline'"],
        'img-src': ['data:'],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'self'"],
      },
    },
    xFrameOptions: { action: 'sameorigin' },
  };
}

/**
 * The API reference (/docs, @fastify/swagger-ui's `staticCSP`, which replaces the header above):
 * swagger-ui's own scripts and style sheets, the logo @fastify/swagger-ui draws as a data: image;
 * "Try it out" calls the API on the same origin. Its React components set styles through the
 * CSSOM, so no style attribute is needed.
 */
export const DOCS_POLICY: Directives = {
  'default-src': ["'self'"],
  ...LOCKED,
  'script-src': ["'self'"],
  // The one <style> element swagger-ui draws: in its logo, `.logo_small_svg__cls-2{fill:#fff}…`.
  'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"],
  'style-src-attr': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
};
