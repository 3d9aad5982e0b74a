/**
 * Invitations in Chromium against the real server: a used setup link sends to sign-in with a
 * notice; the owner invites in one browser, the invitee opens the link in another, chooses a
 * password and lands in the workspace with the invited role; the link then works no more.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, startApp } from './app-fixture.js';

const FIRST = { email: 'first@example.com', password: 'first owner password' };
const INVITEE = { email: 'nina@example.com', password: 'nina chooses this', name: 'Nina Neu' };

describe('invitations and the used setup link', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp & { setupLink?: string };

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp({ owner: false })]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends a used setup link to sign-in, and an invitee from a second browser into the workspace', async () => {
    const setupLink = app.setupLink ?? '';
    const token = new URL(setupLink).searchParams.get('token');
    expect(token).toBeTruthy();
    const owner = await newPage(browser);
    const invitee = await newPage(browser);
    try {
      // The owner account made through the link (the form itself is covered by the shell test).
      await owner.page.goto(`${app.url}/login`);
      const created = await owner.page.request.post(`${app.url}/api/setup`, {
        data: { token, ...FIRST, workspaceName: 'Bakery Nord' },
        headers: { origin: app.url },
      });
      expect(created.status()).toBe(201);
      const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;

      // The link again, signed out: sign-in, saying why, instead of the form without a word.
      await invitee.page.goto(setupLink);
      await invitee.page.waitForURL(/\/login$/);
      expect(await invitee.page.getByTestId('sign-in-notice').textContent()).toBe(
        'The owner account exists already: sign in.',
      );
      // A made-up setup token once an account exists: the same.
      await invitee.page.goto(`${app.url}/setup?token=setup_made_up`);
      await invitee.page.waitForURL(/\/login$/);
      await invitee.page.getByTestId('sign-in-notice').waitFor();

      // The owner invites; this server sends no e-mail, so the link is shown to copy.
      await owner.page.goto(`${app.url}/w/${workspaceId}/settings?tab=members`);
      await owner.page.getByTestId('member-add').click();
      await owner.page.getByLabel('E-mail').fill(INVITEE.email);
      await owner.page.getByRole('combobox', { name: 'Role', exact: true }).click();
      await owner.page.getByRole('option', { name: 'Viewer' }).click();
      await owner.page.getByTestId('invite-submit').click();
      await owner.page.getByTestId('invitation-created').waitFor();
      expect(await owner.page.getByTestId('invitation-mail-state').textContent()).toContain(
        'No e-mail was sent',
      );
      const link = await owner.page.getByTestId('invitation-url').inputValue();
      expect(link).toMatch(/\/invite\/tpi_[\w-]+$/);
      await owner.page.getByTestId('invitation-done').click();
      const pending = owner.page.getByTestId(`invitation-${INVITEE.email}`);
      await pending.waitFor();
      expect(await pending.textContent()).toContain('Viewer');

      // The invitee, in another browser: the workspace and role, a name and a password of their own.
      await invitee.page.goto(`${app.url}${new URL(link).pathname}`);
      await invitee.page.getByRole('heading', { name: 'Join Bakery Nord' }).waitFor();
      expect(await invitee.page.getByTestId('invite-summary').textContent()).toBe(
        'first@example.com invited you as Viewer.',
      );
      await invitee.page.getByLabel('Your name').fill(INVITEE.name);
      await invitee.page.getByLabel('Choose a password (at least 8 characters)').fill('short');
      await invitee.page.getByTestId('invite-accept').click();
      await expect.poll(() => invitee.page.getByText('must be at least 8 characters').count()).toBe(1);
      await invitee.page.getByLabel('Choose a password (at least 8 characters)').fill(INVITEE.password);
      await invitee.page.getByTestId('invite-accept').click();
      await invitee.page.waitForURL(new RegExp(`/w/${workspaceId}/touchpoints`));
      const me = await apiCall<{ user: { name: string }; workspaces: { id: string; role: string }[] }>(
        invitee.page,
        'GET',
        '/me',
      );
      expect(me.user.name).toBe(INVITEE.name);
      expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'viewer' })]);

      // One time only: the link now says it was used.
      await invitee.page.goto(link.replace(/^https?:\/\/[^/]+/, app.url));
      expect(await invitee.page.getByTestId('invite-problem').textContent()).toContain('accepted already');

      // The owner sees the new member, and no pending invitation.
      await owner.page.reload();
      await owner.page.getByTestId(`member-${INVITEE.email}`).waitFor();
      await owner.page.getByText('No pending invitations').waitFor();
      expect(await owner.page.getByTestId(`role-${INVITEE.email}`).inputValue()).toBe('Viewer');

      // An existing account, signed out: sign in from the invitation, come back to it, join.
      const second = await apiCall<{ id: string }>(owner.page, 'POST', '/workspaces', { name: 'Bakery Süd' });
      const again = await apiCall<{ url: string }>(
        owner.page,
        'POST',
        `/workspaces/${second.id}/invitations`,
        {
          email: INVITEE.email,
          role: 'editor',
        },
      );
      await apiCall(invitee.page, 'POST', '/auth/logout', {});
      await invitee.page.goto(`${app.url}${new URL(again.url).pathname}`);
      await invitee.page.getByTestId('invite-sign-in').click();
      await invitee.page.waitForURL(/\/login$/);
      expect(await invitee.page.getByLabel('E-mail').inputValue()).toBe(INVITEE.email);
      await invitee.page.getByRole('textbox', { name: 'Password' }).fill(INVITEE.password);
      await invitee.page.getByRole('button', { name: 'Sign in' }).click();
      await invitee.page.waitForURL(/\/invite\//);
      await invitee.page.getByRole('button', { name: 'Join the workspace' }).click();
      await invitee.page.waitForURL(new RegExp(`/w/${second.id}/touchpoints`));
      const joined = await apiCall<{ workspaces: { id: string; role: string }[] }>(
        invitee.page,
        'GET',
        '/me',
      );
      expect(joined.workspaces).toContainEqual(expect.objectContaining({ id: second.id, role: 'editor' }));
    } finally {
      await owner.context.close();
      await invitee.context.close();
    }
  });

  it('offers a password reset from the sign-in page at phone width', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${app.url}/login`);
      await page.getByTestId('forgot-password').click();
      await page.waitForURL(/\/forgot-password$/);
      await page.getByLabel('E-mail').fill(FIRST.email);
      await page.getByRole('button', { name: 'Send link' }).click();
      expect(await page.getByTestId('reset-requested').textContent()).toContain('works for one hour');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // A link that is no link: said so, with the way to a new one.
      await page.goto(`${app.url}/reset-password/tpr_not_a_real_link_at_all`);
      expect(await page.getByTestId('reset-problem').textContent()).toContain('not valid');
    } finally {
      await context.close();
    }
  });
});
