/** Translation helpers: English is the source; every other language must have the same keys (checked by tsc). */

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'ru', name: 'Русский' },
  { code: 'cs', name: 'Čeština' },
  { code: 'sk', name: 'Slovenčina' },
  { code: 'ro', name: 'Română' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as Language[];

/** The same nested keys as T with string leaves: a translation of T. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** One namespace in all six languages; a missing or extra key in any language is a type error. */
export function defineTranslations<const T extends Record<string, unknown>>(
  en: T,
  others: Record<Exclude<Language, 'en'>, Shape<T>>,
): Record<Language, Shape<T>> {
  return { en: en as Shape<T>, ...others };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGE_CODES as string[]).includes(value);
}
