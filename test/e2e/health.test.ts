/**
 * The health check page in Chromium against the real server: findings grouped by the three laws
 * with a count per group, explained in the UI language, each opening the object to fix.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Report {
  summary: { total: number; byRule: Record<string, number> };
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('health check', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    const base = `/workspaces/${workspaceId}`;
    const subject = await apiCall<{ id: string }>(page, 'POST', `${base}/subjects`, {
      kind: 'location',
      name: 'Front desk',
    });
    ids.subject = subject.id;
    for (const [key, name, extra] of [
      ['reception', 'Reception', { subjectId: subject.id }],
      ['hotline', 'Hotline', {}],
    ] as const) {
      const tp = await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, { key, name, ...extra });
      ids[key] = tp.id;
    }
    const chain = await apiCall<{ id: string }>(page, 'POST', `${base}/chains`, {
      name: 'Walk-in visit',
      links: [{ touchpointId: ids.reception, role: 'initial' }],
    });
    ids.chain = chain.id;
    const journey = await apiCall<{ id: string }>(page, 'POST', `${base}/journeys`, { name: 'New patient' });
    ids.journey = journey.id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('groups the findings by law and rule with their counts and explains each', async () => {
    const report = await apiCall<Report>(page, 'GET', `/workspaces/${workspaceId}/health`);
    await page.goto(`${app.url}/w/${workspaceId}/health`);
    await poll(() => page.getByTestId('health-total').textContent()).toBe(String(report.summary.total));

    const lawCount = (law: number) =>
      page
        .locator(`[data-testid="health-law"][data-law="${law}"] [data-testid="health-law-count"]`)
        .textContent();
    expect(await lawCount(1)).toBe('1');
    const ruleCount = (rule: string) =>
      page
        .locator(`[data-testid="health-rule"][data-rule="${rule}"] [data-testid="health-rule-count"]`)
        .textContent();
    for (const rule of [
      'chain_no_final',
      'touchpoint_in_no_chain',
      'touchpoint_no_owner',
      'touchpoint_no_standard',
    ]) {
      expect(await ruleCount(rule), rule).toBe(String(report.summary.byRule[rule]));
    }
    expect(await ruleCount('touchpoint_no_owner')).toBe('2');
    expect(await ruleCount('touchpoint_in_no_chain')).toBe('1');
    const law2 = await page.locator('[data-testid="health-law"][data-law="2"]').textContent();
    expect(law2).toContain('Law 2: touchpoints form chains');
    expect(law2).toContain('Chain “Walk-in visit” has no final link.');
    expect(law2).toContain('Touchpoint “Hotline” is in no chain.');
    expect(law2).not.toContain('Touchpoint “Reception” is in no chain.');
    expect(law2).toContain('of journey “New patient” has no active touchpoint.');
    expect(await page.locator('[data-testid="health-law"][data-law="1"]').textContent()).toContain(
      'Subject “Front desk” has fewer than two active touchpoints.',
    );

    // Only errors: the missing final link is one; the warnings disappear.
    await page.getByText('Errors', { exact: true }).last().click();
    await poll(() => page.getByTestId('health-finding').count()).toBe(1);
    await page.getByText('All', { exact: true }).click();
    await poll(() => page.getByTestId('health-finding').count()).toBe(report.summary.total);
  });

  it('opens the object of a finding', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/health`);
    const chainFinding = page.locator(`[data-testid="health-finding"][data-object="${ids.chain}"]`);
    await chainFinding.getByRole('link', { name: 'Open chain' }).click();
    await page.waitForURL(new RegExp(`/w/${workspaceId}/chains/${ids.chain}$`));
    await poll(() => page.getByRole('heading', { name: 'Walk-in visit' }).count()).toBe(1);

    await page.goBack();
    const hotline = page.locator(
      `[data-testid="health-rule"][data-rule="touchpoint_no_owner"] [data-object="${ids.hotline}"]`,
    );
    await hotline.getByRole('link', { name: 'Open touchpoint' }).click();
    await page.waitForURL(/\/touchpoints\?/);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/w/${workspaceId}/touchpoints`);
    expect(url.searchParams.get('tp')).toBe(ids.hotline);
    expect(url.searchParams.get('q')).toBe('Hotline');
    // The registry opens that touchpoint in its drawer.
    await poll(() =>
      page.getByRole('dialog').getByRole('heading', { name: 'Hotline' }).count(),
    ).toBeGreaterThan(0);

    await page.goBack();
    const stage = page.locator('[data-testid="health-rule"][data-rule="stage_without_touchpoint"]');
    await stage.getByRole('link', { name: 'Open journey map' }).first().click();
    await page.waitForURL(new RegExp(`/w/${workspaceId}/journeys/${ids.journey}$`));

    await page.goBack();
    const subject = page.locator(`[data-testid="health-finding"][data-object="${ids.subject}"]`);
    await subject.getByRole('link', { name: 'Show touchpoints' }).click();
    await page.waitForURL(/\/touchpoints\?/);
    expect(new URL(page.url()).searchParams.get('subjectId')).toBe(ids.subject);
  });

  it('shows the rules in German after switching the language', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/health`);
    await poll(() => page.getByTestId('health-finding').count()).toBeGreaterThan(0);
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Gesundheitscheck');
    const law2 = await page.locator('[data-testid="health-law"][data-law="2"]').textContent();
    expect(law2).toContain('Gesetz 2');
    expect(law2).toContain('Die Kette „Walk-in visit“ hat kein Endglied.');
    expect(law2).toContain('Kette öffnen');
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'English' }).click();
  });

  it('says there is nothing to check yet in a workspace without touchpoints', async () => {
    const empty = await apiCall<{ id: string }>(page, 'POST', '/workspaces', { name: 'Empty shop' });
    await page.goto(`${app.url}/w/${empty.id}/health`);
    await poll(() => page.getByText('Nothing to check yet').count()).toBe(1);
    expect(await page.getByTestId('health-total').textContent()).toBe('0');
    expect(await page.getByRole('link', { name: 'Go to touchpoints' }).getAttribute('href')).toBe(
      `/w/${empty.id}/touchpoints`,
    );
  });
});
