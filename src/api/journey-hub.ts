/**
 * Live journey maps: the open event streams of this server process, grouped by journey. It tells
 * each map's viewers who else has it open (presence) and when the map or its comments changed.
 *
 * Changes are noticed by comparing each watched journey's version and comment stamp
 * (`journeyStamps`) after every successful write request of the workspace, and on a timer that
 * also sends the heartbeat, so that a change made through another server process (several
 * processes on one PostgreSQL) reaches the viewers within one heartbeat. Presence is per process:
 * viewers connected to another process are not listed.
 */
import type { ServerResponse } from 'node:http';
import type { Db } from '../store/catalog/db.js';
import { type JourneyStamp, journeyStamps } from '../store/catalog/journey-comments.js';
import { findRole } from '../store/catalog/workspaces.js';
import type { LivePart, Viewer } from './journey-live.schemas.js';

export const HEARTBEAT_MS = 20_000;
/** Writes that come together (a drag that moves several items) are checked once. */
const SETTLE_MS = 30;

export interface LiveStream {
  workspaceId: string;
  journeyId: string;
  /** The signed-in viewer; null for an API token (it gets the events but is not listed). */
  viewer: Viewer | null;
  res: ServerResponse;
}

export interface JourneyHub {
  /** Adds a stream whose journey is at `stamp`; answers the function that removes it. */
  join(stream: LiveStream, stamp: JourneyStamp): () => void;
  /** A write in `workspaceId` succeeded: check its watched journeys soon. */
  afterWrite(workspaceId: string): void;
  /** Checks every watched journey now (the timer does this; tests call it too). */
  checkAll(): Promise<void>;
  /** How many streams are open (for tests and shutdown). */
  size(): number;
  /** Ends every stream and stops the timer (the server's shutdown). */
  close(): void;
}

/** "Ann Marie Smith" → "AS", "bob@example.com" → "B". */
export function initialsOf(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters.map((w) => (w ? [...w][0]?.toUpperCase() : '')).join('');
}

function eventText(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

interface Watched {
  streams: Set<LiveStream>;
  version: number;
  comments: string;
}

export function createJourneyHub(
  db: Db,
  options: { heartbeatMs?: number | undefined; onError?: (error: unknown) => void } = {},
): JourneyHub {
  const watched = new Map<string, Watched>();
  const settling = new Map<string, NodeJS.Timeout>();
  const onError = options.onError ?? (() => {});
  let closed = false;

  const send = (stream: LiveStream, text: string) => {
    if (!stream.res.writableEnded) stream.res.write(text);
  };
  const broadcast = (journeyId: string, text: string) => {
    for (const stream of watched.get(journeyId)?.streams ?? []) send(stream, text);
  };

  /** Distinct signed-in viewers of a journey, by name. */
  const viewersOf = (journeyId: string): Viewer[] => {
    const byUser = new Map<string, Viewer>();
    for (const s of watched.get(journeyId)?.streams ?? [])
      if (s.viewer) byUser.set(s.viewer.userId, s.viewer);
    return [...byUser.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
    );
  };
  const announce = (journeyId: string) =>
    broadcast(journeyId, eventText('presence', { viewers: viewersOf(journeyId) }));

  const leave = (stream: LiveStream) => {
    const entry = watched.get(stream.journeyId);
    if (!entry?.streams.delete(stream)) return;
    if (!stream.res.writableEnded) stream.res.end();
    if (entry.streams.size === 0) watched.delete(stream.journeyId);
    else announce(stream.journeyId);
  };

  const compare = (stamps: JourneyStamp[], ids: readonly string[]) => {
    const found = new Map(stamps.map((s) => [s.id, s]));
    for (const id of ids) {
      const entry = watched.get(id);
      if (!entry) continue;
      const stamp = found.get(id);
      if (!stamp) {
        broadcast(id, eventText('deleted', {}));
        for (const stream of [...entry.streams]) leave(stream);
        continue;
      }
      const parts: LivePart[] = [];
      // Versions only grow: an answer that overtook a newer one must not take the map back.
      if (stamp.version > entry.version) parts.push('map');
      if (stamp.comments !== entry.comments) parts.push('comments');
      if (parts.length === 0) continue;
      entry.version = Math.max(entry.version, stamp.version);
      entry.comments = stamp.comments;
      broadcast(id, eventText('changed', { version: stamp.version, parts }));
    }
  };

  const check = async (ids: string[]) => {
    if (ids.length === 0 || closed) return;
    compare(await journeyStamps(db, ids), ids);
  };

  /** Streams of members who left the workspace end; their presence goes with them. */
  const dropFormerMembers = async () => {
    const streams = [...watched.values()].flatMap((w) => [...w.streams]);
    for (const stream of streams) {
      if (!stream.viewer || closed) continue;
      const role = await findRole(db, stream.workspaceId, stream.viewer.userId);
      if (!role) leave(stream);
    }
  };

  const checkAll = async () => {
    await check([...watched.keys()]);
    await dropFormerMembers();
  };

  const timer = setInterval(() => {
    for (const entry of watched.values()) for (const stream of entry.streams) send(stream, ': ping\n\n');
    checkAll().catch(onError);
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();

  return {
    join(stream, stamp) {
      let entry = watched.get(stream.journeyId);
      if (!entry) {
        entry = { streams: new Set(), version: stamp.version, comments: stamp.comments };
        watched.set(stream.journeyId, entry);
      }
      entry.streams.add(stream);
      send(stream, 'retry: 3000\n\n');
      // Newer than what the others were told: tell everyone. The newcomer learns the version in any
      // case, so that a change between its reading the map and connecting is not lost.
      compare([stamp], [stream.journeyId]);
      send(stream, eventText('changed', { version: entry.version, parts: [] }));
      announce(stream.journeyId);
      return () => leave(stream);
    },
    afterWrite(workspaceId) {
      if (closed || settling.has(workspaceId)) return;
      const ids = [...watched.entries()]
        .filter(([, w]) => [...w.streams].some((s) => s.workspaceId === workspaceId))
        .map(([id]) => id);
      if (ids.length === 0) return;
      settling.set(
        workspaceId,
        setTimeout(() => {
          settling.delete(workspaceId);
          check(ids).catch(onError);
        }, SETTLE_MS),
      );
    },
    checkAll,
    size: () => [...watched.values()].reduce((n, w) => n + w.streams.size, 0),
    close() {
      closed = true;
      clearInterval(timer);
      for (const t of settling.values()) clearTimeout(t);
      settling.clear();
      for (const entry of [...watched.values()]) for (const stream of [...entry.streams]) leave(stream);
    },
  };
}
