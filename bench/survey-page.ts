/**
 * The public survey page `/s/<code>` on a phone (SPEC §6: a small, fast page of its own, not the
 * web app): bytes transferred for the page and everything it loads (response headers and bodies
 * as received, from a cold cache), and its first paint and first contentful paint at 390×844 in
 * Debian's Chromium, against the real server on a fresh data directory. For comparison, the same
 * figures for the web app's sign-in page (the single-page app's shell and bundles), when it is
 * built. A survey with five questions (CSAT, NPS, CES, a choice and a comment) in two languages,
 * with a logo. Exits non-zero when the page loads anything but itself or is over 30 kB.
 * Run: node --import tsx bench/survey-page.ts [--runs N]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/e2e/app-fixture.js';
import { ADMIN, startServerProcess } from './server-process.js';
import { percentile, printTable } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('usage: bench/survey-page.ts [--runs N]');
  process.exit(2);
}
const failures: string[] = [];

/** A 1×1 PNG as the brand logo (a real survey's logo is larger: up to 200 kB). */
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Measured {
  requests: number;
  bytes: number;
  firstPaint: number;
  firstContentfulPaint: number;
}

/** Opens `url` at 390×844 in a fresh context (cold cache) and reads what it transferred and when it painted. */
async function measure(browser: Browser, url: string, ready: string): Promise<Measured> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  // Requests over the network only (a data: image is part of the page already).
  const network = new Set<string>();
  session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => {
    if (!event.request.url.startsWith('data:')) network.add(event.requestId);
  });
  session.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    if (!network.has(event.requestId)) return;
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  // A string, not a function: the TypeScript loader would wrap named functions in a helper the page lacks.
  const paints = (await page.evaluate(`new Promise((resolve) => {
    const read = () => Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    const now = read();
    if (now['first-contentful-paint'] !== undefined) resolve(now);
    else requestAnimationFrame(() => setTimeout(() => resolve(read()), 50));
  })`)) as Record<string, number>;
  await context.close();
  return {
    requests,
    bytes,
    firstPaint: paints['first-paint'] ?? Number.NaN,
    firstContentfulPaint: paints['first-contentful-paint'] ?? Number.NaN,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-survey-page-'));
const server = await startServerProcess(dataDir);
const browser = await launchBrowser();
try {
  const url = server.url;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
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
  const text = (en: string, de: string) => ({ en, de });
  const survey = await api<{ code: string }>('POST', `${base}/surveys`, {
    touchpointId: touchpoint.id,
    name: 'Bench page',
    status: 'live',
    logo: LOGO,
    contactConsent: true,
    questions: [
      {
        id: 'csat',
        kind: 'csat',
        required: true,
        text: text('How satisfied were you?', 'Wie zufrieden waren Sie?'),
      },
      {
        id: 'nps',
        kind: 'nps',
        required: false,
        text: text('Would you recommend us?', 'Würden Sie uns empfehlen?'),
      },
      { id: 'ces', kind: 'ces', required: false, text: text('How easy was it?', 'Wie einfach war es?') },
      {
        id: 'visit',
        kind: 'choice',
        required: false,
        text: text('Why did you come?', 'Warum kamen Sie?'),
        options: [
          { key: 'buy', text: text('To buy', 'Zum Kaufen') },
          { key: 'return', text: text('To return something', 'Zur Rückgabe') },
          { key: 'advice', text: text('For advice', 'Zur Beratung') },
        ],
      },
      { id: 'comment', kind: 'comment', required: false, text: text('Anything else?', 'Noch etwas?') },
    ],
    texts: {
      title: text('Your visit to our reception', 'Ihr Besuch an unserem Empfang'),
      intro: text('Two minutes, no sign-in.', 'Zwei Minuten, ohne Anmeldung.'),
      thankYou: text('Thank you!', 'Danke!'),
      consent: text(
        'You may contact me about my answers.',
        'Sie dürfen mich zu meinen Antworten kontaktieren.',
      ),
    },
  });

  const pages: { name: string; url: string; ready: string }[] = [
    {
      name: '`/s/<code>` (survey page)',
      url: `${url}/s/${survey.code}?src=qr`,
      ready: 'button[type=submit]',
    },
  ];
  const webBuilt = existsSync(join(import.meta.dirname, '../web/dist/index.html'));
  if (webBuilt)
    pages.push({ name: 'web app sign-in page, for comparison', url: `${url}/login`, ready: 'form' });

  const rows: string[][] = [];
  for (const p of pages) {
    await measure(browser, p.url, p.ready); // warm-up (server JIT)
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, p.url, p.ready));
    const first = runs[0] as Measured;
    if (p.url.includes('/s/')) {
      if (first.requests !== 1) failures.push(`the survey page made ${first.requests} requests, not 1`);
      if (first.bytes > 30_000) failures.push(`the survey page transferred ${first.bytes} bytes (> 30 kB)`);
    }
    rows.push([
      p.name,
      String(first.requests),
      `${(
        percentile(
          runs.map((r) => r.bytes),
          50,
        ) / 1024
      ).toFixed(1)} kB`,
      `${percentile(
        runs.map((r) => r.firstPaint),
        50,
      ).toFixed(0)} ms`,
      `${percentile(
        runs.map((r) => r.firstContentfulPaint),
        50,
      ).toFixed(0)} ms`,
      `${percentile(
        runs.map((r) => r.firstContentfulPaint),
        90,
      ).toFixed(0)} ms`,
    ]);
  }
  console.log(`survey page at 390×844 in Chromium, median of ${RUNS} cold loads`);
  printTable(['page', 'requests', 'transferred', 'first paint', 'first contentful paint', 'FCP p90'], rows);
  console.log(`load average: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`FAILED:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
