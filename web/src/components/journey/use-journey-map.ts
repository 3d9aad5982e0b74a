/**
 * The journey map's data: one query for the whole map (journey, stages, every cell item) and the
 * changes the map page makes. Stage and lane changes carry the journey version read; a 409 reloads
 * the map and tells the user. Item changes answer with the journey's new version, which is kept so
 * the next stage or lane change does not conflict with the user's own edits.
 */
import { notifications } from '@mantine/notifications';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ZJourneyItemCreate,
  ZJourneyItemPatch,
  ZJourneyPatch,
  ZStageEdit,
} from '../../../../src/api/journeys.schemas.js';
import { ApiError, api, ws } from '../../api/client';
import type { JourneyItem, JourneyMap, LaneEdit } from '../../api/types';
import { type Names, useNames } from '../names';
import { errorMessage } from '../states';

export type StageEdit = z.input<typeof ZStageEdit>;
export type JourneyPatch = Omit<z.input<typeof ZJourneyPatch>, 'version'>;
export type ItemCreate = z.input<typeof ZJourneyItemCreate>;
export type ItemPatch = z.input<typeof ZJourneyItemPatch>;
type ItemChange = JourneyItem & { journeyVersion: number };

export const journeyKey = (workspaceId: string, journeyId: string) =>
  ['journey', workspaceId, journeyId] as const;

/** Key of a cell: stage × lane. */
export const cellKey = (stageId: string, lane: string) => `${stageId}\u0000${lane}`;

/**
 * The map as the reader sees it: default stages and lanes named in the UI language, renamed ones as
 * written (`customName` stays as the API gave it, so edits send defaults back without a name). The
 * cache keeps the API's answer; stage and lane lists keep their identity while unchanged.
 */
function localizer(names: Names): (map: JourneyMap) => JourneyMap {
  const stageLists = new WeakMap<JourneyMap['stages'], JourneyMap['stages']>();
  const laneLists = new WeakMap<JourneyMap['lanes'], JourneyMap['lanes']>();
  return (map) => {
    let stages = stageLists.get(map.stages);
    if (!stages) {
      stages = map.stages.map((s) => ({ ...s, name: names.stage(s) }));
      stageLists.set(map.stages, stages);
    }
    let lanes = laneLists.get(map.lanes);
    if (!lanes) {
      lanes = map.lanes.map((l) => ({ ...l, name: names.lane(l) }));
      laneLists.set(map.lanes, lanes);
    }
    return { ...map, stages, lanes };
  };
}

export function useJourneyMap(workspaceId: string, journeyId: string) {
  const names = useNames();
  const select = useMemo(() => localizer(names), [names]);
  return useQuery({
    queryKey: journeyKey(workspaceId, journeyId),
    queryFn: () => api.get<JourneyMap>(ws(workspaceId, `/journeys/${journeyId}`)),
    select,
  });
}

/** The items of every cell, each list in place order; lists keep their identity while unchanged. */
export function useCells(items: JourneyItem[] | undefined): Map<string, JourneyItem[]> {
  return useMemo(() => {
    const cells = new Map<string, JourneyItem[]>();
    for (const item of items ?? []) {
      const key = cellKey(item.stageId, item.lane);
      const list = cells.get(key);
      if (list) list.push(item);
      else cells.set(key, [item]);
    }
    for (const list of cells.values()) list.sort((a, b) => a.position - b.position);
    return cells;
  }, [items]);
}

/** Errors of the map's changes are shown by the actions themselves; callers need not handle them. */
const ignore = () => undefined;

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

function patchCache(
  queryClient: QueryClient,
  key: readonly unknown[],
  change: (map: JourneyMap) => JourneyMap,
): void {
  queryClient.setQueryData<JourneyMap>(key, (map) => (map ? change(map) : map));
}

