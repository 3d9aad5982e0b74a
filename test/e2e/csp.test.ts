/**
 * Every main page of the demo workspace, and the API reference, in Chromium under the server's
 * Content-Security-Policy: each page draws (a heading shows) and the browser refuses nothing
 * (no `securitypolicyviolation` event, no console error about the policy). One browser, one
 * server, the pages in sequence.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Listed {
  items: { id: string; name: string }[];
}

describe('the pages under the Content-Security-Policy', { timeout: 300_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  /** What the browser refused, with the page it happened on. */
  const refusals: string[] = [];
  let where = '';

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    let context: Awaited<ReturnType<typeof newPage>>['context'];
    ({ context, page } = await newPage(browser));
    await context.exposeBinding('reportRefusal', (_source, text: string) => {
      refusals.push(`${where}: ${text}`);
    });
    // Installed before any script of the page, outside its policy (the browser's own channel).
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (e) => {
          const report = (window as unknown as { reportRefusal(text: string): void }).reportRefusal;
          report(
            `${e.violatedDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          );
        },
        true,
      );
    });
    page.on('console', (message) => {
      if (/content.security.policy/i.test(message.text())) refusals.push(`${where}: ${message.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Opens a page, waits for it to draw its heading and settle; the page's response carried the policy. */
  async function visit(path: string, heading = page.getByRole('heading').first()): Promise<void> {
    where = path;
    const response = await page.goto(`${app.url}${path}`);
    expect(response?.headers()['content-security-policy'], path).toMatch(/script-src 'self'/);
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await heading.isVisible(), path).toBe(true);
  }

  it('notices a refusal: a style element without the nonce is refused and reported', async () => {
    await visit('/login');
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    // Reported twice: the event, and Chromium's console error.
    await expect.poll(() => refusals.length).toBe(2);
    expect(refusals.sort()).toEqual([
      expect.stringMatching(
        /^\/login: Applying inline style violates .*Content Security Policy directive 'style-src/,
      ),
      expect.stringMatching(/^\/login: style-src-elem refused inline/),
    ]);
    refusals.length = 0;
  });

  it('draws every main page with nothing refused', async () => {
    await visit('/setup?token=not-a-real-token');
    await visit('/login');
    where = 'sign-in';
    const workspaceId = await signIn(page, app.url);
    const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {
      interactions: 5_000,
      seed: 7,
    });
    const ws = demo.workspace.id;
    const [journeys, chains] = await Promise.all([
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/journeys`),
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/chains`),
    ]);

    await visit('/');
    await visit(`/w/${workspaceId}/touchpoints`);
    const base = `/w/${ws}`;
    await visit(`${base}/touchpoints`);
    await visit(`${base}/journeys`);
    await visit(`${base}/journeys/${journeys.items[0]?.id}`, page.getByTestId('journey-title'));
    // PNG export draws the map through data: and blob: images.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByTestId('jm-export')
        .click()
        .then(() => page.getByTestId('jm-export-png').click()),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    await visit(`${base}/chains`);
    await visit(`${base}/chains/${chains.items[0]?.id}`);
    // An ECharts tooltip is HTML with style attributes.
    const funnel = page.locator('[role="img"] svg').first();
    await funnel.waitFor();
    await funnel.hover();
    for (const analysis of ['paths', 'attribution', 'touches', 'sentiment', 'standards', 'contact']) {
      await visit(`${base}/analytics/${analysis}`);
    }
    await visit(`${base}/health`);
    await visit(`${base}/data`);
    await visit(`${base}/settings`);
    await visit('/profile');
    // The TOTP enrolment shows its QR code as a data: image.
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    expect(await page.getByTestId('totp-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(220);

    await visit('/docs', page.getByRole('heading', { name: /Touchpoints API/ }));
    // An operation opened and tried: its answer is drawn as highlighted code.
    const operation = page.locator('.opblock-get').first();
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    await operation.locator('.responses-table .response-col_status').first().waitFor();

    expect(refusals).toEqual([]);
  });
});
