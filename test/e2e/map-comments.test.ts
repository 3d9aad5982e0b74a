/**
 * Working on a journey map together, in two browsers against the real server: the owner comments
 * on a card mentioning an editor; the editor sees the counter and the notification, opens the
 * thread from it and resolves it; the owner sees who else has the map open, and the editor's new
 * note appears on the owner's map without a reload. Stopping the server with both maps open
 * (their event streams too) does not hang.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

const EDITOR = { email: 'ed@example.com', password: 'correct horse battery', name: 'Ed Editor' };

describe('comments and presence on a journey map', { timeout: 180_000 }, () => {
  let app: RunningApp | undefined;
  let browser: Browser;
  let owner: Page;
  let editor: Page;
  let mapUrl = '';
  let stageId = '';
  let itemId = '';

  beforeAll(async () => {
    const [started, launched] = await Promise.all([startApp(), launchBrowser()]);
    app = started;
    browser = launched;
    ({ page: owner } = await newPage(browser));
    ({ page: editor } = await newPage(browser));
    const workspaceId = await signIn(owner, started.url);
    await apiCall(owner, 'POST', `/workspaces/${workspaceId}/members`, { ...EDITOR, role: 'editor' });
    const map = await apiCall<{ id: string; stages: { id: string }[] }>(
      owner,
      'POST',
      `/workspaces/${workspaceId}/journeys`,
      { name: 'Clinic visit' },
    );
    stageId = map.stages[0]?.id ?? '';
    const note = await apiCall<{ id: string }>(
      owner,
      'POST',
      `/workspaces/${workspaceId}/journeys/${map.id}/items`,
      {
        stageId,
        lane: 'actions',
        text: 'Waits at reception',
      },
    );
    itemId = note.id;
    mapUrl = `${started.url}/w/${workspaceId}/journeys/${map.id}`;
    await signIn(editor, started.url, EDITOR);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const card = (page: Page) => page.locator(`[data-testid=jm-item][data-item-id="${itemId}"]`);

  it('shows who else has the map open', async () => {
    await owner.goto(mapUrl);
    await card(owner).waitFor();
    await editor.goto(mapUrl);
    await card(editor).waitFor();
    // The owner sees the editor (not themself), by initials, named for screen readers.
    const presence = owner.getByTestId('jm-presence');
    await presence.waitFor();
    expect(await presence.getByTestId('jm-viewer').allTextContents()).toEqual(['EE']);
    expect(await presence.getAttribute('aria-label')).toBe('Also viewing: Ed Editor');
    expect(await editor.getByTestId('jm-presence').getAttribute('aria-label')).toBe('Also viewing: Owner');
  });

  it('lets the owner comment on a card, mentioning the editor picked from a list', async () => {
    await card(owner).hover();
    await card(owner).getByTestId('jm-item-menu').click();
    await owner.getByRole('menuitem', { name: 'Comments' }).click();
    const drawer = owner.getByRole('dialog', { name: 'Comments on “Waits at reception”' });
    await drawer.waitFor();
    await drawer.getByTestId('jm-comments-empty').waitFor();
    const input = drawer.getByRole('textbox', { name: 'New comment' });
    await input.pressSequentially('Can we shorten this, @Ed');
    await owner.getByTestId('jm-mention-options').getByText('Ed Editor').waitFor();
    await input.press('Enter');
    expect(await input.inputValue()).toBe('Can we shorten this, @ed@example.com ');
    await input.pressSequentially('?');
    await drawer.getByTestId('jm-comment-send').click();
    const comment = drawer.getByTestId('jm-comment');
    await comment.waitFor();
    expect(await comment.getByTestId('jm-comment-body').textContent()).toBe(
      'Can we shorten this, @Ed Editor ?',
    );
    expect(await input.inputValue()).toBe('');
    await expect
      .poll(() => card(owner).getByTestId('jm-item-comments').getAttribute('data-count'), { timeout: 10_000 })
      .toBe('1');

    // A mention of someone outside the workspace is refused at the field.
    await input.fill('and @stranger@example.org');
    await drawer.getByTestId('jm-comment-send').click();
    await drawer.getByText(/stranger@example\.org, who is not a member of this workspace/).waitFor();
    expect(await drawer.getByTestId('jm-comment').count()).toBe(1);
    await input.fill('');
    await owner.keyboard.press('Escape');
  });

  it('shows the editor the counter and the notification, which opens the thread to resolve', async () => {
    // The counter arrives over the live stream, without a reload.
    const counter = card(editor).getByTestId('jm-item-comments');
    await expect.poll(() => counter.getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(await counter.getAttribute('aria-label')).toBe('Open comments: 1 — Waits at reception');

    await editor.getByTestId('notification-bell').click();
    const note = editor.getByTestId('notification').first();
    await note.waitFor();
    expect(await note.getAttribute('data-unread')).toBe('true');
    expect(await note.textContent()).toContain('mentioned you on the journey map "Clinic visit"');
    expect(await note.textContent()).toContain('Mentioned you');
    await note.getByTestId('notification-open').click();

    const drawer = editor.getByRole('dialog', { name: 'Comments on “Waits at reception”' });
    await drawer.waitFor();
    // On a phone the thread takes the whole width, and nothing in it is wider.
    await editor.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await drawer.boundingBox())?.width).toBe(390);
    expect(await drawer.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    const comment = drawer.getByTestId('jm-comment');
    expect(await comment.getByTestId('jm-comment-body').textContent()).toBe(
      'Can we shorten this, @Ed Editor ?',
    );
    // The editor may resolve, but not change the owner's words.
    expect(await comment.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await comment.getByTestId('jm-comment-resolve').click();
    await expect.poll(() => comment.getAttribute('data-resolved'), { timeout: 10_000 }).toBe('true');
    await comment.getByText('Resolved').waitFor();
    await editor.keyboard.press('Escape');
    await editor.setViewportSize({ width: 1280, height: 800 });
    await expect
      .poll(() => card(editor).getByTestId('jm-item-comments').count(), { timeout: 10_000 })
      .toBe(0);
    await expect.poll(() => card(owner).getByTestId('jm-item-comments').count(), { timeout: 10_000 }).toBe(0);
  });

  it("refreshes the owner's map live when the editor adds a note", async () => {
    const target = (page: Page) =>
      page.locator(`[data-testid=jm-cell][data-stage-id="${stageId}"][data-lane="thoughts"]`);
    await target(editor).getByTestId('jm-cell-add').click();
    await editor.getByTestId('jm-new-note').fill('Is the doctor late again?');
    await editor.getByTestId('jm-new-note').press('Enter');
    await target(editor).getByText('Is the doctor late again?').waitFor();
    await target(owner).getByText('Is the doctor late again?').waitFor({ timeout: 10_000 });
  });

  it('shows the editor leaving, and stops the server promptly with streams open', async () => {
    await editor.goto(`${mapUrl.replace(/\/journeys\/.*/, '')}/touchpoints`);
    await expect.poll(() => owner.getByTestId('jm-presence').count(), { timeout: 10_000 }).toBe(0);
    await editor.goto(mapUrl);
    await owner.getByTestId('jm-presence').waitFor();
    const started = Date.now();
    const running = app;
    app = undefined;
    await running?.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
