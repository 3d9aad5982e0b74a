/**
 * The complaint register over the API: the list (with its filters), one complaint's history, and
 * the moves, edits and "make a task", each carrying the complaint's version so a concurrent change
 * answers 409 instead of being lost. Types come from the server's zod schemas.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZComplaint,
  ZComplaintCreate,
  ZComplaintHistoryEntry,
  ZComplaintPatch,
  ZComplaintTask,
  ZComplaintTaskCreate,
} from '../../../src/api/complaints.schemas.js';
import { api, ws } from './client';
import { fetchAll } from './workspace-lists';

export type Complaint = z.output<typeof ZComplaint>;
export type ComplaintCreate = z.input<typeof ZComplaintCreate>;
export type ComplaintPatch = z.input<typeof ZComplaintPatch>;
export type ComplaintHistoryEntry = z.output<typeof ZComplaintHistoryEntry>;
export type ComplaintTask = z.output<typeof ZComplaintTask>;
export type ComplaintTaskCreate = z.input<typeof ZComplaintTaskCreate>;
export type ComplaintStatus = Complaint['status'];
export type ComplaintSeverity = Complaint['severity'];
export type ComplaintSource = Complaint['source'];

/** The filters of the register the API applies. */
export interface ComplaintFilter {
  severity?: ComplaintSeverity;
  touchpointId?: string;
  ownerUserId?: string;
  mine?: boolean;
  source?: ComplaintSource;
  overdue?: boolean;
  q?: string;
}

const KEY = 'complaints';

/** Every complaint of the workspace matching the filter, newest first (the board shows them by status). */
export function useComplaints(workspaceId: string, filter: ComplaintFilter) {
  return useQuery({
    queryKey: [KEY, workspaceId, filter],
    queryFn: () =>
      fetchAll<Complaint>(ws(workspaceId, '/complaints'), {
        ...filter,
        q: filter.q || undefined,
        mine: filter.mine ? true : undefined,
        overdue: filter.overdue ? true : undefined,
        sort: '-receivedAt',
      }),
  });
}

export function useComplaintHistory(
  workspaceId: string,
  complaintId: string | null,
  version: number | undefined,
) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'history', complaintId, version],
    queryFn: () => fetchAll<ComplaintHistoryEntry>(ws(workspaceId, `/complaints/${complaintId}/history`)),
    enabled: complaintId !== null,
  });
}

/** After any change: every complaint list of the workspace, the tasks and the health check reload. */
export function useInvalidateComplaints(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [KEY, workspaceId] }),
      queryClient.invalidateQueries({ queryKey: ['tasks', workspaceId] }),
    ]);
}

export function usePatchComplaint(workspaceId: string) {
  const invalidate = useInvalidateComplaints(workspaceId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ComplaintPatch }) =>
      api.patch<Complaint>(ws(workspaceId, `/complaints/${id}`), patch),
    onSettled: () => invalidate(),
  });
}

export function useCreateComplaint(workspaceId: string) {
  const invalidate = useInvalidateComplaints(workspaceId);
  return useMutation({
    mutationFn: (body: ComplaintCreate) => api.post<Complaint>(ws(workspaceId, '/complaints'), body),
    onSuccess: () => invalidate(),
  });
}

export function useMakeComplaintTask(workspaceId: string) {
  const invalidate = useInvalidateComplaints(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ComplaintTaskCreate }) =>
      api.post<ComplaintTask>(ws(workspaceId, `/complaints/${id}/task`), body),
    onSettled: () => invalidate(),
  });
}
