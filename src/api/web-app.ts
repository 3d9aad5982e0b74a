/**
 * Serves the single-page web app (built by `npm run build` into web/dist) on the server's own port:
 * hashed assets with a long cache, and index.html for every other path outside /api so that the
 * app's own routes (/w/…/touchpoints, /setup?token=…) load on a reload or from a link.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

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

export async function registerWebApp(app: FastifyInstance, distDir = webDistDir()): Promise<void> {
  const built = existsSync(`${distDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      setHeaders(res, path) {
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
      return reply
        .code(404)
        .send({ statusCode: 404, code: 'not_found', message: `no route GET ${request.url}` });
    }
    if (!built) return reply.type('text/html').send(notBuiltHtml);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
