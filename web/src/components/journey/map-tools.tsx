/**
 * The map page's tools for showing a map outside the editor: share it read-only (owners and
 * editors), present it stage by stage, export it (PDF through the print view, CSV of the cells).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { journeyCsvUrl } from '../../api/journey-shares';
import type { JourneyMap, Sentiment } from '../../api/types';
import { useCanEdit } from '../../state/session';
import { ExportMenu } from './export-menu';
import { viewOfMap } from './map-view';
import { PresentButton } from './presentation';
import { ShareButton } from './share-dialog';

export function MapShareTools({
  workspaceId,
  map,
  png,
}: {
  workspaceId: string;
  map: JourneyMap;
  png?: { label: string; busy: boolean; onClick: () => void };
}) {
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  // The measured emotion the map's curve shows now (its period and channel filter), if loaded.
  const load = useCallback(() => {
    const loaded = queryClient
      .getQueryCache()
      .findAll({ queryKey: ['journey-sentiment', workspaceId, map.id], type: 'active' })
      .find((query) => query.state.data !== undefined)?.state.data as Sentiment | undefined;
    return viewOfMap(map, loaded);
  }, [queryClient, workspaceId, map]);
  const base = `/w/${workspaceId}/journeys/${map.id}`;
  return (
    <>
      {canEdit && <ShareButton workspaceId={workspaceId} journeyId={map.id} name={map.name} />}
      <PresentButton load={load} />
      <ExportMenu
        printPath={(size) => `${base}/print/${size}`}
        csvUrl={journeyCsvUrl(workspaceId, map.id)}
        png={png}
      />
    </>
  );
}
