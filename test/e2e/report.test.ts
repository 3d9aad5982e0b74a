/**
 * The touchpoint audit report in Chromium against the real server: a workspace with touchpoints,
 * a chain, a standard, a task and recorded interactions, made German in Settings. The Report page shows the
 * report in a same-origin frame (the frame's window is reachable for Print) and downloads it as a
 * file; Chromium prints the report to PDF (A4), and poppler's pdfinfo and pdftotext check that it
 * has several pages, each chapter on its own page in order, the German chapter titles, the running
 * header and page numbers, and figures of the workspace.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CHAPTERS, REPORT_TEXTS } from '../../src/report/report-i18n.js';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

const NAME = 'Zahnarztpraxis Müller & Söhne';
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
/** Text with every run of white space as one space (pdftotext breaks lines where the layout does). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('touchpoint audit report', { timeout: 240_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-report-pdf-'));

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
    const ws = await apiCall<{ version: number }>(page, 'GET', base);
    await apiCall(page, 'PATCH', base, { version: ws.version, name: NAME });
    const tp: Record<string, string> = {};
    for (const [key, name, stage] of [
      ['website', 'Webseite', 'information_search'],
      ['hotline', 'Telefon-Hotline', 'comparison'],
      ['booking', 'Terminbuchung', 'purchase'],
    ] as const)
      tp[key] = (await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, { key, name, stage })).id;
    await apiCall(page, 'POST', `${base}/chains`, {
      name: 'Neupatienten',
      links: [
        { touchpointId: tp.website, role: 'initial' },
        { touchpointId: tp.hotline, role: 'middle' },
        { touchpointId: tp.booking, role: 'final' },
      ],
    });
    const standard = await apiCall<{ id: string }>(page, 'POST', `${base}/standards`, {
      touchpointId: tp.hotline,
      name: 'Anruf in 20 s angenommen',
      metric: 'response_ms',
      comparator: 'lte',
      target: 20_000,
      requiredShare: 0.9,
    });
    await apiCall(page, 'POST', `${base}/tasks`, {
      title: 'Hotline-Team schulen',
      lever: 'staff_qualification',
      targets: { standardId: standard.id },
    });
    // 40 customers see the website, 20 of them call (half of them waiting a minute), 5 book.
    const start = Date.now() - 10 * 86_400_000;
    const interactions = [
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `w${i}`,
        customer: `c${i}`,
        touchpoint: 'website',
        at: start + i,
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `h${i}`,
        customer: `c${i}`,
        touchpoint: 'hotline',
        at: start + 3_600_000 + i,
        response_ms: i % 2 === 0 ? 60_000 : 5_000,
        sentiment: i % 2 === 0 ? -1 : 1,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        id: `b${i}`,
        customer: `c${i}`,
        touchpoint: 'booking',
        at: start + 7_200_000 + i,
      })),
    ];
    const sent = await apiCall<{ accepted: number }>(page, 'POST', `${base}/interactions`, { interactions });
    expect(sent.accepted).toBe(65);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the report on the Report page in the workspace language, reachable for Print, and downloads it', async () => {
    // The workspace's language, chosen in Settings.
    await page.goto(`${app.url}/w/${workspaceId}/settings`);
    await page.getByTestId('workspace-language').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await page.getByTestId('workspace-save').click();
    await poll(
      async () => (await apiCall<{ settings: { language?: string } }>(page, 'GET', base)).settings.language,
    ).toBe('de');

    await page.goto(`${app.url}/w/${workspaceId}/touchpoints`);
    await page.getByTestId('nav-report').click();
    await page.waitForURL(/\/report$/);
    await poll(() => page.getByTestId('report-loading').count()).toBe(0);
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await poll(() => frame.locator('h1').textContent()).toBe(NAME);
    expect(await frame.locator('.cover .kicker').textContent()).toBe(REPORT_TEXTS.de.title);
    // Same origin: the page can reach the frame's window, which Print calls.
    expect(
      await page
        .getByTestId('report-frame')
        .evaluate((el) => (el as HTMLIFrameElement).contentWindow?.document.title),
    ).toBe(`${REPORT_TEXTS.de.title} — ${NAME}`);
    expect(await page.getByTestId('report-print').isEnabled()).toBe(true);

    // Another language from the picker.
    await page.getByTestId('report-language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await poll(() => frame.locator('.cover .kicker').textContent()).toBe(REPORT_TEXTS.en.title);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^touchpoints-report-zahnarztpraxis-muller-sohne-\d{4}-\d{2}-\d{2}\.html$/,
    );
    const saved = join(dir, 'saved.html');
    await download.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script/i);
  });

  it('prints to an A4 PDF with each chapter on its own page, in German', async () => {
    const printPage = await page.context().newPage();
    const response = await printPage.goto(`${app.url}/api${base}/report`);
    expect(response?.status()).toBe(200);
    // No request leaves the document: everything it shows is inside it.
    const requests: string[] = [];
    printPage.on('request', (r) => requests.push(r.url()));
    const pdf = await printPage.pdf({ format: 'A4' });
    expect(requests).toEqual([]);
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(REPORT_CHAPTERS.length);
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const byPage = text.split('\f').map(flat);
    const t = REPORT_TEXTS.de;
    expect(byPage[0]).toContain(NAME);
    expect(byPage[0]?.toLowerCase()).toContain(t.title.toLowerCase());
    // Chapters in order, each starting a page of its own.
    let last = 0;
    REPORT_CHAPTERS.forEach((chapter, i) => {
      const heading = `${i + 1}. ${t.chapter[chapter]}`;
      const at = byPage.findIndex((p, n) => n > 1 && p.includes(heading));
      expect(at, heading).toBeGreaterThan(last);
      last = at;
    });
    // The running header and the page numbers from the page margins.
    expect(byPage[3]).toContain(`${t.title} · ${NAME}`);
    expect(byPage[3]).toContain(`${t.page} 4`);
    // Figures of the workspace, formatted in German.
    const all = flat(text);
    expect(all).toContain(
      'Schwaches Glied: „Webseite“ → „Telefon-Hotline“: 20 von 40 Kunden gingen weiter (50 %)',
    );
    expect(all).toContain('Anruf in 20 s angenommen');
    expect(all).toContain('Nicht erfüllt');
    expect(all).toContain('Hotline-Team schulen');
    expect(all).toContain('Qualifikation der Mitarbeitenden');
    expect(all).toContain('Touchpoints: 3 (davon aktiv: 3).');
    await printPage.close();
  });
});
