/**
 * Serves the single-page web app (built by `npm run build` into web/dist) on the server's own port:
 * hashed assets with a long cache, and index.html for every other path outside /api so that the
 * app's own routes (/w/…/touchpoints, /setup?token=…) load on a reload or from a link. Each page
 * carries the page Content-Security-Policy (security-headers.ts) with a nonce of its own.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { pageHeaders, styleNonce } from './security-headers.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The built web app: TOUCHPOINTS_WEB_DIST names another build (e.g. one made with other options). */
export function webDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TOUCHPOINTS_WEB_DIST || WEB_DIST;
}

const notBuiltHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Touchpoints</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto">
<h1>Touchpoints</h1><p>The server is running, but the web app is not built. Run <code>npm run build</code>
(<code>npm start</code> does it for you) and reload. The HTTP API and its reference are at <a href="/docs">/docs</a>.</p>
</body></html>`;

/**
 * Pages whose URL carries a token (setup link, invitations, password resets, shared links, a
 * journey map's read-only link `/m/<token>`, mystery shoppers' audit links): they and everything
 * under them send no Referer, so the token cannot leak to another site or a log, and ask search
 * engines not to index them.
 */
export const TOKEN_PAGES = ['/setup', '/invite', '/reset-password', '/share', '/shopper', '/m'];

/**
 * Stands in index.html (web/index.html's `<meta property="csp-nonce">`) for the response's style
 * nonce; MantineProvider reads it from there for its `<style>` elements.
 */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export async function registerWebApp(app: FastifyInstance, distDir = webDistDir()): Promise<void> {
  // Files are looked up when asked for, not listed at start: a build made while the server runs
  // (new hashed asset names, a first build after "not built") is served without a restart.
  await app.register(fastifyStatic, { root: distDir, serve: false });
  app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, (request, reply) =>
    reply.sendFile(`assets/${request.params['*']}`, { immutable: true, maxAge: '365d' }),
  );
  app.get('/favicon.svg', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('favicon.svg', { cacheControl: false }),
  );
  // Read on every request, a new nonce each time: no validators (ETag, Last-Modified), as a cached
  // copy would carry a nonce that no longer matches the header.
  const sendPage = async (reply: FastifyReply) => {
    let html: string;
    try {
      html = await readFile(join(distDir, 'index.html'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return reply.type('text/html; charset=utf-8').send(notBuiltHtml);
    }
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html.replaceAll(NONCE_PLACEHOLDER, styleNonce(reply.raw)));
  };
  const tokenPage = { schema: { hide: true }, helmet: pageHeaders({ carriesToken: true }) };
  for (const path of TOKEN_PAGES) {
    app.get(path, tokenPage, (_request, reply) => sendPage(reply.header('x-robots-tag', 'noindex')));
    app.get(`${path}/*`, tokenPage, (_request, reply) => sendPage(reply.header('x-robots-tag', 'noindex')));
  }
  const page = { schema: { hide: true }, helmet: pageHeaders({ carriesToken: false }) };
  app.get('/*', page, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply
        .code(404)
        .send({ statusCode: 404, code: 'not_found', message: `no route GET ${request.url}` });
    }
    return sendPage(reply);
  });
}
