/**
 * `npm run screenshots`: starts the server on a fresh data directory, creates the demo workspace
 * with generated interactions, and saves a screenshot of every main page to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { apiCall, launchBrowser, newPage, signIn, startApp } from '../test/e2e/app-fixture.js';

const outDir = join(import.meta.dirname, '../docs/screenshots');

interface Listed {
  items: { id: string; name: string }[];
}
interface Audit {
  id: string;
  status: string;
  brandIsOwn: boolean;
  failedCount: number;
  auditorUserId: string | null;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Charts animate in; give them a moment to reach their final drawing.
  await page.waitForTimeout(1200);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const { page } = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, app.url);
    const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {
      interactions: 30_000,
      seed: 7,
    });
    const ws = demo.workspace.id;
    const journeys = await apiCall<Listed>(page, 'GET', `/workspaces/${ws}/journeys`);
    const chains = await apiCall<Listed>(page, 'GET', `/workspaces/${ws}/chains`);
    const base = `${app.url}/w/${ws}`;
    const shots: [string, string][] = [
      ['touchpoints', `${base}/touchpoints`],
      ['journey-map', `${base}/journeys/${journeys.items[0]?.id}`],
      ['chain-funnel', `${base}/chains/${chains.items[0]?.id}`],
      ['analytics-paths', `${base}/analytics/paths`],
      ['analytics-attribution', `${base}/analytics/attribution`],
      ['analytics-sentiment', `${base}/analytics/sentiment`],
      ['analytics-standards', `${base}/analytics/standards`],
      ['health', `${base}/health`],
      ['tasks', `${base}/tasks`],
      ['brands', `${base}/brands`],
      ['benchmark', `${base}/benchmark`],
      ['report', `${base}/report`],
      ['data', `${base}/data`],
      ['settings', `${base}/settings`],
    ];
    for (const [name, url] of shots) {
      await page.goto(url);
      await settle(page);
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
    }
    // Audits: the list, a competitor's submitted audit with its failed criteria, and the walk a
    // mystery shopper sees on a phone (a fresh link to the demo's planned audit).
    const audits = await apiCall<{ items: Audit[] }>(page, 'GET', `/workspaces/${ws}/audits?limit=500`);
    const competitor = audits.items.find(
      (a) => a.status === 'submitted' && !a.brandIsOwn && a.failedCount > 0,
    );
    const planned = audits.items.find((a) => a.status === 'planned' && a.auditorUserId === null);
    await page.goto(`${base}/audits`);
    await settle(page);
    await page.screenshot({ path: join(outDir, 'audits.png') });
    console.log('docs/screenshots/audits.png');
    if (competitor) {
      await page.goto(`${base}/audits/${competitor.id}`);
      await settle(page);
      await page.screenshot({ path: join(outDir, 'audit-results.png') });
      console.log('docs/screenshots/audit-results.png');
    }
    if (planned) {
      const link = await apiCall<{ token: string }>(
        page,
        'POST',
        `/workspaces/${ws}/audits/${planned.id}/links`,
        {},
      );
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const shopper = await phone.newPage();
      await shopper.goto(`${app.url}/shopper/${link.token}`);
      await shopper.getByTestId('walk-brand').waitFor();
      await settle(shopper);
      await shopper.screenshot({ path: join(outDir, 'shopper-walk.png') });
      console.log('docs/screenshots/shopper-walk.png');
      await phone.close();
    }
    // Feedback: the surveys, one survey's editor with its preview and its results, the complaint
    // register, the reviews, and the public survey page as a customer sees it on a phone.
    const surveys = await apiCall<{ items: { id: string; code: string; status: string }[] }>(
      page,
      'GET',
      `/workspaces/${ws}/surveys?limit=100`,
    );
    const live = surveys.items.find((s) => s.status === 'live');
    const feedbackShots: [string, string][] = [
      ['surveys', `${base}/surveys`],
      ...(live
        ? ([
            ['survey-editor', `${base}/surveys/${live.id}`],
            ['survey-results', `${base}/surveys/${live.id}?tab=results`],
          ] as [string, string][])
        : []),
      ['complaints', `${base}/complaints`],
      ['reviews', `${base}/reviews`],
    ];
    for (const [name, url] of feedbackShots) {
      await page.goto(url);
      await settle(page);
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
    }
    if (live) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const customer = await phone.newPage();
      await customer.goto(`${app.url}/s/${live.code}?src=qr`);
      await settle(customer);
      await customer.screenshot({ path: join(outDir, 'survey-phone.png') });
      console.log('docs/screenshots/survey-phone.png');
      await phone.close();
    }
    // Journey maps for a team: the personas, the retail map's blueprint and KPI lanes (whole
    // page), two maps side by side, a read-only link opened signed out, and the app on a phone
    // with its navigation open.
    const retail = journeys.items.find((j) => /retail/i.test(j.name)) ?? journeys.items[0];
    const compareIds = journeys.items.slice(0, 2).map((j) => j.id);
    await page.goto(`${base}/journeys/personas`);
    await settle(page);
    await page.screenshot({ path: join(outDir, 'personas.png') });
    console.log('docs/screenshots/personas.png');
    await page.goto(`${base}/journeys/${retail?.id}`);
    await settle(page);
    await page.screenshot({ path: join(outDir, 'journey-blueprint.png'), fullPage: true });
    console.log('docs/screenshots/journey-blueprint.png');
    await page.goto(`${base}/journeys/compare?ids=${compareIds.join(',')}`);
    await settle(page);
    await page.screenshot({ path: join(outDir, 'journey-compare.png') });
    console.log('docs/screenshots/journey-compare.png');
    const share = await apiCall<{ token: string }>(
      page,
      'POST',
      `/workspaces/${ws}/journeys/${retail?.id}/shares`,
      {},
    );
    const outsider = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const reader = await outsider.newPage();
    await reader.goto(`${app.url}/m/${share.token}`);
    await settle(reader);
    await reader.screenshot({ path: join(outDir, 'shared-map.png') });
    console.log('docs/screenshots/shared-map.png');
    await outsider.close();
    const pocket = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: await page.context().storageState(),
    });
    const mobile = await pocket.newPage();
    await mobile.goto(`${base}/tasks`);
    await settle(mobile);
    await mobile.screenshot({ path: join(outDir, 'tasks-phone.png') });
    console.log('docs/screenshots/tasks-phone.png');
    await mobile.getByTestId('nav-burger').click();
    await mobile.getByTestId('nav-journeys').waitFor();
    await mobile.waitForTimeout(500); // the drawer's slide-in
    await mobile.screenshot({ path: join(outDir, 'navigation-phone.png') });
    console.log('docs/screenshots/navigation-phone.png');
    await pocket.close();
    // Alerts: the demo's firing alerts, with the bell's notifications open.
    await page.goto(`${base}/alerts`);
    await settle(page);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').waitFor();
    await page.screenshot({ path: join(outDir, 'alerts.png') });
    console.log('docs/screenshots/alerts.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await page.goto(`${base}/touchpoints`);
    await settle(page);
    await page.screenshot({ path: join(outDir, 'touchpoints-de.png') });
    console.log('docs/screenshots/touchpoints-de.png');
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
