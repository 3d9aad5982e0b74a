import { defineTranslations } from './define';

/** The chains pages. */
export const chains = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
