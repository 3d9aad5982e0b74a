/**
 * The whole feedback loop in Chromium against the real server, as a clinic would run it: a survey
 * at the reception (an offline touchpoint) is made live, its A4 poster printed to PDF names the
 * reception and carries the QR code; a patient answers through the link on a phone (a low score
 * with a comment) and another on the counter's kiosk; the low answer opens a complaint, which a
 * staff member moves and resolves on the complaint register with a note; the answers count in the
 * sentiment analysis and the complaint in the standard "a complaint is answered within 24 h".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Complaint {
  id: string;
  text: string;
  status: string;
  source: string;
  touchpointId: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  resolutionNote: string;
}
interface Compliance {
  standards: { standardId: string; measured: number; meeting: number | null; passed?: boolean | null }[];
}
interface Sentiment {
  touchpoints: { touchpointId: string; feedback: { csat: { answers: number; satisfied: number } } }[];
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

describe('the feedback loop', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let staff: Page;
  let workspaceId: string;
  let base: string;
  let touchpointId: string;
  let surveyId: string;
  let publicUrl: string;
  let standardId: string;
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-loop-'));

  const complaints = () =>
    apiCall<{ items: Complaint[] }>(staff, 'GET', `${base}/complaints?source=survey`).then((r) => r.items);

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page: staff } = await newPage(browser));
    workspaceId = await signIn(staff, app.url);
    base = `/workspaces/${workspaceId}`;
    const channels = await apiCall<{ items: { id: string; key: string; online: boolean }[] }>(
      staff,
      'GET',
      `${base}/channels?limit=100`,
    );
    const offline = channels.items.find((c) => !c.online);
    expect(offline, 'the built-in channels include an offline one').toBeDefined();
    touchpointId = (
      await apiCall<{ id: string }>(staff, 'POST', `${base}/touchpoints`, {
        key: 'reception',
        name: 'Reception desk',
        channelId: offline?.id,
      })
    ).id;
    standardId = (
      await apiCall<{ id: string }>(staff, 'POST', `${base}/standards`, {
        touchpointId,
        name: 'A complaint is answered within 24 h',
        metric: 'complaint_first_response_ms',
        comparator: 'lte',
        target: 24 * 3600 * 1000,
        requiredShare: 0.9,
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes from a printed QR poster to a resolved complaint and measured standards', async () => {
    // 1. A survey from the "after a visit" template, made live.
    const survey = await apiCall<{ id: string; publicUrl: string; status: string; complaintRule: unknown }>(
      staff,
      'POST',
      `${base}/surveys`,
      { touchpointId, name: 'After the visit', templateKey: 'after_visit', status: 'live' },
    );
    expect(survey.status).toBe('live');
    expect(survey.complaintRule).not.toBeNull();
    surveyId = survey.id;
    publicUrl = survey.publicUrl.replace(/^https?:\/\/[^/]+/, app.url);

    // 2. Its A4 poster, printed to PDF: one page with the reception's name and the QR code.
    const { context: printContext, page: print } = await newPage(browser);
    await print.goto(`${app.url}/login`);
    await signIn(print, app.url);
    await print.goto(`${app.url}/api${base}/surveys/${surveyId}/poster?size=a4`);
    await print.getByText('Reception desk').first().waitFor();
    expect(await print.locator('img, svg').count()).toBeGreaterThan(0);
    const pdf = join(dir, 'poster.pdf');
    writeFileSync(pdf, await print.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(printed.toLowerCase()).toContain('reception desk');
    expect(printed).toContain(`/s/${new URL(publicUrl).pathname.split('/').pop()}?src=qr`);
    await printContext.close();

    // 3. A patient scans the QR code on a phone and answers: very dissatisfied, with a comment.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const p = await phone.newPage();
    await p.goto(`${publicUrl}?src=qr`);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const csat = p.locator('input[type="radio"][name="a.satisfaction"]');
    expect(await csat.count()).toBe(5);
    await csat.first().check();
    await p.locator('textarea').first().fill('Waited forty minutes and nobody told us why');
    await p.getByRole('button', { name: 'Send' }).click();
    await p.locator('body').getByRole('heading').first().waitFor();
    expect(await p.locator('form').count()).toBe(0);
    await phone.close();

    // 4. Another patient answers on the counter's kiosk: very satisfied.
    const device = await apiCall<{ token: string }>(
      staff,
      'POST',
      `${base}/surveys/${surveyId}/kiosk-devices`,
      {
        name: 'Reception tablet',
      },
    );
    const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    const k = await tablet.newPage();
    await k.goto(`${app.url}/k/${device.token}`);
    await k.getByRole('button', { name: /^5 – / }).click();
    // The template's next tap question: how likely to recommend.
    await k.getByRole('button', { name: /^10 – / }).click();
    await poll(() => k.locator('body').getAttribute('data-queued')).toBe('0');
    await tablet.close();

    // 5. The low answer opened a complaint at the reception, with the patient's words.
    await poll(async () => (await complaints()).length).toBe(1);
    const [opened] = await complaints();
    expect(opened).toMatchObject({
      status: 'new',
      source: 'survey',
      touchpointId,
      firstResponseAt: null,
      resolvedAt: null,
    });
    expect(opened?.text).toContain('Waited forty minutes');

    // 6. Staff take it on the register's board and resolve it with a note.
    await staff.goto(`${app.url}/w/${workspaceId}/complaints`);
    const card = staff.locator(`[data-testid="complaint-card"][data-complaint="${opened?.id}"]`);
    await card.waitFor();
    await card.getByTestId('complaint-move-menu').click();
    await staff.getByTestId('complaint-move-in_progress').click();
    await poll(() => card.getAttribute('data-status')).toBe('in_progress');
    await card.getByTestId('complaint-move-menu').click();
    await staff.getByTestId('complaint-move-resolved').click();
    await poll(() => card.getAttribute('data-status')).toBe('resolved');
    await card.click();
    const drawer = staff.getByTestId('complaint-drawer');
    await drawer
      .getByTestId('complaint-resolution-note')
      .fill('Called the patient back; the queue display is fixed.');
    await drawer.getByTestId('complaint-save').click();
    await poll(async () => (await complaints())[0]?.resolutionNote).toBe(
      'Called the patient back; the queue display is fixed.',
    );
    const [resolved] = await complaints();
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.firstResponseAt).not.toBeNull();
    expect(resolved?.resolvedAt).not.toBeNull();

    // 7. The answers are in the sentiment analysis: two CSAT answers at the reception, one satisfied.
    const period = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const sentiment = await apiCall<Sentiment>(staff, 'GET', `${base}/analytics/sentiment?${period}`);
    const reception = sentiment.touchpoints.find((t) => t.touchpointId === touchpointId);
    expect(reception?.feedback.csat).toMatchObject({ answers: 2, satisfied: 1 });

    // 8. And the complaint, answered within minutes, meets the 24-hour standard.
    const compliance = await apiCall<Compliance>(
      staff,
      'GET',
      `${base}/analytics/standards?${period}&standardId=${standardId}`,
    );
    expect(compliance.standards).toHaveLength(1);
    expect(compliance.standards[0]).toMatchObject({ standardId, measured: 1, meeting: 1 });
  });
});
