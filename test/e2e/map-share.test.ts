/**
 * A journey map outside the editor, in Chromium against the real server: the owner makes a
 * read-only link in the Share dialog; a fresh signed-out context (German browser) opens /m/<token>
 * and sees the map read-only in its language, with no edit controls; the presentation steps
 * through the stages with the keys and the buttons and ends with Esc; the CSV comes from the
 * Export menu; the print view of a 12-stage map prints to a 2-page A3 landscape PDF whose stage,
 * lane and touchpoint names are text (pdftotext, pdfinfo, pdftoppm); a revoked link shows the
 * "does not work" page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is (WCAG 2.1 A/AA and best practice). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Text with every run of white space as one space (pdftotext breaks lines where the layout does). */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const STAGES = Array.from({ length: 12 }, (_, i) => ({
  key: i === 3 ? 'purchase' : `step_${i + 1}`,
  // A default stage keeps no name: it is shown in the reader's language.
  name: i === 3 ? null : `Etappe ${String(i + 1).padStart(2, '0')}`,
  designedEmotion: (i % 5) - 2,
}));

describe('sharing, presenting and exporting a journey map', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let journeyId: string;
  let shareUrl: string;
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-map-pdf-'));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    const base = `/workspaces/${workspaceId}`;
    const tp: Record<string, string> = {};
    for (const [key, name] of [
      ['website', 'Company website'],
      ['parcel', 'Parcel delivery'],
    ] as const)
      tp[key] = (await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, { key, name })).id;
    const map = await apiCall<{ id: string; stages: { id: string }[] }>(page, 'POST', `${base}/journeys`, {
      name: 'Online order, long',
      persona: 'Busy parent',
      stages: STAGES,
    });
    journeyId = map.id;
    const item = (stage: number, body: Record<string, unknown>) =>
      apiCall(page, 'POST', `${base}/journeys/${journeyId}/items`, {
        stageId: map.stages[stage]?.id,
        ...body,
      });
    await item(0, { lane: 'touchpoints', touchpointId: tp.website });
    await item(11, { lane: 'touchpoints', touchpointId: tp.parcel });
    await item(0, { lane: 'thoughts', text: 'Where do I start?' });
    await item(1, { lane: 'pain_points', text: 'Shipping costs hidden' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a read-only link in the Share dialog', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys/${journeyId}`);
    await page.getByTestId('jm-share').click();
    await page.getByTestId('share-none').waitFor();
    await page.getByTestId('share-create').click();
    shareUrl = await page.getByTestId('share-url').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${app.url}/m/tpm_[\\w-]{20,}$`));
    await page.locator('[data-testid=share-row][data-state=active]').waitFor();
    await page.keyboard.press('Escape');
  });

  it('shows the map signed out, read-only, in the reader’s language, and presents it stage by stage', async () => {
    const { context, page: reader } = await newPage(browser, { locale: 'de-DE' });
    const response = await reader.goto(shareUrl);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    expect(response?.headers()['x-robots-tag']).toBe('noindex');
    await reader.getByTestId('shared-title').waitFor();
    expect(await reader.getByTestId('shared-title').textContent()).toBe('Online order, long');
    await reader.getByText('Schreibgeschützte Ansicht').waitFor();
    const stages = await reader.getByTestId('ro-stage').allTextContents();
    expect(stages).toHaveLength(12);
    expect(stages[0]).toContain('Etappe 01');
    expect(stages[3]).toContain('Kauf');
    expect(await reader.getByTestId('ro-touchpoint').allTextContents()).toEqual([
      'Company websitewebsite',
      'Parcel deliveryparcel',
    ]);
    await reader.getByText('Shipping costs hidden').waitFor();
    // Read-only: no editing controls, no inputs but the language picker, no app navigation.
    for (const id of ['jm-add-stage', 'jm-add-lane', 'jm-share', 'jm-cell', 'jm-grid'])
      expect(await reader.getByTestId(id).count()).toBe(0);
    expect(await reader.locator('[contenteditable=true], textarea').count()).toBe(0);
    expect(await reader.locator('input:not([type=hidden]):not([data-testid=shared-language])').count()).toBe(
      0,
    );
    expect(await reader.locator('nav, .mantine-AppShell-navbar').count()).toBe(0);

    expect(await seriousViolations(reader)).toEqual([]);

    await reader.getByTestId('jm-present').click();
    const position = reader.getByTestId('present-position');
    expect(await position.textContent()).toBe('Phase 1 von 12');
    expect(await reader.getByTestId('present-stage').textContent()).toBe('Etappe 01');
    expect(await reader.getByTestId('jm-presentation').getByText('Company website').count()).toBe(1);
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.keyboard.press('ArrowRight');
    await expect.poll(() => position.textContent()).toBe('Phase 2 von 12');
    await reader.getByText('Shipping costs hidden').last().waitFor();
    await reader.getByTestId('present-next').click();
    await reader.getByTestId('present-next').click();
    await expect.poll(() => reader.getByTestId('present-stage').textContent()).toBe('Kauf');
    await reader.keyboard.press('End');
    await expect.poll(() => position.textContent()).toBe('Phase 12 von 12');
    expect(await reader.getByTestId('present-next').isDisabled()).toBe(true);
    await reader.getByTestId('present-previous').click();
    await expect.poll(() => position.textContent()).toBe('Phase 11 von 12');
    await reader.keyboard.press('Escape');
    await reader.getByTestId('jm-presentation').waitFor({ state: 'detached' });
    await context.close();
  });

  it('exports the cells as CSV from the Export menu', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys/${journeyId}`);
    await page.getByTestId('jm-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('jm-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('online-order-long.csv');
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(
      '1,step_1,Etappe 01,touchpoints,Touchpoints,touchpoints,1,touchpoint,,website,Company website',
    );
    expect(text).toContain(
      '12,step_12,Etappe 12,touchpoints,Touchpoints,touchpoints,1,touchpoint,,parcel,Parcel delivery',
    );
  });

  it('prints a wide map to an A3 landscape PDF over two pages, its names as text', async () => {
    const printPage = await page.context().newPage();
    await printPage.goto(`${app.url}/w/${workspaceId}/journeys/${journeyId}/print/a3`);
    await printPage.getByTestId('print-sheet').first().waitFor();
    await printPage.waitForFunction(() =>
      Array.from(document.querySelectorAll('style')).some((e) => e.textContent?.includes('A3 landscape')),
    );
    expect(await printPage.getByTestId('print-sheet').count()).toBe(2);
    const file = join(dir, 'map.pdf');
    writeFileSync(file, await printPage.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2\n/);
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt (Chromium rounds to whole pixels).
    expect(info).toMatch(/Page size:\s+119[01]\.\d+ x 841\.\d+ pts \(A3\)/);
    const page1 = flat(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }));
    const page2 = flat(execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }));
    expect(page1).toContain('Online order, long');
    for (const name of ['Etappe 01', 'Purchase', 'Etappe 06', 'Company website', 'Shipping costs hidden'])
      expect(page1).toContain(name);
    expect(page1).not.toContain('Etappe 07');
    for (const name of ['Etappe 07', 'Etappe 12', 'Parcel delivery']) expect(page2).toContain(name);
    // Each page repeats the lane names.
    for (const text of [page1, page2])
      for (const lane of ['Touchpoints', 'Thoughts']) expect(text).toContain(lane);
    // The pages are drawn, not blank: pdftoppm renders the second with dark pixels (its text and lines).
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '20', '-gray', file, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-2.pgm'));
    const [, width, height] =
      /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1')) ?? [];
    expect(Number(width)).toBeGreaterThan(Number(height));
    const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
    expect(pixels.filter((v) => v < 128).length).toBeGreaterThan(50);

    // A4: the same stages, on A4 landscape sheets.
    await printPage.getByTestId('print-size').getByText('A4').click();
    await printPage.waitForURL(/\/print\/a4$/);
    // The paper is set by a style element once the view is drawn for A4.
    await printPage.waitForFunction(() =>
      Array.from(document.querySelectorAll('style')).some((e) => e.textContent?.includes('A4 landscape')),
    );
    const a4 = join(dir, 'map-a4.pdf');
    writeFileSync(a4, await printPage.pdf({ preferCSSPageSize: true }));
    expect(execFileSync('pdfinfo', [a4], { encoding: 'utf8' })).toMatch(
      /Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/,
    );
    await printPage.close();
  });

  it('shows a revoked link as not working', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/journeys/${journeyId}`);
    await page.getByTestId('jm-share').click();
    await page.getByTestId('share-revoke').click();
    await page.getByTestId('share-revoke-confirm').click();
    await page.locator('[data-testid=share-row][data-state=revoked]').waitFor();
    const { context, page: reader } = await newPage(browser);
    await reader.goto(shareUrl);
    await reader.getByTestId('shared-gone').waitFor();
    expect(await reader.getByText('This link does not work').count()).toBe(1);
    expect(await reader.getByText('Online order, long').count()).toBe(0);
    await context.close();
  });
});
