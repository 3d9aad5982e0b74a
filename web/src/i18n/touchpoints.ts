import { defineTranslations } from './define';

/** The touchpoints pages. */
export const touchpoints = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
