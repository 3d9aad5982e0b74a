/**
 * Brands and the competitor benchmark in Chromium against the real server: the Brands page marks
 * the own brand and adds a competitor; audits of both brands (set up through the audits API) put
 * them side by side on the Benchmark page — the chart, the numbers per stage and touchpoint, and
 * where the competitor beats us, largest gap first; deleting an audited competitor is refused and
 * explained; both pages fit a 390 px wide phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Checklist {
  id: string;
  criteria: { id: string; text: string }[];
}

describe('brands and the competitor benchmark', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let base: string;

  /** An audit of `brandId` answered with `values` (criterion id → value) and submitted. */
  const audit = async (checklistId: string, brandId: string, values: Record<string, number>) => {
    const today = new Date().toISOString().slice(0, 10);
    const created = await apiCall<{ id: string }>(page, 'POST', `${base}/audits`, {
      checklistId,
      brandId,
      auditDate: today,
    });
    await apiCall(page, 'PUT', `${base}/audits/${created.id}/answers`, {
      answers: Object.entries(values).map(([criterionId, value]) => ({ criterionId, value })),
    });
    await apiCall(page, 'POST', `${base}/audits/${created.id}/submit`, {});
  };

  const noPageOverflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('adds a competitor on the Brands page and shows where it beats us on the Benchmark page', async () => {
    const reception = await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, {
      key: 'reception',
      name: 'Reception',
      stage: 'purchase',
    });
    const website = await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, {
      key: 'website',
      name: 'Website',
      stage: 'information_search',
    });

    // Brands: the own brand is marked; a competitor is added through the dialog.
    await page.getByRole('link', { name: 'Brands' }).first().click();
    await page.getByTestId('page-brands').waitFor();
    const own = page.locator('[data-testid="brand-row"][data-own="true"]');
    await expect.poll(() => own.count()).toBe(1);
    await expect.poll(() => own.textContent()).toContain('Own brand');
    await page.getByTestId('brand-add').first().click();
    await page.getByTestId('brand-name').fill('Rival');
    await page.getByTestId('brand-website').fill('not a web address');
    await page.getByTestId('brand-save').click();
    await page.getByText('must be an http(s) URL or empty').waitFor();
    await page.getByTestId('brand-website').fill('https://rival.example');
    await page.getByTestId('brand-save').click();
    const rivalRow = page.locator('[data-testid="brand-row"][data-own="false"]');
    await expect.poll(() => rivalRow.textContent()).toContain('Rival');
    expect(await rivalRow.textContent()).toContain('rival.example');

    const brands = await apiCall<{ items: { id: string; name: string; isOwn: boolean }[] }>(
      page,
      'GET',
      `${base}/brands`,
    );
    const ownId = brands.items.find((b) => b.isOwn)?.id ?? '';
    const rivalId = brands.items.find((b) => b.name === 'Rival')?.id ?? '';
    expect(rivalId).not.toBe('');

    // Before any audit, the benchmark explains how to get data.
    await page.getByRole('link', { name: 'Benchmark' }).first().click();
    await page.getByTestId('page-benchmark').waitFor();
    await page.getByText('Nothing to compare yet').waitFor();
    expect(await page.getByTestId('benchmark-to-audits').isVisible()).toBe(true);

    const checklist = await apiCall<Checklist>(page, 'POST', `${base}/audit-checklists`, {
      name: 'Store walk',
      criteria: [
        { text: 'Greeted within 30 s', touchpointId: reception.id, scale: 'yes_no' },
        { text: 'Opening hours easy to find', touchpointId: website.id, scale: 'score_1_5' },
      ],
    });
    const [greeted, hours] = checklist.criteria.map((c) => c.id) as [string, string];
    await audit(checklist.id, ownId, { [greeted]: 0, [hours]: 2 });
    await audit(checklist.id, rivalId, { [greeted]: 1, [hours]: 5 });

    await page.reload();
    await page.getByTestId('benchmark-chart').locator('svg').first().waitFor();
    // Both brands are bars of the chart (its legend names them).
    const chartText = await page.getByTestId('benchmark-chart').textContent();
    expect(chartText).toContain('Rival');

    // Rival leads everywhere: reception 100 % against 0 %, website 100 % against 25 %.
    const beats = page.getByTestId('beat');
    await expect.poll(() => beats.count()).toBe(4);
    expect(await page.getByTestId('beat-gap').allTextContents()).toEqual([
      '+100 pts',
      '+100 pts',
      '+75 pts',
      '+75 pts',
    ]);
    expect(await beats.nth(0).textContent()).toContain('Rival is ahead at Purchase');
    expect(await beats.nth(1).textContent()).toContain('Rival is ahead at Reception');
    expect(await beats.nth(1).textContent()).toContain('Rival 100%, we 0%');
    expect(await beats.nth(3).textContent()).toContain('Website');

    const touchpointRows = page.getByTestId('benchmark-touchpoints-row');
    await expect.poll(() => touchpointRows.count()).toBe(2);
    expect(await touchpointRows.nth(0).textContent()).toMatch(/Website.*25%.*n = 1 \/ 1.*100%/);
    // The latest audits list what failed, on which touchpoint.
    expect(await page.getByTestId('latest-failures').textContent()).toContain('Greeted within 30 s');

    // An audited competitor cannot be deleted; the page says why.
    await page.getByRole('link', { name: 'Brands' }).first().click();
    await page.getByRole('button', { name: 'Delete: Rival' }).click();
    await page.getByTestId('brand-delete-confirm').click();
    await expect
      .poll(() => page.getByTestId('brand-delete-error').textContent())
      .toContain('This brand still has audits (1)');
    await page.keyboard.press('Escape');

    // On a phone: neither page overflows; the tables scroll inside their own box.
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await noPageOverflow()).toBe(true);
    await page.goto(`${app.url}/w/${workspaceId}/benchmark`);
    await page.getByTestId('benchmark-chart').locator('svg').first().waitFor();
    await expect.poll(() => page.getByTestId('beat').count()).toBe(4);
    expect(await noPageOverflow()).toBe(true);
  });
});
