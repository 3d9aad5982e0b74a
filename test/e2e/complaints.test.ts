/**
 * The complaint register in Chromium against the real server: an interaction with
 * outcome=complaint becomes a complaint once ingestion pauses (the server's sweep); on the board a
 * complaint moves from New to In progress by keyboard (stamping the first response), is resolved in
 * the drawer with a note, and its history shows each step. At 390 px the page does not overflow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Complaint {
  id: string;
  text: string;
  status: string;
  source: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  resolutionNote: string;
  version: number;
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('complaint register', { timeout: 60_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let base: string;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
    await apiCall(page, 'POST', `${base}/touchpoints`, { key: 'desk', name: 'Service desk' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sweeps a complaint interaction in, moves it on the board, resolves it with a note and shows its history', async () => {
    await apiCall(page, 'POST', `${base}/interactions`, {
      interactions: [
        {
          id: 'visit-1',
          customer: 'cust-9',
          touchpoint: 'desk',
          at: Date.now() - 60_000,
          outcome: 'complaint',
          props: { comment: 'Nobody at the desk for twenty minutes' },
        },
      ],
    });
    // Once ingestion pauses, the server's sweep opens the complaint.
    await expect
      .poll(
        async () =>
          (await apiCall<{ items: Complaint[] }>(page, 'GET', `${base}/complaints?source=interaction`)).items,
        { timeout: 30_000, interval: 500 },
      )
      .toHaveLength(1);
    const [complaint] = (await apiCall<{ items: Complaint[] }>(page, 'GET', `${base}/complaints`)).items;
    if (!complaint) throw new Error('no complaint');
    expect(complaint).toMatchObject({ text: 'Nobody at the desk for twenty minutes', status: 'new' });

    await page.getByTestId('nav-complaints').click();
    const card = page.locator(`[data-testid="complaint-card"][data-complaint="${complaint.id}"]`);
    const column = (status: string) =>
      page.locator(`[data-testid="complaint-column"][data-status="${status}"]`);
    await poll(() => column('new').locator(`[data-complaint="${complaint.id}"]`).count()).toBe(1);
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => column('in_progress').locator(`[data-complaint="${complaint.id}"]`).count()).toBe(1);
    await poll(() => page.getByTestId('complaint-announcement').textContent()).toBe(
      'Complaint moved to In progress.',
    );
    const moved = await apiCall<Complaint>(page, 'GET', `${base}/complaints/${complaint.id}`);
    expect(moved.status).toBe('in_progress');
    expect(moved.firstResponseAt).not.toBeNull();

    // Open it, resolve it with a note.
    await card.click();
    const drawer = page.getByTestId('complaint-drawer');
    await poll(() => drawer.getByTestId('complaint-drawer-status').textContent()).toBe('In progress');
    await drawer.getByTestId('complaint-status').click();
    await page.getByRole('option', { name: 'Resolved' }).click();
    await drawer
      .getByTestId('complaint-resolution-note')
      .fill('Second colleague now covers the desk at lunch.');
    await drawer.getByTestId('complaint-save').click();
    await poll(() => drawer.getByTestId('complaint-drawer-status').textContent()).toBe('Resolved');
    const resolved = await apiCall<Complaint>(page, 'GET', `${base}/complaints/${complaint.id}`);
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolutionNote: 'Second colleague now covers the desk at lunch.',
    });
    expect(resolved.resolvedAt).not.toBeNull();

    // The history: received by the system, moved by the owner, resolved with the note.
    const entries = drawer.getByTestId('complaint-history-entry');
    await poll(() => entries.count()).toBe(3);
    expect(await entries.nth(0).textContent()).toContain('Received · system');
    expect(await entries.nth(1).textContent()).toContain('Status: New → In progress');
    const last = await entries.nth(2).textContent();
    expect(last).toContain('Status: In progress → Resolved');
    expect(last).toContain('Resolution note: — → Second colleague now covers the desk at lunch.');
    await poll(() => column('resolved').locator(`[data-complaint="${complaint.id}"]`).count()).toBe(1);

    // At phone width the page itself never scrolls sideways.
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 800 });
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
  });
});
