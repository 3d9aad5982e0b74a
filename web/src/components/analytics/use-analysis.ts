/** One analysis of the current workspace for the shared period, channel and stage filters (SPEC §7). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ws } from '../../api/client';
import { useAnalyticsFilter } from '../../state/period';
import { useWorkspaceId } from '../../state/session';

export type AnalysisPath =
  | 'paths'
  | 'attribution'
  | 'touches'
  | 'sentiment'
  | 'standards'
  | 'contact-frequency';

/** Query parameters an analysis takes besides the period, the channels and the stages. */
export type AnalysisParams = Record<string, string | number | boolean | undefined>;

/**
 * Asks the API for one analysis. While a changed period or option is on its way the previous answer
 * stays on screen (`isPlaceholderData`), so the charts do not blink.
 */
export function useAnalysis<T>(path: AnalysisPath, params: AnalysisParams = {}) {
  const workspaceId = useWorkspaceId();
  const { filter, query } = useAnalyticsFilter();
  const all = { ...query, channel: filter.channel, stage: filter.stage, ...params };
  return useQuery({
    queryKey: ['analytics', workspaceId, path, all],
    queryFn: () => api.get<T>(ws(workspaceId, `/analytics/${path}`), all),
    placeholderData: keepPreviousData,
  });
}
