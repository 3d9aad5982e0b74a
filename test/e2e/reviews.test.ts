/**
 * Reviews in Chromium against the real server, on a phone-sized screen (390 px): the import dialog
 * finds the columns of a rating site's export by name, asks for the site and rating maximum it
 * lacks, previews the file with each refused row (row, field, reason), imports the good rows; the
 * page then shows the figures of the site and the reviews, filters the unanswered ones, and does
 * not scroll sideways. The import opened a complaint for the two-star review.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/reviews-google.csv');

describe('reviews', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
      key: 'clinic-reviews',
      name: 'Clinic reviews',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('imports a rating site export with a preview of its refused rows, then lists and sums up the reviews', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/w/${workspaceId}/reviews`);
    await page.getByTestId('empty-state').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByTestId('review-import-open').click();
    await page.getByTestId('review-import').locator('input[type=file]').setInputFiles(FIXTURE);

    // Columns found by name; site and maximum are missing until given for the whole file.
    await page.getByTestId('review-mapping').waitFor();
    expect(await page.getByTestId('review-map-rating').inputValue()).toBe('Stars');
    expect(await page.getByTestId('review-map-reply_date').inputValue()).toBe('Response date');
    await expect
      .poll(() => page.getByTestId('review-preview-issues').textContent())
      .toMatch(/touchpoint.*site|site.*touchpoint/s);
    await page.getByTestId('review-import-touchpoint').click();
    await page.getByRole('option', { name: 'Clinic reviews (clinic-reviews)' }).click();
    await page.getByTestId('review-import-site').fill('Google');

    await expect
      .poll(() => page.getByTestId('review-preview-counts').textContent())
      .toBe('7 rows: 4 can be imported, 3 refused.');
    const rejects = page.getByTestId('review-rejects').locator('tbody tr');
    expect(await rejects.allTextContents()).toEqual([
      '4rating"six" is not a number',
      "5reply_date2026-10-03 is before the review's date 2026-10-04",
      '6dateis empty',
    ]);
    expect(await page.getByTestId('review-sample').locator('tbody tr').count()).toBe(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByTestId('review-import-run').click();
    await expect
      .poll(() => page.getByTestId('review-import-result').textContent())
      .toContain('4 new, 0 with a new reply, 0 unchanged, 3 refused; 1 complaints opened.');
    await page.getByRole('button', { name: 'Close' }).click();

    await expect.poll(() => page.getByTestId('review-card').count()).toBe(4);
    expect(await page.getByTestId('review-summary-all-mean').textContent()).toBe('3.9 / 5');
    await page.getByTestId('review-summary-site-Google').waitFor();
    await page.getByTestId('review-filter-replied').click();
    await page.getByRole('option', { name: 'Not replied' }).click();
    await expect.poll(() => page.getByTestId('review-card').count()).toBe(2);
    expect(page.url()).toContain('replied=no');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    const complaints = await apiCall<{ total: number }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/complaints?source=review`,
    );
    expect(complaints.total).toBe(1);
  });
});
