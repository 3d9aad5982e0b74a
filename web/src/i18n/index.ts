/**
 * i18next set-up: six languages (those of the source articles), one namespace per area of the app.
 * The language comes from the user's profile once signed in, else from the last choice on this
 * browser, else from the browser's languages.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { a11y } from './a11y';
import { account } from './account';
import { alerts } from './alerts';
import { analytics } from './analytics';
import { audits } from './audits';
import { benchmark } from './benchmark';
import { chains } from './chains';
import { comments } from './comments';
import { common } from './common';
import { complaints } from './complaints';
import { data } from './data';
import { isLanguage, LANGUAGE_CODES, type Language } from './define';
import { invitations } from './invitations';
import { journeys } from './journeys';
import { lanes } from './lanes';
import { personas } from './personas';
import { report } from './report';
import { reviews } from './reviews';
import { settings } from './settings';
import { sharing } from './sharing';
import { surveys } from './surveys';
import { tasks } from './tasks';
import { templates } from './templates';
import { touchpoints } from './touchpoints';

const namespaces = {
  common,
  a11y,
  touchpoints,
  templates,
  journeys,
  lanes,
  chains,
  analytics,
  data,
  settings,
  account,
  tasks,
  complaints,
  surveys,
  reviews,
  benchmark,
  audits,
  report,
  alerts,
  invitations,
  sharing,
  comments,
  personas,
};
type Namespaces = typeof namespaces;

export const resources = Object.fromEntries(
  LANGUAGE_CODES.map((lang) => [
    lang,
    Object.fromEntries(Object.entries(namespaces).map(([ns, byLanguage]) => [ns, byLanguage[lang]])),
  ]),
) as Record<Language, { [NS in keyof Namespaces]: Namespaces[NS]['en'] }>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { [NS in keyof Namespaces]: Namespaces[NS]['en'] };
  }
}

const STORAGE_KEY = 'touchpoints.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

/** Switches the UI language and remembers it on this browser. */
export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export * from './define';
export { i18n };
