/**
 * Alerts in Chromium against the real server: an editor creates a standard-compliance rule on a
 * failing standard (the API's message shows at the field it names), presses Check now, the bell
 * says 1 unread, the notification opens its object and is read; the owner marks theirs read, adds a
 * webhook pointing at a real HTTP receiver on 127.0.0.1, copies the secret shown once, presses
 * Test and sees 200 in the delivery log, and the receiver got a request signed with that secret.
 * Interactions that meet the standard then resolve the alert (alert.resolved reaches the receiver)
 * and Mark all as read clears the owner's bell. At 390 px the Alerts page does not scroll sideways and the bell stays in view.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, OWNER, type RunningApp, signIn, startApp } from './app-fixture.js';

const EDITOR = { email: 'editor@example.com', password: 'editor horse battery' };

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('alerts', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let owner: Page;
  let editorContext: BrowserContext;
  let editor: Page;
  let workspaceId: string;
  let base: string;
  let standardId: string;

  beforeAll(async () => {
    // The webhook's receiver: records each request as it came, answers 200.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/touchpoints`;

    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page: owner } = await newPage(browser));
    workspaceId = await signIn(owner, app.url, OWNER);
    base = `/workspaces/${workspaceId}`;
    await apiCall(owner, 'POST', `${base}/members`, {
      email: EDITOR.email,
      role: 'editor',
      name: 'Eda Editor',
      password: EDITOR.password,
    });
    const touchpoint = await apiCall<{ id: string }>(owner, 'POST', `${base}/touchpoints`, {
      key: 'reception',
      name: 'Reception',
    });
    standardId = (
      await apiCall<{ id: string }>(owner, 'POST', `${base}/standards`, {
        touchpointId: touchpoint.id,
        name: 'Answer within 20 s',
        metric: 'response_ms',
        comparator: 'lte',
        target: 20_000,
        requiredShare: 0.9,
      })
    ).id;
    // An hour ago every call waited a minute: the standard fails.
    const at = Date.now() - 3_600_000;
    const sent = await apiCall<{ accepted: number }>(owner, 'POST', `${base}/interactions`, {
      interactions: Array.from({ length: 6 }, (_, i) => ({
        id: `slow-${i}`,
        customer: `customer-${i}`,
        touchpoint: 'reception',
        at: at + i,
        response_ms: 60_000,
      })),
    });
    expect(sent.accepted).toBe(6);
    ({ context: editorContext, page: editor } = await newPage(browser));
    await signIn(editor, app.url, EDITOR);
  });
  afterAll(async () => {
    await editorContext?.close();
    await browser?.close();
    await app?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('a rule fires once into the bell and the alerts list; a webhook test reaches a real receiver signed', async () => {
    const bell = (page: Page) => page.getByTestId('notification-bell');

    // The editor: a standard-compliance rule on the failing standard.
    await editor.getByTestId('nav-alerts').click();
    await editor.waitForURL(/\/alerts$/);
    await poll(() => bell(editor).getAttribute('aria-label')).toBe('Notifications');
    expect(await editor.getByTestId('webhooks').count()).toBe(0);
    await editor.getByTestId('rule-create').click();
    const dialog = editor.getByRole('dialog');
    await dialog.getByTestId('rule-kind').click();
    await editor.getByRole('option', { name: 'Standard compliance' }).click();
    await poll(() => dialog.getByTestId('rule-name').inputValue()).toBe('Standard compliance');
    await dialog.getByTestId('rule-name').fill('Calls answered in time');
    await dialog.getByTestId('rule-standard').click();
    await editor.getByRole('option', { name: 'Answer within 20 s · Reception' }).click();
    // The API judges the window; its message shows at that field.
    await dialog.getByTestId('rule-window').fill('0');
    await dialog.getByTestId('rule-min-sample').fill('5');
    await dialog.getByTestId('rule-save').click();
    await poll(() => dialog.getByText('must be between 1 and 365').count()).toBe(1);
    expect(await dialog.getByTestId('rule-window').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByTestId('rule-window').fill('7');
    await dialog.getByTestId('rule-save').click();
    await poll(() => dialog.count()).toBe(0);

    const rules = await apiCall<{ items: { id: string; kind: string; params: Record<string, unknown> }[] }>(
      editor,
      'GET',
      `${base}/alert-rules`,
    );
    expect(rules.items).toHaveLength(1);
    expect(rules.items[0]).toMatchObject({
      kind: 'standard_compliance',
      params: { standardId, windowDays: 7, minSample: 5 },
    });
    const rule = editor.locator(`[data-testid="alert-rule"][data-rule="${rules.items[0]?.id}"]`);
    await poll(() => rule.getByText('Calls answered in time').count()).toBe(1);

    // Check now: the alert fires, once.
    await editor.getByTestId('alerts-check-now').click();
    await poll(() => editor.getByTestId('alerts-check-result').textContent()).toBe(
      'Checked: 1 fired, 0 resolved.',
    );
    const open = editor.getByTestId('alert-episodes-open').getByTestId('alert-episode');
    await poll(() => open.count()).toBe(1);
    expect(await open.first().textContent()).toContain('Answer within 20 s');
    expect(await open.first().getByTestId('alert-episode-message').textContent()).toBe(
      '0% compliant, required 90%, over the last 7 days (6 measured)',
    );
    await poll(() => bell(editor).getAttribute('aria-label')).toBe('Notifications, unread: 1');
    await editor.getByTestId('alerts-check-now').click();
    await poll(() => editor.getByTestId('alerts-check-result').textContent()).toBe(
      'Checked: 0 fired, 0 resolved.',
    );
    expect(await open.count()).toBe(1);

    // The bell lists the notification; opening it goes to its object and reads it.
    await bell(editor).click();
    const item = editor.getByTestId('notification');
    await poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain('Calls answered in time: Answer within 20 s');
    expect(await item.textContent()).toContain(
      '0% compliant, required 90%, over the last 7 days (6 measured)',
    );
    expect(await item.textContent()).toContain('Alert fired · now');
    const notifications = await apiCall<{ items: { link: string; readAt: string | null }[] }>(
      editor,
      'GET',
      `${base}/notifications`,
    );
    const link = notifications.items[0]?.link ?? '';
    expect(link.startsWith(`/w/${workspaceId}/`)).toBe(true);
    await item.getByTestId('notification-open').click();
    await poll(() => new URL(editor.url()).pathname + new URL(editor.url()).search).toBe(link);
    await poll(() => bell(editor).getAttribute('aria-label')).toBe('Notifications');
    expect(
      await editor.getByTestId('notification-badge').locator('.mantine-Indicator-indicator').count(),
    ).toBe(0);
    const after = await apiCall<{ items: { readAt: string | null }[] }>(
      editor,
      'GET',
      `${base}/notifications`,
    );
    expect(after.items[0]?.readAt).not.toBeNull();

    // The owner got the same alert; marking it read clears the badge.
    await owner.goto(`${app.url}/w/${workspaceId}/alerts`);
    await poll(() => bell(owner).getAttribute('aria-label')).toBe('Notifications, unread: 1');
    await bell(owner).click();
    await owner.getByTestId('notification-mark-read').click();
    await poll(() => bell(owner).getAttribute('aria-label')).toBe('Notifications');
    await poll(() => owner.getByTestId('notification').getAttribute('data-unread')).toBe('false');
    await owner.keyboard.press('Escape');

    // A webhook to the receiver: the secret is shown once, then Test answers the receiver's 200.
    await owner.getByTestId('webhook-add').click();
    const add = owner.getByRole('dialog');
    await add.getByTestId('webhook-url').fill('ftp://127.0.0.1/nope');
    await add.getByTestId('webhook-save').click();
    await poll(() => add.getByText('must be an http:// or https:// URL').count()).toBe(1);
    await add.getByTestId('webhook-url').fill(receiverUrl);
    await add.getByTestId('webhook-description').fill('Ops channel');
    await add.getByTestId('webhook-save').click();
    const secret = (await owner.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await owner.getByTestId('webhook-secret-done').click();
    await poll(() => owner.getByTestId('webhook-secret-view').count()).toBe(0);
    const hook = owner.getByTestId('webhook');
    await poll(() => hook.getByTestId('webhook-url-text').textContent()).toBe(receiverUrl);
    // The secret is not shown again.
    expect(await owner.getByText(secret).count()).toBe(0);

    await hook.getByTestId('webhook-test').click();
    await poll(() => hook.getByTestId('webhook-test-result').textContent()).toBe(
      'Test delivered: the receiver answered 200.',
    );
    const delivery = hook.getByTestId('webhook-delivery');
    await poll(() => delivery.count()).toBe(1);
    expect(await delivery.getAttribute('data-status')).toBe('delivered');
    expect(await delivery.getByTestId('webhook-delivery-code').textContent()).toBe('200');
    expect(await delivery.textContent()).toContain('webhook.test');

    // The receiver got one request, signed with the secret over "<timestamp>.<body>".
    expect(received).toHaveLength(1);
    const request = received[0] as Received;
    expect(request.url).toBe('/hooks/touchpoints');
    expect(request.headers['x-touchpoints-event']).toBe('webhook.test');
    expect(request.headers['x-touchpoints-delivery']).toBe(await delivery.getAttribute('data-delivery'));
    const timestamp = String(request.headers['x-touchpoints-timestamp']);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-touchpoints-signature']).toBe(`sha256=${expected}`);
    const wrong = createHmac('sha256', `${secret}x`).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-touchpoints-signature']).not.toBe(`sha256=${wrong}`);

    // Calls answered in 5 s since: the standard passes, the alert is resolved (once), the
    // receiver gets alert.resolved, and Mark all as read clears the owner's new notification.
    const fast = await apiCall<{ accepted: number }>(owner, 'POST', `${base}/interactions`, {
      interactions: Array.from({ length: 60 }, (_, i) => ({
        id: `fast-${i}`,
        customer: `customer-${i}`,
        touchpoint: 'reception',
        at: Date.now() - 60_000 + i,
        response_ms: 5_000,
      })),
    });
    expect(fast.accepted).toBe(60);
    // The server also evaluates once the new interactions are keyed, so either may resolve it:
    // Check now until the alert shows as resolved.
    const resolved = owner.getByTestId('alert-episodes-resolved').getByTestId('alert-episode');
    await expect
      .poll(
        async () => {
          await owner.getByTestId('alerts-check-now').click();
          await poll(() => owner.getByTestId('alerts-check-result').textContent()).toMatch(
            /^Checked: 0 fired, [01] resolved\.$/,
          );
          return resolved.count();
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe(1);
    expect(await owner.getByTestId('alert-episodes-open').getByTestId('alert-episode').count()).toBe(0);
    await poll(() => received.map((r) => r.headers['x-touchpoints-event'])).toEqual([
      'webhook.test',
      'alert.resolved',
    ]);
    await poll(() => bell(owner).getAttribute('aria-label')).toBe('Notifications, unread: 1');
    await bell(owner).click();
    await poll(() => owner.getByTestId('notification').count()).toBe(2);
    expect(await owner.getByTestId('notification').first().textContent()).toContain('Alert resolved');
    await owner.getByTestId('notifications-mark-all').click();
    await poll(() => bell(owner).getAttribute('aria-label')).toBe('Notifications');
    await owner.keyboard.press('Escape');

    // At phone width: no sideways scrolling, the bell in view.
    await owner.setViewportSize({ width: 390, height: 800 });
    await owner.reload();
    await poll(() => owner.getByTestId('alert-episode').count()).toBe(1);
    expect(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const box = await bell(owner).boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await bell(owner).click();
    await poll(() => owner.getByTestId('notification-centre').isVisible()).toBe(true);
    const centre = await owner.getByTestId('notification-centre').boundingBox();
    expect((centre?.x ?? -1) >= 0 && (centre?.x ?? 0) + (centre?.width ?? 0) <= 390).toBe(true);
  });
});
