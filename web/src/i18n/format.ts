/** Numbers, percentages, dates and durations in the UI language (Intl). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  number(value: number | null | undefined, fractionDigits?: number): string;
  percent(share: number | null | undefined, fractionDigits?: number): string;
  date(value: string | number | Date | null | undefined): string;
  dateTime(value: string | number | Date | null | undefined): string;
  /** A duration in milliseconds as the largest sensible unit: "45 s", "3.5 h", "2 d". */
  duration(ms: number | null | undefined): string;
}

const DASH = '–';

export function formatters(locale: string): Formatters {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  return {
    number: (value, digits = 0) =>
      value === null || value === undefined ? DASH : numberFormat(digits).format(value),
    percent: (share, digits = 1) =>
      share === null || share === undefined
        ? DASH
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share),
    date: (value) => (value === null || value === undefined ? DASH : dateFormat.format(new Date(value))),
    dateTime: (value) =>
      value === null || value === undefined ? DASH : dateTimeFormat.format(new Date(value)),
    duration: (ms) => {
      if (ms === null || ms === undefined) return DASH;
      const seconds = ms / 1000;
      if (seconds < 90) return unit(seconds, 'second');
      if (seconds < 90 * 60) return unit(seconds / 60, 'minute');
      if (seconds < 36 * 3600) return unit(seconds / 3600, 'hour');
      return unit(seconds / 86400, 'day');
    },
  };
}

/** Formatters for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
}
