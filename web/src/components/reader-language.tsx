/**
 * The language of a page opened without an account (a shared map): the browser's first language
 * the app speaks, else English, with a picker. The choice is not stored: the next reader of the
 * same browser gets their own language again.
 */
import { Select } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n, isLanguage, LANGUAGES, type Language } from '../i18n';

function readerLanguage(): Language {
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

function switchTo(language: string) {
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** Switches to the reader's language once, when the page opens. */
export function useReaderLanguage(): void {
  useEffect(() => switchTo(readerLanguage()), []);
}

export function ReaderLanguagePicker({ label, testId }: { label: string; testId?: string }) {
  const { i18n: current } = useTranslation();
  return (
    <Select
      aria-label={label}
      size="xs"
      w={130}
      allowDeselect={false}
      value={current.language}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
      onChange={(value) => {
        if (isLanguage(value)) switchTo(value);
      }}
      data-testid={testId}
    />
  );
}
