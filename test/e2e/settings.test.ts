/**
 * Workspace settings and the profile in Chromium against the real server: a member added as
 * viewer (and what a viewer then sees), the last owner kept, an own channel, the audit log of
 * these changes, and two-factor authentication enrolled from the shown secret and used to sign in.
 */
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, OWNER, type RunningApp, signIn, startApp } from './app-fixture.js';

const VIEWER = { email: 'viewer@example.com', password: 'viewer password 1' };

/** The current code of an authenticator app holding `secret`. */
/** The code of the current 30 s step, or of a later one (each code signs in once). */
function totpCode(secret: string, stepsAhead = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}

describe('workspace settings and profile', { timeout: 180_000 }, () => {
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

  it('lists a member added as viewer, keeps the last owner, and shows both in the audit log', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings?tab=members`);
    // New people join by invitation (invitations.test.ts); an account made through the API is listed.
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/members`, {
      email: VIEWER.email,
      role: 'viewer',
      name: 'Vera Viewer',
      password: VIEWER.password,
    });
    await page.reload();
    const row = page.getByTestId(`member-${VIEWER.email}`);
    await row.waitFor();
    expect(await page.getByTestId(`role-${VIEWER.email}`).inputValue()).toBe('Viewer');
    const members = await apiCall<{ items: { email: string; role: string }[] }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/members`,
    );
    expect(members.items.find((m) => m.email === VIEWER.email)?.role).toBe('viewer');

    // The only owner cannot step down: the API's reason is shown at the role.
    await page.getByTestId(`role-${OWNER.email}`).click();
    await page.getByRole('option', { name: 'Editor' }).click();
    await expect
      .poll(() => page.getByText('a workspace needs at least one owner').count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId(`role-${OWNER.email}`).inputValue()).toBe('Owner');

    await page.getByRole('tab', { name: 'Audit log' }).click();
    const first = page.getByTestId('audit-entry').first();
    await expect.poll(() => first.textContent()).toMatch(/Created.*Member: viewer@example\.com/);
    const me = await apiCall<{ user: { name: string; email: string } }>(page, 'GET', '/me');
    expect(await first.textContent()).toContain(me.user.name || me.user.email);
    await first.getByRole('button', { name: 'Show the changes' }).click();
    const diff = page.getByTestId('audit-diff');
    await expect.poll(() => diff.textContent()).toMatch(/role.*viewer/);
  });

  it('adds, renames and deletes an own channel; built-in ones cannot be deleted', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings?tab=channels`);
    await page.getByTestId('channel-add').click();
    await page.getByLabel('Key').fill('Kiosk!');
    await page.getByLabel('Name').fill('Self-service kiosk');
    await page.getByTestId('channel-save').click();
    // The API's validation message for the key appears at the field.
    await expect.poll(() => page.getByText('must be a slug').count()).toBe(1);
    await page.getByLabel('Key').fill('kiosk');
    await page.getByTestId('channel-save').click();
    const row = page.getByTestId('channel-kiosk');
    await expect.poll(() => row.textContent()).toMatch(/Self-service kiosk.*Own/);

    await row.getByRole('button', { name: 'Edit: Self-service kiosk' }).click();
    await page.getByLabel('Name').fill('Lobby kiosk');
    await page.getByTestId('channel-save').click();
    await expect.poll(() => row.textContent()).toMatch(/Lobby kiosk/);

    const website = page.getByTestId('channel-website');
    expect(await website.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await row.getByRole('button', { name: 'Delete: Lobby kiosk' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('renames the workspace, and a viewer sees the settings without edit buttons', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings`);
    await page.getByLabel('Name').fill('Clinic Aurora');
    await page.getByLabel('Contact frequency cap').fill('6');
    await page.getByTestId('workspace-save').click();
    await expect.poll(() => page.getByTestId('workspace-switcher').inputValue()).toBe('Clinic Aurora');
    const workspace = await apiCall<{ settings: { contactFrequencyCap?: number } }>(
      page,
      'GET',
      `/workspaces/${workspaceId}`,
    );
    expect(workspace.settings.contactFrequencyCap).toBe(6);

    const viewer = await newPage(browser);
    try {
      await signIn(viewer.page, app.url, VIEWER);
      await viewer.page.goto(`${app.url}/w/${workspaceId}/settings?tab=members`);
      await viewer.page.getByTestId('members-table').waitFor();
      expect(await viewer.page.getByTestId('member-add').count()).toBe(0);
      await viewer.page.goto(`${app.url}/w/${workspaceId}/settings?tab=channels`);
      await viewer.page.getByTestId('channels-table').waitFor();
      expect(await viewer.page.getByTestId('channel-add').count()).toBe(0);
      await viewer.page.goto(`${app.url}/w/${workspaceId}/data`);
      await viewer.page.getByText('No unmapped keys').waitFor();
      expect(await viewer.page.locator('input[type=file]').count()).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });

  it('lists where the owner is signed in and signs out everywhere else', async () => {
    const elsewhere = await newPage(browser);
    try {
      await signIn(elsewhere.page, app.url);
      await page.goto(`${app.url}/profile`);
      const rows = page.getByTestId('session-row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await page.getByTestId('session-current').count()).toBe(1);
      expect(await rows.first().textContent()).toMatch(/Chrome on Linux/);

      await page.getByTestId('sessions-sign-out-others').click();
      await page.getByTestId('sessions-confirm-sign-out-others').click();
      await expect.poll(() => rows.count()).toBe(1);
      const status = await elsewhere.page.request.get(`${app.url}/api/me`);
      expect(status.status()).toBe(401);
      expect((await page.request.get(`${app.url}/api/me`)).status()).toBe(200);
    } finally {
      await elsewhere.context.close();
    }
  });

  it('turns on two-factor authentication from the shown secret and signs in with a code', async () => {
    await page.goto(`${app.url}/profile`);
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);

    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-confirm').click();
    await expect.poll(() => page.getByTestId('totp-code').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('totp-code').fill(totpCode(secret));
    await page.getByTestId('totp-confirm').click();
    await expect
      .poll(() => page.getByTestId('totp-status').textContent())
      .toBe('Two-factor authentication is on.');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    // The code that turned two-factor sign-in on is used up: the next step's code.
    await code.fill(totpCode(secret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/w\/[^/]+\/touchpoints/);
    const me = await apiCall<{ user: { totpEnabled: boolean } }>(page, 'GET', '/me');
    expect(me.user.totpEnabled).toBe(true);
  });
});
