/**
 * Keys (slugs) from names, for every language of the app: Cyrillic is transliterated, diacritics
 * are stripped (ă → a, ř → r, ß → ss), everything else between letters and digits becomes `-`.
 * The result matches SLUG_PATTERN, or is '' when the name has no letter or digit at all.
 */
import { SLUG_PATTERN } from './vocabulary.js';

/** Russian (and the other Cyrillic letters the app may meet), in a plain Latin transliteration. */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};

/** Latin letters that do not decompose into a base letter and a combining mark. */
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** The longest slug SLUG_PATTERN allows. */
export const SLUG_MAX = 128;

/** "Стойка регистрации" → "stoyka-registratsii", "Recepție" → "receptie", "Price check" → "price-check". */
export function slugify(name: string, max = SLUG_MAX): string {
  const latin = [...name.toLowerCase()].map((c) => CYRILLIC[c] ?? LATIN[c] ?? c).join('');
  const slug = latin
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, Math.min(max, SLUG_MAX))
    .replace(/-+$/, '');
  return SLUG_PATTERN.test(slug) ? slug : '';
}
