/**
 * The map's live stream (GET …/journeys/{id}/events, server-sent events): who else has the map
 * open, and a refresh when someone else changed the map (a newer journey version) or its
 * comments. EventSource reconnects by itself; on each (re)connection the server tells the
 * current version, so a change missed while disconnected is fetched too.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChangedEvent, PresenceEvent, Viewer } from '../../../../src/api/journey-live.schemas.js';
import { NOTIFICATIONS_KEY } from '../../api/alerts';
import type { JourneyMap } from '../../api/types';
import { commentsKey } from './use-comments';
import { journeyKey } from './use-journey-map';

export type { Viewer };

function parse<T>(event: MessageEvent): T | undefined {
  try {
    return JSON.parse(String(event.data)) as T;
  } catch {
    return undefined;
  }
}

/** Opens the map's stream while mounted; answers the viewers (the signed-in user among them). */
export function useJourneyLive(workspaceId: string, journeyId: string): Viewer[] {
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/workspaces/${workspaceId}/journeys/${journeyId}/events`);
    const mapKey = journeyKey(workspaceId, journeyId);
    let connections = 0;
    source.addEventListener('open', () => {
      connections++;
    });
    source.addEventListener('presence', (event) => {
      const data = parse<PresenceEvent>(event);
      if (data) setViewers(data.viewers);
    });
    source.addEventListener('changed', (event) => {
      const data = parse<ChangedEvent>(event);
      if (!data) return;
      const map = queryClient.getQueryData<JourneyMap>(mapKey);
      // Our own edits already moved the cached version on; only a newer one is someone else's.
      if (map && data.version > map.version) void queryClient.invalidateQueries({ queryKey: mapKey });
      // On connecting (no parts) the counts were just read, unless this is a reconnection.
      if (data.parts.includes('comments') || (data.parts.length === 0 && connections > 1)) {
        void queryClient.invalidateQueries({ queryKey: commentsKey(workspaceId, journeyId) });
        // A new comment may mention us: the bell need not wait for its next round.
        void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
      }
    });
    source.addEventListener('deleted', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: mapKey });
    });
    return () => source.close();
  }, [queryClient, workspaceId, journeyId]);
  return viewers;
}
