import { describe, expect, it } from 'vitest';
import { checkCriterionScale } from './audit-scoring.js';
import { AUDIT_TEMPLATES, matchTemplateTouchpoint, templateLanguage } from './audit-templates.js';
import { TEMPLATE_LANGUAGES, TOUCHPOINT_TEMPLATES } from './touchpoint-templates.js';

describe('audit checklist templates', () => {
  it('cover a clinic, a consulting firm, a store and any website, in six languages, with valid scales', () => {
    expect(AUDIT_TEMPLATES.map((t) => t.business).sort()).toEqual(['any', 'clinic', 'consulting', 'store']);
    expect(new Set(AUDIT_TEMPLATES.map((t) => t.key)).size).toBe(AUDIT_TEMPLATES.length);
    const libraryKeys = new Set(TOUCHPOINT_TEMPLATES.map((t) => t.key));
    for (const t of AUDIT_TEMPLATES) {
      expect(t.criteria.length, t.key).toBeGreaterThanOrEqual(5);
      for (const language of TEMPLATE_LANGUAGES) {
        expect(t.name[language].trim(), `${t.key} ${language}`).not.toBe('');
        expect(t.description[language].trim(), `${t.key} ${language}`).not.toBe('');
      }
      for (const c of t.criteria) {
        expect(libraryKeys.has(c.touchpointKey), c.touchpointKey).toBe(true);
        expect(() => checkCriterionScale(c)).not.toThrow();
        expect(c.weight).toBeGreaterThan(0);
        const texts = TEMPLATE_LANGUAGES.map((l) => c.text[l]);
        expect(
          texts.every((x) => x.trim() !== ''),
          c.text.en,
        ).toBe(true);
        // Translated, not copied: the German text differs from the English one.
        expect(c.text.de, c.text.en).not.toBe(c.text.en);
      }
    }
    const web = AUDIT_TEMPLATES.find((t) => t.key === 'website-email');
    expect(web?.criteria.find((c) => c.text.en === 'Reply to an e-mail within 10 min')).toMatchObject({
      scale: 'number',
      target: 10,
      comparator: 'lte',
      unit: 'min',
      touchpointKey: 'email-inquiry',
      stage: 'information_search',
      channel: 'email',
    });
  });

  it('finds the touchpoint by key, by a -key suffix among own ones, or the only own one of channel and stage', () => {
    const c = { touchpointKey: 'reception', stage: 'comparison' as const, channel: 'premises' as const };
    const tp = (id: string, key: string, own = true, stage = 'purchase', channelKey = 'premises') => ({
      id,
      key,
      own,
      stage,
      channelKey,
    });
    expect(matchTemplateTouchpoint(c, [tp('1', 'clinic-reception'), tp('2', 'reception', false)])?.id).toBe(
      '2',
    );
    expect(
      matchTemplateTouchpoint(c, [tp('1', 'clinic-reception'), tp('2', 'rival-reception', false)])?.id,
    ).toBe('1');
    // Two own suffixed: no guess; then the one own touchpoint of the same channel and stage.
    expect(
      matchTemplateTouchpoint(c, [
        tp('1', 'a-reception'),
        tp('2', 'b-reception'),
        tp('3', 'desk', true, 'comparison'),
      ])?.id,
    ).toBe('3');
    expect(matchTemplateTouchpoint(c, [tp('1', 'desk'), tp('2', 'hall')])).toBeNull();
    // Limited to a journey's touchpoints.
    expect(
      matchTemplateTouchpoint(c, [tp('1', 'reception'), tp('2', 'x-reception')], new Set(['2']))?.id,
    ).toBe('2');
    expect(templateLanguage('sk')).toBe('sk');
    expect(templateLanguage('fr')).toBe('en');
  });
});
