/**
 * The story of the issue, end to end in Chromium against the real server on a fresh data directory:
 * a new user sets up the account from the printed link, creates a journey with the default stages,
 * adds touchpoints from the template library, builds a chain of them, uploads a CSV of interactions,
 * sees the funnel with the weak link, opens the health check and switches the language to German.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, type RunningApp, startApp } from './app-fixture.js';

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/**
 * 100 customers see the banner ad, 90 of them then the price list, only 15 of those then call the
 * call centre: the weak link is the last transition.
 */
function interactionsCsv(): string {
  const day = Date.UTC(2026, 9, 1);
  const rows = ['id,customer,touchpoint,at'];
  for (let c = 0; c < 100; c++) {
    const at = (step: number) => new Date(day + c * 3_600_000 + step * 600_000).toISOString();
    rows.push(`e${c}-1,c${c},banner-ad,${at(0)}`);
    if (c < 90) rows.push(`e${c}-2,c${c},price-list,${at(1)}`);
    if (c < 15) rows.push(`e${c}-3,c${c},call-centre,${at(2)}`);
  }
  return `${rows.join('\n')}\n`;
}

async function pickTouchpoint(page: Page, n: number, search: string, name: string) {
  const input = page.getByRole('combobox', { name: `Touchpoint of link ${n}`, exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await poll(() => input.inputValue()).toBe(name);
}

describe('the whole story in the browser', { timeout: 400_000 }, () => {
  let browser: Browser;
  let app: RunningApp & { setupLink?: string };
  const scratch = mkdtempSync(join(tmpdir(), 'touchpoints-story-'));

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp({ owner: false })]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('goes from a new account to the weak link and the health check, then to German', async () => {
    const { page } = await newPage(browser);

    // A new user: the owner account from the setup link the server printed.
    await page.goto(app.setupLink ?? '');
    await page.getByLabel('Your name').fill('Ana Pop');
    await page.getByLabel('E-mail').fill('ana@example.com');
    await page
      .getByRole('textbox', { name: 'Password (at least 8 characters)' })
      .fill('a long enough password');
    await page.getByLabel('Company (first workspace)').fill('Clinic Aurora');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/w\/[^/]+\/touchpoints/);

    // A journey with the default stages.
    await page.getByTestId('nav-journeys').click();
    await page.getByTestId('journey-create').first().click();
    await page.getByTestId('journey-name').fill('New patient');
    await page.getByTestId('journey-submit').click();
    await poll(() => page.getByTestId('jm-stage-name').count()).toBe(5);

    // Three touchpoints from the template library, one click each.
    await page.getByTestId('nav-touchpoints').click();
    await page.getByTestId('open-templates').first().click();
    const library = page.getByRole('dialog');
    await library.getByTestId('tpl-banner-ad').waitFor();
    for (const name of ['Banner ad', 'Price list', 'Call centre']) {
      await library.getByTestId('template-search').fill(name);
      await library.getByRole('button', { name: `Add “${name}”` }).click();
    }
    await page.keyboard.press('Escape');
    for (const key of ['banner-ad', 'price-list', 'call-centre']) {
      await page.getByTestId(`touchpoint-row-${key}`).waitFor();
    }

    // A chain of the three.
    await page.getByTestId('nav-chains').click();
    await page.getByTestId('create-chain').first().click();
    await page.getByRole('dialog').getByLabel('Name').fill('Ad to appointment');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'Ad to appointment' }).count()).toBe(1);
    const chainUrl = page.url();
    for (const [n, search, name] of [
      [1, 'banner', 'Banner ad'],
      [2, 'price', 'Price list'],
      [3, 'call', 'Call centre'],
    ] as const) {
      await page.getByTestId('add-link').click();
      await pickTouchpoint(page, n, search, name);
    }
    await page.getByTestId('save-chain').click();
    await poll(() => page.getByText('Saved', { exact: true }).count()).toBeGreaterThan(0);

    // Upload a CSV of interactions on the Data page.
    const file = join(scratch, 'interactions.csv');
    writeFileSync(file, interactionsCsv());
    await page.getByTestId('nav-data').click();
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.getByTestId('upload-start').click();
    const summary = page.getByTestId('upload-summary');
    await poll(() => summary.getByTestId('summary-accepted-value').textContent()).toBe('205');

    // The funnel shows the weak link: the call centre, where 75 of 90 are lost.
    await page.goto(chainUrl);
    const badge = page.getByTestId('weak-link-badge');
    await badge.waitFor();
    const weakRow = page.locator('[data-testid="funnel-row"][data-weak]');
    expect(await weakRow.getAttribute('data-link')).toBe('3');

    // The health check: a chain without a final link, touchpoints without owner or standard…
    await page.getByTestId('nav-health').click();
    await poll(() => page.getByTestId('health-finding').count()).toBeGreaterThan(0);

    // German.
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await poll(() => page.getByTestId('nav-chains').textContent()).toBe('Ketten');
    await poll(() => page.getByRole('heading', { name: 'Gesundheitscheck', exact: true }).count()).toBe(1);
    await poll(() => page.getByText('Die drei Gesetze der Touchpoints', { exact: false }).count()).toBe(1);
  });
});
