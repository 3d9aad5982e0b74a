import { defineTranslations } from './define';

/** The analytics pages. */
export const analytics = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
