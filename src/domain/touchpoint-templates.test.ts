import { describe, expect, it } from 'vitest';
import { TEMPLATE_LANGUAGES, TOUCHPOINT_TEMPLATES, templateText } from './touchpoint-templates.js';
import { DEFAULT_CHANNELS, DEFAULT_STAGE_KEYS, DIRECTIONS, SLUG_PATTERN } from './vocabulary.js';

describe('touchpoint template library', () => {
  it('holds at least 100 templates with unique slug keys', () => {
    expect(TOUCHPOINT_TEMPLATES.length).toBeGreaterThanOrEqual(100);
    const keys = TOUCHPOINT_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key, key).toMatch(SLUG_PATTERN);
  });

  it('uses only default stages, seeded channel keys and known directions', () => {
    const channels = new Set<string>(DEFAULT_CHANNELS.map((c) => c.key));
    for (const t of TOUCHPOINT_TEMPLATES) {
      expect(DEFAULT_STAGE_KEYS, t.key).toContain(t.stage);
      expect(channels.has(t.channel), `${t.key}: channel ${t.channel}`).toBe(true);
      expect(DIRECTIONS, t.key).toContain(t.direction);
    }
  });

  it('covers every stage and most channels', () => {
    for (const stage of DEFAULT_STAGE_KEYS)
      expect(TOUCHPOINT_TEMPLATES.filter((t) => t.stage === stage).length, stage).toBeGreaterThanOrEqual(10);
    const used = new Set(TOUCHPOINT_TEMPLATES.map((t) => t.channel));
    expect(used.size).toBe(DEFAULT_CHANNELS.length);
  });

  it('has a name and a description in every language, distinct names within a language', () => {
    for (const language of TEMPLATE_LANGUAGES) {
      const names = new Set<string>();
      for (const t of TOUCHPOINT_TEMPLATES) {
        const { name, description } = t.text[language];
        expect(name.trim(), `${t.key} ${language} name`).not.toBe('');
        expect(description.trim(), `${t.key} ${language} description`).not.toBe('');
        expect(name.length, `${t.key} ${language} name`).toBeLessThanOrEqual(200);
        names.add(name.toLowerCase());
      }
      expect(names.size, language).toBe(TOUCHPOINT_TEMPLATES.length);
    }
  });

  it('is translated: other languages differ from English in most names', () => {
    for (const language of TEMPLATE_LANGUAGES.filter((l) => l !== 'en')) {
      const same = TOUCHPOINT_TEMPLATES.filter((t) => t.text[language].name === t.text.en.name);
      expect(same.length, `${language}: ${same.map((t) => t.key).join(', ')}`).toBeLessThan(10);
    }
  });

  it('gives the text in a language, English for an unknown one', () => {
    const card = TOUCHPOINT_TEMPLATES.find((t) => t.key === 'business-card');
    expect(card && templateText(card, 'de').name).toBe('Visitenkarte');
    expect(card && templateText(card, 'fr').name).toBe('Business card');
  });
});
