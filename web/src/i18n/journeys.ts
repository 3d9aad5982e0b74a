import { defineTranslations } from './define';

/** The journeys pages. */
export const journeys = defineTranslations(
  { title: '' },
  { de: { title: '' }, ru: { title: '' }, cs: { title: '' }, sk: { title: '' }, ro: { title: '' } },
);
