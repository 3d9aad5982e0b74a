/**
 * Throughput of the public survey answer route (SPEC §6; no SPEC target): the real server as a
 * child process on a fresh data directory, one live survey (CSAT, NPS, a choice and a comment),
 * and this process posting one-time submissions to `POST /api/public/surveys/<code>/answers` with
 * K requests in flight, as respondents' browsers would (JSON, no credentials). The public rate
 * limits are lifted for the run. At the end it re-sends some submissions (all must come back as
 * duplicates) and checks the survey's results count every submission once. Exits non-zero when a
 * check fails.
 * Run: node --import tsx bench/survey-answers.ts [--answers N] [--concurrency K] [--server-node-arg=--cpu-prof]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN, startServerProcess } from './server-process.js';
import { percentile, printTable } from './stats.js';

const { values } = parseArgs({
  options: {
    answers: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
    'server-node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const wanted = Number(values.answers);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(wanted) || wanted < 10 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('usage: bench/survey-answers.ts [--answers N] [--concurrency K]');
  process.exit(2);
}

const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
};

// Respondents come from many addresses; here they all come from this one.
process.env.TOUCHPOINTS_SURVEY_ADDRESS_RATE_LIMIT = '10000000';
process.env.TOUCHPOINTS_SURVEY_RATE_LIMIT = '10000000';
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-survey-'));
const server = await startServerProcess(dataDir, values['server-node-arg']);
try {
  const url = server.url;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: { cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const me = await api<{ workspaces: { id: string }[] }>('GET', '/me');
  const base = `/workspaces/${me.workspaces[0]?.id}`;
  const touchpoint = await api<{ id: string }>('POST', `${base}/touchpoints`, {
    key: 'reception',
    name: 'Reception',
  });
  const survey = await api<{ id: string; code: string }>('POST', `${base}/surveys`, {
    touchpointId: touchpoint.id,
    name: 'Bench survey',
    status: 'live',
    questions: [
      { id: 'csat', kind: 'csat', required: true, text: { en: 'How satisfied were you?' } },
      { id: 'nps', kind: 'nps', required: false, text: { en: 'Would you recommend us?' } },
      {
        id: 'visit',
        kind: 'choice',
        required: false,
        text: { en: 'Why did you come?' },
        options: [
          { key: 'buy', text: { en: 'To buy' } },
          { key: 'ask', text: { en: 'To ask' } },
        ],
      },
      { id: 'comment', kind: 'comment', required: false, text: { en: 'Anything else?' } },
    ],
    texts: { title: { en: 'Your visit' }, thankYou: { en: 'Thank you!' } },
  });
  const endpoint = `${url}/api/public/surveys/${survey.code}/answers`;
  // Prepared before the clock starts, as a load generator replays prepared requests.
  const bodies = Array.from({ length: wanted }, (_, i) =>
    JSON.stringify({
      submissionId: randomUUID(),
      source: i % 2 === 0 ? 'qr' : 'link',
      language: 'en',
      answers: { csat: 1 + (i % 5), nps: i % 11, visit: i % 3 === 0 ? 'ask' : 'buy', comment: `Answer ${i}` },
    }),
  );
  const post = async (body: string) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body,
    });
    const answer = (await res.json()) as { duplicate?: boolean; message?: string };
    if (res.status !== 201 && res.status !== 200) throw new Error(`${res.status}: ${answer.message}`);
    return answer;
  };
  // Warm-up (JIT, connection pool) outside the timed run: 100 submissions of their own.
  for (let i = 0; i < 100; i++)
    await post(JSON.stringify({ submissionId: randomUUID(), source: 'link', answers: { csat: 5 } }));

  const cpuBefore = server.cpuMs();
  const mainBefore = server.mainThreadCpuMs();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const t0 = performance.now();
        const answer = await post(body);
        latencies.push(performance.now() - t0);
        check(answer.duplicate === false, 'a new submission came back as a duplicate');
      }
    }),
  );
  const elapsed = performance.now() - started;
  const serverCpu = server.cpuMs() - cpuBefore;
  const serverMain = server.mainThreadCpuMs() - mainBefore;
  // Re-sent submissions store nothing.
  const resent = await Promise.all(bodies.slice(0, 200).map(post));
  check(
    resent.every((a) => a.duplicate === true),
    're-sent submissions were not all duplicates',
  );
  const results = await api<{ submissions: number; answers: number }>(
    'GET',
    `${base}/surveys/${survey.id}/results`,
  );
  check(
    results.submissions === wanted + 100,
    `results count ${results.submissions} submissions, not ${wanted + 100}`,
  );
  check(
    results.answers === wanted * 4 + 100,
    `results count ${results.answers} answers, not ${wanted * 4 + 100}`,
  );

  console.log(
    `survey answers over HTTP: ${wanted} submissions (4 answers each), ${concurrency} in flight, ${availableParallelism()} cores`,
  );
  printTable(
    [
      'submissions',
      'in flight',
      'submissions/s',
      'answers/s',
      'latency p50',
      'p95',
      'server CPU per submission (main thread)',
      'load average',
    ],
    [
      [
        String(wanted),
        String(concurrency),
        (wanted / (elapsed / 1000)).toFixed(0),
        ((wanted * 4) / (elapsed / 1000)).toFixed(0),
        `${percentile(latencies, 50).toFixed(1)} ms`,
        `${percentile(latencies, 95).toFixed(1)} ms`,
        `${(serverCpu / wanted).toFixed(2)} ms (${(serverMain / wanted).toFixed(2)} ms)`,
        loadavg()[0]?.toFixed(1) ?? '',
      ],
    ],
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`FAILED:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
