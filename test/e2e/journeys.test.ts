/**
 * Journey maps in Chromium against the real server: create a map with the default stages, edit
 * cells in place, add a touchpoint and drag it to another stage (and move it from the keyboard),
 * add a stage and a lane, set a designed emotion, export a PNG, see the emotion curves, a
 * conflicting change, what a viewer sees, rename and delete.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Stage {
  id: string;
  key: string;
  name: string;
  designedEmotion: number | null;
}
interface Item {
  id: string;
  stageId: string;
  lane: string;
  text: string | null;
  touchpointId: string | null;
}
interface JourneyMap {
  id: string;
  name: string;
  version: number;
  lanes: { key: string; name: string; customName: string | null; kind: string }[];
  stages: Stage[];
  items: Item[];
}

const DEFAULT_STAGE_KEYS = [
  'need_recognition',
  'information_search',
  'comparison',
  'purchase',
  'post_purchase',
];

describe('journey maps', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let journeyId: string;
  let websiteId: string;

  const readMap = () => apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${journeyId}`);
  const cell = (stageId: string, lane: string) =>
    page.locator(`[data-testid=jm-cell][data-stage-id="${stageId}"][data-lane="${lane}"]`);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    const website = await apiCall<{ id: string }>(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
      key: 'website',
      name: 'Company website',
    });
    websiteId = website.id;
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
      key: 'call-centre',
      name: 'Call centre',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a journey map with the default stages and lanes from the empty list', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys`);
    await page.getByText('No journey maps yet').waitFor();
    await page.getByTestId('journey-create').first().click();
    // The API's validation message appears at the field.
    await page.getByTestId('journey-name').fill(' ');
    await page.getByTestId('journey-submit').click();
    await page.getByText('must not be empty').waitFor();
    await page.getByTestId('journey-name').fill('New patient');
    await page.getByLabel('Persona or segment').fill('Working parent');
    await page.getByTestId('journey-submit').click();
    await page.waitForURL(/\/journeys\/[^/]+$/);
    journeyId = page.url().split('/').at(-1) ?? '';
    await page.locator('[data-rendered]').waitFor();

    const map = await readMap();
    expect(map.stages.map((s) => s.key)).toEqual(DEFAULT_STAGE_KEYS);
    expect(map.lanes.map((l) => l.kind)).toContain('touchpoints');
    expect(map.lanes).toHaveLength(8);
    const heads = await page.getByTestId('jm-stage-name').allTextContents();
    expect(heads).toEqual([
      'Need recognition',
      'Information search',
      'Comparison of options',
      'Purchase',
      'Post-purchase reaction',
    ]);
    expect(await page.getByTestId('jm-lane').count()).toBe(8);
  });

  it('adds a note, edits it in place, and Escape leaves it unchanged', async () => {
    const [first] = (await readMap()).stages;
    if (!first) throw new Error('no stage');
    await page.getByRole('button', { name: 'Add a note: Thoughts, Need recognition' }).click();
    await page.getByTestId('jm-new-note').fill('Is it serious?');
    await page.getByTestId('jm-new-note').press('Enter');
    await cell(first.id, 'thoughts').getByText('Is it serious?').waitFor();
    await expect
      .poll(async () => (await readMap()).items.map((i) => [i.stageId, i.lane, i.text]))
      .toEqual([[first.id, 'thoughts', 'Is it serious?']]);

    await cell(first.id, 'thoughts').getByRole('button', { name: 'Is it serious?', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Edit the note' });
    await editor.fill('Is it serious? Our GP has no slot');
    await editor.press('Enter');
    await expect.poll(async () => (await readMap()).items[0]?.text).toBe('Is it serious? Our GP has no slot');

    await cell(first.id, 'thoughts')
      .getByRole('button', { name: 'Is it serious? Our GP has no slot', exact: true })
      .click();
    await editor.fill('thrown away');
    await editor.press('Escape');
    await cell(first.id, 'thoughts').getByText('Is it serious? Our GP has no slot').waitFor();
    expect((await readMap()).items[0]?.text).toBe('Is it serious? Our GP has no slot');
  });

  it('adds a touchpoint to a cell, drags it to another stage, and moves it by keyboard', async () => {
    const stages = (await readMap()).stages;
    const [first, second, , purchase] = stages;
    if (!first || !second || !purchase) throw new Error('stages missing');

    await page.getByRole('button', { name: 'Add a touchpoint: Need recognition' }).click();
    await page.getByTestId('jm-touchpoint-picker').fill('website');
    await page.getByRole('option', { name: 'Company website · website' }).click();
    const item = cell(first.id, 'touchpoints').getByTestId('jm-item');
    await item.getByText('Company website').waitFor();
    await expect
      .poll(async () => (await readMap()).items.find((i) => i.touchpointId === websiteId)?.stageId)
      .toBe(first.id);

    await item.dragTo(cell(purchase.id, 'touchpoints'));
    await cell(purchase.id, 'touchpoints').getByText('Company website').waitFor();
    await expect
      .poll(async () => (await readMap()).items.find((i) => i.touchpointId === websiteId)?.stageId)
      .toBe(purchase.id);
    await page.reload();
    await cell(purchase.id, 'touchpoints').getByText('Company website').waitFor();
    expect(await cell(first.id, 'touchpoints').getByTestId('jm-item').count()).toBe(0);

    // The keyboard way: the item's menu.
    const menu = cell(purchase.id, 'touchpoints').getByRole('button', {
      name: 'Actions for “Company website”',
    });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Information search' }).click();
    await cell(second.id, 'touchpoints').getByText('Company website').waitFor();
    await expect
      .poll(async () => (await readMap()).items.find((i) => i.touchpointId === websiteId)?.stageId)
      .toBe(second.id);
  });

  it('adds a stage and sets a designed emotion', async () => {
    await page.getByTestId('jm-add-stage').click();
    await page.getByTestId('jm-new-stage-name').fill('Loyalty');
    await page.getByTestId('jm-new-stage-name').press('Enter');
    await page.getByRole('columnheader', { name: /Loyalty/ }).waitFor();
    await expect.poll(async () => (await readMap()).stages.map((s) => s.name).at(-1)).toBe('Loyalty');
    const map = await readMap();
    expect(map.stages).toHaveLength(6);
    expect(map.stages.at(-1)?.key).toBe('loyalty');

    await page.getByRole('button', { name: /^Designed emotion at “Need recognition”/ }).click();
    await page.getByRole('menuitem', { name: '−1 Negative' }).click();
    await expect.poll(async () => (await readMap()).stages[0]?.designedEmotion).toBe(-1);
    await expect.poll(() => page.getByTestId('jm-emotion').first().getAttribute('data-value')).toBe('-1');
  });

  it('adds a lane, renames it in place and moves it up twice from its menu', async () => {
    await page.getByTestId('jm-add-lane').click();
    await page.getByTestId('jm-new-lane-name').fill('Staff');
    await page.getByTestId('jm-new-lane-name').press('Enter');
    await page.getByRole('rowheader', { name: /Staff/ }).waitFor();
    await expect
      .poll(async () => (await readMap()).lanes.at(-1))
      .toEqual({ key: 'staff', name: 'Staff', customName: 'Staff', kind: 'actions' });

    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Rename the lane “Staff”' });
    await input.fill('Staff on duty');
    await input.press('Enter');
    await expect.poll(async () => (await readMap()).lanes.at(-1)?.name).toBe('Staff on duty');

    // The lane's menu is built on first use and keeps working afterwards.
    for (const expected of [7, 6]) {
      await page.getByRole('button', { name: 'Actions for the lane “Staff on duty”' }).click();
      await page.getByRole('menuitem', { name: 'Move up' }).click();
      await expect
        .poll(async () => (await readMap()).lanes.findIndex((l) => l.key === 'staff'))
        .toBe(expected);
    }
  });

  it('shows the emotion curve and exports the map as a PNG', async () => {
    const chart = page.getByTestId('jm-emotion-chart');
    await chart.locator('svg').waitFor();
    expect(await chart.getAttribute('aria-label')).toBe(
      'Designed and measured emotion per stage of “New patient”',
    );
    // No interactions yet: the measured curve is explained, not silently missing.
    await page.getByTestId('jm-no-measured').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByTestId('jm-export')
        .click()
        .then(() => page.getByTestId('jm-export-png').click()),
    ]);
    expect(download.suggestedFilename()).toBe('new-patient.png');
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('reloads and says so when someone else changed the stages in the meantime', async () => {
    // Without the live stream (a dropped connection), the page cannot know of the other change
    // before it saves: the version check must catch it. (map-comments.test.ts covers live refresh.)
    await page.route(/\/events$/, (route) => route.abort());
    await page.reload();
    await page.getByRole('button', { name: 'Purchase', exact: true }).waitFor();
    const map = await readMap();
    // Another user renames the second stage; this page still holds the old version.
    await apiCall(page, 'PUT', `/workspaces/${workspaceId}/journeys/${journeyId}/stages`, {
      version: map.version,
      stages: map.stages.map((s, i) => ({ id: s.id, key: s.key, name: i === 1 ? 'Research' : s.name })),
    });
    await page.getByRole('button', { name: 'Purchase', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Rename the stage “Purchase”' });
    await input.fill('Booking');
    await input.press('Enter');
    await page.getByText('Someone else changed this in the meantime').waitFor();
    // The other user's change is shown; this one was not applied over it.
    await page.getByRole('button', { name: 'Research', exact: true }).waitFor();
    const after = await readMap();
    expect(after.stages.map((s) => s.name)).toContain('Research');
    expect(after.stages.map((s) => s.name)).toContain('Purchase');
    await page.unroute(/\/events$/);
  });

  it('draws the measured emotion curve of a journey with rated interactions', async () => {
    const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {
      interactions: 3000,
    });
    const journeys = await apiCall<{ items: { id: string; name: string }[] }>(
      page,
      'GET',
      `/workspaces/${demo.workspace.id}/journeys`,
    );
    const clinic = journeys.items.find((j) => j.name.startsWith('Clinic'));
    if (!clinic) throw new Error('no clinic journey in the demo');
    await page.goto(`${app.url}/w/${demo.workspace.id}/journeys`);
    await page.getByTestId(`journey-link-${clinic.id}`).click();
    await page.getByTestId('jm-emotion-chart').locator('svg').waitFor();
    // Two lines: designed (dashed) and measured.
    await expect.poll(() => page.getByText('Measured emotion', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('jm-no-measured').count()).toBe(0);
  });

  it('shows a viewer the map without any editing control', async () => {
    const viewer = { email: 'viewer@example.com', password: 'viewer password 1' };
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/members`, { ...viewer, role: 'viewer' });
    const { page: viewerPage, context } = await newPage(browser);
    try {
      await signIn(viewerPage, app.url, viewer);
      await viewerPage.goto(`${app.url}/w/${workspaceId}/journeys`);
      await viewerPage.getByTestId(`journey-link-${journeyId}`).waitFor();
      expect(await viewerPage.getByTestId('journey-create').count()).toBe(0);
      await viewerPage.getByTestId(`journey-link-${journeyId}`).click();
      await viewerPage.locator('[data-rendered]').waitFor();
      await viewerPage.getByText('Company website').waitFor();
      await viewerPage.getByText('You can read this map').waitFor();
      for (const control of ['jm-add-stage', 'jm-add-lane', 'jm-cell-add', 'jm-item-menu', 'jm-stage-menu'])
        expect(await viewerPage.getByTestId(control).count(), control).toBe(0);
      expect(await viewerPage.locator('[draggable=true]').count()).toBe(0);
      // Reading and exporting stay possible.
      await viewerPage.getByTestId('jm-export').click();
      expect(await viewerPage.getByTestId('jm-export-png').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('renames and deletes a journey map from the list', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys`);
    await page.getByRole('button', { name: 'Actions for “New patient”' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByTestId('journey-name').fill('First visit');
    await page.getByTestId('journey-submit').click();
    await page.getByRole('link', { name: 'First visit' }).waitFor();
    expect((await readMap()).name).toBe('First visit');

    await page.getByRole('button', { name: 'Actions for “First visit”' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByTestId('confirm-yes').click();
    await page.getByText('No journey maps yet').waitFor();
    await expect(readMap()).rejects.toThrow(/404/);
  });
});
