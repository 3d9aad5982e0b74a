import { describe, expect, it } from 'vitest';
import { breaksComplaintRule, localText, pickLanguage, surveyLanguages } from './survey-model.js';

describe('pickLanguage', () => {
  it('takes the first preferred language the survey offers, by q-weight', () => {
    expect(pickLanguage('fr-FR,fr;q=0.9,de-AT;q=0.8,en;q=0.5', ['en', 'de'], 'en')).toBe('de');
    expect(pickLanguage('en;q=0.2, ru;q=0.9', ['en', 'ru'], 'en')).toBe('ru');
    expect(pickLanguage(['sk', 'cs'], ['cs', 'sk'], 'cs')).toBe('sk');
  });

  it('falls back to the workspace language, then to the first one offered', () => {
    expect(pickLanguage('fr,it', ['en', 'ro'], 'ro')).toBe('ro');
    expect(pickLanguage(undefined, ['de', 'cs'], 'ro')).toBe('de');
    expect(pickLanguage('de;q=0', ['en', 'de'], 'en')).toBe('en');
    expect(pickLanguage('', ['en'], 'en')).toBe('en');
  });
});

describe('survey texts', () => {
  it('reads a text in the language, the fallback, or any', () => {
    expect(localText({ en: 'Hi', de: 'Hallo' }, 'de', 'en')).toBe('Hallo');
    expect(localText({ en: 'Hi' }, 'cs', 'en')).toBe('Hi');
    expect(localText({ ro: 'Salut' }, 'cs', 'en')).toBe('Salut');
    expect(localText(undefined, 'cs', 'en')).toBe('');
  });

  it('lists the languages of a survey by its title', () => {
    expect(surveyLanguages({ title: { ru: 'Опрос', en: 'Survey', de: ' ' }, thankYou: {} })).toEqual([
      'en',
      'ru',
    ]);
  });
});

describe('breaksComplaintRule', () => {
  const rule = { csatMax: 2, npsMax: 6, cesMin: 6, requireComment: true };

  it('opens a complaint for a low score with a comment', () => {
    expect(breaksComplaintRule(rule, { csat: 2 }, 'rude staff')).toBe(true);
    expect(breaksComplaintRule(rule, { nps: 6 }, 'slow')).toBe(true);
    expect(breaksComplaintRule(rule, { ces: 7 }, 'hard')).toBe(true);
  });

  it('does not for good scores, a missing comment when one is required, or no rule', () => {
    expect(breaksComplaintRule(rule, { csat: 3, nps: 7, ces: 5 }, 'fine')).toBe(false);
    expect(breaksComplaintRule(rule, { csat: 1 }, '  ')).toBe(false);
    expect(breaksComplaintRule({ ...rule, requireComment: false }, { csat: 1 }, null)).toBe(true);
    expect(breaksComplaintRule(null, { csat: 1 }, 'bad')).toBe(false);
  });
});
