/**
 * Audits and mystery shopping in Chromium against the real server: the owner makes a checklist
 * from a template and edits it (a criterion moved up, a measured one added: the API's refusals show
 * at the criterion's fields), plans an audit of a competitor with an external mystery shopper and creates
 * the one-time link (shown with its QR code). The shopper opens it on a phone (390×844, a German
 * browser: the page speaks German), scores every criterion, uploads a JPEG photo, loses the
 * network mid-way (the answer waits in the local draft and is sent once back online) and submits
 * once; the page then refuses a second submit. The owner sees the results with the photo and the
 * failed criteria, and creates a task from one of them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface AuditDetail {
  id: string;
  status: string;
  auditorName: string;
  brandIsOwn: boolean;
  answers: { criterionId: string; value: number | null; note: string; passed: boolean | null }[];
  photos: { id: string; criterionId: string | null }[];
}
interface Checklist {
  id: string;
  criteria: { id: string; text: string; target: number | null; stageKey: string | null }[];
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('audits and mystery shopping', { timeout: 240_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let base: string;
  let touchpointId: string;
  let checklist: Checklist;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
    await apiCall(page, 'POST', `${base}/brands`, { name: 'Rival Shop', website: 'https://rival.example' });
    touchpointId = (
      await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, {
        key: 'reception',
        name: 'Reception',
      })
    ).id;
    checklist = await apiCall<Checklist>(page, 'POST', `${base}/audit-checklists`, {
      name: 'Store visit',
      criteria: [
        {
          text: 'Greeted within 30 s',
          touchpointId,
          scale: 'number',
          target: 30,
          comparator: 'lte',
          unit: 's',
        },
        { text: 'Price list readable', touchpointId, scale: 'yes_no' },
        { text: 'Friendly at the till', stageKey: 'purchase', scale: 'score_1_5', weight: 2 },
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a shopper scores a competitor on a phone through a one-time link; the owner acts on a failed criterion', async () => {
    // Checklists: one more from a template, in the UI's language.
    await page.getByTestId('nav-audits').click();
    await page.getByTestId('audits-tab-checklists').click();
    await poll(() => page.getByTestId('checklist-card').count()).toBe(1);
    await page.getByTestId('checklist-from-template').click();
    await page.getByTestId('template-option').first().click();
    await page.getByTestId('template-create').click();
    await poll(() => page.getByTestId('checklist-card').count()).toBe(2);

    // Edit the new one: move a criterion up, add a measured one; its missing target is refused by
    // the API and shown at that criterion's field.
    await page
      .getByTestId('checklist-card')
      .filter({ hasNotText: 'Store visit' })
      .getByTestId('checklist-edit')
      .click();
    const editor = page.getByRole('dialog');
    const rows = editor.getByTestId('criterion-row');
    const count = await rows.count();
    const second = await rows.nth(1).getByTestId('criterion-text').inputValue();
    await rows.nth(1).getByTestId('criterion-up').click();
    expect(await rows.nth(0).getByTestId('criterion-text').inputValue()).toBe(second);
    await editor.getByTestId('criterion-add').click();
    const added = rows.nth(count);
    await added.getByTestId('criterion-text').fill('Parking space free within 5 min');
    await added.getByTestId('criterion-scale').click();
    await page.getByRole('option', { name: 'Measured number' }).click();
    await editor.getByTestId('checklist-save').click();
    await poll(() => added.getByText('is required for a measured (number) criterion').count()).toBe(1);
    await added.getByTestId('criterion-target').fill('5');
    await editor.getByTestId('checklist-save').click();
    await poll(() => editor.getByText('a criterion needs a touchpointId or a stageKey').count()).toBe(1);
    await added.getByText('Stage', { exact: true }).click();
    await added.getByTestId('criterion-stage').click();
    await page.getByRole('option', { name: 'Purchase', exact: true }).click();
    await editor.getByTestId('checklist-save').click();
    await poll(() => editor.count()).toBe(0);
    const edited = (
      await apiCall<{ items: (Checklist & { name: string })[] }>(page, 'GET', `${base}/audit-checklists`)
    ).items.find((c) => c.id !== checklist.id);
    expect(edited?.criteria).toHaveLength(count + 1);
    expect(edited?.criteria[0]?.text).toBe(second);
    expect(edited?.criteria[count]).toMatchObject({
      text: 'Parking space free within 5 min',
      target: 5,
      stageKey: 'purchase',
    });

    // Plan an audit of the competitor with an external mystery shopper.
    await page.getByTestId('audits-tab-audits').click();
    await page.getByTestId('audit-plan').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('plan-checklist').click();
    await page.getByRole('option', { name: 'Store visit' }).click();
    await dialog.getByTestId('plan-brand').click();
    await page.getByRole('option', { name: 'Rival Shop' }).click();
    expect(await dialog.getByTestId('plan-auditor').inputValue()).toBe(
      'External mystery shopper (one-time link)',
    );
    await dialog.getByTestId('plan-save').click();
    await page.waitForURL(/\/audits\/[0-9a-f-]{36}$/);
    const auditId = /\/audits\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

    // The link, once, with its QR code.
    await page.getByTestId('link-create').click();
    const shopperUrl = await page.getByTestId('link-url').inputValue();
    expect(shopperUrl).toMatch(new RegExp(`^${app.url}/shopper/\\S{16,}$`));
    expect(
      await page.getByTestId('link-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(100);
    await poll(() => page.locator('[data-testid="link-row"][data-state="active"]').count()).toBe(1);

    // The shopper: a phone, a German browser, no account.
    const shopper = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      isMobile: true,
      hasTouch: true,
    });
    const phone = await shopper.newPage();
    phone.setDefaultTimeout(15_000);
    await phone.goto(shopperUrl);
    await poll(() => phone.getByTestId('walk-brand').textContent()).toBe('Rival Shop');
    expect(await phone.getByTestId('walk-progress').textContent()).toBe('1 von 2');
    expect(await phone.getByTestId('nav-audits').count()).toBe(0);
    const criterion = (text: string) => phone.getByTestId('walk-criterion').filter({ hasText: text });

    // Reception: greeted only after 45 s (fails ≤ 30 s), the price list is readable; a photo.
    await criterion('Greeted within 30 s').getByTestId('walk-number').fill('45');
    expect(await criterion('Greeted within 30 s').getByText('Ziel ≤ 30 s').count()).toBe(1);
    await criterion('Price list readable').locator('[data-testid="walk-choice"][data-value="1"]').click();
    const jpeg = Buffer.from(
      await phone.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 24;
        canvas.height = 16;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no canvas');
        context.fillStyle = '#c33';
        context.fillRect(0, 0, 24, 16);
        return canvas.toDataURL('image/jpeg', 0.8).split(',')[1] ?? '';
      }),
      'base64',
    );
    expect([jpeg[0], jpeg[1], jpeg[2]]).toEqual([0xff, 0xd8, 0xff]);
    await criterion('Greeted within 30 s')
      .getByTestId('walk-photo-input')
      .setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const thumbnail = criterion('Greeted within 30 s').getByTestId('walk-photo');
    await poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(24);
    await poll(() => phone.getByTestId('walk-sync').getAttribute('data-state')).toBe('saved');
    expect(await phone.getByTestId('walk-sync').textContent()).toBe('Gespeichert');
    // Nothing wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The connection drops: the answer waits in the local draft, then goes out once back online.
    await shopper.setOffline(true);
    await phone.getByTestId('walk-next').click();
    await poll(() => phone.getByTestId('walk-progress').textContent()).toBe('2 von 2');
    await criterion('Friendly at the till').locator('[data-testid="walk-choice"][data-value="2"]').click();
    await criterion('Friendly at the till').getByTestId('walk-note').fill('Kassiererin telefonierte');
    await poll(() => phone.getByTestId('walk-sync').getAttribute('data-state')).toBe('offline');
    expect(await phone.getByTestId('walk-sync').textContent()).toBe('Offline, neuer Versuch folgt');
    const draft = await phone.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('touchpoints.walk.'));
      return key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { pending: string[] }) : null;
    });
    const friendly = checklist.criteria.find((c) => c.text === 'Friendly at the till')?.id ?? '';
    expect(draft?.pending).toContain(friendly);
    expect(
      (await apiCall<AuditDetail>(page, 'GET', `${base}/audits/${auditId}`)).answers.some(
        (a) => a.criterionId === friendly,
      ),
    ).toBe(false);
    await shopper.setOffline(false);
    await poll(() => phone.getByTestId('walk-sync').getAttribute('data-state')).toBe('saved');
    const saved = await apiCall<AuditDetail>(page, 'GET', `${base}/audits/${auditId}`);
    expect(saved.answers.find((a) => a.criterionId === friendly)).toMatchObject({
      value: 2,
      note: 'Kassiererin telefonierte',
    });
    expect(saved.photos).toHaveLength(1);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Review, name, submit once after the confirmation.
    await phone.getByTestId('walk-next').click();
    await poll(() => phone.getByTestId('walk-answered').textContent()).toBe('Beantwortet: 3 von 3');
    await phone.getByTestId('walk-name').fill('Erika Muster');
    await phone.getByTestId('walk-submit').click();
    await phone.getByTestId('walk-submit-confirm').click();
    await poll(() => phone.getByTestId('walk-thanks').count()).toBe(1);
    expect(
      await phone.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('touchpoints.walk.'))),
    ).toEqual([]);

    // A second submit is refused: the page says the link is used up, and so does the API.
    await phone.reload();
    await poll(() => phone.getByTestId('walk-closed').count()).toBe(1);
    expect(await phone.getByTestId('walk-closed').textContent()).toContain('Dieses Audit wurde eingereicht.');
    expect(await phone.getByTestId('walk-submit').count()).toBe(0);
    const token = shopperUrl.split('/shopper/')[1] ?? '';
    const again = await phone.request.post(`${app.url}/api/shopper/${token}/submit`, {
      data: { auditorName: 'Erika Muster' },
      headers: { origin: app.url, 'content-type': 'application/json' },
    });
    expect([409, 410]).toContain(again.status());
    await shopper.close();

    // The owner: results with the photo, the two failed criteria highlighted.
    const submitted = await apiCall<AuditDetail>(page, 'GET', `${base}/audits/${auditId}`);
    expect(submitted).toMatchObject({ status: 'submitted', auditorName: 'Erika Muster', brandIsOwn: false });
    await page.reload();
    await poll(() => page.getByTestId('audit-status').getAttribute('data-status')).toBe('submitted');
    await poll(() => page.locator('[data-testid="result-criterion"][data-failed="true"]').count()).toBe(2);
    expect(await page.getByTestId('audit-failed').textContent()).toBe('2');
    const photo = page.getByTestId('result-photo');
    await poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(24);
    expect(await page.locator('[data-testid="link-row"][data-state="used"]').count()).toBe(1);

    // A failed criterion becomes a task: the dialog carries its title, lever and touchpoint.
    const failed = page
      .locator('[data-testid="result-criterion"][data-failed="true"]')
      .filter({ hasText: 'Greeted within 30 s' });
    await failed.getByTestId('result-create-task').click();
    const taskDialog = page.getByRole('dialog');
    await poll(() => taskDialog.getByTestId('task-title').inputValue()).toBe(
      'Fix: Greeted within 30 s (Rival Shop)',
    );
    expect(await taskDialog.getByTestId('task-lever').inputValue()).toBe('Staff qualification');
    await poll(() => taskDialog.getByTestId('task-touchpoint').inputValue()).toBe('Reception');
    await taskDialog.getByTestId('task-save').click();
    await poll(() => taskDialog.count()).toBe(0);
    const tasks = await apiCall<{
      items: { title: string; lever: string; targets: { touchpointId: string } }[];
    }>(page, 'GET', `${base}/tasks`);
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({
      title: 'Fix: Greeted within 30 s (Rival Shop)',
      lever: 'staff_qualification',
      targets: { touchpointId },
    });

    // The list shows the competitor's audit as submitted, with its score.
    await page.goto(`${app.url}/w/${workspaceId}/audits?kind=competitor`);
    const row = page.locator(`[data-testid="audit-row"][data-audit="${auditId}"]`);
    await poll(() => row.getByTestId('audit-status').getAttribute('data-status')).toBe('submitted');
    expect(await page.getByTestId('audit-row').count()).toBe(1);
  });
});
