/**
 * The web app's shell in Chromium against the real server: first-run setup from the printed link,
 * sign-in and sign-out, the workspace switcher, unknown pages, and the language picker.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, OWNER, type RunningApp, signIn, startApp } from './app-fixture.js';

describe('web app shell', { timeout: 180_000 }, () => {
  let browser: Browser;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(apps.map((app) => app.stop()));
  });

  it('creates the owner from the setup link, lands in the first workspace, signs out and in again', async () => {
    const app = await startApp({ owner: false });
    apps.push(app);
    expect(app.setupLink).toMatch(/\/setup\?token=/);
    const { page, context } = await newPage(browser);
    try {
      // Without a session every page leads to the sign-in form.
      await page.goto(`${app.url}/w/whatever/touchpoints`);
      await expect.poll(() => page.url()).toMatch(/\/login$/);

      await page.goto(app.setupLink ?? '');
      await page.getByLabel('E-mail').fill('first@example.com');
      await page.getByRole('textbox', { name: 'Password (at least 8 characters)' }).fill('short');
      await page.getByLabel('Company (first workspace)').fill('Clinic Aurora');
      await page.getByRole('button', { name: 'Create account' }).click();
      // The API's validation message is shown at the field.
      await expect.poll(() => page.getByText('must be at least 8 characters').count()).toBe(1);
      await page
        .getByRole('textbox', { name: 'Password (at least 8 characters)' })
        .fill('a long enough password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/w\/[^/]+\/touchpoints/);
      expect(await page.getByTestId('workspace-switcher').inputValue()).toBe('Clinic Aurora');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login$/);
      await signIn(page, app.url, { email: 'first@example.com', password: 'a long enough password' });
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with the API message, switches workspaces and shows unknown pages as not found', async () => {
    const app = await startApp();
    apps.push(app);
    const { page, context } = await newPage(browser);
    try {
      await page.goto(`${app.url}/login`);
      await page.getByLabel('E-mail').fill(OWNER.email);
      await page.getByRole('textbox', { name: 'Password' }).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Sign-in failed/);

      const first = await signIn(page, app.url);
      const second = await apiCall<{ id: string }>(page, 'POST', '/workspaces', { name: 'Second shop' });
      await page.reload();
      await page.getByTestId('workspace-switcher').click();
      await page.getByRole('option', { name: 'Second shop' }).click();
      await page.waitForURL(new RegExp(`/w/${second.id}/touchpoints`));
      expect(second.id).not.toBe(first);

      await page.goto(`${app.url}/w/${second.id}/no-such-page`);
      await expect.poll(() => page.getByText('Page not found').count()).toBe(1);
      await page.goto(`${app.url}/w/00000000-0000-0000-0000-000000000000/touchpoints`);
      await expect.poll(() => page.getByText('Page not found').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('switches the language and keeps it in the profile', async () => {
    const app = await startApp();
    apps.push(app);
    const { page, context } = await newPage(browser);
    try {
      await signIn(page, app.url);
      await page.getByTestId('language-picker').click();
      await page.getByRole('option', { name: 'Deutsch' }).click();
      await expect.poll(() => page.getByTestId('nav-chains').textContent()).toBe('Ketten');
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      const me = await apiCall<{ user: { locale: string } }>(page, 'GET', '/me');
      expect(me.user.locale).toBe('de');
    } finally {
      await context.close();
    }
  });
});
