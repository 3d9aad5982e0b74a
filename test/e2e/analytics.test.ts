/**
 * The analytics pages in Chromium against the real server: a demo workspace with generated
 * interactions, each analysis tab showing what the API computed, the shared period (kept across
 * tabs) down to a period without data, and the tabs in German.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Attribution,
  ContactFrequency,
  Paths,
  Sentiment,
  StandardsCompliance,
  TouchesToConversion,
} from '../../web/src/api/types.js';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

const DAY = 86_400_000;

/** Polls long enough for an analysis over 20,000 interactions on a busy machine. */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 30_000, interval: 250 });
}

describe('analytics pages', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let api: string;
  // The period the page starts with ("all time"): from the epoch to tomorrow.
  const period = `from=1970-01-01&to=${new Date(Date.now() + DAY).toISOString().slice(0, 10)}`;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ context, page } = await newPage(browser));
    await signIn(page, app.url);
    const demo = await apiCall<{ workspace: { id: string }; recorded: { interactions: number } }>(
      page,
      'POST',
      '/workspaces/demo',
      { interactions: 20_000, seed: 1 },
    );
    expect(demo.recorded.interactions).toBe(20_000);
    base = `${app.url}/w/${demo.workspace.id}/analytics`;
    api = `/workspaces/${demo.workspace.id}/analytics`;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  /** Picks an option of a segmented control by its label (its radio input is visually hidden). */
  async function choose(name: string) {
    const id = await page.getByRole('radio', { name, exact: true }).getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
  }

  /** Opens a tab by its label, as a user does. */
  async function openTab(name: string, path: string) {
    await page.getByRole('tab', { name }).click();
    await page.waitForURL(new RegExp(`/analytics/${path}(\\?|$)`));
  }

  it('draws the paths as a Sankey and lists the top paths with their conversion', async () => {
    const paths = await apiCall<Paths>(page, 'GET', `${api}/paths?${period}`);
    expect(paths.edges.length).toBeGreaterThan(10);
    await page.goto(base);
    await page.waitForURL(/\/analytics\/paths/);

    // Nodes and flows of the Sankey are SVG paths.
    await poll(() => page.locator('[data-testid=paths-sankey] svg path').count()).toBeGreaterThan(30);
    const rows = page.getByTestId('paths-table').locator('tbody tr');
    await poll(() => rows.count()).toBe(paths.paths.length);
    const top = paths.paths[0];
    const firstRow = await rows.first().innerText();
    expect(firstRow).toContain(top?.steps[0]?.touchpointName ?? '');
    expect(firstRow).toContain(String(top?.customers));
    // A path that converts shows its rate as a percentage.
    const converting = paths.paths.findIndex((p) => p.conversionRate > 0);
    expect(converting).toBeGreaterThanOrEqual(0);
    expect(await rows.nth(converting).innerText()).toMatch(/[1-9]\d*(\.\d)?%/);

    // The numbers behind the Sankey open under it.
    await page.getByRole('button', { name: 'Show the numbers' }).click();
    await poll(() =>
      page.getByRole('table', { name: 'Flows between steps' }).locator('tbody tr').count(),
    ).toBe(60);
  });

  it('shows the seven attribution models side by side, by touchpoint or channel, count or value', async () => {
    await openTab('Attribution', 'attribution');
    const table = page.getByTestId('attribution-table');
    await poll(() => table.getByTestId('model-column').allInnerTexts()).toEqual([
      'First touch',
      'Last touch',
      'Linear',
      'Position',
      'Time decay',
      'Markov',
      'Shapley',
    ]);
    await poll(() => page.locator('[data-testid=attribution-chart] svg path').count()).toBeGreaterThan(20);

    // Sorted by the linear model: the touchpoint the API credits most comes first.
    const byTouchpoint = await apiCall<Attribution>(page, 'GET', `${api}/attribution?${period}`);
    const linear = byTouchpoint.models.find((m) => m.model === 'linear');
    expect(await table.locator('tbody tr').first().innerText()).toContain(linear?.credits[0]?.name ?? '');
    await poll(() => table.locator('tbody tr').count()).toBe(linear?.credits.length);

    // Value instead of count: the rows follow the credited value.
    await choose('Value');
    const topByValue = [...(linear?.credits ?? [])].sort((a, b) => b.value - a.value)[0];
    const firstRow = table.locator('tbody tr').first();
    await poll(() => firstRow.innerText()).toContain(
      Math.round(topByValue?.value ?? 0).toLocaleString('en-US'),
    );
    expect(await firstRow.innerText()).toContain(topByValue?.name ?? '');

    // By channel: the API attributes to channels and the table lists them.
    await choose('Channels');
    const byChannel = await apiCall<Attribution>(page, 'GET', `${api}/attribution?${period}&by=channel`);
    const channels = byChannel.models[0]?.credits.map((c) => c.name) ?? [];
    expect(channels).toContain('Website');
    await poll(() => table.locator('tbody tr').count()).toBe(channels.length);
    expect(await table.innerText()).toContain('Website');
  });

  it('shows the touches-to-conversion histogram with its median and mean', async () => {
    await openTab('Touches to conversion', 'touches');
    const touches = await apiCall<TouchesToConversion>(page, 'GET', `${api}/touches?${period}`);
    expect(touches.conversions).toBeGreaterThan(0);
    await poll(() => page.locator('[data-testid=touches-histogram] svg path').count()).toBeGreaterThan(5);
    const stats = await page.getByTestId('analysis-touches').innerText();
    expect(stats).toContain(touches.conversions.toLocaleString('en-US'));
    expect(stats).toMatch(new RegExp(`MEDIAN TOUCHES\\s+${touches.touches.median}`, 'i'));
  });

  it('draws the sentiment heat map of stage × channel with its numbers', async () => {
    await openTab('Sentiment', 'sentiment');
    const sentiment = await apiCall<Sentiment>(page, 'GET', `${api}/sentiment?${period}`);
    const heatMap = page.getByTestId('sentiment-heatmap');
    expect(await heatMap.getAttribute('aria-label')).toBe(
      'Heat map of sentiment by journey stage and channel',
    );
    // One rectangle per cell with interactions (besides axes and the colour scale).
    await poll(() => heatMap.locator('svg path').count()).toBeGreaterThan(sentiment.heatMap.length);
    const card = page.getByTestId('sentiment-heatmap-card');
    await card.getByRole('button', { name: 'Show the numbers' }).click();
    await poll(() => card.locator('tbody tr').count()).toBe(sentiment.heatMap.length);
    expect(await card.innerText()).toContain('Need recognition');

    // Per touchpoint, then per stage.
    const summary = page.getByTestId('sentiment-table');
    await poll(() => summary.locator('tbody tr').count()).toBe(sentiment.touchpoints.length);
    await choose('Stages');
    await poll(() => summary.locator('tbody tr').count()).toBe(sentiment.stages.length);

    // The channel filter narrows every analysis to the touchpoints of that channel.
    await choose('Channels');
    await page.getByTestId('channel-filter').click();
    await page.getByRole('option', { name: 'Website', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/channel=website/);
    await poll(() => summary.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining('Website'),
    ]);
    await page.getByTestId('channel-filter').click();
    await page.getByRole('option', { name: 'Website', exact: true }).click();
    await page.keyboard.press('Escape');
    await poll(() => page.url()).not.toContain('channel=');
    await poll(() => summary.locator('tbody tr').count()).toBe(sentiment.channels.length);

    // The stage filter likewise: per stage, only the one chosen is left.
    await choose('Stages');
    await page.getByTestId('stage-filter').click();
    await page.getByRole('option', { name: 'Purchase', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/stage=purchase/);
    await poll(() => summary.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining('Purchase'),
    ]);
    // Back up to the filters (the tab bar stays on top of the page as it scrolls).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('stage-filter').click();
    await page.getByRole('option', { name: 'Purchase', exact: true }).click();
    await page.keyboard.press('Escape');
    await poll(() => page.url()).not.toContain('stage=');
    await poll(() => summary.locator('tbody tr').count()).toBe(sentiment.stages.length);
  });

  it('lists each standard with pass or fail and draws the weekly trend', async () => {
    await openTab('Standards', 'standards');
    const compliance = await apiCall<StandardsCompliance>(page, 'GET', `${api}/standards?${period}`);
    const rows = page.getByTestId('standard-row');
    await poll(() => rows.count()).toBe(compliance.standards.length);
    const passing = compliance.standards.filter((s) => s.passed === true).length;
    const failing = compliance.standards.filter((s) => s.passed === false).length;
    expect(failing).toBeGreaterThan(0);
    const table = page.getByTestId('standards-table');
    expect(await table.getByTestId('badge-pass').count()).toBe(passing);
    expect(await table.getByTestId('badge-fail').count()).toBe(failing);

    // The failing filter keeps only the failing ones; the trend follows the chosen standard.
    await choose('Failing');
    await poll(() => rows.count()).toBe(failing);
    const failed = compliance.standards.find((s) => s.passed === false && s.weeks.length > 1);
    await rows
      .filter({ hasText: failed?.touchpointName ?? '' })
      .first()
      .click();
    await poll(() => page.getByTestId('standards-trend').getAttribute('aria-label')).toContain(
      failed?.name ?? '',
    );
    await poll(() => page.locator('[data-testid=standards-trend] svg path').count()).toBeGreaterThan(3);
  });

  it('compares the customers over the contact cap with the rest', async () => {
    await openTab('Contact frequency', 'contact');
    const frequency = await apiCall<ContactFrequency>(page, 'GET', `${api}/contact-frequency?${period}`);
    expect(frequency.overCap).toBeGreaterThan(0);
    const table = page.getByTestId('contact-table');
    await poll(() => table.locator('tbody tr').count()).toBe(2);
    const over = await table.locator('tbody tr').first().innerText();
    expect(over).toContain(`Over the cap (> ${frequency.cap})`);
    expect(over).toContain(frequency.groups.overCap.customers.toLocaleString('en-US'));
    await poll(() => page.locator('[data-testid=contact-groups] svg path').count()).toBeGreaterThan(3);

    // A lower cap puts more customers over it.
    await page.getByLabel('Cap (out-touches per window)').fill('4');
    const lower = await apiCall<ContactFrequency>(page, 'GET', `${api}/contact-frequency?${period}&cap=4`);
    expect(lower.overCap).toBeGreaterThan(frequency.overCap);
    await poll(() => table.locator('tbody tr').first().innerText()).toContain(
      lower.groups.overCap.customers.toLocaleString('en-US'),
    );
  });

  it('keeps a period without data across tabs and shows the empty state with the way to the data', async () => {
    await choose('Custom');
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.waitForURL(/from=2020-01-01/);
    await page.getByLabel('To', { exact: true }).fill('2020-02-01');
    const empty = page.getByTestId('empty-state');
    await poll(() => empty.innerText()).toContain('No interactions in this period');

    await openTab('Paths', 'paths');
    expect(page.url()).toContain('from=2020-01-01');
    expect(page.url()).toContain('to=2020-02-01');
    await poll(() => empty.innerText()).toContain('No interactions in this period');
    await openTab('Sentiment', 'sentiment');
    await poll(() => empty.innerText()).toContain('No interactions in this period');

    await empty.getByRole('link', { name: 'Go to Data' }).click();
    await page.waitForURL(/\/data$/);
  });

  it('shows the tabs in German', async () => {
    await page.goto(`${base}/paths`);
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await poll(() => page.getByRole('tab').allInnerTexts()).toEqual([
      'Pfade',
      'Attribution',
      'Kontakte bis zum Abschluss',
      'Stimmung',
      'Standards',
      'Kontakthäufigkeit',
    ]);
    await poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe('Analysen');
  });
});
