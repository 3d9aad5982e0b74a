/**
 * `/w/:workspaceId/journeys/:journeyId/print/:size`: a member's print view of a map (outside the
 * app shell, so that only the sheets are printed), with the measured emotion of the default period.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, ws } from '../api/client';
import type { Sentiment } from '../api/types';
import { isPaperSize } from '../components/journey/export-menu';
import { MapPrint } from '../components/journey/map-print';
import { viewOfMap } from '../components/journey/map-view';
import { useJourneyMap } from '../components/journey/use-journey-map';
import { ErrorState, Loading } from '../components/states';
import { useWorkspaceId } from '../state/session';

export function JourneyPrintPage() {
  const workspaceId = useWorkspaceId();
  const { journeyId = '', size } = useParams();
  const [search] = useSearchParams();
  const map = useJourneyMap(workspaceId, journeyId);
  const sentiment = useQuery({
    queryKey: ['journey-print-sentiment', workspaceId, journeyId],
    queryFn: () => api.get<Sentiment>(ws(workspaceId, '/analytics/sentiment'), { journeyId }),
  });
  if (map.isPending || sentiment.isPending) return <Loading />;
  if (map.isError) return <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
  const base = `/w/${workspaceId}/journeys/${journeyId}`;
  return (
    <MapPrint
      view={viewOfMap(map.data, sentiment.data)}
      size={isPaperSize(size) ? size : 'a4'}
      auto={search.get('auto') === '1'}
      backTo={base}
      sizePath={(s) => `${base}/print/${s}`}
    />
  );
}
