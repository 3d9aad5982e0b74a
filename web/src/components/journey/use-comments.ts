/**
 * A journey map's comments: the counts every cell and card shows, one thread at a time, and the
 * changes to it. Every query of a map's comments sits under one key, so that the live stream
 * (use-journey-live.ts) refreshes them all at once when someone else commented.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  JourneyComment,
  JourneyCommentCounts,
  ZJourneyCommentCreate,
  ZJourneyCommentPatch,
} from '../../../../src/api/journey-comments.schemas.js';
import { api, ws } from '../../api/client';
import type { Page } from '../../api/types';

export type { JourneyComment, JourneyCommentCounts };
export type CommentCreate = z.input<typeof ZJourneyCommentCreate>;
export type CommentPatch = z.input<typeof ZJourneyCommentPatch>;

/** What a thread is about: a card, a cell, or the map itself (neither). */
export type CommentTarget = { itemId: string } | { stageId: string; lane: string } | Record<string, never>;

/** The key under which every query of one map's comments is kept. */
export const commentsKey = (workspaceId: string, journeyId: string) =>
  ['journey-comments', workspaceId, journeyId] as const;

/** Key of a target in the counts: `item:<id>`, `cell:<stage>:<lane>` or `map`. */
export function targetKey(target: CommentTarget): string {
  if ('itemId' in target) return `item:${target.itemId}`;
  if ('stageId' in target) return `cell:${target.stageId}:${target.lane}`;
  return 'map';
}

/** Unresolved and all comments per target key. */
export type CountsByTarget = Map<string, { total: number; unresolved: number }>;

export function useCommentCounts(workspaceId: string, journeyId: string) {
  return useQuery({
    queryKey: [...commentsKey(workspaceId, journeyId), 'counts'],
    queryFn: () => api.get<JourneyCommentCounts>(ws(workspaceId, `/journeys/${journeyId}/comments/counts`)),
    select: (counts): CountsByTarget => {
      const byTarget: CountsByTarget = new Map([['map', counts.map]]);
      for (const c of counts.items) byTarget.set(targetKey({ itemId: c.itemId }), c);
      for (const c of counts.cells) byTarget.set(targetKey({ stageId: c.stageId, lane: c.lane }), c);
      return byTarget;
    },
  });
}

export function useCommentThread(workspaceId: string, journeyId: string, target: CommentTarget | null) {
  const query =
    target && 'itemId' in target
      ? { itemId: target.itemId }
      : target && 'stageId' in target
        ? { stageId: target.stageId, lane: target.lane }
        : {};
  return useQuery({
    queryKey: [...commentsKey(workspaceId, journeyId), 'thread', target ? targetKey(target) : ''],
    queryFn: async () => {
      const page = await api.get<Page<JourneyComment>>(ws(workspaceId, `/journeys/${journeyId}/comments`), {
        ...query,
        limit: 500,
      });
      // Map comments are those on neither a cell nor a card.
      return target && targetKey(target) === 'map'
        ? page.items.filter((c) => !c.itemId && !c.stageId)
        : page.items;
    },
    enabled: target !== null,
  });
}

export function useCommentActions(workspaceId: string, journeyId: string) {
  const queryClient = useQueryClient();
  const path = ws(workspaceId, `/journeys/${journeyId}/comments`);
  const refresh = () => queryClient.invalidateQueries({ queryKey: commentsKey(workspaceId, journeyId) });
  const create = useMutation({
    mutationFn: (body: CommentCreate) => api.post<JourneyComment>(path, body),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CommentPatch }) =>
      api.patch<JourneyComment>(`${path}/${id}`, patch),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`${path}/${id}`),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
