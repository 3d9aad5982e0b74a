/**
 * Retention on the settings page in Chromium against the real server: a comment period longer
 * than the record period is refused at its field, saved periods show the next run, a run now shows what it removed, and
 * saving the workspace's other fields keeps the retention settings.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

describe('retention settings', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let context: BrowserContext;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ context, page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('sets the periods, shows the next and the last run, and keeps them when the workspace is saved', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings`);
    const card = page.getByTestId('retention-settings');
    await expect.poll(() => card.getByTestId('retention-status').textContent()).toContain('No retention set');

    // Comments cannot outlive their answer: the API's reason appears at the field.
    await card.getByTestId('retention-days').fill('60');
    await card.getByTestId('retention-comment-days').fill('90');
    await card.getByTestId('retention-save').click();
    await expect
      .poll(() => card.getByText('must be at most retentionDays (60)', { exact: false }).count())
      .toBe(1);

    await card.getByTestId('retention-days').fill('365');
    await card.getByTestId('retention-comment-days').fill('30');
    await card.getByTestId('retention-save').click();
    await expect.poll(() => card.getByTestId('retention-status').textContent()).toContain('Next run:');
    await expect
      .poll(() => card.getByTestId('retention-status').textContent())
      .not.toContain('No retention set');

    await card.getByTestId('retention-run').click();
    await expect
      .poll(() => card.getByTestId('retention-status').textContent())
      .toMatch(
        /Last run:.*0 interactions, 0 feedback answers and 0 waiting records deleted; 0 comments removed/,
      );
    const status = await apiCall<{ lastRun: { result: { interactions: number } } | null }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/retention`,
    );
    expect(status.lastRun?.result.interactions).toBe(0);

    // The workspace form above saves its own fields and leaves retention as it is.
    await page.getByLabel('Contact frequency cap').fill('6');
    await page.getByTestId('workspace-save').click();
    await expect
      .poll(
        async () =>
          (await apiCall<{ settings: unknown }>(page, 'GET', `/workspaces/${workspaceId}`)).settings,
      )
      .toEqual({ contactFrequencyCap: 6, retentionDays: 365, commentRetentionDays: 30 });
  });
});
