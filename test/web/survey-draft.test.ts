/**
 * The survey editor's working copy: what it sends on save (empty texts dropped, options only on
 * choice questions, the editor's own ids left out, local dates as instants) and where the API's
 * field messages land (a question's message shows at the question when it names a deeper field).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ZSurvey } from '../../src/api/surveys.schemas.js';
import {
  draftOf,
  errorAt,
  fromLocalInput,
  newQuestion,
  patchOf,
  surveyFieldErrors,
  toLocalInput,
} from '../../web/src/components/surveys/draft.js';

const survey: z.output<typeof ZSurvey> = {
  id: 's1',
  touchpointId: 'tp1',
  chainId: null,
  code: 'abcdefghij',
  publicUrl: 'https://example.com/s/abcdefghij',
  name: 'After a visit',
  status: 'draft',
  defaultLanguage: 'en',
  languages: ['en', 'de'],
  questions: [
    {
      id: 'satisfaction',
      kind: 'csat',
      required: true,
      text: { en: 'How satisfied?', de: 'Wie zufrieden?' },
    },
    {
      id: 'purpose',
      kind: 'choice',
      required: false,
      text: { en: 'Why?' },
      options: [
        { key: 'buy', text: { en: 'To buy' } },
        { key: 'info', text: { en: 'Information' } },
      ],
    },
  ],
  texts: { title: { en: 'Your visit', de: 'Ihr Besuch' }, thankYou: { en: 'Thanks' } },
  colour: '#1f6feb',
  logo: null,
  contactConsent: false,
  complaintRule: { csatMax: 2, requireComment: false },
  startsAt: '2026-05-01T09:00:00.000Z',
  endsAt: null,
  templateKey: 'after_visit',
  version: 3,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
};

describe('survey draft', () => {
  it('sends back what it read, with its version, when nothing changed', () => {
    const patch = patchOf(draftOf(survey), survey.version);
    expect(patch).toEqual({
      version: 3,
      name: 'After a visit',
      touchpointId: 'tp1',
      chainId: null,
      status: 'draft',
      defaultLanguage: 'en',
      questions: survey.questions,
      texts: survey.texts,
      colour: '#1f6feb',
      logo: null,
      contactConsent: false,
      complaintRule: { csatMax: 2, requireComment: false },
      startsAt: '2026-05-01T09:00:00.000Z',
      endsAt: null,
    });
  });

  it('drops emptied texts and the options of a question that is no longer a choice', () => {
    const draft = draftOf(survey);
    draft.texts = { ...draft.texts, title: { en: 'Your visit', de: '  ' }, intro: { en: '' } };
    const [first, second] = draft.questions;
    if (!first || !second) throw new Error('two questions expected');
    draft.questions = [
      { ...first, text: { en: 'Changed', de: '' } },
      { ...second, kind: 'csat' },
    ];
    const patch = patchOf(draft, 3);
    expect(patch.texts).toEqual({ title: { en: 'Your visit' }, thankYou: { en: 'Thanks' } });
    expect(patch.questions).toEqual([
      { id: 'satisfaction', kind: 'csat', required: true, text: { en: 'Changed' } },
      { id: 'purpose', kind: 'csat', required: false, text: { en: 'Why?' } },
    ]);
    expect(JSON.stringify(patch)).not.toContain('uid');
  });

  it('turns the date inputs’ local times into instants and back', () => {
    const local = toLocalInput('2026-05-01T09:00:00.000Z');
    expect(local).toMatch(/^2026-05-01T\d\d:00$/);
    expect(fromLocalInput(local)).toBe('2026-05-01T09:00:00.000Z');
    expect(fromLocalInput('')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('gives a new question a free id, and choice questions two options', () => {
    const taken = [...survey.questions, { id: 'csat-1', kind: 'csat' as const, required: true, text: {} }];
    const question = newQuestion('csat', taken, { en: 'New' });
    expect(question).toMatchObject({ id: 'csat-2', kind: 'csat', required: true, text: { en: 'New' } });
    expect(question.options).toBeUndefined();
    const choice = newQuestion('choice', survey.questions, {});
    expect(choice.options).toHaveLength(2);
    expect(newQuestion('comment', [], {}).required).toBe(false);
  });

  it('finds the API’s message at a field or under it', () => {
    // The shape of the web client's ApiError: the API's body on an Error.
    const error = Object.assign(new Error('The survey is not valid'), {
      body: {
        statusCode: 400,
        code: 'invalid',
        message: 'The survey is not valid',
        issues: [
          { field: 'questions.1.options.0.key', message: 'must be a slug' },
          { field: 'texts.title.en', message: 'must not be empty: it is the default language' },
        ],
      },
    });
    const errors = surveyFieldErrors(error);
    expect(errorAt(errors, 'texts.title')).toBe('must not be empty: it is the default language');
    expect(errorAt(errors, 'questions.1')).toBe('must be a slug');
    expect(errorAt(errors, 'questions.1.options.0.key')).toBe('must be a slug');
    expect(errorAt(errors, 'questions.0')).toBeUndefined();
    expect(errorAt(errors, 'questions.1.options.1')).toBeUndefined();
    expect(surveyFieldErrors(new Error('network'))).toEqual({});
  });
});
