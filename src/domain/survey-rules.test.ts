import { describe, expect, it } from 'vitest';
import type { SurveyQuestion } from './survey-model.js';
import { logoBytes, MAX_LOGO_BYTES, type SurveyDraft, surveyIssues } from './survey-rules.js';

function draft(change: Partial<SurveyDraft> = {}): SurveyDraft {
  return {
    status: 'draft',
    defaultLanguage: 'en',
    questions: [
      { id: 'satisfaction', kind: 'csat', required: true, text: { en: 'How satisfied are you?' } },
      {
        id: 'reason',
        kind: 'choice',
        required: false,
        text: { en: 'Why did you come?', de: 'Warum kamen Sie?' },
        options: [
          { key: 'buy', text: { en: 'To buy' } },
          { key: 'ask', text: { en: 'To ask' } },
        ],
      },
      { id: 'comment', kind: 'comment', required: false, text: { en: 'Anything else?' } },
    ],
    texts: { title: { en: 'Your visit' }, thankYou: { en: 'Thank you!' } },
    colour: '#1f6feb',
    logo: null,
    contactConsent: false,
    complaintRule: { csatMax: 2, requireComment: false },
    startsAt: null,
    endsAt: null,
    ...change,
  };
}

/** Question `i` of the well-formed draft. */
function question(i: number): SurveyQuestion {
  const q = draft().questions[i];
  if (!q) throw new Error(`no question ${i}`);
  return q;
}

const fields = (d: SurveyDraft) => surveyIssues(d).map((i) => i.field);
const png = (bytes: number) => `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('surveyIssues', () => {
  it('accepts a well-formed survey', () => {
    expect(surveyIssues(draft())).toEqual([]);
  });

  it('names questions with a bad or repeated id, a bad kind or no text in the default language', () => {
    const [a, b, c] = [question(0), question(1), question(2)];
    const issues = surveyIssues(
      draft({
        questions: [
          { ...a, id: 'Bad Id' },
          { ...b, id: 'same' },
          { ...c, id: 'same', kind: 'stars' as never, text: { de: 'Sonst noch etwas?' } },
        ],
      }),
    );
    expect(issues).toEqual([
      { field: 'questions.0.id', message: expect.stringContaining('slug') },
      { field: 'questions.2.id', message: '"same" is already the id of another question' },
      { field: 'questions.2.kind', message: expect.stringContaining('csat, nps, ces, choice, comment') },
      { field: 'questions.2.text.en', message: 'must not be empty: it is the default language' },
    ]);
    expect(fields(draft({ questions: [] }))).toEqual(['questions']);
    expect(fields(draft({ questions: [{ ...a, id: 'x'.repeat(33) }] }))).toEqual(['questions.0.id']);
  });

  it('wants 2–10 options with unique keys and texts on choice questions, none on others', () => {
    const choice = question(1);
    const one = { ...choice, options: [{ key: 'buy', text: { en: 'To buy' } }] };
    expect(surveyIssues(draft({ questions: [one] }))).toEqual([
      { field: 'questions.0.options', message: 'a choice question needs 2 to 10 options (has 1)' },
    ]);
    const eleven = {
      ...choice,
      options: Array.from({ length: 11 }, (_, i) => ({ key: `o${i}`, text: { en: `Option ${i}` } })),
    };
    expect(fields(draft({ questions: [eleven] }))).toEqual(['questions.0.options']);
    const repeated = {
      ...choice,
      options: [
        { key: 'buy', text: { en: 'To buy' } },
        { key: 'buy', text: { de: 'Kaufen' } },
      ],
    };
    expect(fields(draft({ questions: [repeated] }))).toEqual([
      'questions.0.options.1.key',
      'questions.0.options.1.text.en',
    ]);
    const stray = { ...question(0), options: choice.options };
    expect(surveyIssues(draft({ questions: [stray] }))).toEqual([
      { field: 'questions.0.options', message: 'only choice questions have options' },
    ]);
  });

  it('wants the title, thank-you (and consent when asked) in the default language', () => {
    expect(fields(draft({ defaultLanguage: 'de' }))).toEqual([
      'questions.0.text.de',
      'questions.1.options.0.text.de',
      'questions.1.options.1.text.de',
      'questions.2.text.de',
      'texts.title.de',
      'texts.thankYou.de',
    ]);
    expect(
      fields(draft({ texts: { title: { en: '  ' }, thankYou: { en: 'Thanks', fr: 'Merci' } as never } })),
    ).toEqual(['texts.title.en', 'texts.thankYou.fr']);
    expect(fields(draft({ contactConsent: true }))).toEqual(['texts.consent']);
    expect(
      fields(draft({ contactConsent: true, texts: { ...draft().texts, consent: { en: 'Call me' } } })),
    ).toEqual([]);
    expect(fields(draft({ defaultLanguage: 'fr' }))).toEqual(['defaultLanguage']);
  });

  it('checks colour, logo, dates, status and the complaint rule', () => {
    expect(fields(draft({ colour: 'blue' }))).toEqual(['colour']);
    expect(fields(draft({ colour: '#1F6FEB' }))).toEqual([]);
    expect(fields(draft({ logo: png(1000) }))).toEqual([]);
    expect(fields(draft({ logo: 'data:image/svg+xml;base64,PHN2Zz4=' }))).toEqual(['logo']);
    expect(fields(draft({ logo: 'https://example.com/logo.png' }))).toEqual(['logo']);
    expect(surveyIssues(draft({ logo: png(MAX_LOGO_BYTES + 1) }))).toEqual([
      { field: 'logo', message: 'must be at most 200 KB (is 201 KB)' },
    ]);
    expect(fields(draft({ logo: png(MAX_LOGO_BYTES) }))).toEqual([]);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    expect(fields(draft({ startsAt: day(2), endsAt: day(1) }))).toEqual(['endsAt']);
    expect(fields(draft({ startsAt: day(2), endsAt: day(2) }))).toEqual(['endsAt']);
    expect(fields(draft({ startsAt: day(1), endsAt: day(2) }))).toEqual([]);
    expect(fields(draft({ status: 'open' }))).toEqual(['status']);
    expect(
      fields(draft({ complaintRule: { csatMax: 6, npsMax: -1, cesMin: 0, requireComment: true } })),
    ).toEqual(['complaintRule.csatMax', 'complaintRule.npsMax', 'complaintRule.cesMin']);
    expect(fields(draft({ complaintRule: { requireComment: true } }))).toEqual(['complaintRule']);
    expect(fields(draft({ complaintRule: null }))).toEqual([]);
  });
});

describe('logoBytes', () => {
  it('measures the decoded image of a PNG or JPEG data: URL', () => {
    expect(logoBytes(png(10))).toBe(10);
    expect(logoBytes(png(11))).toBe(11);
    expect(logoBytes(png(12))).toBe(12);
    expect(logoBytes('data:image/jpeg;base64,/9j/')).toBe(3);
    expect(logoBytes('data:image/gif;base64,R0lGOD==')).toBeNull();
    expect(logoBytes('data:image/png;base64,abc')).toBeNull();
  });
});
