/** Translated labels of the fixed vocabularies (stages, directions, statuses, built-in channels). */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTENTION_SPANS,
  type DEFAULT_CHANNELS,
  DEFAULT_STAGE_KEYS,
  DIRECTIONS,
  LIFETIMES,
  TOUCHPOINT_STATUSES,
} from '../../../../src/domain/vocabulary';
import type { Channel } from '../../api/types';
import { useNames } from '../names';

export { ATTENTION_SPANS, DEFAULT_STAGE_KEYS, DIRECTIONS, LIFETIMES, TOUCHPOINT_STATUSES };
export type StageKey = (typeof DEFAULT_STAGE_KEYS)[number];
export type ChannelKey = (typeof DEFAULT_CHANNELS)[number]['key'];

export function useLabels() {
  const { t } = useTranslation('touchpoints');
  const names = useNames();
  /** A built-in channel shows its translated name unless the workspace renamed it. */
  const channel = useCallback(
    (c: Pick<Channel, 'key' | 'name'> & Partial<Pick<Channel, 'customName'>>) => names.channel(c),
    [names],
  );
  const channelKey = useCallback((key: string) => names.channel({ key }), [names]);
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
