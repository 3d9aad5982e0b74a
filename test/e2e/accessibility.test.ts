/**
 * Accessibility of every main page of the demo workspace in Chromium at 1280×800: axe-core finds
 * no serious or critical violation on any of them (and on the sign-in page, the profile and an
 * open touchpoint drawer). Besides, what the automated check does not judge on its own: the
 * skip link moves focus to the main content; every focusable element of the registry and the
 * standards tab (rows included) has a name; Russian column headers show whole and any cell text
 * cut short carries its whole text; the funnel chart's axis shows long names whole; number
 * inputs' stepper buttons are named; the landmark and password-toggle labels follow the language.
 * One server, one browser context, the pages in sequence.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

// Evaluated through the browser's own channel: the app's Content-Security-Policy refuses an added
// <script> element (page.addScriptTag), as it should.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Listed {
  items: { id: string; name: string }[];
}
interface ChainDetail {
  links: { touchpointId: string }[];
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Nodes of third-party widgets the app cannot change, left out of the check precisely (never a
 * whole rule): each with the reason.
 */
const EXCLUDED: string[][] = [];

describe('accessibility of the main pages', { timeout: 240_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let context: BrowserContext;
  let page: Page;
  let ws = '';
  /** What axe found on the sign-in page, checked before signing in. */
  const signInFound: string[] = [];

  /** Opens a page and waits for it to draw its heading and settle. */
  async function visit(path: string, ready = page.getByRole('heading').first()): Promise<void> {
    await page.goto(`${app.url}${path}`);
    await ready.waitFor();
    await page.waitForLoadState('networkidle');
  }

  async function loadAxe(): Promise<void> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  }

  /** Runs axe-core on the page as it is and returns its serious and critical violations, readable. */
  async function audit(where: string): Promise<string[]> {
    await loadAxe();
    const violations = await page.evaluate(
      async (exclude) =>
        (
          await (
            window as unknown as {
              axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
            }
          ).axe.run(
            { exclude },
            {
              resultTypes: ['violations'],
              runOnly: {
                type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
              },
            },
          )
        ).violations,
      EXCLUDED,
    );
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) =>
        v.nodes.map(
          (n) =>
            `${where}: ${v.id} (${v.impact}) ${JSON.stringify(n.target)} ${n.html.slice(0, 200)} — ${n.failureSummary?.replace(/\s+/g, ' ')}`,
        ),
      );
  }

  /** The elements the Tab key reaches, and those of them without an accessible name (axe's computation). */
  async function focusableNames(): Promise<{ count: number; unnamed: string[] }> {
    await loadAxe();
    return page.evaluate(() => {
      const axe = (
        window as unknown as {
          axe: {
            setup(root: Node): void;
            teardown(): void;
            commons: { text: { accessibleText(el: Element): string } };
          };
        }
      ).axe;
      const selector =
        'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
      const focusable = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter(
        (el) =>
          el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert], [aria-hidden="true"]'),
      );
      axe.setup(document);
      try {
        return {
          count: focusable.length,
          unnamed: focusable
            .filter((el) => !axe.commons.text.accessibleText(el).trim())
            .map((el) => el.outerHTML.slice(0, 160)),
        };
      } finally {
        axe.teardown();
      }
    });
  }

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ context, page } = await newPage(browser));
    await visit('/login');
    signInFound.push(...(await audit('/login')));
    await signIn(page, app.url);
    const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {
      interactions: 3_000,
      seed: 7,
    });
    ws = demo.workspace.id;
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('finds no serious or critical violation on any main page', async () => {
    const found = [...signInFound];
    const base = `/w/${ws}`;
    const [journeys, chains, surveys] = await Promise.all([
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/journeys`),
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/chains`),
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/surveys`),
    ]);

    await visit(`${base}/touchpoints`, page.getByTestId('touchpoint-table'));
    found.push(...(await audit('touchpoints')));
    await page.locator('[data-testid^=touchpoint-row-]').first().click();
    await page.getByTestId('touchpoint-drawer').getByRole('dialog').waitFor();
    await page.waitForLoadState('networkidle');
    found.push(...(await audit('touchpoint drawer')));

    const pages: [string, string][] = [
      ['journeys', `${base}/journeys`],
      ['journey map', `${base}/journeys/${journeys.items[0]?.id}`],
      ['chains', `${base}/chains`],
      ['chain', `${base}/chains/${chains.items[0]?.id}`],
      ['analytics', `${base}/analytics`],
      ['analytics standards', `${base}/analytics/standards`],
      ['tasks', `${base}/tasks`],
      ['complaints', `${base}/complaints`],
      ['surveys', `${base}/surveys`],
      ['survey', `${base}/surveys/${surveys.items[0]?.id}`],
      ['reviews', `${base}/reviews`],
      ['benchmark', `${base}/benchmark`],
      ['brands', `${base}/brands`],
      ['audits', `${base}/audits`],
      ['alerts', `${base}/alerts`],
      ['health', `${base}/health`],
      ['report', `${base}/report`],
      ['data', `${base}/data`],
      ['settings', `${base}/settings`],
      ['profile', '/profile'],
    ];
    for (const [name, path] of pages) {
      await visit(path, name === 'journey map' ? page.getByTestId('journey-title') : undefined);
      found.push(...(await audit(name)));
    }
    expect(found).toEqual([]);
  });

  it('skips to the content with the first Tab, and names every focusable element of the registry and the standards tab', async () => {
    await visit(`/w/${ws}/touchpoints`, page.getByTestId('touchpoint-table'));
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.textContent()).toBe('Skip to content');
    // Out of sight until focused, then on screen.
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.width > 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    // The next Tab lands in the page, past the header and the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    const registry = await focusableNames();
    expect(registry.count).toBeGreaterThan(20);
    expect(registry.unnamed).toEqual([]);
    const row = page.locator('[data-testid^=touchpoint-row-]').first();
    expect(await row.getAttribute('aria-label')).toMatch(/\S+ \(\S+\)/);

    await visit(`/w/${ws}/analytics/standards`, page.getByTestId('standards-table'));
    expect(await page.getByTestId('standard-row').first().getAttribute('aria-label')).toMatch(/\S+ \(.+\)/);
    const standards = await focusableNames();
    expect(standards.count).toBeGreaterThan(20);
    expect(standards.unnamed).toEqual([]);
  });

  it('in Russian: registry headers whole, cut cells with their whole text, translated landmark, steppers and password toggle', async () => {
    // The language this browser last chose (the picker stores it).
    const choose = (language: string) =>
      page.evaluate((l) => localStorage.setItem('touchpoints.language', l), language);
    await choose('ru');
    try {
      await visit(`/w/${ws}/touchpoints`, page.getByTestId('touchpoint-table'));
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
      const table = page.getByTestId('touchpoint-table');
      const headers = await table.locator('thead th').evaluateAll((cells) =>
        cells.map((th) => {
          const text = th.querySelector('p') as HTMLElement;
          return {
            title: th.getAttribute('title'),
            text: text.textContent,
            cut: text.scrollWidth > text.clientWidth + 1,
          };
        }),
      );
      expect(headers.map((h) => h.title)).toContain('Приоритет');
      expect(headers.map((h) => h.title)).toContain('Ответственный');
      for (const h of headers) expect(h).toEqual({ title: h.text, text: h.title, cut: false });
      // Every cell text that may be cut short carries its whole text as a title.
      const clamped = await table
        .locator('tbody [data-line-clamp]')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('title'), el.textContent]));
      expect(clamped.length).toBeGreaterThan(10);
      for (const [title, text] of clamped) expect(title).toBe(text);

      expect(await page.getByRole('navigation', { name: 'Основная навигация' }).count()).toBe(1);

      await visit(`/w/${ws}/settings`);
      const up = page.locator('.mantine-NumberInput-control[data-direction="up"]').first();
      const down = page.locator('.mantine-NumberInput-control[data-direction="down"]').first();
      await up.waitFor({ state: 'attached' });
      expect([await up.getAttribute('aria-label'), await up.getAttribute('title')]).toEqual([
        'Увеличить',
        'Увеличить',
      ]);
      expect(await down.getAttribute('aria-label')).toBe('Уменьшить');

      await visit('/profile');
      const toggle = page.locator('.mantine-PasswordInput-visibilityToggle').first();
      expect(await toggle.getAttribute('aria-label')).toBe('Показать или скрыть пароль');
    } finally {
      await choose('en');
    }
    // Back in English, the steppers follow.
    await visit(`/w/${ws}/settings`);
    await expect
      .poll(() =>
        page.locator('.mantine-NumberInput-control[data-direction="up"]').first().getAttribute('aria-label'),
      )
      .toBe('Increase');
  });

  it('shows the whole of a long touchpoint name on the funnel chart’s axis', async () => {
    const chains = await apiCall<Listed>(page, 'GET', `/workspaces/${ws}/chains`);
    const chainId = chains.items[0]?.id;
    const chain = await apiCall<ChainDetail>(page, 'GET', `/workspaces/${ws}/chains/${chainId}`);
    const tpPath = `/workspaces/${ws}/touchpoints/${chain.links[0]?.touchpointId}`;
    const touchpoint = await apiCall<{ version: number }>(page, 'GET', tpPath);
    const name = 'Online question form on the clinic website with a call-back request';
    await apiCall(page, 'PATCH', tpPath, { name, version: touchpoint.version });
    await visit(`/w/${ws}/chains/${chainId}`);
    const chart = page.getByTestId('funnel-chart');
    await chart.locator('svg text').first().waitFor();
    const drawn = await chart.locator('svg text').allTextContents();
    // Wrapped over lines, nothing left out and no ellipsis.
    expect(drawn.join(' ').replace(/\s+/g, ' ')).toContain(`1. ${name}`);
    expect(drawn.some((t) => t.includes('…'))).toBe(false);
  });
});
