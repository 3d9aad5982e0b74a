/**
 * Kiosk devices (SPEC §6): a tablet at a counter, locked to one survey by a device token. The
 * token is returned once, when the device is created; the catalog keeps only its SHA-256 (hex),
 * which the public kiosk route looks up. A revoked device can no longer send answers.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { NotFoundError } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { kioskDevices } from './schema.js';
import { hashSecret } from './secrets.js';
import { getSurvey } from './surveys.js';

export type KioskDeviceRow = typeof kioskDevices.$inferSelect;

/** Kiosk tokens start with this, so a leaked one is recognisable. */
export const KIOSK_TOKEN_PREFIX = 'tpk_';

/** A fresh device token: the prefix and 32 random bytes, base64url. */
export function newKioskToken(): string {
  return `${KIOSK_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the catalog keeps of a token: its SHA-256 in hex. */
export function kioskTokenHash(token: string): string {
  return hashSecret(token);
}

/** The page a tablet opens: `<public URL>/k/<token>`. */
export function kioskUrl(publicBase: string, token: string): string {
  return `${publicBase.replace(/\/$/, '')}/k/${encodeURIComponent(token)}`;
}

export function toKioskDeviceDto(d: KioskDeviceRow) {
  return {
    id: d.id,
    surveyId: d.surveyId,
    name: d.name,
    createdByUserId: d.createdByUserId,
    createdAt: d.createdAt.toISOString(),
    lastSeenAt: d.lastSeenAt ? d.lastSeenAt.toISOString() : null,
    revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
  };
}
export type KioskDeviceDto = ReturnType<typeof toKioskDeviceDto>;

/** A survey's kiosk devices, oldest first, revoked ones included (404 when the survey is not in the workspace). */
export async function listKioskDevices(db: Db, workspaceId: string, surveyId: string) {
  await getSurvey(db, workspaceId, surveyId);
  const rows = await db
    .select()
    .from(kioskDevices)
    .where(and(eq(kioskDevices.workspaceId, workspaceId), eq(kioskDevices.surveyId, surveyId)))
    .orderBy(asc(kioskDevices.createdAt), asc(kioskDevices.id));
  return rows.map(toKioskDeviceDto);
}

/** Creates a device for the survey; the token is in the answer and nowhere else. */
export async function createKioskDevice(
  db: Db,
  actor: Actor,
  workspaceId: string,
  surveyId: string,
  name: string,
): Promise<{ device: KioskDeviceDto; token: string }> {
  return db.transaction(async (tx) => {
    await getSurvey(tx, workspaceId, surveyId);
    const token = newKioskToken();
    const [row] = await tx
      .insert(kioskDevices)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        surveyId,
        name,
        tokenHash: kioskTokenHash(token),
        createdByUserId: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const device = toKioskDeviceDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'kiosk_device_create',
      entityType: 'survey',
      entityId: surveyId,
      after: device,
    });
    return { device, token };
  });
}

/** Revokes a device (idempotent: a revoked one keeps its first revocation time). */
export async function revokeKioskDevice(
  db: Db,
  actor: Actor,
  workspaceId: string,
  surveyId: string,
  deviceId: string,
): Promise<KioskDeviceDto> {
  return db.transaction(async (tx) => {
    const where = and(
      eq(kioskDevices.id, deviceId),
      eq(kioskDevices.workspaceId, workspaceId),
      eq(kioskDevices.surveyId, surveyId),
    );
    const [current] = await tx.select().from(kioskDevices).where(where).limit(1);
    if (!current) throw new NotFoundError('kiosk device', deviceId);
    if (current.revokedAt) return toKioskDeviceDto(current);
    const [row] = await tx
      .update(kioskDevices)
      .set({ revokedAt: new Date() })
      .where(and(where, isNull(kioskDevices.revokedAt)))
      .returning();
    const device = toKioskDeviceDto(row ?? current);
    await recordAudit(tx, actor, workspaceId, {
      action: 'kiosk_device_revoke',
      entityType: 'survey',
      entityId: surveyId,
      before: toKioskDeviceDto(current),
      after: device,
    });
    return device;
  });
}
