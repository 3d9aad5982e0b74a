import { defineTranslations } from './define';

/** The data pages. */
export const data = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
