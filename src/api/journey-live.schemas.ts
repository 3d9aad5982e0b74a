/**
 * The journey map's live updates: GET /api/workspaces/{workspaceId}/journeys/{id}/events is a
 * server-sent event stream (`Accept: text/event-stream`, any member or a `read` token). Events:
 * - `presence` {viewers}: who has the map open, sent on connecting and whenever someone joins or leaves;
 * - `changed` {version, parts}: the map (`map`: the journey, its stages or items; the version is
 *   the journey's) or its comments (`comments`) changed; on connecting, with no parts, the version now;
 * - `deleted` {}: the journey was deleted; the stream ends.
 * A comment line (`: ping`) every 20 s keeps proxies from closing the stream.
 */
import { z } from 'zod';

export const ZViewer = z.object({
  userId: z.string(),
  name: z.string(),
  initials: z.string(),
});

export const ZPresenceEvent = z.object({ viewers: z.array(ZViewer) });

export const LIVE_PARTS = ['map', 'comments'] as const;
export const ZChangedEvent = z.object({ version: z.number().int(), parts: z.array(z.enum(LIVE_PARTS)) });

export const ZLiveQuery = z.strictObject({});

export type Viewer = z.infer<typeof ZViewer>;
export type PresenceEvent = z.infer<typeof ZPresenceEvent>;
export type ChangedEvent = z.infer<typeof ZChangedEvent>;
export type LivePart = (typeof LIVE_PARTS)[number];
