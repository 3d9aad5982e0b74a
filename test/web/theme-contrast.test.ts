/**
 * The web theme: every text colour it sets reads at WCAG AA (4.5:1) on the surfaces it is used on,
 * where Mantine's defaults do not; the widgets' built-in names come from the translations, in all
 * six languages.
 */
import { DEFAULT_THEME, type MantineTheme, mergeMantineTheme } from '@mantine/core';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { a11y } from '../../web/src/i18n/a11y.js';
import { LANGUAGE_CODES } from '../../web/src/i18n/define.js';
import { buildTheme, contrast, cssVariablesResolver, readable } from '../../web/src/theme.js';

const WHITE = '#ffffff';
const t = ((key: string) => `«${key}»`) as unknown as TFunction<'a11y'>;
const theme: MantineTheme = mergeMantineTheme(DEFAULT_THEME, buildTheme(t));
const light = cssVariablesResolver(theme).light;

describe('theme colours', () => {
  it('Mantine’s defaults fail AA for text (the reason for the resolver)', () => {
    expect(contrast(DEFAULT_THEME.colors.blue[6], WHITE)).toBeLessThan(4.5);
    expect(contrast(DEFAULT_THEME.colors.gray[6], WHITE)).toBeLessThan(4.5);
    expect(contrast(DEFAULT_THEME.colors.yellow[9], DEFAULT_THEME.colors.yellow[1])).toBeLessThan(4.5);
  });

  it('darkens a colour just until it reads, and leaves a readable one alone', () => {
    expect(readable('#000000', [WHITE])).toBe('#000000');
    const orange = readable(DEFAULT_THEME.colors.orange[6], [WHITE]);
    expect(contrast(orange, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(orange, WHITE)).toBeLessThan(6);
  });

  it('sets every colour’s filled, text, outline and light-variant text at 4.5:1 or better', () => {
    const gray = theme.colors.gray;
    for (const [name, shades] of Object.entries(theme.colors)) {
      const filled = light[`--mantine-color-${name}-filled`] ?? '';
      expect(light[`--mantine-color-${name}-text`], name).toBe(filled);
      expect(light[`--mantine-color-${name}-outline`], name).toBe(filled);
      for (const surface of [WHITE, gray[0], gray[1]]) {
        expect(contrast(filled, surface), `${name} on ${surface}`).toBeGreaterThanOrEqual(4.5);
      }
      const lightText = light[`--mantine-color-${name}-light-color`] ?? '';
      for (const tint of [shades[1], shades[2]]) {
        expect(contrast(lightText, tint), `${name} light text on ${tint}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('sets dimmed text and placeholders readable on white, grey and the blue of selected rows', () => {
    const dimmed = light['--mantine-color-dimmed'] ?? '';
    expect(light['--mantine-color-placeholder']).toBe(dimmed);
    const { gray, blue } = theme.colors;
    for (const surface of [WHITE, gray[0], gray[1], blue[0], blue[1]]) {
      expect(contrast(dimmed, surface), surface).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('theme names of the widgets’ own controls', () => {
  it('names the password toggle, close, clear, pagination and colour picker buttons from the translations', () => {
    const props = (name: string) => theme.components[name]?.defaultProps as Record<string, unknown>;
    expect(props('PasswordInput').visibilityToggleButtonProps).toEqual({ 'aria-label': '«togglePassword»' });
    expect(props('CloseButton')['aria-label']).toBe('«close»');
    expect(props('InputClearButton')['aria-label']).toBe('«clear»');
    expect(props('ColorInput').eyeDropperButtonProps).toEqual({ 'aria-label': '«eyeDropper»' });
    const pagination = props('Pagination') as {
      getControlProps(c: string): Record<string, string>;
      getItemProps(p: number): Record<string, string>;
    };
    expect(pagination.getControlProps('next')).toEqual({ 'aria-label': '«page.next»' });
    expect(pagination.getItemProps(3)).toEqual({ 'aria-label': '«page.number»' });
  });

  it('names the number steppers by their direction', () => {
    const attributes = theme.components.NumberInput?.defaultProps?.attributes as {
      control: { ref(el: unknown): void };
    };
    const button = (direction: string) => {
      const attrs: Record<string, string> = {};
      return {
        dataset: { direction },
        title: '',
        setAttribute: (name: string, value: string) => {
          attrs[name] = value;
        },
        attrs,
      };
    };
    const up = button('up');
    const down = button('down');
    attributes.control.ref(up);
    attributes.control.ref(down);
    attributes.control.ref(null);
    expect([up.attrs['aria-label'], up.title]).toEqual(['«increment»', '«increment»']);
    expect([down.attrs['aria-label'], down.title]).toEqual(['«decrement»', '«decrement»']);
  });

  it('has every name translated in all six languages', () => {
    const flat = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`),
      );
    const english = new Map(flat(a11y.en));
    for (const language of LANGUAGE_CODES.filter((l) => l !== 'en')) {
      for (const [key, text] of flat(a11y[language])) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(text, `${language} ${key}`).not.toBe(english.get(key));
      }
    }
  });
});
