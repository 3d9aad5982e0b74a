/**
 * Journey map rendering in Chromium (SPEC §10: a map with 200 touchpoints renders ≤ 300 ms).
 * The real server on a fresh data directory, a map of 5 stages × 8 lanes holding 200 touchpoint
 * items, opened again and again in Debian's Chromium. The page marks `journey-map-rendered` once
 * the map is drawn (after the browser painted it). Needs the built web app (`npm run build`).
 * Run: node --import tsx bench/journey-map-render.ts [--runs N]
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { apiCall, launchBrowser, newPage, signIn, startApp } from '../test/e2e/app-fixture.js';
import { percentile, printTable } from './stats.js';

const TOUCHPOINTS = 200;
const WARM_UP = 2;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const RUNS = Number(values.runs);

interface JourneyMap {
  id: string;
  stages: { id: string }[];
}

/** Milliseconds since navigation start of a performance mark (the last one of that name). */
function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate((mark) => performance.getEntriesByName(mark).at(-1)?.startTime ?? Number.NaN, name);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time (thread clock) of the renderer's main thread in the tasks that overlap the span from
 * one performance mark to another, from a Chromium trace with the `toplevel` category.
 */
function mainThreadCpuMs(trace: Buffer, from: string, to: string): number {
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const start = events.find((e) => e.name === from);
  const end = events.find((e) => e.name === to);
  if (!start || !end) return Number.NaN;
  const tasks = events
    .filter(
      (e) =>
        e.pid === start.pid &&
        e.tid === start.tid &&
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask' &&
        e.ts <= end.ts &&
        e.ts + (e.dur ?? 0) >= start.ts,
    )
    .sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  let covered = -1;
  for (const task of tasks) {
    // Count only outermost tasks (a nested run loop's tasks are inside their parent's time).
    if (task.ts < covered) continue;
    cpu += task.tdur ?? 0;
    covered = task.ts + (task.dur ?? 0);
  }
  return cpu / 1000;
}

const app = await startApp();
const browser = await launchBrowser();
try {
  const { page } = await newPage(browser);
  const workspaceId = await signIn(page, app.url);
  const base = `/workspaces/${workspaceId}`;
  const map = await apiCall<JourneyMap>(page, 'POST', `${base}/journeys`, { name: 'Bench journey' });
  for (let i = 0; i < TOUCHPOINTS; i++) {
    const touchpoint = await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, {
      key: `tp-${i}`,
      name: `Touchpoint number ${i}`,
    });
    const stage = map.stages[i % map.stages.length];
    if (!stage) throw new Error('journey has no stages');
    await apiCall(page, 'POST', `${base}/journeys/${map.id}/items`, {
      stageId: stage.id,
      lane: 'touchpoints',
      touchpointId: touchpoint.id,
    });
  }
  const mapUrl = `${app.url}/w/${workspaceId}/journeys/${map.id}`;
  const listUrl = `${app.url}/w/${workspaceId}/journeys`;

  // 1. Opening the map's address: navigation start → map drawn (bundle, session, map API, render).
  const load: number[] = [];
  const request: number[] = [];
  const afterData: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    await page.goto(mapUrl);
    await page.locator('[data-rendered]').waitFor();
    const drawn = await markTime(page, 'journey-map-rendered');
    const dataEnd = await page.evaluate(
      (id) =>
        performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/journeys/${id}`)) as
          | PerformanceResourceTiming
          | undefined,
      map.id,
    );
    const items = await page.locator('[data-testid=jm-item]').count();
    if (items !== TOUCHPOINTS) throw new Error(`map shows ${items} items, not ${TOUCHPOINTS}`);
    if (run < WARM_UP) continue;
    load.push(drawn);
    if (dataEnd) {
      request.push(dataEnd.responseEnd - dataEnd.startTime);
      afterData.push(drawn - dataEnd.responseEnd);
    }
  }

  // 2. Moving to the map inside the app (from the list): click → map drawn (map API and render).
  // The wall clock on a loaded machine counts time spent waiting for a core, so the renderer's
  // main-thread CPU time in the same span is measured too (Chromium trace, thread clock).
  const inApp: number[] = [];
  const inAppCpu: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    await page.goto(listUrl);
    await page.getByTestId(`journey-link-${map.id}`).waitFor();
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', '__metadata'] });
    const clicked = await page.evaluate((id) => {
      performance.mark('journey-map-open');
      const at = performance.now();
      document.querySelector<HTMLElement>(`[data-testid="journey-link-${id}"]`)?.click();
      return at;
    }, map.id);
    await page.locator('[data-rendered]').waitFor();
    const trace = await browser.stopTracing();
    const drawn = await markTime(page, 'journey-map-rendered');
    if (run < WARM_UP) continue;
    inApp.push(drawn - clicked);
    inAppCpu.push(mainThreadCpuMs(trace, 'journey-map-open', 'journey-map-rendered'));
  }

  const row = (label: string, sample: number[]) => [
    label,
    String(sample.length),
    percentile(sample, 50).toFixed(0),
    percentile(sample, 95).toFixed(0),
  ];
  console.log(`\nJourney map with ${TOUCHPOINTS} touchpoint items (5 stages × 8 lanes), Chromium headless\n`);
  printTable(
    ['measure', 'runs', 'median ms', 'p95 ms'],
    [
      row('open the map URL: navigation start → map drawn', load),
      row('  of which: the map API request (GET journey)', request),
      row('  of which: map API answer → map drawn', afterData),
      row('in the app: click in the list → map drawn', inApp),
      row('  the same, renderer main-thread CPU time', inAppCpu),
    ],
  );
} finally {
  await browser.close();
  await app.stop();
}
