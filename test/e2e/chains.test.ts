/**
 * Chains in Chromium against the real server: create a chain, build its links with the pickers,
 * see the API's rule violations at the link, reorder with buttons and by dragging, save with the
 * version read, and read the conversion funnel with its weak link once interactions are recorded.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Chain {
  id: string;
  name: string;
  version: number;
  nextChainId: string | null;
  windowDays: number;
  links: { touchpointName: string; role: string }[];
}

const HOUR = 3_600_000;
/** Waits for the page to show something (the server and the browser share two busy cores). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const DAY = 24 * HOUR;

/** The touchpoint names shown in the link pickers, in order. */
async function linkNames(page: Page): Promise<string[]> {
  return page
    .getByTestId('link-touchpoint')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

async function linkRoles(page: Page): Promise<string[]> {
  return page
    .getByTestId('link-role')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

async function pickTouchpoint(page: Page, n: number, search: string, name: string) {
  const input = page.getByRole('combobox', { name: `Touchpoint of link ${n}`, exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await poll(() => input.inputValue()).toBe(name);
}

async function pickRole(page: Page, n: number, role: 'Initial' | 'Middle' | 'Final') {
  await page.getByRole('combobox', { name: `Role of link ${n}`, exact: true }).click();
  await page.getByRole('option', { name: role, exact: true }).click();
}

describe('chains', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let chainId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    for (const [key, name] of [
      ['banner-ad', 'Banner ad'],
      ['website', 'Website'],
      ['booking-call', 'Booking call'],
    ]) {
      await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, { key, name });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a chain and builds three links; the API’s rule violations show at the link', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/chains`);
    await poll(() => page.getByText('No chains yet').count()).toBe(1);
    await page.getByTestId('create-chain').first().click();
    await page.getByRole('dialog').getByLabel('Name').fill('Ad to booking');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/chains\/[0-9a-f-]{36}$/);
    chainId = page.url().split('/').at(-1) ?? '';
    await poll(() => page.getByRole('heading', { name: 'Ad to booking' }).count()).toBe(1);
    // A chain without links has no funnel yet.
    await poll(() => page.getByText('No funnel yet').count()).toBe(1);

    // Added in the wrong order: the website first (it gets the initial role), then the ad.
    for (const [n, search, name] of [
      [1, 'web', 'Website'],
      [2, 'banner', 'Banner ad'],
      [3, 'booking', 'Booking call'],
    ] as const) {
      await page.getByTestId('add-link').click();
      await pickTouchpoint(page, n, search, name);
    }
    expect(await linkRoles(page)).toEqual(['Initial', 'Middle', 'Middle']);
    await page.getByRole('button', { name: 'Move link 2 up' }).click();
    expect(await linkNames(page)).toEqual(['Banner ad', 'Website', 'Booking call']);
    expect(await linkRoles(page)).toEqual(['Middle', 'Initial', 'Middle']);

    // Saving now breaks the chain rules: the API names both links.
    await page.getByTestId('save-chain').click();
    const rows = page.getByTestId('link-row');
    await expect
      .poll(() => rows.nth(1).textContent())
      .toContain('only the first link can be the initial link');
    expect(await rows.nth(0).textContent()).toContain('the first link must be the initial link');
    const stored = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
    expect(stored.links).toEqual([]);

    await pickRole(page, 1, 'Initial');
    await pickRole(page, 2, 'Middle');
    await pickRole(page, 3, 'Final');
    expect(await rows.nth(1).textContent()).not.toContain('initial link');
    await page.getByTestId('save-chain').click();
    await poll(() => page.getByText('Saved', { exact: true }).count()).toBeGreaterThan(0);

    await page.reload();
    await poll(() => linkNames(page)).toEqual(['Banner ad', 'Website', 'Booking call']);
    expect(await linkRoles(page)).toEqual(['Initial', 'Middle', 'Final']);
    const saved = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
    expect(saved.links.map((l) => [l.touchpointName, l.role])).toEqual([
      ['Banner ad', 'initial'],
      ['Website', 'middle'],
      ['Booking call', 'final'],
    ]);
    // No interactions yet: the funnel says where they come from.
    await poll(() => page.getByText('No interactions in this period').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Go to the Data page' }).getAttribute('href')).toBe(
      `/w/${workspaceId}/data`,
    );
  });

  it('reorders links by dragging, and saves only with the version read', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/chains/${chainId}`);
    await poll(() => linkNames(page)).toEqual(['Banner ad', 'Website', 'Booking call']);
    const handles = page.getByTestId('link-drag');
    await handles.nth(2).dragTo(page.getByTestId('link-row').nth(0));
    await poll(() => linkNames(page)).toEqual(['Booking call', 'Banner ad', 'Website']);
    await handles.nth(0).dragTo(page.getByTestId('link-row').nth(2));
    await poll(() => linkNames(page)).toEqual(['Banner ad', 'Website', 'Booking call']);
    expect(await page.getByTestId('save-chain').isDisabled()).toBe(true);

    // Someone else renames the chain meanwhile: saving the stale version is refused and the
    // editor reloads the latest one.
    const current = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
    await apiCall(page, 'PATCH', `/workspaces/${workspaceId}/chains/${chainId}`, {
      version: current.version,
      name: 'Ad to booking (renamed)',
    });
    await page.getByLabel('Conversion window (days)').fill('14');
    await page.getByTestId('save-chain').click();
    await poll(() => page.getByText('Someone else changed this in the meantime').count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: 'Ad to booking (renamed)' }).count()).toBe(1);
    expect(await page.getByLabel('Conversion window (days)').inputValue()).toBe('30');
    const after = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
    expect(after.windowDays).toBe(30);
    expect(after.links).toHaveLength(3);

    // Leaving with unsaved changes asks first.
    await page.getByRole('button', { name: 'Remove link 3' }).click();
    await page.getByRole('link', { name: 'All chains' }).click();
    await poll(() => page.getByText('Leave without saving?').count()).toBe(1);
    await page.getByRole('button', { name: 'Stay' }).click();
    expect(page.url()).toMatch(new RegExp(`/chains/${chainId}$`));
    expect(await linkNames(page)).toEqual(['Banner ad', 'Website']);
    await page.getByRole('link', { name: 'All chains' }).click();
    await page.getByTestId('discard-changes').click();
    await page.waitForURL(new RegExp(`/w/${workspaceId}/chains$`));
    const untouched = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
    expect(untouched.links).toHaveLength(3);
  });

  it('shows the funnel with the weak link where most customers are lost', async () => {
    // 100 customers see the ad, 90 of them the website an hour later, only 15 book a call;
    // 40 of the 75 who leave at the website had a negative experience there.
    const start = Date.now() - 10 * DAY;
    const interactions: Record<string, unknown>[] = [];
    for (let c = 0; c < 100; c++) {
      const customer = `c${c}`;
      const at = start + c * 60_000;
      interactions.push({ id: `${customer}-ad`, customer, touchpoint: 'banner-ad', at });
      if (c < 90)
        interactions.push({
          id: `${customer}-web`,
          customer,
          touchpoint: 'website',
          at: at + HOUR,
          ...(c >= 15 && c < 55 ? { sentiment: -1 } : {}),
        });
      if (c < 15)
        interactions.push({
          id: `${customer}-call`,
          customer,
          touchpoint: 'booking-call',
          at: at + 2 * HOUR,
        });
    }
    const ingest = await apiCall<{ accepted: number }>(
      page,
      'POST',
      `/workspaces/${workspaceId}/interactions`,
      {
        interactions,
      },
    );
    expect(ingest.accepted).toBe(interactions.length);

    await page.goto(`${app.url}/w/${workspaceId}/chains/${chainId}`);
    const badge = page.getByTestId('weak-link-badge');
    await poll(() => badge.count()).toBe(1);
    expect(await badge.textContent()).toBe('Weak link');
    const weakRow = page.locator('[data-testid="funnel-row"][data-weak]');
    expect(await weakRow.getAttribute('data-link')).toBe('3');
    expect(await weakRow.textContent()).toContain('Booking call');

    const explanation = await page.getByTestId('weak-link-explanation').textContent();
    expect(explanation).toContain('Weak link: Website → Booking call');
    expect(explanation).toContain(
      'Of 90 customers who reached “Website”, only 15 (16.7%) went on to “Booking call”',
    );

    const cells = async (n: number) =>
      page
        .locator(`[data-testid="funnel-row"][data-link="${n}"] td`)
        .evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));
    const [, reached1, , , dropped1] = await cells(1);
    expect([reached1, dropped1]).toEqual(['100', '10']);
    const [, reached2, conversion2, , dropped2, broken2, median2] = await cells(2);
    expect([reached2, conversion2, dropped2, broken2]).toEqual(['90', '90%', '75', '40 (53.3%)']);
    expect(median2).toBe('60 min');
    const [, reached3, conversion3, fromFirst3] = await cells(3);
    expect([reached3, conversion3, fromFirst3]).toEqual(['15', '16.7%', '15%']);
    // The chart is drawn with one bar per link and series.
    await poll(() => page.locator('[data-testid="funnel-chart"] svg path').count()).toBeGreaterThan(9);

    // A period without interactions shows the empty state again.
    await page.getByTestId('period-filter').getByText('Last 30 days', { exact: true }).click();
    await poll(() => page.getByTestId('weak-link-badge').count()).toBe(1);
    await page.getByTestId('period-filter').getByText('Custom', { exact: true }).click();
    await page.getByLabel('From', { exact: true }).fill('2001-01-01');
    await page.getByLabel('To', { exact: true }).fill('2001-02-01');
    await poll(() => page.getByText('No interactions in this period').count()).toBe(1);
  });

  it('lists chains with journey, links and next chain, and deletes one after confirming', async () => {
    const journey = await apiCall<{ id: string }>(page, 'POST', `/workspaces/${workspaceId}/journeys`, {
      name: 'New patient',
    });
    const review = await apiCall<Chain>(page, 'POST', `/workspaces/${workspaceId}/chains`, {
      name: 'Review request',
      journeyId: journey.id,
    });
    await page.goto(`${app.url}/w/${workspaceId}/chains/${chainId}`);
    await page.getByTestId('next-chain').click();
    await page.getByRole('option', { name: 'Review request' }).click();
    await page.getByTestId('save-chain').click();
    await expect
      .poll(async () => {
        const chain = await apiCall<Chain>(page, 'GET', `/workspaces/${workspaceId}/chains/${chainId}`);
        return chain.nextChainId;
      })
      .toBe(review.id);

    await page.getByRole('link', { name: 'All chains' }).click();
    const rows = page.getByTestId('chain-row');
    await poll(() => rows.count()).toBe(2);
    const first = await rows
      .nth(0)
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => td.textContent));
    expect(first.slice(0, 4)).toEqual(['Ad to booking (renamed)', 'No journey', '3', 'Review request']);
    const second = await rows
      .nth(1)
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => td.textContent));
    expect(second.slice(0, 4)).toEqual(['Review request', 'New patient', 'Draft', 'None']);

    await page.getByLabel('Search chains').fill('review');
    await poll(() => rows.count()).toBe(1);
    await page.getByLabel('Search chains').fill('');
    await poll(() => rows.count()).toBe(2);

    await page.getByRole('button', { name: 'Delete chain “Review request”' }).click();
    await page.getByTestId('confirm-delete-chain').click();
    await poll(() => rows.count()).toBe(1);
    const left = await apiCall<{ items: Chain[] }>(page, 'GET', `/workspaces/${workspaceId}/chains`);
    expect(left.items.map((c) => c.name)).toEqual(['Ad to booking (renamed)']);
    // The chain that continued into it lost its continuation.
    expect(left.items[0]?.nextChainId).toBeNull();
  });

  it('shows a viewer the chain and its funnel without edit controls', async () => {
    const viewer = { email: 'viewer@example.com', password: 'a viewer password' };
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/members`, { ...viewer, role: 'viewer' });
    const { context, page: viewerPage } = await newPage(browser);
    try {
      await signIn(viewerPage, app.url, viewer);
      await viewerPage.goto(`${app.url}/w/${workspaceId}/chains`);
      await poll(() => viewerPage.getByTestId('chain-row').count()).toBe(1);
      expect(await viewerPage.getByTestId('create-chain').count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: /^Delete chain/ }).count()).toBe(0);

      await viewerPage.getByRole('link', { name: 'Ad to booking (renamed)' }).click();
      await poll(() => linkNames(viewerPage)).toEqual(['Banner ad', 'Website', 'Booking call']);
      await poll(() => viewerPage.getByTestId('weak-link-badge').count()).toBe(1);
      for (const hook of ['save-chain', 'add-link', 'link-drag']) {
        expect(await viewerPage.getByTestId(hook).count(), hook).toBe(0);
      }
      expect(await viewerPage.getByRole('button', { name: 'Remove link 1' }).count()).toBe(0);
      expect(await viewerPage.getByRole('combobox', { name: 'Role of link 1' }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
