/**
 * Improvement tasks in Chromium against the real server: a failing standard's health finding
 * "Create task" opens the dialog prefilled from the finding, the task appears on the board, moves to in progress by
 * keyboard and to done by drag and drop (each a PATCH with its version; a stale one is explained),
 * and shows in "My tasks"; interactions that meet the standard after it was done make the server's
 * verification mark it verified, with its explanation on the card. At 390 px the board scrolls
 * inside its own box.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Finding {
  rule: string;
  object: { id: string };
  createTask: { title: string; lever: string; targets: Record<string, string> };
}
interface Task {
  id: string;
  title: string;
  lever: string;
  status: string;
  ownerUserId: string | null;
  version: number;
  targets: Record<string, string | null>;
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('improvement tasks', { timeout: 180_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let base: string;
  let touchpointId: string;
  let standardId: string;
  /** Interactions at Reception answered in `responseMs`, `at` ms since the epoch. */
  const send = (count: number, responseMs: number, at: number, prefix: string) =>
    apiCall<{ accepted: number }>(page, 'POST', `${base}/interactions`, {
      interactions: Array.from({ length: count }, (_, i) => ({
        id: `${prefix}-${i}`,
        customer: `${prefix}-customer-${i}`,
        touchpoint: 'reception',
        at: at + i,
        response_ms: responseMs,
      })),
    });

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
    touchpointId = (
      await apiCall<{ id: string }>(page, 'POST', `${base}/touchpoints`, {
        key: 'reception',
        name: 'Reception',
      })
    ).id;
    standardId = (
      await apiCall<{ id: string }>(page, 'POST', `${base}/standards`, {
        touchpointId,
        name: 'Answer within 20 s',
        metric: 'response_ms',
        comparator: 'lte',
        target: 20_000,
        requiredShare: 0.9,
      })
    ).id;
    // An hour ago every call waited a minute: the standard fails.
    expect((await send(5, 60_000, Date.now() - 3_600_000, 'before')).accepted).toBe(5);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a finding becomes a task that moves across the board by keyboard and drag and drop, and is verified', async () => {
    const me = await apiCall<{ user: { id: string } }>(page, 'GET', '/me');
    const failing = async () =>
      (await apiCall<{ findings: Finding[] }>(page, 'GET', `${base}/health`)).findings.find(
        (f) => f.rule === 'standard_failing_without_task' && f.object.id === standardId,
      );
    const finding = await failing();
    if (!finding) throw new Error('no standard_failing_without_task finding for the standard');
    // Someone else's task, so that "My tasks" has something to leave out.
    const members = await apiCall<{ items: { userId: string }[] }>(page, 'GET', `${base}/members`);
    expect(members.items.map((m) => m.userId)).toContain(me.user.id);
    await apiCall(page, 'POST', `${base}/tasks`, {
      title: 'Nobody’s task',
      lever: 'sales_channels',
      targets: { touchpointId },
    });

    // Health check → Create task: the dialog carries the finding's title, lever and target.
    await page.goto(`${app.url}/w/${workspaceId}/health`);
    const row = page.locator(
      `[data-testid="health-rule"][data-rule="standard_failing_without_task"] [data-testid="health-finding"][data-object="${standardId}"]`,
    );
    await row.getByTestId('finding-create-task').click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByTestId('task-title').inputValue()).toBe(finding.createTask.title);
    expect(finding.createTask.lever).toBe('staff_qualification');
    expect(await dialog.getByTestId('task-lever').inputValue()).toBe('Staff qualification');
    await poll(() => dialog.getByTestId('task-touchpoint').inputValue()).toBe('Reception');
    await poll(() => dialog.getByTestId('task-standard').inputValue()).toBe('Answer within 20 s · Reception');
    // The API's message shows at the field it names.
    await dialog.getByTestId('task-title').fill(' ');
    await dialog.getByTestId('task-save').click();
    await poll(() => dialog.getByText('must not be empty').count()).toBe(1);
    expect(await dialog.getByTestId('task-title').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByTestId('task-title').fill(finding.createTask.title);
    await dialog.getByTestId('task-owner').click();
    await page.getByRole('option').first().click();
    await dialog.getByTestId('task-save').click();
    await poll(() => dialog.count()).toBe(0);

    const tasks = await apiCall<{ items: Task[] }>(page, 'GET', `${base}/tasks?mine=true`);
    expect(tasks.items).toHaveLength(1);
    const task = tasks.items[0] as Task;
    expect(task).toMatchObject({
      title: finding.createTask.title,
      lever: 'staff_qualification',
      status: 'planned',
      ownerUserId: me.user.id,
    });
    expect(task.targets).toMatchObject({ touchpointId, standardId });

    // The board: the card in Planned; → moves it to In progress, announced.
    await page.getByTestId('nav-tasks').click();
    const card = page.locator(`[data-testid="task-card"][data-task="${task.id}"]`);
    const column = (status: string) => page.locator(`[data-testid="task-column"][data-status="${status}"]`);
    await poll(() => column('planned').locator(`[data-task="${task.id}"]`).count()).toBe(1);
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => column('in_progress').locator(`[data-task="${task.id}"]`).count()).toBe(1);
    await poll(() => page.getByTestId('task-announcement').textContent()).toBe(
      `“${finding.createTask.title}” moved to In progress.`,
    );
    const inProgress = await apiCall<Task>(page, 'GET', `${base}/tasks/${task.id}`);
    expect(inProgress.status).toBe('in_progress');
    expect(inProgress.version).toBeGreaterThan(task.version);

    // Someone else changes the task: the stale move answers 409, is explained, and the board reloads.
    await apiCall(page, 'PATCH', `${base}/tasks/${task.id}`, { version: inProgress.version, priority: 1 });
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('task-announcement').textContent()).toContain(
      `changed “${finding.createTask.title}” in the meantime`,
    );
    expect((await apiCall<Task>(page, 'GET', `${base}/tasks/${task.id}`)).status).toBe('in_progress');
    await poll(() => card.getByText('P1').count()).toBe(1);

    // Drag and drop onto Done; the verification's columns take no drops.
    await card.dragTo(column('verified'));
    expect(await column('in_progress').locator(`[data-task="${task.id}"]`).count()).toBe(1);
    expect((await apiCall<Task>(page, 'GET', `${base}/tasks/${task.id}`)).status).toBe('in_progress');
    await card.dragTo(column('done'));
    await poll(() => column('done').locator(`[data-task="${task.id}"]`).count()).toBe(1);
    expect((await apiCall<Task>(page, 'GET', `${base}/tasks/${task.id}`)).status).toBe('done');

    // My tasks: the owner's task is there, the other one is not.
    await poll(() => page.getByTestId('task-card').count()).toBe(2);
    await page.getByTestId('task-scope').getByText('My tasks').click();
    await poll(() => page.getByTestId('task-card').count()).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('done');
    expect(page.url()).toContain('mine=1');

    // After done, 30 calls (the minimum sample) answered in 5 s: once ingestion pauses the server
    // verifies the task, and the card says why.
    expect((await send(30, 5_000, Date.now(), 'after')).accepted).toBe(30);
    await expect
      .poll(async () => (await apiCall<Task>(page, 'GET', `${base}/tasks/${task.id}`)).status, {
        timeout: 60_000,
        interval: 1_000,
      })
      .toBe('verified');
    await page.reload();
    await poll(() => column('verified').locator(`[data-task="${task.id}"]`).count()).toBe(1);
    const explanation = await card.getByTestId('task-verification').textContent();
    expect(explanation).toMatch(/^verified on \d{4}-\d{2}-\d{2}: 100 % within 20 s, required 90 %, 30 /);

    // At phone width the board scrolls in its own box, the page does not.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByTestId('task-scope').getByText('All tasks').click();
    await poll(() => page.getByTestId('task-board').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(
      true,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
