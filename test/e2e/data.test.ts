/**
 * The data page in Chromium against the real server: an API token shown once and revoked, a CSV
 * file uploaded from the browser (column mapping, a bad row, unknown touchpoint keys), and the
 * unknown keys mapped to a touchpoint or made into a new one, which records their waiting records.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

describe('data page', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let context: BrowserContext;
  let page: Page;
  let workspaceId: string;
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-data-e2e-'));

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ context, page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
      key: 'website',
      name: 'Website',
    });
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/touchpoints`, {
      key: 'reception',
      name: 'Reception desk',
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Status of a request with a Bearer token (no session cookie). */
  async function withToken(token: string, path: string, body?: unknown): Promise<number> {
    const response = await fetch(`${app.url}/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.status;
  }

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/data?tab=tokens`);
    await page.getByText('No API tokens yet').waitFor();
    await page.getByTestId('token-create').first().click();
    await page.getByRole('textbox', { name: 'Name' }).fill('CRM export');
    // ingest is ticked by default; add read.
    await page.getByRole('checkbox', { name: /read everything/ }).check();
    await page.getByTestId('token-create-submit').click();

    const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^tp_/);
    await expect.poll(() => page.getByText('Shown only now').count()).toBe(1);
    expect(await withToken(secret, `/workspaces/${workspaceId}/interactions`, { interactions: [] })).toBe(
      200,
    );
    expect(await withToken(secret, `/workspaces/${workspaceId}/touchpoints`)).toBe(200);

    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByTestId('token-CRM export');
    await expect.poll(() => row.textContent()).toMatch(/Active/);
    // Once the dialog is closed the secret is nowhere on the page.
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke: CRM export' }).click();
    await page.getByTestId('token-revoke-confirm').click();
    await expect.poll(() => row.textContent()).toMatch(/Revoked/);
    expect(await withToken(secret, `/workspaces/${workspaceId}/touchpoints`)).toBe(401);
  });

  it('uploads a CSV with a renamed column, a bad row and unknown keys, then maps the keys', async () => {
    const file = join(dir, 'visits.csv');
    writeFileSync(
      file,
      [
        'event,Kunde,touchpoint,at,sentiment',
        'e1,c1,website,2024-05-01T09:30:00+02:00,1',
        'e2,c2,website,yesterday,0',
        'e3,c3,mystery-kiosk,2024-05-01T10:00:00Z,-1',
        'e4,c4,website,2024-05-02T10:00:00Z,',
        'e5,c5,lobby-screen,2024-05-03T10:00:00Z,0',
      ].join('\r\n'),
    );
    await page.goto(`${app.url}/w/${workspaceId}/data`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('column-mapping').waitFor();
    // "Kunde" and "event" are no field names: customer is missing until mapped.
    await expect.poll(() => page.getByTestId('mapping-missing').textContent()).toMatch(/customer/);
    expect(await page.getByTestId('upload-start').isDisabled()).toBe(true);
    await page.getByTestId('column-field-Kunde').click();
    await page.getByRole('option', { name: 'customer', exact: true }).click();
    await page.getByTestId('column-field-event').click();
    await page.getByRole('option', { name: 'id', exact: true }).click();
    expect(await page.getByTestId('mapping-missing').count()).toBe(0);

    await page.getByTestId('upload-start').click();
    const summary = page.getByTestId('upload-summary');
    await summary.waitFor();
    const figure = (name: string) => summary.getByTestId(`summary-${name}-value`).textContent();
    expect(await figure('rows')).toBe('5');
    expect(await figure('accepted')).toBe('2');
    expect(await figure('rejected')).toBe('1');
    expect(await figure('quarantined')).toBe('2');
    const rejects = await page.getByTestId('rejects-table').locator('tbody tr').allTextContents();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatch(/^2at.*ISO-8601/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click();
    const saved = join(dir, 'rejects.csv');
    await (await download).saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toMatch(/^row,field,reason\n2,at,/);

    // The unknown key waits with its one record; mapping it to a touchpoint records it.
    await page.getByRole('button', { name: 'Map unknown keys' }).click();
    const waiting = page.getByTestId('unmapped-mystery-kiosk');
    await expect.poll(() => waiting.textContent()).toMatch(/mystery-kiosk\s*1/);
    await waiting.getByRole('button', { name: 'Map' }).click();
    await page.getByText('To an existing touchpoint').click();
    await page.getByTestId('map-key-touchpoint').click();
    await page.getByRole('option', { name: 'Reception desk (reception)' }).click();
    await page.getByTestId('map-submit').click();
    await expect.poll(() => waiting.count()).toBe(0);

    // The other key becomes a new touchpoint, named in the dialog.
    await page.getByTestId('unmapped-lobby-screen').getByRole('button', { name: 'Map' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Lobby screen');
    await page.getByTestId('map-submit').click();
    await page.getByText('No unmapped keys').waitFor();
    const created = await apiCall<{ items: { key: string; name: string }[] }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/touchpoints?q=lobby`,
    );
    expect(created.items.map((tp) => [tp.key, tp.name])).toEqual([['lobby-screen', 'Lobby screen']]);
    const unmapped = await apiCall<{ items: unknown[] }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/unmapped-touchpoints`,
    );
    expect(unmapped.items).toEqual([]);

    // The same file again adds nothing: every id is known, the bad row is refused again.
    await page.getByRole('tab', { name: 'Upload' }).click();
    await page.getByTestId('upload-start').click();
    await expect.poll(() => figure('duplicates')).toBe('4');
    expect(await figure('accepted')).toBe('0');
    expect(await figure('quarantined')).toBe('0');
    expect(await figure('rejected')).toBe('1');
  });
});
