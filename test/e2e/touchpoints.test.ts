/**
 * The touchpoint registry in Chromium against the real server: create with the API's validation
 * message at the field, filters, search and sorting, the tree of composite touchpoints, delete
 * refused (retire instead), a version conflict, standards, the template library (also in German)
 * and CSV export into another workspace.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Touchpoint {
  id: string;
  key: string;
  name: string;
  stage: string | null;
  status: string;
  parentId: string | null;
  channelId: string | null;
  priority: number;
  version: number;
}
interface Page_<T> {
  items: T[];
  total: number;
}

describe('touchpoint registry', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A signed-in page on the registry of a new workspace. */
  async function inNewWorkspace(
    name: string,
  ): Promise<{ page: Page; workspaceId: string; close: () => Promise<void> }> {
    const { page, context } = await newPage(browser);
    await signIn(page, app.url);
    const workspace = await apiCall<{ id: string }>(page, 'POST', '/workspaces', { name });
    await page.goto(`${app.url}/w/${workspace.id}/touchpoints`);
    await page.getByTestId('page-touchpoints').waitFor();
    return { page, workspaceId: workspace.id, close: () => context.close() };
  }

  const list = (page: Page, workspaceId: string, query = '') =>
    apiCall<Page_<Touchpoint>>(page, 'GET', `/workspaces/${workspaceId}/touchpoints?limit=500${query}`);

  async function choose(page: Page, testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('creates a touchpoint: the API’s message shows at the key field until the key is fixed', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('Create test');
    try {
      await expect.poll(() => page.getByText('No touchpoints yet').count()).toBe(1);
      await page.getByTestId('create-touchpoint').click();
      const drawer = page.getByTestId('touchpoint-drawer');
      await drawer.getByLabel('Name').fill('Price list 2025');
      // The key follows the name until typed by hand.
      expect(await drawer.getByLabel('Key').inputValue()).toBe('price-list-2025');
      await drawer.getByLabel('Key').fill('Price List!');
      await drawer.getByTestId('touchpoint-save').click();
      const keyError = drawer.getByText('must be a slug', { exact: false });
      await expect.poll(() => keyError.count()).toBe(1);
      expect((await list(page, workspaceId)).total).toBe(0);

      await drawer.getByLabel('Key').fill('price-list');
      await drawer.getByTestId('touchpoint-save').click();
      // Created: the drawer now edits it (with its standards tab) and the table lists it.
      await drawer.getByTestId('tab-standards').waitFor();
      await expect.poll(() => keyError.count()).toBe(0);
      await page.getByTestId('touchpoint-row-price-list').waitFor();
      const stored = (await list(page, workspaceId)).items;
      expect(stored.map((t) => [t.key, t.name, t.status])).toEqual([
        ['price-list', 'Price list 2025', 'active'],
      ]);
    } finally {
      await close();
    }
  });

  it('filters by stage, searches, sorts by clicking a header and shows composites as a tree', async () => {
    const { page, close } = await inNewWorkspace('Filter test');
    try {
      const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {});
      const workspaceId = demo.workspace.id;
      await page.goto(`${app.url}/w/${workspaceId}/touchpoints`);
      await page.getByTestId('touchpoint-table').waitFor();
      const all = await list(page, workspaceId);
      const total = page.getByTestId('touchpoint-total');
      await expect.poll(() => total.textContent()).toBe(`Touchpoints: ${all.total}`);

      await choose(page, 'filter-stage', 'Purchase');
      const purchase = await list(page, workspaceId, '&stage=purchase');
      expect(purchase.total).toBeGreaterThan(0);
      expect(purchase.total).toBeLessThan(all.total);
      await expect.poll(() => total.textContent()).toBe(`Touchpoints: ${purchase.total}`);
      expect(page.url()).toContain('stage=purchase');

      await page.getByTestId('filter-q').fill('call');
      const both = await list(page, workspaceId, '&stage=purchase&q=call');
      expect(both.total).toBeGreaterThan(0);
      await expect.poll(() => total.textContent()).toBe(`Touchpoints: ${both.total}`);
      const rows = page.locator('[data-testid^=touchpoint-row-]');
      await expect.poll(() => rows.count()).toBe(both.total);
      for (const t of both.items) expect(await page.getByTestId(`touchpoint-row-${t.key}`).count()).toBe(1);

      // Sorting: priority ascending, then descending, as the API orders them.
      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await expect.poll(() => total.textContent()).toBe(`Touchpoints: ${all.total}`);
      await page.getByTestId('sort-priority').click();
      await page.locator('th[aria-sort=ascending]').getByTestId('sort-priority').waitFor();
      await page.getByTestId('sort-priority').click();
      await page.locator('th[aria-sort=descending]').getByTestId('sort-priority').waitFor();
      const byPriority = await list(page, workspaceId, '&sort=-priority');
      await expect
        .poll(async () => (await rows.first().getAttribute('data-testid'))?.replace('touchpoint-row-', ''))
        .toBe(byPriority.items[0]?.key);

      // The tree: a composite shows its parts once expanded.
      const child = all.items.find((t) => t.parentId !== null);
      const parent = all.items.find((t) => t.id === child?.parentId && t.parentId === null);
      expect(child && parent).toBeTruthy();
      await page.getByTestId('view-toggle').getByText('Tree').click();
      await page.getByTestId('touchpoint-tree').waitFor();
      expect(await page.getByTestId(`touchpoint-row-${child?.key}`).count()).toBe(0);
      await page.getByTestId(`tree-toggle-${parent?.key}`).click();
      await page.getByTestId(`touchpoint-row-${child?.key}`).waitFor();
    } finally {
      await close();
    }
  });

  it('refuses to delete a composite with the API’s reason, retires it instead, and reports a version conflict', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('Delete test');
    try {
      const base = `/workspaces/${workspaceId}/touchpoints`;
      const centre = await apiCall<Touchpoint>(page, 'POST', base, {
        key: 'call-centre',
        name: 'Call centre',
      });
      await apiCall(page, 'POST', base, { key: 'hold-music', name: 'Hold music', parentId: centre.id });
      await page.reload();
      await page.getByTestId('touchpoint-row-call-centre').click();
      const drawer = page.getByTestId('touchpoint-drawer');
      await drawer.getByRole('button', { name: 'Delete' }).click();
      await drawer.getByTestId('confirm-delete').getByRole('button', { name: 'Delete' }).click();
      const refused = drawer.getByTestId('delete-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/retire/i);
      await refused.getByRole('button', { name: 'Retire instead' }).click();
      await expect
        .poll(async () => (await apiCall<Touchpoint>(page, 'GET', `${base}/${centre.id}`)).status)
        .toBe('retired');

      // Someone else renames it meanwhile: saving the stale version is refused and the form reloads.
      const current = await apiCall<Touchpoint>(page, 'GET', `${base}/${centre.id}`);
      await expect.poll(() => drawer.getByLabel('Status').inputValue()).toBe('Retired');
      await apiCall(page, 'PATCH', `${base}/${centre.id}`, { name: 'Hotline', version: current.version });
      await drawer.getByLabel('Description').fill('Our phone line');
      await drawer.getByTestId('touchpoint-save').click();
      await drawer.getByTestId('conflict-alert').waitFor();
      await expect.poll(() => drawer.getByLabel('Name').inputValue()).toBe('Hotline');
    } finally {
      await close();
    }
  });

  it('adds a standard with the target in seconds; an invalid target is shown at the field', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('Standards test');
    try {
      const hotline = await apiCall<Touchpoint>(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
        key: 'hotline',
        name: 'Hotline',
      });
      await page.reload();
      await page.getByTestId('touchpoint-row-hotline').click();
      const drawer = page.getByTestId('touchpoint-drawer');
      await drawer.getByTestId('tab-standards').click();
      await drawer.getByText('No standards yet').waitFor();
      await drawer.getByRole('button', { name: 'Add standard' }).click();
      const form = drawer.getByTestId('standard-form');
      await form.getByLabel('Name').fill('Call answered within 20 s');
      await form.getByLabel('Target (seconds)').fill('-5');
      await form.getByTestId('standard-save').click();
      await form.getByText('the target must be ≥ 0', { exact: false }).waitFor();

      await form.getByLabel('Target (seconds)').fill('20');
      await form.getByTestId('standard-save').click();
      const table = drawer.getByTestId('standards-table');
      await table.waitFor();
      expect(await table.textContent()).toContain('at most 20 sec for 90% of interactions');
      const standards = await apiCall<
        Page_<{ metric: string; target: number; comparator: string; requiredShare: number }>
      >(page, 'GET', `/workspaces/${workspaceId}/standards?touchpointId=${hotline.id}`);
      expect(standards.items).toMatchObject([
        { metric: 'response_ms', comparator: 'lte', target: 20_000, requiredShare: 0.9 },
      ]);
    } finally {
      await close();
    }
  });

  it('adds three templates with one click each, exports the list as CSV and imports it into another workspace', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('Template test');
    try {
      await page.getByTestId('open-templates').click();
      const library = page.getByRole('dialog');
      await library.getByTestId('tpl-price-list').waitFor();
      expect(
        await library.locator('[data-testid^=tpl-]').filter({ hasText: 'Add' }).count(),
      ).toBeGreaterThanOrEqual(100);
      await library.getByTestId('template-search').fill('hold music');
      await library.getByRole('button', { name: 'Add “Hold music”' }).click();
      await library.getByTestId('template-search').fill('');
      await library.getByRole('button', { name: 'Add “Price list”' }).click();
      await library.getByRole('button', { name: 'Add “Call centre”' }).click();
      await expect.poll(() => library.getByRole('button', { name: 'Added' }).count()).toBe(3);
      await page.keyboard.press('Escape');
      for (const key of ['hold-music', 'price-list', 'call-centre'])
        await page.getByTestId(`touchpoint-row-${key}`).waitFor();

      const stored = (await list(page, workspaceId)).items;
      const channels = await apiCall<Page_<{ id: string; key: string }>>(
        page,
        'GET',
        `/workspaces/${workspaceId}/channels?limit=100`,
      );
      const channelKey = (id: string | null) => channels.items.find((c) => c.id === id)?.key;
      expect(stored.map((t) => [t.key, t.name, t.stage, channelKey(t.channelId)]).sort()).toEqual([
        ['call-centre', 'Call centre', 'information_search', 'phone'],
        ['hold-music', 'Hold music', 'information_search', 'phone'],
        ['price-list', 'Price list', 'information_search', 'printed'],
      ]);
      // Hold music is part of the call centre.
      const centre = stored.find((t) => t.key === 'call-centre');
      const music = stored.find((t) => t.key === 'hold-music');
      await apiCall(page, 'PATCH', `/workspaces/${workspaceId}/touchpoints/${music?.id}`, {
        parentId: centre?.id,
        tags: ['phone', 'waiting, music'],
        version: music?.version,
      });

      await page.getByTestId('csv-menu').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-csv').click(),
      ]);
      const csv = readFileSync((await download.path()) ?? '', 'utf8');
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        'key,name,description,stage,channel,direction,subject,brand,parent,owner,online,attention,lifetime,controllable,priority,status,tags,brandedMaterial',
      );
      expect(lines.filter(Boolean)).toHaveLength(4);
      expect(csv).toContain('hold-music,Hold music,');
      expect(csv).toContain(',call-centre,');
      expect(csv).toContain('"phone; waiting, music"');

      // Into another workspace, with one row the API refuses.
      const other = await apiCall<{ id: string }>(page, 'POST', '/workspaces', { name: 'Import target' });
      await page.goto(`${app.url}/w/${other.id}/touchpoints`);
      await page.getByTestId('csv-menu').click();
      await page.getByTestId('import-csv').click();
      const dialog = page.getByRole('dialog');
      const withBadRow = `${csv}Bad Key!,Broken row,,,,,,,,,,,,,,,,\r\n`;
      await dialog.getByTestId('csv-file').setInputFiles({
        name: 'touchpoints.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(withBadRow),
      });
      await dialog.getByTestId('csv-preview').waitFor();
      await dialog.getByRole('button', { name: 'Import 4 rows' }).click();
      await expect.poll(() => dialog.getByTestId('csv-summary').textContent()).toBe('Created: 3. Failed: 1.');
      expect(await dialog.getByTestId('csv-row-5').textContent()).toMatch(/Failed.*key: must be a slug/);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByTestId('touchpoint-row-hold-music').waitFor();

      const imported = (await list(page, other.id)).items;
      expect(imported.map((t) => t.key).sort()).toEqual(['call-centre', 'hold-music', 'price-list']);
      const importedCentre = imported.find((t) => t.key === 'call-centre');
      const importedMusic = await apiCall<Touchpoint & { tags: string[] }>(
        page,
        'GET',
        `/workspaces/${other.id}/touchpoints/${imported.find((t) => t.key === 'hold-music')?.id}`,
      );
      expect(importedMusic.parentId).toBe(importedCentre?.id);
      expect(importedMusic.tags).toEqual(['phone', 'waiting, music']);
    } finally {
      await close();
    }
  });

  it('shows a viewer the registry and a touchpoint without any edit control', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('Viewer test');
    const viewer = { email: 'viewer@example.com', password: 'viewer password 1' };
    try {
      await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
        key: 'hotline',
        name: 'Hotline',
      });
      await apiCall(page, 'POST', `/workspaces/${workspaceId}/members`, { ...viewer, role: 'viewer' });
    } finally {
      await close();
    }
    const { page: viewerPage, context } = await newPage(browser);
    try {
      await signIn(viewerPage, app.url, viewer);
      await viewerPage.getByTestId('touchpoint-row-hotline').click();
      const drawer = viewerPage.getByTestId('touchpoint-drawer');
      await drawer.getByTestId('touchpoint-form').waitFor();
      expect(await drawer.getByLabel('Name').getAttribute('readonly')).not.toBeNull();
      expect(await drawer.getByTestId('touchpoint-save').count()).toBe(0);
      expect(await drawer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      await drawer.getByTestId('tab-standards').click();
      await drawer.getByText('No standards yet').waitFor();
      expect(await drawer.getByRole('button', { name: 'Add standard' }).count()).toBe(0);
      await viewerPage.keyboard.press('Escape');
      for (const testId of ['create-touchpoint', 'open-templates'])
        expect(await viewerPage.getByTestId(testId).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('shows the template library in German and adds a template with its German name', async () => {
    const { page, workspaceId, close } = await inNewWorkspace('German test');
    try {
      await page.getByTestId('language-picker').click();
      await page.getByRole('option', { name: 'Deutsch' }).click();
      await page.getByRole('button', { name: 'Vorlagenbibliothek' }).first().click();
      const library = page.getByRole('dialog');
      await library.getByTestId('tpl-business-card').waitFor();
      expect(await library.getByTestId('tpl-business-card').textContent()).toContain('Visitenkarte');
      expect(await library.getByTestId('tpl-hold-music').textContent()).toContain('Warteschleifenmusik');
      await library.getByTestId('template-search').fill('visitenkarte');
      await expect
        .poll(() => library.locator('[data-testid^=tpl-]').filter({ hasText: 'Hinzufügen' }).count())
        .toBe(1);
      await library.getByRole('button', { name: '„Visitenkarte“ hinzufügen' }).click();
      await library.getByRole('button', { name: 'Hinzugefügt' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('touchpoint-row-business-card').waitFor();
      expect(await page.getByTestId('touchpoint-row-business-card').textContent()).toContain('Visitenkarte');
      const [stored] = (await list(page, workspaceId)).items;
      expect(stored?.name).toBe('Visitenkarte');
    } finally {
      await apiCall(page, 'PATCH', '/me', { locale: 'en' });
      await close();
    }
  });
});
