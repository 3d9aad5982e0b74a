/**
 * Lane kinds of the journey map in Chromium against the real server: an image lane added from the
 * dialog with a PNG uploaded and shown as a thumbnail; a KPI lane whose live CSAT figure is the
 * map's KPI endpoint's; the service blueprint with its line of visibility.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_4X4 } from '../fixtures/audit-fixture.js';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface JourneyMap {
  id: string;
  version: number;
  stages: { id: string }[];
  lanes: { key: string; kind: string }[];
  items: { id: string; lane: string; imageId: string | null }[];
}

describe('journey map lanes', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ws: string;
  let map: JourneyMap;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ page } = await newPage(browser));
    ws = await signIn(page, app.url);
    const call = await apiCall<{ id: string }>(page, 'POST', `/workspaces/${ws}/touchpoints`, {
      key: 'call',
      name: 'Call centre',
      direction: 'in',
    });
    map = await apiCall<JourneyMap>(page, 'POST', `/workspaces/${ws}/journeys`, {
      name: 'Calling in',
      lanes: [
        { key: 'touchpoints', kind: 'touchpoints' },
        { key: 'frontstage', kind: 'frontstage' },
        { key: 'backstage', kind: 'backstage' },
        { key: 'support', name: 'Support', kind: 'support' },
      ],
    });
    await apiCall(page, 'POST', `/workspaces/${ws}/journeys/${map.id}/items`, {
      stageId: map.stages[0]?.id,
      lane: 'touchpoints',
      touchpointId: call.id,
    });
    const at = new Date(Date.now() - 86_400_000).toISOString();
    await apiCall(page, 'POST', `/workspaces/${ws}/feedback`, {
      answers: [
        { touchpoint: 'call', at, kind: 'csat', score: 5 },
        { touchpoint: 'call', at, kind: 'csat', score: 2 },
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const readMap = () => apiCall<JourneyMap>(page, 'GET', `/workspaces/${ws}/journeys/${map.id}`);

  async function addLane(name: string, kind: string) {
    await page.getByTestId('jm-add-lane').click();
    await page.getByTestId('jm-new-lane-name').fill(name);
    await page.getByRole('combobox', { name: 'The lane holds' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await page.getByTestId('jm-new-lane-name').press('Enter');
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
  }

  it('draws the service blueprint with its line of visibility between frontstage and backstage', async () => {
    await page.goto(`${app.url}/w/${ws}/journeys/${map.id}`);
    await page.getByTestId('jm-grid').waitFor();
    await page.getByTestId('jm-blueprint').getByText('Service blueprint').waitFor();
    const line = page.getByTestId('jm-line-visibility');
    await expect.poll(() => line.textContent()).toBe('Line of visibility');
    await page.getByTestId('jm-line-internal').waitFor();
    // The line lies between the frontstage and the backstage rows, and is drawn (a dashed border).
    const [front, drawn, back] = await Promise.all([
      page.locator('tr[data-kind=frontstage]').boundingBox(),
      line.boundingBox(),
      page.locator('tr[data-kind=backstage]').boundingBox(),
    ]);
    expect(front && drawn && back).toBeTruthy();
    expect(drawn?.y).toBeGreaterThanOrEqual((front?.y ?? 0) + (front?.height ?? 0) - 1);
    expect((drawn?.y ?? 0) + (drawn?.height ?? 0)).toBeLessThanOrEqual((back?.y ?? 0) + 1);
    const border = await line.locator('td').evaluate((td) => getComputedStyle(td, '::before').borderTopStyle);
    expect(border).toBe('dashed');
  });

  it('adds an image lane, uploads a PNG and shows its thumbnail, enlarged on click', async () => {
    await addLane('Photos', 'Images');
    const cell = page.locator('[data-testid=jm-cell][data-lane=photos]').first();
    await cell
      .getByTestId('jm-image-input')
      .setInputFiles({ name: 'desk.png', mimeType: 'image/png', buffer: PNG_4X4 });
    const thumb = cell.getByTestId('jm-thumb');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);
    const item = (await readMap()).items.find((i) => i.lane === 'photos');
    expect(item?.imageId).toBeTruthy();
    await thumb.click();
    await page.getByRole('dialog').locator('img').waitFor();
    await page.keyboard.press('Escape');
  });

  it('adds a KPI lane showing the live CSAT of the stage', async () => {
    await addLane('Figures', 'KPIs');
    const cell = page.locator('[data-testid=jm-cell][data-lane=figures]').first();
    await cell.getByTestId('jm-cell-add').click();
    await page.getByTestId('jm-kpi-source').click();
    await page.getByRole('option', { name: 'CSAT', exact: true }).click();
    await page.getByRole('button', { name: 'Add figure' }).click();
    const kpis = () =>
      apiCall<{ items: { value: number | null }[] }>(
        page,
        'GET',
        `/workspaces/${ws}/journeys/${map.id}/kpis`,
      );
    await expect.poll(async () => (await kpis()).items.map((i) => i.value)).toEqual([0.5]);
    await expect.poll(() => cell.getByTestId('jm-kpi-value').textContent()).toBe('50 %');
  });
});