/** Every change the map page makes, with cache updates, reload on conflict and error messages. */
export function useJourneyMapActions(workspaceId: string, journeyId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = useMemo(() => journeyKey(workspaceId, journeyId), [workspaceId, journeyId]);
  const path = ws(workspaceId, `/journeys/${journeyId}`);

  const current = useCallback(() => queryClient.getQueryData<JourneyMap>(key), [queryClient, key]);
  const reload = useCallback(() => queryClient.invalidateQueries({ queryKey: key }), [queryClient, key]);
  const refreshCurve = useCallback(
    () => queryClient.invalidateQueries({ queryKey: ['journey-sentiment', workspaceId, journeyId] }),
    [queryClient, workspaceId, journeyId],
  );

  const fail = useCallback(
    (error: unknown) => {
      if (isConflict(error)) {
        notifications.show({ color: 'orange', message: t('state.conflict') });
      } else {
        notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(error) });
      }
      void reload();
    },
    [t, reload],
  );

  /** Keeps an item's answer in the cache: the item itself and the journey's new version. */
  const keepItem = useCallback(
    (change: ItemChange) => {
      const { journeyVersion, ...item } = change;
      patchCache(queryClient, key, (map) => {
        const others = map.items.filter((i) => i.id !== item.id);
        return { ...map, version: journeyVersion, items: [...others, item] };
      });
    },
    [queryClient, key],
  );

  const saveStages = useMutation({
    mutationFn: (stages: StageEdit[]) => {
      const map = current();
      if (!map) throw new Error('journey map not loaded');
      return api.put<JourneyMap>(`${path}/stages`, { version: map.version, stages });
    },
    onSuccess: (map) => {
      queryClient.setQueryData(key, map);
      void refreshCurve();
    },
    onError: fail,
  });

  const saveJourney = useMutation({
    mutationFn: (patch: JourneyPatch) => {
      const map = current();
      if (!map) throw new Error('journey map not loaded');
      return api.patch<JourneyMap>(path, { ...patch, version: map.version });
    },
    onSuccess: (map) => {
      queryClient.setQueryData(key, map);
      queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });
    },
    onError: fail,
  });

  const addItem = useMutation({
    mutationFn: (body: ItemCreate) => api.post<ItemChange>(`${path}/items`, body),
    onSuccess: (change) => {
      keepItem(change);
      if (change.touchpointId) void refreshCurve();
    },
    onError: fail,
  });

  const updateItem = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ItemPatch }) =>
      api.patch<ItemChange>(`${path}/items/${id}`, patch),
    onMutate: ({ id, patch }) => {
      // Show the change at once; the answer (or a reload on error) settles it.
      patchCache(queryClient, key, (map) => ({
        ...map,
        items: map.items.map((item) =>
          item.id === id
            ? {
                ...item,
                stageId: patch.stageId ?? item.stageId,
                lane: patch.lane ?? item.lane,
                text: patch.text ?? item.text,
                position: patch.position ?? Number.MAX_SAFE_INTEGER,
              }
            : item,
        ),
      }));
    },
    onSuccess: (change, { patch }) => {
      keepItem(change);
      // Other items of both cells moved up or down: take the server's places.
      if (patch.stageId || patch.lane || patch.position !== undefined) void reload();
      if (change.touchpointId && (patch.stageId || patch.lane)) void refreshCurve();
    },
    onError: fail,
  });

  const removeItem = useMutation({
    mutationFn: (id: string) => api.delete(`${path}/items/${id}`),
    onMutate: (id) => {
      patchCache(queryClient, key, (map) => ({ ...map, items: map.items.filter((i) => i.id !== id) }));
    },
    onSuccess: () => {
      void reload();
      void refreshCurve();
    },
    onError: fail,
  });

  // Stable callbacks: the memoized cells of the map receive them and must not re-render for them.
  const stages = saveStages.mutateAsync;
  const journey = saveJourney.mutateAsync;
  const add = addItem.mutateAsync;
  const update = updateItem.mutateAsync;
  const remove = removeItem.mutateAsync;
  return useMemo(
    () => ({
      current,
      saveStages: (list: StageEdit[]) => stages(list).catch(ignore),
      saveLanes: (lanes: LaneEdit[]) => journey({ lanes }).catch(ignore),
      saveJourney: (patch: JourneyPatch) => journey(patch).catch(ignore),
      addItem: (body: ItemCreate) => add(body).catch(ignore),
      updateItem: (id: string, patch: ItemPatch) => update({ id, patch }).catch(ignore),
      removeItem: (id: string) => remove(id).catch(ignore),
    }),
    [current, stages, journey, add, update, remove],
  );
}

export type JourneyMapActions = ReturnType<typeof useJourneyMapActions>;
