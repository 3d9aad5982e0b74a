/**
 * Surveys in Chromium against the real server: an empty list offers "Create from template"; a
 * survey made from the "After a visit" template opens in the editor, where changing a question
 * shows at once in the live preview (in the chosen language) and the API's field message shows at
 * the field; set live, the share panel gives the public link, the QR image, the posters, the embed
 * code and a kiosk link shown once; answers sent through the public answer route appear in the
 * results (counts, CSAT/NPS, distribution, comments with search) and the CSV export. At 390 px the
 * editor does not overflow the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Survey {
  id: string;
  code: string;
  publicUrl: string;
  status: string;
  version: number;
  questions: { id: string; kind: string; text: Record<string, string> }[];
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('surveys', { timeout: 120_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let page: Page;
  let workspaceId: string;
  let base: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page } = await newPage(browser));
    workspaceId = await signIn(page, app.url);
    base = `/workspaces/${workspaceId}`;
    await apiCall(page, 'POST', `${base}/touchpoints`, { key: 'reception', name: 'Reception' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a survey from a template, edits it with a live preview, shares it and shows its results', async () => {
    // Empty list → Create from template → After a visit at Reception.
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('survey-create-empty').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="template-option"][data-template="after_visit"]').click();
    await dialog.getByTestId('survey-create-touchpoint').click();
    await page.getByRole('option', { name: 'Reception' }).click();
    await poll(() => dialog.getByTestId('survey-create-name').inputValue()).toBe('After a visit · Reception');
    await dialog.getByTestId('survey-create-submit').click();
    await page.waitForURL(/\/surveys\/[^/?]+$/);
    const surveyId = /\/surveys\/([^/?]+)/.exec(page.url())?.[1] as string;
    const created = await apiCall<Survey>(page, 'GET', `${base}/surveys/${surveyId}`);
    expect(created.status).toBe('draft');
    expect(created.questions.map((q) => q.id)).toEqual(['satisfaction', 'recommend', 'comment']);

    // The preview shows the template in English; a changed question shows before saving.
    const preview = page.getByTestId('survey-preview');
    await poll(() => preview.getByTestId('preview-title').textContent()).toBe('How was your visit?');
    const firstQuestion = preview.getByTestId('preview-question').first();
    await poll(() => firstQuestion.textContent()).toContain('How satisfied are you with your visit today?');
    await page.getByTestId('question-text').first().fill('How was the welcome at the reception?');
    await poll(() => firstQuestion.textContent()).toContain('1. How was the welcome at the reception?');
    // CSAT has five buttons, NPS eleven.
    expect(await firstQuestion.getByRole('button').count()).toBe(5);
    expect(await preview.locator('[data-question="recommend"]').getByRole('button').count()).toBe(11);
    // Reordering moves the question in the preview too.
    await page.getByTestId('question-down').first().click();
    await poll(() => preview.getByTestId('preview-question').first().getAttribute('data-question')).toBe(
      'recommend',
    );
    await page.getByTestId('question-up').nth(1).click();
    await poll(() => preview.getByTestId('preview-question').first().getAttribute('data-question')).toBe(
      'satisfaction',
    );
    // The German tab: the preview speaks German, scale words included.
    await page.getByTestId('lang-tab-de').click();
    await poll(() => preview.getByTestId('preview-title').textContent()).toBe('Wie war Ihr Besuch?');
    await poll(() => firstQuestion.textContent()).toContain(
      'Wie zufrieden sind Sie mit Ihrem heutigen Besuch?',
    );
    expect(await preview.textContent()).toContain('Sehr zufrieden');
    await page.getByTestId('lang-tab-en').click();

    // A duplicate question key: the API's message shows at that question's key field.
    const keyField = page.getByTestId('question-id').nth(1);
    await keyField.fill('satisfaction');
    await page.getByTestId('survey-save').click();
    await poll(() => keyField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('"satisfaction" is already the id of another question').count()).toBe(1);
    await keyField.fill('recommend');

    // Live, saved.
    await page.getByTestId('survey-status').getByText('Live').click();
    await page.getByTestId('survey-save').click();
    await poll(async () => (await apiCall<Survey>(page, 'GET', `${base}/surveys/${surveyId}`)).status).toBe(
      'live',
    );
    await poll(() => page.getByTestId('survey-status-badge').textContent()).toBe('Live');
    const survey = await apiCall<Survey>(page, 'GET', `${base}/surveys/${surveyId}`);
    expect(survey.questions[0]?.text.en).toBe('How was the welcome at the reception?');
    expect(survey.questions[0]?.text.de).toBe('Wie zufrieden sind Sie mit Ihrem heutigen Besuch?');

    // Someone else saves meanwhile: the save is refused and explained, the draft stays; saving
    // again puts it over the newer version.
    await apiCall(page, 'PATCH', `${base}/surveys/${surveyId}`, {
      version: survey.version,
      colour: '#aa3300',
    });
    await page.getByTestId('survey-intro').fill('One minute, three questions.');
    await page.getByTestId('survey-save').click();
    await poll(() => page.getByTestId('survey-save-error').textContent()).toContain('Someone else saved');
    expect(await page.getByTestId('survey-intro').inputValue()).toBe('One minute, three questions.');
    await page.getByTestId('survey-save').click();
    await poll(() => page.getByTestId('survey-dirty').count()).toBe(0);
    const resaved = await apiCall<Survey & { texts: { intro: Record<string, string> } }>(
      page,
      'GET',
      `${base}/surveys/${surveyId}`,
    );
    expect(resaved.version).toBe(survey.version + 2);
    expect(resaved.texts.intro.en).toBe('One minute, three questions.');

    // Share: link, QR image, posters, embed code, a kiosk device's link shown once.
    await page.getByTestId('survey-tab-share').click();
    expect(await page.getByTestId('share-link').inputValue()).toBe(survey.publicUrl);
    expect(survey.publicUrl).toMatch(new RegExp(`/s/${survey.code}$`));
    expect(await page.getByTestId('share-not-live').count()).toBe(0);
    await poll(() =>
      page.getByTestId('share-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(100);
    const posterHref = (await page.getByTestId('share-poster-a4').getAttribute('href')) as string;
    expect(posterHref).toBe(`/api${base}/surveys/${surveyId}/poster?size=a4`);
    const poster = await page.request.get(`${app.url}${posterHref}`);
    expect(poster.status()).toBe(200);
    expect(await poster.text()).toContain('<svg');
    expect(await page.getByTestId('share-embed').inputValue()).toContain(
      `embed.js" data-survey="${survey.code}" data-mode="tab"`,
    );
    await page.getByTestId('share-embed-mode').getByText('Inline').click();
    await poll(() => page.getByTestId('share-embed').inputValue()).toContain('data-mode="inline"');
    await page.getByTestId('kiosk-name').fill('Reception counter');
    await page.getByTestId('kiosk-create').click();
    await poll(() => page.getByTestId('kiosk-url').inputValue()).toMatch(/\/k\/[^/]+$/);
    await poll(() => page.getByTestId('kiosk-row').count()).toBe(1);

    // Three respondents answer through the public route (two by QR code, one by link).
    const answers = [
      { satisfaction: 5, recommend: 10, comment: 'Friendly and quick welcome' },
      { satisfaction: 4, recommend: 8, comment: null },
      { satisfaction: 2, recommend: 3, comment: 'Waited twenty minutes at the desk' },
    ];
    for (const [i, given] of answers.entries()) {
      const response = await page.request.post(`${app.url}/api/public/surveys/${survey.code}/answers`, {
        data: {
          submissionId: `e2e-submission-${i}`,
          language: 'en',
          source: i < 2 ? 'qr' : 'link',
          answers: given,
        },
      });
      expect(response.status(), await response.text()).toBeLessThan(300);
    }

    // Results: 3 responses, CSAT 67 (2 of 3 satisfied), NPS 0 (1 promoter, 1 detractor of 3).
    await page.getByTestId('survey-tab-results').click();
    const stats = page.getByTestId('results-stats');
    await poll(() => stats.getByTestId('stat-value').first().textContent()).toBe('3');
    await poll(() => page.getByTestId('results-csat').textContent()).toBe('67');
    expect(await page.getByTestId('results-nps').textContent()).toBe('0');
    const satisfaction = page.locator('[data-testid="results-question"][data-question="satisfaction"]');
    expect(await satisfaction.textContent()).toContain('How was the welcome at the reception?');
    expect(await satisfaction.locator('[data-value="5"] [data-testid="results-count"]').textContent()).toBe(
      '1',
    );
    expect(await satisfaction.locator('[data-value="3"] [data-testid="results-count"]').textContent()).toBe(
      '0',
    );
    expect(await page.getByTestId('results-by-source').textContent()).toContain('QR code');
    await poll(() => page.getByTestId('comment-item').count()).toBe(2);
    await page.getByTestId('comments-search').fill('twenty');
    await poll(() => page.getByTestId('comment-item').count()).toBe(1);
    expect(await page.getByTestId('comment-item').textContent()).toContain('CSAT 2');
    await page.getByTestId('comments-search').fill('nothing like this');
    await poll(() => page.getByTestId('comments-empty').count()).toBe(1);
    const csvHref = (await page.getByTestId('results-csv').getAttribute('href')) as string;
    const csv = await page.request.get(`${app.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('satisfaction');

    // The list shows the survey live under its touchpoint.
    await page.getByTestId('nav-surveys').click();
    await poll(() => page.getByTestId('survey-row').count()).toBe(1);
    await poll(() => page.getByTestId('survey-status-badge').textContent()).toBe('Live');

    // At phone width the editor and its preview fit the page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByTestId('survey-row').getByRole('link').click();
    await page.getByTestId('survey-preview').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByTestId('survey-tab-share').click();
    await page.getByTestId('share-panel').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByTestId('survey-tab-results').click();
    await page.getByTestId('results-stats').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
