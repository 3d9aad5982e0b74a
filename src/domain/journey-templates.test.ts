import { describe, expect, it } from 'vitest';
import {
  findJourneyTemplate,
  JOURNEY_TEMPLATES,
  localizeTemplate,
  templateLanguage,
} from './journey-templates.js';
import { TEMPLATE_LANGUAGES } from './touchpoint-templates.js';
import { DEFAULT_LANES, DEFAULT_STAGE_KEYS, SLUG_PATTERN } from './vocabulary.js';

describe('journey templates', () => {
  it('cover a clinic, consulting, a shop, an online order and a school canteen', () => {
    expect(JOURNEY_TEMPLATES.map((t) => t.key).sort()).toEqual([
      'clinic-visit',
      'consulting-engagement',
      'online-order',
      'retail-purchase',
      'school-canteen',
    ]);
  });

  it('name every own stage, note and the template itself in all six languages, each its own text', () => {
    for (const t of JOURNEY_TEMPLATES) {
      const localized = [t.name, t.description, ...t.stages.flatMap((s) => (s.name ? [s.name] : []))];
      for (const text of [...localized, ...t.notes.map((n) => n.text)]) {
        for (const language of TEMPLATE_LANGUAGES)
          expect(text[language].trim(), `${t.key} ${language}`).not.toBe('');
        // A translation is not the English text copied (short words such as "Feedback" aside).
        if (text.en.length > 12) expect(text.de, `${t.key}: ${text.en}`).not.toBe(text.en);
        expect(text.ru, `${t.key}: ${text.en}`).not.toBe(text.en);
      }
    }
  });

  it('use default stages unnamed, own stages with slug keys, unique keys and emotions within −2…+2', () => {
    for (const t of JOURNEY_TEMPLATES) {
      const keys = t.stages.map((s) => s.key);
      expect(new Set(keys).size, t.key).toBe(keys.length);
      for (const s of t.stages) {
        expect(s.key).toMatch(SLUG_PATTERN);
        const isDefault = (DEFAULT_STAGE_KEYS as readonly string[]).includes(s.key);
        expect(s.name === null, `${t.key}/${s.key}`).toBe(isDefault);
        expect(Math.abs(s.designedEmotion)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('put every starter note in one of its stages and a text lane of its own', () => {
    const defaultLanes = DEFAULT_LANES.map((l) => l.key) as string[];
    for (const t of JOURNEY_TEMPLATES) {
      expect(t.lanes.every((l) => defaultLanes.includes(l))).toBe(true);
      expect(t.notes.length).toBeGreaterThanOrEqual(5);
      for (const n of t.notes) {
        expect(t.stages.map((s) => s.key)).toContain(n.stage);
        expect(t.lanes).toContain(n.lane);
        expect(n.lane).not.toBe('touchpoints');
      }
    }
  });

  it('localize a template: own stage names and notes in the language, default stages unnamed', () => {
    const clinic = findJourneyTemplate('clinic-visit');
    if (!clinic) throw new Error('no clinic template');
    const de = localizeTemplate(clinic, 'de');
    expect(de.name).toBe('Praxisbesuch');
    expect(de.stages[0]).toEqual({ key: 'booking', name: 'Terminvereinbarung', designedEmotion: 0 });
    expect(de.notes.some((n) => n.text === 'Muss ich lange warten?')).toBe(true);
    const retail = findJourneyTemplate('retail-purchase');
    if (!retail) throw new Error('no retail template');
    expect(localizeTemplate(retail, 'ru').stages.map((s) => s.name)).toEqual([null, null, null, null, null]);
    expect(findJourneyTemplate('nope')).toBeUndefined();
    expect(templateLanguage('cs')).toBe('cs');
    expect(templateLanguage('fr')).toBe('en');
    expect(templateLanguage(undefined)).toBe('en');
  });
});
