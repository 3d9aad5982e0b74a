import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './survey-model.js';
import { surveyIssues } from './survey-rules.js';
import {
  DEFAULT_COMPLAINT_RULE,
  SURVEY_TEMPLATE_KEYS,
  surveyTemplate,
  surveyTemplates,
} from './survey-templates.js';

describe('survey templates', () => {
  it('offers after a call, a visit, a purchase, a website and the A-11 trust statements', () => {
    expect(surveyTemplates().map((t) => t.key)).toEqual([...SURVEY_TEMPLATE_KEYS]);
    expect(SURVEY_TEMPLATE_KEYS).toEqual([
      'after_call',
      'after_visit',
      'after_purchase',
      'website',
      'a11_trust',
    ]);
  });

  it('is a valid survey in each of the six languages, with every text written in all six', () => {
    for (const t of surveyTemplates()) {
      for (const language of LANGUAGES) {
        const issues = surveyIssues({
          status: 'live',
          defaultLanguage: language,
          questions: t.questions,
          texts: t.texts,
          colour: '#1f6feb',
          logo: null,
          contactConsent: true,
          complaintRule: t.complaintRule,
          startsAt: null,
          endsAt: null,
        });
        expect(issues, `${t.key} in ${language}`).toEqual([]);
        expect(t.name[language], `${t.key} name`).toBeTruthy();
        expect(t.description[language], `${t.key} description`).toBeTruthy();
        expect(t.texts.intro?.[language], `${t.key} intro`).toBeTruthy();
      }
      expect(t.complaintRule).toEqual({ csatMax: 2, npsMax: 6, cesMin: 6, requireComment: true });
    }
  });

  it('asks the A-11 statements as CSAT-like 1–5 answers, trust among them', () => {
    const a11 = surveyTemplate('a11_trust');
    expect(a11?.questions.map((q) => `${q.id}:${q.kind}`)).toEqual([
      'satisfaction:csat',
      'trust:csat',
      'effectiveness:csat',
      'ease:csat',
      'efficiency:csat',
      'equity:csat',
      'employee:csat',
      'comment:comment',
    ]);
    expect(a11?.questions[1]?.text.en).toBe('I trust this organisation.');
  });

  it('hands out copies: changing one leaves the next alone', () => {
    const first = surveyTemplate('after_visit');
    if (!first) throw new Error('no template');
    const [firstQuestion] = first.questions;
    if (firstQuestion) firstQuestion.text.en = 'changed';
    first.complaintRule.csatMax = 1;
    expect(surveyTemplate('after_visit')?.questions[0]?.text.en).toBe(
      'How satisfied are you with your visit today?',
    );
    expect(DEFAULT_COMPLAINT_RULE.csatMax).toBe(2);
    expect(surveyTemplate('nope')).toBeUndefined();
  });
});
