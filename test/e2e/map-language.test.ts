/**
 * Names in the reader's language, in Chromium against the real server: a new journey map keeps its
 * default stages and lanes nameless, so its headers and its emotion-curve axis follow the UI
 * language while a renamed stage keeps its name in every language (and goes back to the default
 * when emptied); built-in channels show translated in the settings and the analytics filter.
 * Also the small defects beside them: the key of a new touchpoint from a Cyrillic name and the
 * field errors of an empty one; the analytics hint under a stage filter; an unknown analysis.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface JourneyMap {
  id: string;
  stages: { key: string; name: string; customName: string | null }[];
  lanes: { key: string; customName: string | null }[];
}

const poll = expect.poll;

describe('names in the reader’s language', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let journeyId: string;

  const readMap = () => apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${journeyId}`);
  const heads = () => page.getByTestId('jm-stage-name').allTextContents();
  const axis = () => page.getByTestId('jm-emotion-chart').locator('svg text').allTextContents();
  const pickLanguage = async (name: string) => {
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name }).click();
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a new map’s default stages in each language and a renamed stage as written', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys`);
    await page.getByTestId('journey-create').first().click();
    await page.getByTestId('journey-name').fill('Clinic visit');
    await page.getByTestId('journey-submit').click();
    await page.waitForURL(/\/journeys\/[^/]+$/);
    journeyId = page.url().split('/').at(-1) ?? '';
    await page.locator('[data-rendered]').waitFor();
    // Created without names: the defaults stay defaults.
    const created = await readMap();
    expect(created.stages.map((s) => s.customName)).toEqual([null, null, null, null, null]);
    expect(created.lanes.every((l) => l.customName === null)).toBe(true);

    // Rename the purchase stage in place.
    await page.getByTestId('jm-stage-name').nth(3).click();
    await page.getByTestId('jm-stage-name-input').fill('Paying at the desk');
    await page.getByTestId('jm-stage-name-input').press('Enter');
    await poll(async () => (await readMap()).stages[3]?.customName).toBe('Paying at the desk');

    await pickLanguage('Deutsch');
    const german = [
      'Bedarfserkennung',
      'Informationssuche',
      'Vergleich der Angebote',
      'Paying at the desk',
      'Reaktion nach dem Kauf',
    ];
    await poll(heads).toEqual(german);
    await poll(() => page.getByTestId('jm-lane-name').first().textContent()).toBe('Touchpoints');
    await poll(() => page.getByTestId('jm-lane-name').nth(1).textContent()).not.toBe('Customer actions');
    await poll(axis).toEqual(expect.arrayContaining(german));

    await pickLanguage('Русский');
    const russian = [
      'Осознание потребности',
      'Поиск информации',
      'Сравнение вариантов',
      'Paying at the desk',
      'Реакция после покупки',
    ];
    await poll(heads).toEqual(russian);
    await poll(() => page.getByTestId('jm-lane-name').first().textContent()).toBe('Точки контакта');
    await poll(axis).toEqual(expect.arrayContaining(russian));
    expect(await axis()).not.toContain('Need recognition');

    // Emptied, the renamed stage goes back to its default name, in the reader's language.
    await page.getByTestId('jm-stage-name').nth(3).click();
    await page.getByTestId('jm-stage-name-input').fill('');
    await page.getByTestId('jm-stage-name-input').press('Enter');
    await poll(async () => (await readMap()).stages[3]?.customName).toBeNull();
    await poll(heads).toEqual([...russian.slice(0, 3), 'Покупка', russian[4]]);
    // Each stage edit sends the default stages back without names.
    expect((await readMap()).stages.map((s) => s.customName)).toEqual([null, null, null, null, null]);
  });

  it('shows built-in channels translated in the settings and the analytics filter', async () => {
    // Still in Russian from the test before.
    await page.goto(`${app.url}/w/${workspaceId}/settings?tab=channels`);
    const phone = page.getByTestId('channel-phone');
    await poll(() => phone.locator('td').first().textContent()).toBe('Телефон / колл-центр');
    // Editing shows the name as read; left as it is, the channel stays a default.
    await phone.getByRole('button').first().click();
    await poll(() => page.getByTestId('channel-name').inputValue()).toBe('Телефон / колл-центр');
    await page.getByTestId('channel-save').click();
    const channels = await apiCall<{ items: { key: string; customName: string | null; version: number }[] }>(
      page,
      'GET',
      `/workspaces/${workspaceId}/channels?q=phone`,
    );
    expect(channels.items[0]).toMatchObject({ key: 'phone', customName: null, version: 2 });

    await page.goto(`${app.url}/w/${workspaceId}/analytics/paths`);
    await page.getByTestId('channel-filter').click();
    await page.getByRole('option', { name: 'Телефон / колл-центр' }).waitFor();
    await page.getByRole('option', { name: 'Помещение / ресепшен' }).waitFor();
    expect(await page.getByRole('option', { name: 'Phone / call centre' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await pickLanguage('English');
  });

  it('says the stage filter is why an analysis is empty, and clears it', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/analytics/attribution?stage=purchase`);
    const empty = page.getByTestId('empty-state');
    await empty.getByText('No interactions at the touchpoints of stage Purchase in this period').waitFor();
    await empty.getByTestId('clear-stage-filter').click();
    await page.waitForURL((url) => !url.searchParams.has('stage'));
    await empty.getByText('No interactions in this period').waitFor();
  });

  it('shows “not found” for an analysis that does not exist', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/analytics/nonsense`);
    await page.getByText('Page not found').waitFor();
    expect(page.url()).toContain('/analytics/nonsense');
    expect(await page.getByRole('tab').count()).toBe(0);
    await page.goto(`${app.url}/w/${workspaceId}/analytics`);
    await page.waitForURL(/\/analytics\/paths/);
  });

  it('derives a new touchpoint’s key from a Cyrillic name and shows what Create misses at the fields', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/touchpoints`);
    await page.getByTestId('create-touchpoint').click();
    const drawer = page.getByTestId('touchpoint-drawer');
    await drawer.getByTestId('touchpoint-save').click();
    await poll(() => drawer.getByText('Required', { exact: true }).count()).toBe(2);
    await drawer.getByLabel('Name').fill('Стойка регистрации');
    expect(await drawer.getByLabel('Key').inputValue()).toBe('stoyka-registratsii');
    await poll(() => drawer.getByText('Required', { exact: true }).count()).toBe(0);
    await drawer.getByLabel('Name').fill('Recepție');
    expect(await drawer.getByLabel('Key').inputValue()).toBe('receptie');
    await drawer.getByTestId('touchpoint-save').click();
    await poll(async () => {
      const list = await apiCall<{ items: { key: string }[] }>(
        page,
        'GET',
        `/workspaces/${workspaceId}/touchpoints`,
      );
      return list.items.map((t) => t.key);
    }).toEqual(['receptie']);
  });
});
