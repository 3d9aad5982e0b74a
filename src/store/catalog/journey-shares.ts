/**
 * Read-only public links to one journey map. A link shows that map and nothing else of the
 * workspace: stages, lanes, items with their touchpoints' keys and names, the designed emotion; no
 * ids, no members, no other maps. Only the SHA-256 of the secret is stored; the secret is returned
 * once, at creation. A link may expire (or never) and can be revoked; an unknown, expired or
 * revoked link answers the same 404, so a holder learns nothing about links that no longer work.
 */
import { and, asc, eq } from 'drizzle-orm';
import { NotFoundError } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import type { JourneyItemDto } from './journey-items.js';
import type { JourneyMap } from './journeys.js';
import { journeyShares, journeys } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';

export const SHARE_TOKEN_PREFIX = 'tpm_';
/** The longest a link may be set to live; no expiry at all is allowed too (null). */
export const MAX_SHARE_DAYS = 365;
const DAY_MS = 86_400_000;

export type JourneyShareRow = typeof journeyShares.$inferSelect;
export type ShareState = 'active' | 'expired' | 'revoked';

function shareState(s: JourneyShareRow, now: Date): ShareState {
  if (s.revokedAt) return 'revoked';
  if (s.expiresAt && s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A link as its workspace sees it: never its secret. */
export function toJourneyShareDto(s: JourneyShareRow, now = new Date()) {
  return {
    id: s.id,
    journeyId: s.journeyId,
    state: shareState(s, now),
    createdByUserId: s.createdByUserId,
    createdAt: s.createdAt.toISOString(),
    expiresAt: iso(s.expiresAt),
    revokedAt: iso(s.revokedAt),
    lastOpenedAt: iso(s.lastOpenedAt),
  };
}
export type JourneyShareDto = ReturnType<typeof toJourneyShareDto>;

/** The page of a shared map for a token, relative to the server. */
export function sharedMapPath(token: string): string {
  return `/m/${token}`;
}

/** Creates a link to a map of the workspace; the token (and its page) is returned this once. */
export async function createJourneyShare(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  input: { expiresInDays?: number | null | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    await findJourney(tx, workspaceId, journeyId);
    const days = input.expiresInDays ?? null;
    const token = newSecret(SHARE_TOKEN_PREFIX);
    const [row] = await tx
      .insert(journeyShares)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        journeyId,
        tokenHash: hashSecret(token),
        createdByUserId: actor.userId,
        createdAt: now,
        expiresAt: days === null ? null : new Date(now.getTime() + Math.min(days, MAX_SHARE_DAYS) * DAY_MS),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const dto = toJourneyShareDto(row, now);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create_share',
      entityType: 'journey',
      entityId: journeyId,
      after: dto,
    });
    return { ...dto, token, path: sharedMapPath(token) };
  });
}

async function findJourney(db: Db, workspaceId: string, journeyId: string): Promise<void> {
  const [row] = await db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new NotFoundError('journey', journeyId);
}

/** The links of a map, oldest first, with their state; no secrets. */
export async function listJourneyShares(db: Db, workspaceId: string, journeyId: string) {
  await findJourney(db, workspaceId, journeyId);
  const rows = await db
    .select()
    .from(journeyShares)
    .where(and(eq(journeyShares.journeyId, journeyId), eq(journeyShares.workspaceId, workspaceId)))
    .orderBy(asc(journeyShares.createdAt), asc(journeyShares.id));
  const now = new Date();
  return rows.map((r) => toJourneyShareDto(r, now));
}

/** Revokes a link (idempotent: revoking a revoked link changes nothing). */
export async function revokeJourneyShare(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  shareId: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(journeyShares)
      .where(
        and(
          eq(journeyShares.id, shareId),
          eq(journeyShares.journeyId, journeyId),
          eq(journeyShares.workspaceId, workspaceId),
        ),
      )
      .limit(1);
    if (!row) throw new NotFoundError('share link', shareId);
    if (row.revokedAt) return toJourneyShareDto(row);
    const [updated] = await tx
      .update(journeyShares)
      .set({ revokedAt: new Date() })
      .where(eq(journeyShares.id, shareId))
      .returning();
    if (!updated) throw new Error('update returned no row');
    const dto = toJourneyShareDto(updated);
    await recordAudit(tx, actor, workspaceId, {
      action: 'revoke_share',
      entityType: 'journey',
      entityId: journeyId,
      after: dto,
    });
    return dto;
  });
}

/** What a link opens: its map's workspace and id, for reading only. */
export interface SharedJourney {
  workspaceId: string;
  journeyId: string;
  expiresAt: Date | null;
}

/** The map a token opens, noting when it was opened; one 404 for unknown, expired and revoked links. */
export async function resolveJourneyShare(db: Db, token: string, now = new Date()): Promise<SharedJourney> {
  const [row] = await db
    .select()
    .from(journeyShares)
    .where(eq(journeyShares.tokenHash, hashSecret(token)))
    .limit(1);
  if (!row || shareState(row, now) !== 'active') throw new NotFoundError('shared map');
  await db.update(journeyShares).set({ lastOpenedAt: now }).where(eq(journeyShares.id, row.id));
  return { workspaceId: row.workspaceId, journeyId: row.journeyId, expiresAt: row.expiresAt };
}

/** Measured emotion of a stage (by key), as the map's curve shows it. */
export interface MeasuredStage {
  measuredEmotion: number | null;
  rated: number;
}

/** What an item shows: a touchpoint, a channel, a figure, or a text note. */
function itemKind(item: JourneyItemDto): 'touchpoint' | 'channel' | 'kpi' | 'note' {
  if (item.touchpointKey !== null) return 'touchpoint';
  if (item.channelKey !== null) return 'channel';
  if (item.kpi !== null) return 'kpi';
  return 'note';
}

/**
 * The map as a link shows it: names, keys and texts, the items by stage and lane key; no ids of
 * the journey, its stages, items, touchpoints or channels, no pictures, persona object, chains or
 * tasks. A channel's name is the one a user gave (null for a built-in one, shown translated).
 */
export function toSharedMap(
  map: JourneyMap,
  measured: ReadonlyMap<string, MeasuredStage>,
  expiresAt: Date | null,
) {
  const stageKeyOf = new Map(map.stages.map((s) => [s.id, s.key]));
  return {
    name: map.name,
    description: map.description,
    persona: map.persona,
    expiresAt: iso(expiresAt),
    lanes: map.lanes.map((l) => ({ key: l.key, name: l.name, customName: l.customName, kind: l.kind })),
    stages: map.stages.map((s) => ({
      key: s.key,
      name: s.name,
      customName: s.customName,
      designedEmotion: s.designedEmotion,
      measuredEmotion: measured.get(s.key)?.measuredEmotion ?? null,
      rated: measured.get(s.key)?.rated ?? 0,
    })),
    // Pictures stay out: their files are served to members only.
    items: map.items.flatMap((item) => {
      const stage = stageKeyOf.get(item.stageId);
      if (stage === undefined || item.imageId !== null) return [];
      return [
        {
          stage,
          lane: item.lane,
          position: item.position,
          kind: itemKind(item),
          text: item.text,
          touchpointKey: item.touchpointKey,
          touchpointName: item.touchpointName,
          channelKey: item.channelKey,
          channelName: item.channelCustomName,
          // A typed-in figure as typed; a live one (computed per period) only by its label.
          kpiLabel: item.kpi?.label ?? null,
          kpiValue: item.kpi?.source === 'manual' ? (item.kpi.value ?? null) : null,
        },
      ];
    }),
  };
}
export type SharedMap = ReturnType<typeof toSharedMap>;
