/**
 * "Skip to content": the first thing the Tab key reaches on every page. It moves the focus to the
 * page's main landmark (or, on pages without the shell, the first heading), past the header and
 * the navigation.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './skip-link.module.css';

export const MAIN_TARGET = 'main, h1, h2';

function skip(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.querySelector<HTMLElement>(MAIN_TARGET);
  if (!target) return;
  event.preventDefault();
  // Focusable by script only: it is not a control and stays out of the tab order.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'start' });
}

export function SkipLink() {
  const { t } = useTranslation('a11y');
  return (
    // biome-ignore lint/a11y/useValidAnchor: a link by convention; its target is found when used (the shell's <main>, else the first heading), and focused, which a bare fragment would not do for an element without tabindex
    <a href="#root" className={classes.link} onClick={skip} data-testid="skip-link">
      {t('skipToContent')}
    </a>
  );
}
