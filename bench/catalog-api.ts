/**
 * Catalog API latency with 1,000 touchpoints (SPEC §10: p95 ≤ 50 ms), in process through
 * Fastify's inject on embedded PGlite (in memory) — the default deployment's engine.
 * Run: npm run bench
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openCatalog } from '../src/store/catalog/db.js';
import { createSecretBox } from '../src/store/catalog/secret-box.js';
import { createSession } from '../src/store/catalog/sessions.js';
import { createUser } from '../src/store/catalog/users.js';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import { percentile, printTable } from './stats.js';

const TOUCHPOINTS = 1000;
const ROUNDS = 200;

const catalog = await openCatalog({});
await catalog.migrate();
const events = await openDuckDbEventStore();
const app = await buildApp({
  db: catalog.db,
  events,
  config: loadConfig({}),
  engine: catalog.engine,
  secrets: createSecretBox(randomBytes(32)),
});
await app.ready();
const user = await createUser(catalog.db, { email: 'bench@example.com', password: 'bench password' });
const cookie = `tp_session=${await createSession(catalog.db, user.id)}`;

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie, origin: 'http://localhost' },
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const ws = await call('POST', '/api/workspaces', { name: 'Bench' });
const base = `/api/workspaces/${ws.id}`;
const channels = (await call('GET', `${base}/channels?limit=100`)).items as { id: string }[];
const subjects: string[] = [];
for (let i = 0; i < 20; i++)
  subjects.push((await call('POST', `${base}/subjects`, { kind: 'location', name: `Store ${i}` })).id);
const stages = ['need_recognition', 'information_search', 'comparison', 'purchase', 'post_purchase'];
const ids: string[] = [];
const seedStart = performance.now();
for (let i = 0; i < TOUCHPOINTS; i++) {
  const tp = await call('POST', `${base}/touchpoints`, {
    key: `tp-${i}`,
    name: `Touchpoint ${i}`,
    channelId: channels[i % channels.length]?.id,
    subjectId: subjects[i % subjects.length],
    stage: stages[i % stages.length],
    direction: i % 3 === 0 ? 'out' : 'in',
    tags: [`tag${i % 10}`],
    ...(i >= 100 && i % 10 === 0 ? { parentId: ids[i % 100] } : {}),
  });
  ids.push(tp.id);
}
const seedMs = performance.now() - seedStart;

const scenarios: [string, () => Promise<unknown>][] = [
  ['list touchpoints (first page of 50)', () => call('GET', `${base}/touchpoints`)],
  [
    'list touchpoints, filter stage+direction, sort -priority',
    () => call('GET', `${base}/touchpoints?stage=purchase&direction=in&sort=-priority`),
  ],
  ['list touchpoints, text search', () => call('GET', `${base}/touchpoints?q=Touchpoint%2099`)],
  ['list touchpoints, page 15 of 20', () => call('GET', `${base}/touchpoints?offset=700&limit=50`)],
  [
    'get one touchpoint',
    () => call('GET', `${base}/touchpoints/${ids[Math.floor(Math.random() * ids.length)]}`),
  ],
  [
    'update one touchpoint (version precondition)',
    async () => {
      const id = ids[Math.floor(Math.random() * ids.length)];
      const tp = await call('GET', `${base}/touchpoints/${id}`);
      return call('PATCH', `${base}/touchpoints/${id}`, {
        version: tp.version,
        priority: (tp.priority % 5) + 1,
      });
    },
  ],
  ['health check of the workspace', () => call('GET', `${base}/health`)],
];

const rows: string[][] = [];
for (const [name, run] of scenarios) {
  for (let i = 0; i < 10; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  rows.push([
    name,
    percentile(times, 50).toFixed(1),
    percentile(times, 95).toFixed(1),
    percentile(times, 99).toFixed(1),
  ]);
}
console.log(
  `Catalog API on PGlite (in memory), ${TOUCHPOINTS} touchpoints, ${ROUNDS} requests each; seeding took ${(seedMs / 1000).toFixed(1)} s`,
);
printTable(['request', 'p50 ms', 'p95 ms', 'p99 ms'], rows);
await app.close();
await events.close();
await catalog.close();
