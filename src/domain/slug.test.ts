import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';
import { SLUG_PATTERN } from './vocabulary.js';

describe('slugify', () => {
  it('makes a valid key from a name in each language of the app', () => {
    const cases: [string, string][] = [
      ['Price check', 'price-check'],
      ['Стойка регистрации', 'stoyka-registratsii'],
      ['Recepție', 'receptie'],
      ['Příjem objednávky', 'prijem-objednavky'],
      ['Ľudská podpora ďalej', 'ludska-podpora-dalej'],
      ['Straße & Größe', 'strasse-grosse'],
      ['Щедрый подъезд, ёлка', 'shchedryy-podezd-elka'],
      ['  --Kiosk 24/7--  ', 'kiosk-24-7'],
    ];
    for (const [name, key] of cases) {
      expect(slugify(name), name).toBe(key);
      expect(SLUG_PATTERN.test(key), key).toBe(true);
    }
  });

  it('gives nothing for a name without letters or digits, and keeps within the length limit', () => {
    expect(slugify('')).toBe('');
    expect(slugify(' — ! ')).toBe('');
    expect(slugify('漢字')).toBe('');
    const long = slugify('a '.repeat(200));
    expect(long.length).toBeLessThanOrEqual(128);
    expect(SLUG_PATTERN.test(long)).toBe(true);
    expect(long.endsWith('-')).toBe(false);
    expect(slugify('Регистрация', 5)).toBe('regis');
  });
});
