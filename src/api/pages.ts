/** The few HTML pages the server renders itself: the landing page and the first-run setup form. */
import type { FastifyInstance } from 'fastify';

const style =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}' +
  'label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}' +
  'button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}#msg{margin-top:1rem}';

const setupHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Touchpoints — set up</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${style}</style></head><body>
<h1>Set up Touchpoints</h1><p>Create the owner account. This link works once.</p>
<form id="f"><label for="name">Your name</label><input id="name" name="name" autocomplete="name">
<label for="email">E-mail</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="password">Password (at least 8 characters)</label><input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<label for="workspaceName">Company (first workspace)</label><input id="workspaceName" name="workspaceName" value="My company" required>
<button type="submit">Create account</button></form><p id="msg" role="status"></p>
<script>
const token = new URLSearchParams(location.search).get('token') || '';
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = Object.fromEntries(new FormData(e.target));
  const res = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...data, token }) });
  const body = await res.json();
  document.getElementById('msg').textContent = res.ok
    ? 'Done — you are signed in. Open the API docs at /docs.' : body.message;
  if (res.ok) location.href = '/';
});
</script></body></html>`;

const homeHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Touchpoints</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${style}</style></head><body>
<h1>Touchpoints</h1><p>The server is running. The HTTP API and its reference are at <a href="/docs">/docs</a>;
the OpenAPI document at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

export function registerPages(app: FastifyInstance): void {
  app.get('/setup', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html').send(setupHtml),
  );
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(homeHtml));
}
