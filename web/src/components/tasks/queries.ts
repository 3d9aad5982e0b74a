/**
 * Improvement tasks over the API: the list (with its filters), one task's comments, and the moves
 * and edits, each carrying the task's version so a concurrent change answers 409 instead of being lost.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { USER_TASK_STATUSES } from '../../../../src/domain/vocabulary';
import { api, ws } from '../../api/client';
import type { Task, TaskComment, TaskCreate, TaskPatch, TaskPrefill } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';

export type TaskStatus = Task['status'];
export type Lever = Task['lever'];
export type TaskTargets = Task['targets'];

/** The filters of the task list the API applies (a subset of its query). */
export interface TaskFilter {
  lever?: Lever;
  ownerUserId?: string;
  mine?: boolean;
  touchpointId?: string;
  chainId?: string;
  chainLinkId?: string;
  journeyId?: string;
  stageId?: string;
  standardId?: string;
  overdue?: boolean;
}

const TASKS_KEY = 'tasks';

/** Every task of the workspace matching the filter (the board shows them all, by status). */
export function useTasks(workspaceId: string, filter: TaskFilter, enabled = true) {
  return useQuery({
    queryKey: [TASKS_KEY, workspaceId, filter],
    queryFn: () =>
      fetchAll<Task>(ws(workspaceId, '/tasks'), {
        ...filter,
        mine: filter.mine ? true : undefined,
        overdue: filter.overdue ? true : undefined,
        sort: 'dueDate',
      }),
    enabled,
    // A done task waits for the server's verification: look again every minute while one does.
    refetchInterval: (query) => (query.state.data?.some((task) => task.status === 'done') ? 60_000 : false),
  });
}

export function useTaskComments(workspaceId: string, taskId: string | null) {
  return useQuery({
    queryKey: [TASKS_KEY, workspaceId, 'comments', taskId],
    queryFn: () => fetchAll<TaskComment>(ws(workspaceId, `/tasks/${taskId}/comments`)),
    enabled: taskId !== null,
  });
}

/** After any change: every task list of the workspace (board, panels) and the health check reload. */
export function useInvalidateTasks(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [TASKS_KEY, workspaceId] }),
      queryClient.invalidateQueries({ queryKey: ['health', workspaceId] }),
    ]);
}

export function usePatchTask(workspaceId: string) {
  const invalidate = useInvalidateTasks(workspaceId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) =>
      api.patch<Task>(ws(workspaceId, `/tasks/${id}`), patch),
    onSettled: () => invalidate(),
  });
}

export function useSaveTask(workspaceId: string) {
  const invalidate = useInvalidateTasks(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TaskCreate | TaskPatch }) =>
      id
        ? api.patch<Task>(ws(workspaceId, `/tasks/${id}`), body)
        : api.post<Task>(ws(workspaceId, '/tasks'), body),
    onSuccess: () => invalidate(),
  });
}

/** Statuses a user may move a task to by hand (the others are the verification's). */
export const USER_STATUSES: readonly TaskStatus[] = USER_TASK_STATUSES;
export const isUserStatus = (status: TaskStatus) => USER_STATUSES.includes(status);

/** What a new task starts from: a finding's prefill, or an object's page (its target only). */
export type TaskDraft = Partial<Pick<TaskPrefill, 'title' | 'lever'>> & {
  targets?: Partial<TaskTargets>;
};

/** The target fields that are set, without the nulls. */
export function setTargets(
  targets: Partial<TaskTargets> | undefined,
): Partial<Record<keyof TaskTargets, string>> {
  const out: Partial<Record<keyof TaskTargets, string>> = {};
  for (const [key, value] of Object.entries(targets ?? {}))
    if (typeof value === 'string' && value) out[key as keyof TaskTargets] = value;
  return out;
}
