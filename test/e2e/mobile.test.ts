/**
 * The web app on a phone (390×844, touch) in Chromium against the real server, with the demo
 * workspace: the navigation hides behind a burger that opens it and closes when a page is chosen;
 * every main page fits the screen (the document is no wider than the viewport) and its main action
 * is on screen and not covered; dialogs are full-screen, drawers full width, and the language is
 * offered in the user menu. At 1280×800 the navigation stays open without a burger.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, type RunningApp, signIn, startApp } from './app-fixture.js';

const PHONE = { width: 390, height: 844 };

interface Listed {
  items: { id: string; name: string }[];
}

/**
 * The document's width beyond the viewport, and (when there is any) the elements that stick out
 * furthest on the right: the ones whose children all fit, so that the culprit is named.
 */
async function overflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  // A phone browser zooms out to a page wider than the screen, and then reports the wider width as
  // `innerWidth`: the screen's width is the measure.
  return page.evaluate((width) => {
    const culprits: string[] = [];
    if (document.documentElement.scrollWidth <= width && window.innerWidth <= width) {
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const right = element.getBoundingClientRect().right;
      if (right <= width + 1) continue;
      // Inside a box that scrolls on its own (or clips), the page does not grow; unless the element
      // is positioned against an ancestor outside that box (a visually hidden label in a table
      // whose scroll box is not positioned). Fixed layers (header, notifications) follow the
      // zoomed-out width: consequences, not causes.
      const position = getComputedStyle(element).position;
      let escapes = position === 'absolute';
      let clipped = false;
      let fixed = position === 'fixed';
      for (
        let parent = element.parentElement;
        parent && parent !== document.body;
        parent = parent.parentElement
      ) {
        const style = getComputedStyle(parent);
        if (style.position === 'fixed') fixed = true;
        if (!escapes && style.overflowX !== 'visible' && parent.getBoundingClientRect().right <= width + 1) {
          clipped = true;
        }
        if (escapes && style.position !== 'static') escapes = style.position === 'absolute';
      }
      if (clipped || fixed) continue;
      const childOut = Array.from(element.children).some((c) => c.getBoundingClientRect().right > width + 1);
      if (childOut) continue;
      const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
      const name = `${element.tagName.toLowerCase()}.${(element.getAttribute('class') ?? '').slice(0, 60)}`;
      culprits.push(`${name} right=${Math.round(right)}${testId ? ` in [data-testid=${testId}]` : ''}`);
      if (culprits.length >= 6) break;
    }
    // Text that cannot wrap (a long word) runs out of its element's box without widening it.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && culprits.length < 6; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('header, script, style')) continue;
      range.selectNodeContents(node);
      const right = range.getBoundingClientRect().right;
      if (right <= width + 1) continue;
      let clipped = false;
      for (let box: HTMLElement | null = parent; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.position === 'fixed') clipped = true;
        if (style.overflowX !== 'visible' && box.getBoundingClientRect().right <= width + 1) clipped = true;
      }
      if (!clipped) culprits.push(`text “${node.textContent?.slice(0, 40)}” right=${Math.round(right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
  }, PHONE.width);
}

/** Why the element is not on screen after scrolling to it (left, right, covered…), or null when it is. */
async function offScreen(target: Locator): Promise<string | null> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) return 'has no box';
  const right = box.x + box.width;
  const bottom = box.y + box.height;
  if (box.x < 0 || right > PHONE.width + 0.5) return `spans x ${Math.round(box.x)}…${Math.round(right)}`;
  if (box.y < 0 || bottom > PHONE.height + 0.5) return `spans y ${Math.round(box.y)}…${Math.round(bottom)}`;
  // What a tap at its centre reaches: the action itself, not a header or navigation over it.
  const hit = await target.evaluate(
    (element, point) => {
      const top = document.elementFromPoint(point.x, point.y);
      return top !== null && (element === top || element.contains(top));
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  return hit ? null : 'is covered';
}

/** The element is on screen after scrolling to it, inside the viewport's width, and not covered. */
async function expectOnScreen(target: Locator, where: string): Promise<void> {
  expect(await offScreen(target), `${where}: main action`).toBeNull();
}

describe('the web app on a phone', { timeout: 240_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let context: BrowserContext;
  let page: Page;
  let ws = '';
  let firstWorkspace = '';
  let journeyId = '';
  let chainId = '';
  let surveyId = '';

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    firstWorkspace = await signIn(page, app.url);
    const demo = await apiCall<{ workspace: { id: string } }>(page, 'POST', '/workspaces/demo', {
      interactions: 3_000,
      seed: 11,
    });
    ws = demo.workspace.id;
    const [journeys, chains, surveys] = await Promise.all([
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/journeys`),
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/chains`),
      apiCall<Listed>(page, 'GET', `/workspaces/${ws}/surveys`),
    ]);
    journeyId = journeys.items[0]?.id ?? '';
    chainId = chains.items[0]?.id ?? '';
    surveyId = surveys.items[0]?.id ?? '';
    expect([journeyId, chainId, surveyId].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('hides the navigation behind a burger that opens it and closes when a page is chosen', async () => {
    await page.goto(`${app.url}/w/${ws}/touchpoints`);
    await page.getByTestId('create-touchpoint').waitFor();
    const burger = page.getByRole('button', { name: 'Open navigation' });
    await burger.waitFor();
    const navbar = page.locator('#app-navigation');
    // Collapsed: off the screen and out of the tab order.
    expect((await navbar.boundingBox())?.x ?? 0).toBeLessThan(0);
    expect(await navbar.getAttribute('inert')).not.toBeNull();

    await burger.click();
    const close = page.getByRole('button', { name: 'Close navigation' });
    await close.waitFor();
    expect(await close.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await navbar.boundingBox())?.x).toBe(0);
    expect(await navbar.getAttribute('inert')).toBeNull();
    await expectOnScreen(page.getByTestId('nav-settings'), 'navigation');

    // Escape closes it too.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await burger.click();
    await close.waitFor();

    await page.getByTestId('nav-tasks').click();
    await page.waitForURL(new RegExp(`/w/${ws}/tasks$`));
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await expect.poll(async () => (await navbar.boundingBox())?.x ?? 0).toBeLessThan(0);
    expect(await navbar.getAttribute('inert')).not.toBeNull();
    await expectOnScreen(page.getByTestId('task-create'), 'tasks after navigating');
  });

  it('fits every main page (in Russian) to the screen with its main action on screen', async () => {
    const base = `/w/${ws}`;
    const firstButton = (testId: string) => page.getByTestId(testId).locator('button, a').first();
    const submit = page.locator('main form button[type="submit"]').first();
    const pages: [path: string, action: () => Locator][] = [
      [`${base}/touchpoints`, () => page.getByTestId('create-touchpoint')],
      [`/w/${firstWorkspace}/touchpoints`, () => page.getByTestId('create-touchpoint')],
      [`${base}/journeys`, () => page.getByTestId('journey-create')],
      [`${base}/journeys/${journeyId}`, () => page.getByTestId('jm-add-stage')],
      [`${base}/chains`, () => firstButton('page-actions')],
      [`${base}/chains/${chainId}`, () => page.getByTestId('save-chain')],
      [`${base}/analytics`, () => page.getByTestId('analytics-filters').locator('label').last()],
      ...['paths', 'attribution', 'touches', 'sentiment', 'standards', 'contact'].map(
        (tab): [string, () => Locator] => [`${base}/analytics/${tab}`, () => page.getByTestId(`tab-${tab}`)],
      ),
      [`${base}/tasks`, () => page.getByTestId('task-create')],
      [`${base}/complaints`, () => page.getByTestId('complaint-create')],
      [`${base}/surveys`, () => page.getByTestId('survey-create')],
      [`${base}/surveys/${surveyId}`, () => page.getByTestId('survey-delete')],
      [`${base}/reviews`, () => page.getByTestId('review-import-open')],
      [`${base}/benchmark`, () => firstButton('page-actions')],
      [`${base}/brands`, () => firstButton('page-actions')],
      [`${base}/audits`, () => page.getByTestId('audits-tab-results')],
      [`${base}/audits?tab=checklists`, () => page.getByTestId('audits-tab-results')],
      [`${base}/alerts`, () => page.getByTestId('rule-create')],
      [`${base}/health`, () => firstButton('page-actions')],
      [`${base}/report`, () => page.getByTestId('report-download')],
      [`${base}/data`, () => page.getByRole('tab').last()],
      [`${base}/settings`, () => submit],
      [`${base}/settings?tab=members`, () => page.getByRole('tab').last()],
      [`${base}/settings?tab=channels`, () => page.getByRole('tab').last()],
      ['/profile', () => submit],
    ];
    // In Russian, whose labels run longest of the six languages.
    await page.goto(`${app.url}${base}/touchpoints`);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitemradio', { name: 'Русский' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    const failures: string[] = [];
    try {
      for (const [path, action] of pages) {
        await page.goto(`${app.url}${path}`);
        await page.getByRole('heading').first().waitFor();
        await page.waitForLoadState('networkidle');
        // Drawn in full: no loader left (some figures come after the first answer).
        await expect
          .poll(() => page.locator('main .mantine-Loader-root:visible').count(), {
            message: path,
            timeout: 30_000,
          })
          .toBe(0);
        const target = action();
        await target.waitFor();
        const measured = await overflow(page);
        if (measured.scrollWidth > PHONE.width || measured.innerWidth > PHONE.width) {
          failures.push(
            `${path}: ${Math.max(measured.scrollWidth, measured.innerWidth)}px wide\n    ${measured.culprits.join('\n    ')}`,
          );
        }
        const problem = await offScreen(target);
        if (problem) failures.push(`${path}: the main action ${problem}`);
      }
    } finally {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitemradio', { name: 'English' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    }
    expect(failures).toEqual([]);
  });

  it('shows dialogs full-screen and drawers full width, and offers the language in the user menu', async () => {
    const fullScreen = { x: 0, y: 0, width: PHONE.width, height: PHONE.height };
    // A dialog (a modal of size md on a wide screen)…
    await page.goto(`${app.url}/w/${ws}/journeys`);
    await page.getByTestId('journey-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.boundingBox()).toEqual(fullScreen);
    // Its content fits: nothing scrolls sideways inside it.
    expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // …and drawers (sizes lg and xl on a wide screen).
    for (const [path, opener] of [
      ['touchpoints', 'create-touchpoint'],
      ['tasks', 'task-create'],
      ['complaints', 'complaint-create'],
    ] as const) {
      await page.goto(`${app.url}/w/${ws}/${path}`);
      await page.getByTestId(opener).click();
      const drawer = page.getByRole('dialog');
      await drawer.waitFor();
      await expect.poll(() => drawer.boundingBox(), { message: path }).toEqual(fullScreen);
      expect(await drawer.evaluate((d) => d.scrollWidth - d.clientWidth), path).toBe(0);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
    }

    // The header keeps no language select on a phone; the user menu offers the languages.
    expect(await page.getByTestId('language-picker').isVisible()).toBe(false);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitemradio', { name: 'Deutsch' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
    await expect.poll(() => page.getByRole('button', { name: 'Navigation öffnen' }).count()).toBe(1);
    const me = await apiCall<{ user: { locale: string } }>(page, 'GET', '/me');
    expect(me.user.locale).toBe('de');
    await page.getByTestId('user-menu').click();
    expect(await page.getByRole('menuitemradio', { name: 'Deutsch' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('fits the sign-in page, and keeps the navigation open without a burger at 1280×800', async () => {
    const signedOut = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const phone = await signedOut.newPage();
      await phone.goto(`${app.url}/login`);
      const submit = phone.getByRole('button', { name: 'Sign in' });
      await submit.waitFor();
      expect((await overflow(phone)).culprits).toEqual([]);
      await expectOnScreen(submit, '/login');
    } finally {
      await signedOut.close();
    }

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/w/${ws}/touchpoints`);
    await page.getByTestId('create-touchpoint').waitFor();
    expect(await page.getByTestId('nav-burger').isVisible()).toBe(false);
    const navbar = page.locator('#app-navigation');
    expect((await navbar.boundingBox())?.x).toBe(0);
    expect(await navbar.getAttribute('inert')).toBeNull();
    expect(await page.getByTestId('nav-settings').isVisible()).toBe(true);
    expect(await page.getByTestId('language-picker').isVisible()).toBe(true);
  });
});
