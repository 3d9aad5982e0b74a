/** Translated labels of the fixed vocabularies (stages, directions, statuses, built-in channels). */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTENTION_SPANS,
  DEFAULT_CHANNELS,
  DEFAULT_STAGE_KEYS,
  DIRECTIONS,
  LIFETIMES,
  TOUCHPOINT_STATUSES,
} from '../../../../src/domain/vocabulary';
import type { Channel } from '../../api/types';

export { ATTENTION_SPANS, DEFAULT_STAGE_KEYS, DIRECTIONS, LIFETIMES, TOUCHPOINT_STATUSES };
export type StageKey = (typeof DEFAULT_STAGE_KEYS)[number];
export type ChannelKey = (typeof DEFAULT_CHANNELS)[number]['key'];

const BUILTIN_NAMES = new Map<string, string>(DEFAULT_CHANNELS.map((c) => [c.key, c.name]));

export function useLabels() {
  const { t } = useTranslation('touchpoints');
  /** A built-in channel keeps its translated name unless the workspace renamed it. */
  const channel = useCallback(
    (c: Pick<Channel, 'key' | 'name'>) =>
      BUILTIN_NAMES.get(c.key) === c.name ? t(`channel.${c.key as ChannelKey}`) : c.name,
    [t],
  );
  const channelKey = useCallback(
    (key: string) => (BUILTIN_NAMES.has(key) ? t(`channel.${key as ChannelKey}`) : key),
    [t],
  );
  return useMemo(
    () => ({
      stage: (key: string | null) => (key ? t(`stage.${key as StageKey}`) : ''),
      direction: (key: string) => t(`direction.${key as (typeof DIRECTIONS)[number]}`),
      status: (key: string) => t(`status.${key as (typeof TOUCHPOINT_STATUSES)[number]}`),
      channel,
      channelKey,
    }),
    [t, channel, channelKey],
  );
}

export const STATUS_COLORS: Record<string, string> = { planned: 'yellow', active: 'teal', retired: 'gray' };
