/**
 * The app's Mantine theme. Two things beyond the look:
 * - every text colour reads at WCAG AA (4.5:1): Mantine's default shades for text on white
 *   (blue.6 is 3.6:1, gray.6 "dimmed" 3.3:1, the light badges' text on their tint down to 2.7:1)
 *   are darkened just enough, computed here rather than hand-picked, so a new colour cannot slip;
 * - the shared widgets' built-in English names (the password toggle, the number steppers, close
 *   and pagination buttons) follow the UI language: the theme is rebuilt when the language changes.
 */
import {
  CloseButton,
  type CloseButtonProps,
  ColorInput,
  type CSSVariablesResolver,
  createTheme,
  darken,
  InputClearButton,
  type InputClearButtonProps,
  luminance,
  type MantineTheme,
  NumberInput,
  Pagination,
  PasswordInput,
} from '@mantine/core';
import type { TFunction } from 'i18next';

/** WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, darkened in small steps until it reads at `min` against each of `backgrounds`. */
export function readable(color: string, backgrounds: readonly string[], min = 4.5): string {
  let result = color;
  for (let i = 0; i < 40 && backgrounds.some((bg) => contrast(result, bg) < min); i++) {
    result = darken(result, 0.04);
  }
  return result;
}

const WHITE = '#ffffff';

/**
 * Light-scheme colour variables at AA: each colour's filled/outline/text shade (white text on it,
 * it as text on white and the light grey surfaces), its light variant's text on its own tint, the
 * dimmed text on every surface it appears on (grey and the blue of selected rows), placeholders.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme: MantineTheme) => {
  const gray = theme.colors.gray;
  const blue = theme.colors.blue;
  const surfaces = [WHITE, gray[0], gray[1]];
  const light: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    const filled = readable(shades[6], surfaces);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.12);
    light[`--mantine-color-${name}-text`] = filled;
    light[`--mantine-color-${name}-outline`] = filled;
    light[`--mantine-color-${name}-light-color`] = readable(shades[9], [shades[1], shades[2], WHITE]);
  }
  const dimmed = readable(gray[6], [...surfaces, blue[0], blue[1]]);
  light['--mantine-color-dimmed'] = dimmed;
  light['--mantine-color-placeholder'] = dimmed;
  light['--mantine-color-anchor'] = light[`--mantine-color-${theme.primaryColor}-filled`] ?? blue[8];
  return { variables: {}, light, dark: {} };
};

/** Names the two stepper buttons of a NumberInput (Mantine offers no prop for them). */
function stepperNames(t: TFunction<'a11y'>) {
  return (button: HTMLElement | null) => {
    if (!button) return;
    const name = button.dataset.direction === 'up' ? t('increment') : t('decrement');
    button.setAttribute('aria-label', name);
    button.title = name;
  };
}

/** The theme in the current language (`t` of the a11y namespace). */
export function buildTheme(t: TFunction<'a11y'>) {
  return createTheme({
    primaryColor: 'blue',
    defaultRadius: 'sm',
    components: {
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('togglePassword') } },
      }),
      // The steppers stay out of the tab order and hidden from screen readers as Mantine has them
      // (the arrow keys step the focused input); the names show on hover and to any tool that asks.
      NumberInput: NumberInput.extend({
        defaultProps: { attributes: { control: { ref: stepperNames(t) } } },
      }),
      // The × of drawers, modals and notifications ("Dismiss": the word "Close" is left to the
      // dialogs' own buttons, so that there is one button of that name)…
      CloseButton: CloseButton.extend({
        // Any prop reaches the button; the type lists only Mantine's own.
        defaultProps: { 'aria-label': t('close') } as Partial<CloseButtonProps>,
      }),
      // …and of clearable inputs, which clear rather than close.
      InputClearButton: InputClearButton.extend({
        defaultProps: { 'aria-label': t('clear') } as Partial<InputClearButtonProps>,
      }),
      ColorInput: ColorInput.extend({
        defaultProps: { eyeDropperButtonProps: { 'aria-label': t('eyeDropper') } },
      }),
      Pagination: Pagination.extend({
        defaultProps: {
          getControlProps: (control) => ({ 'aria-label': t(`page.${control}`) }),
          getItemProps: (page) => ({ 'aria-label': t('page.number', { page }) }),
        },
      }),
    },
  });
}
