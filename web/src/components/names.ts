/**
 * The names of stages, lanes and channels as the reader sees them: a default stage or lane and a
 * built-in channel carry no name of their own until a user renames them (the API gives `customName`
 * null), and show in the UI language; a renamed or own one shows as written.
 *
 * Analyses and reports that answer only with `key` and the resolved `name` are covered too: the
 * server never stores the English default as a custom name, so a name equal to it is the default.
 */
import i18n from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CHANNELS, DEFAULT_LANES, DEFAULT_STAGES } from '../../../src/domain/vocabulary';

/** Anything named by a key: with `customName` from the catalog DTOs, else the resolved `name`. */
export interface Named {
  key: string;
  name?: string | null | undefined;
  customName?: string | null | undefined;
}

type StageKey = (typeof DEFAULT_STAGES)[number]['key'];
type LaneKey = (typeof DEFAULT_LANES)[number]['key'];
type ChannelKey = (typeof DEFAULT_CHANNELS)[number]['key'];

const STAGE_NAMES = new Map<string, string>(DEFAULT_STAGES.map((s) => [s.key, s.name]));
const LANE_NAMES = new Map<string, string>(DEFAULT_LANES.map((l) => [l.key, l.name]));
const CHANNEL_NAMES = new Map<string, string>(DEFAULT_CHANNELS.map((c) => [c.key, c.name]));

type Translate = (key: string) => string;

function resolve(defaults: Map<string, string>, translate: Translate, item: Named): string {
  const english = defaults.get(item.key);
  if (item.customName !== undefined) {
    if (item.customName) return item.customName;
    return english === undefined ? (item.name ?? item.key) : translate(item.key);
  }
  if (english !== undefined && (item.name === undefined || item.name === null || item.name === english))
    return translate(item.key);
  return item.name ?? item.key;
}

export interface Names {
  stage: (item: Named) => string;
  lane: (item: Named) => string;
  channel: (item: Named) => string;
  /** Whether the key has a default name to go back to (a rename to nothing resets it). */
  isDefaultStage: (key: string) => boolean;
  isDefaultLane: (key: string) => boolean;
  isBuiltinChannel: (key: string) => boolean;
}

function names(tj: Translate, tt: Translate): Names {
  return {
    stage: (item) => resolve(STAGE_NAMES, (key) => tj(`defaults.stages.${key}`), item),
    lane: (item) => resolve(LANE_NAMES, (key) => tj(`defaults.lanes.${key}`), item),
    channel: (item) => resolve(CHANNEL_NAMES, (key) => tt(`channel.${key}`), item),
    isDefaultStage: (key) => STAGE_NAMES.has(key),
    isDefaultLane: (key) => LANE_NAMES.has(key),
    isBuiltinChannel: (key) => CHANNEL_NAMES.has(key),
  };
}

/** The display names in the current UI language (a new object when the language changes). */
export function useNames(): Names {
  const { t: tj } = useTranslation('journeys');
  const { t: tt } = useTranslation('touchpoints');
  return useMemo(
    () =>
      names(
        (key) => tj(key as `defaults.stages.${StageKey}` | `defaults.lanes.${LaneKey}`),
        (key) => tt(key as `channel.${ChannelKey}`),
      ),
    [tj, tt],
  );
}

/** The same outside React (e.g. in chart options built in plain functions). */
export function currentNames(): Names {
  return names(
    (key) => i18n.t(key as `defaults.stages.${StageKey}`, { ns: 'journeys' }),
    (key) => i18n.t(key as `channel.${ChannelKey}`, { ns: 'touchpoints' }),
  );
}
