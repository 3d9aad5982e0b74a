/**
 * Personas and map templates in Chromium against the real server: a persona with goals, needs,
 * pains and a photo; a new map drawn for it that shows the persona in its header; a copy of the
 * map; a map from a template in German with the stage names and starter notes in German; two maps
 * compared side by side.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_4X4 } from '../fixtures/audit-fixture.js';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface JourneyMap {
  id: string;
  name: string;
  personaId: string | null;
  stages: { id: string; key: string; customName: string | null }[];
  items: { id: string; text: string | null }[];
}
interface Persona {
  id: string;
  name: string;
  goals: string[];
  photoUrl: string | null;
  journeyCount: number;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown }[];
}

/** axe-core's serious and critical findings on the page as it is. */
async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(document, {
          resultTypes: ['violations'],
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        })
      ).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function poll<T>(read: () => Promise<T>, want: T, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(want) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(want);
}

describe('personas and map templates', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let personaId: string;
  let mapId: string;
  let copyId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a persona with goals, needs, pains and a photo', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys/personas`);
    await page.getByText('No personas yet').waitFor();
    await page.getByTestId('persona-create').first().click();
    // The API's validation message appears at the field.
    await page.getByTestId('persona-submit').click();
    await page.getByText('must not be empty').waitFor();
    await page.getByTestId('persona-name').fill('Anna Nováková');
    await page.getByTestId('persona-role').fill('Working parent');
    await page.getByTestId('persona-quote').fill('I can only call after seven.');
    await page.getByTestId('persona-goals-0').fill('Book a check-up in the evening');
    await page.getByTestId('persona-goals-add').click();
    await page.getByTestId('persona-goals-1').fill('Pay by card');
    await page.getByTestId('persona-needs-0').fill('Online booking');
    await page.getByTestId('persona-pains-0').fill('Busy phone line');
    await page.getByRole('radio', { name: 'Colour grape' }).click();
    await page.getByTestId('persona-submit').click();

    // Saved, the editor stays open for a photo.
    await page.getByRole('dialog', { name: 'Edit persona' }).waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'anna.png', mimeType: 'image/png', buffer: PNG_4X4 });
    await page.getByText('Photo saved').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const { items } = await apiCall<{ items: Persona[] }>(page, 'GET', `/workspaces/${workspaceId}/personas`);
    expect(items).toHaveLength(1);
    const anna = items[0] as Persona;
    expect(anna.goals).toEqual(['Book a check-up in the evening', 'Pay by card']);
    expect(anna.photoUrl).not.toBeNull();
    personaId = anna.id;

    const card = page.getByTestId('persona-card');
    await card.getByText('Book a check-up in the evening').waitFor();
    await card.getByText('“I can only call after seven.”').waitFor();
    await poll(() => card.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth), 4);
  });

  it('makes a map for the persona and shows the persona on the map', async () => {
    await page.getByTestId('persona-actions').click();
    await page.getByTestId('persona-new-map').click();
    // The new-map dialog opens with the persona chosen.
    await page.getByTestId('journey-name').fill('Evening booking');
    expect(await page.getByTestId('journey-persona').inputValue()).toBe('Anna Nováková');
    await page.getByTestId('journey-submit').click();
    await page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
    mapId = /journeys\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

    const card = page.getByTestId('jm-persona');
    await card.waitFor();
    expect(await page.getByTestId('jm-persona-name').textContent()).toBe('Anna Nováková');
    expect(await page.getByTestId('jm-persona-goals').textContent()).toContain(
      'Book a check-up in the evening',
    );
    await page.getByTestId('jm-persona-details').click();
    await page.getByText('Busy phone line').waitFor();
    await page.keyboard.press('Escape');
    const map = await apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${mapId}`);
    expect(map.personaId).toBe(personaId);

    // The list filters by the persona.
    await page.goto(`${app.url}/w/${workspaceId}/journeys?persona=${personaId}`);
    await page.getByTestId(`journey-link-${mapId}`).waitFor();
    expect(await page.getByTestId('journey-persona-filter').inputValue()).toBe('Anna Nováková');
  });

  it('duplicates the map with its cards', async () => {
    const stage = (await apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${mapId}`))
      .stages[0];
    await apiCall(page, 'POST', `/workspaces/${workspaceId}/journeys/${mapId}/items`, {
      stageId: stage?.id,
      lane: 'thoughts',
      text: 'Is there an evening slot?',
    });
    await page.getByTestId('journey-actions').first().click();
    await page.getByTestId('journey-duplicate').click();
    await page.waitForURL(
      (url) => /\/journeys\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(mapId),
    );
    copyId = /journeys\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    await poll(() => page.getByTestId('journey-title').textContent(), 'Evening booking (copy)');
    await page.getByText('Is there an evening slot?').waitFor();
    expect(await page.getByTestId('jm-persona-name').textContent()).toBe('Anna Nováková');
    const copy = await apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${copyId}`);
    expect(copy.items.map((i) => i.text)).toEqual(['Is there an evening slot?']);
  });

  it('compares the map and its copy side by side, stage by stage', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys/compare?ids=${mapId},${copyId}`);
    await page.getByTestId('compare-table').waitFor();
    expect(await page.getByTestId('compare-row').count()).toBe(5);
    expect(await page.getByTestId('compare-table').locator('thead th').count()).toBe(3);
    expect(await page.getByTestId('compare-row').first().locator('th').textContent()).toBe(
      'Need recognition',
    );
  });

  it('makes a map from a template in German, with German stage names and starter notes', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys`);
    await page.getByTestId('language-picker').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await poll(() => page.locator('html').getAttribute('lang'), 'de');
    await page.getByTestId('journey-create').first().click();
    await page.getByTestId('journey-template').click();
    await page.getByRole('option', { name: 'Praxisbesuch' }).click();
    await poll(() => page.getByTestId('journey-name').inputValue(), 'Praxisbesuch');
    expect(await page.getByTestId('journey-template-stages').textContent()).toContain(
      'Terminvereinbarung → Ankunft und Anmeldung',
    );
    await page.getByTestId('journey-submit').click();
    await page.waitForURL((url) => /\/journeys\/[0-9a-f-]{36}$/.test(url.pathname));
    await poll(() => page.getByTestId('journey-title').textContent(), 'Praxisbesuch');
    await page.getByText('Terminvereinbarung', { exact: true }).first().waitFor();
    await page.getByText('Ankunft und Anmeldung', { exact: true }).first().waitFor();
    await page.getByText('Muss ich lange warten?').waitFor();
    const id = /journeys\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const map = await apiCall<JourneyMap>(page, 'GET', `/workspaces/${workspaceId}/journeys/${id}`);
    expect(map.stages.map((s) => s.customName)).toEqual([
      'Terminvereinbarung',
      'Ankunft und Anmeldung',
      'Untersuchung',
      'Bezahlung',
      'Nachsorge',
    ]);
    expect(map.items.length).toBeGreaterThanOrEqual(8);
  });

  it('fits a phone and passes the accessibility check: personas, a map with its persona, the comparison', async () => {
    const { context, page: phone } = await newPage(browser);
    await phone.setViewportSize({ width: 390, height: 844 });
    await signIn(phone, app.url);
    const pages = [
      [`/w/${workspaceId}/journeys/personas`, 'persona-card'],
      [`/w/${workspaceId}/journeys/${mapId}`, 'jm-persona'],
      [`/w/${workspaceId}/journeys/compare?ids=${mapId},${copyId}`, 'compare-table'],
    ] as const;
    for (const [path, testId] of pages) {
      await phone.goto(`${app.url}${path}`);
      await phone.getByTestId(testId).first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      expect(await axeFindings(phone), path).toEqual([]);
    }
    await context.close();
  });
});
