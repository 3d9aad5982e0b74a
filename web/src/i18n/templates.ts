import { defineTranslations } from './define';

/** The templates pages. */
export const templates = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
