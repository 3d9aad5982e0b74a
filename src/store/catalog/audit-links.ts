/**
 * One-time links for external mystery shoppers (Law 3, control). A link reaches one audit only:
 * its checklist, brand name and date, and its own answers and photos. Only the SHA-256 of the
 * secret is stored; a link expires (7 days by default, 30 at most), can be revoked, and is dead
 * once the audit is submitted. An unknown token answers 404, a dead one 410 saying why.
 */
import { and, asc, eq } from 'drizzle-orm';
import { AppError, ConflictError, NotFoundError } from '../../domain/errors.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from './audit.js';
import { criteriaOf } from './audit-checklists.js';
import {
  type AnswerInput,
  type AuditDetailDto,
  type AuditRow,
  auditDetail,
  getAudit,
  type PhotoRow,
  type PhotoUrl,
  saveAnswers,
  submitAudit,
} from './audits.js';
import type { Db } from './db.js';
import { auditChecklists, auditLinks, audits, brands } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';

export const SHOPPER_TOKEN_PREFIX = 'tps_';
export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

export type AuditLinkRow = typeof auditLinks.$inferSelect;

/** 410: the link existed but no longer works. */
export class GoneError extends AppError {
  constructor(message: string, reason: string) {
    super(410, 'gone', message, { reason });
  }
}

function linkState(l: AuditLinkRow, now = new Date()): 'active' | 'expired' | 'revoked' | 'used' {
  if (l.usedAt) return 'used';
  if (l.revokedAt) return 'revoked';
  if (l.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toAuditLinkDto(l: AuditLinkRow, now = new Date()) {
  return {
    id: l.id,
    auditId: l.auditId,
    state: linkState(l, now),
    createdByUserId: l.createdByUserId,
    createdAt: l.createdAt.toISOString(),
    expiresAt: l.expiresAt.toISOString(),
    revokedAt: l.revokedAt ? l.revokedAt.toISOString() : null,
    usedAt: l.usedAt ? l.usedAt.toISOString() : null,
  };
}

/** The shopper's page for a token, relative to the server. */
export function shopperPagePath(token: string): string {
  return `/shopper/${token}`;
}

/** Creates a link for an audit not yet submitted; the token is returned once. */
export async function createAuditLink(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  input: { expiresInDays?: number | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const audit = await getAudit(tx, workspaceId, auditId);
    if (audit.status === 'submitted')
      throw new ConflictError(
        'the audit is already submitted; a shopper link would be dead',
        { field: 'status' },
        'already_submitted',
      );
    const days = Math.min(MAX_LINK_DAYS, input.expiresInDays ?? DEFAULT_LINK_DAYS);
    const token = newSecret(SHOPPER_TOKEN_PREFIX);
    const [row] = await tx
      .insert(auditLinks)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        auditId,
        tokenHash: hashSecret(token),
        createdByUserId: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const dto = toAuditLinkDto(row, now);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create_link',
      entityType: 'audit',
      entityId: auditId,
      after: dto,
    });
    return { ...dto, token, url: shopperPagePath(token) };
  });
}

export async function listAuditLinks(db: Db, workspaceId: string, auditId: string) {
  await getAudit(db, workspaceId, auditId);
  const rows = await db
    .select()
    .from(auditLinks)
    .where(and(eq(auditLinks.auditId, auditId), eq(auditLinks.workspaceId, workspaceId)))
    .orderBy(asc(auditLinks.createdAt), asc(auditLinks.id));
  const now = new Date();
  return rows.map((r) => toAuditLinkDto(r, now));
}

/** Revokes a link (idempotent: revoking a revoked link changes nothing). */
export async function revokeAuditLink(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  linkId: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(auditLinks)
      .where(
        and(
          eq(auditLinks.id, linkId),
          eq(auditLinks.auditId, auditId),
          eq(auditLinks.workspaceId, workspaceId),
        ),
      )
      .limit(1);
    if (!row) throw new NotFoundError('shopper link', linkId);
    if (row.revokedAt) return toAuditLinkDto(row);
    const [updated] = await tx
      .update(auditLinks)
      .set({ revokedAt: new Date() })
      .where(eq(auditLinks.id, linkId))
      .returning();
    if (!updated) throw new Error('update returned no row');
    const dto = toAuditLinkDto(updated);
    await recordAudit(tx, actor, workspaceId, {
      action: 'revoke_link',
      entityType: 'audit',
      entityId: auditId,
      after: dto,
    });
    return dto;
  });
}

export interface ShopperScope {
  link: AuditLinkRow;
  audit: AuditRow;
}

/** The audit a token reaches, or 404 (no such link) / 410 (expired, revoked, used, audit submitted). */
export async function resolveShopperToken(db: Db, token: string, now = new Date()): Promise<ShopperScope> {
  const [found] = await db
    .select({ link: auditLinks, audit: audits })
    .from(auditLinks)
    .innerJoin(audits, eq(audits.id, auditLinks.auditId))
    .where(eq(auditLinks.tokenHash, hashSecret(token)))
    .limit(1);
  if (!found) throw new NotFoundError('shopper link');
  const state = linkState(found.link, now);
  if (state === 'used' || found.audit.status === 'submitted')
    throw new GoneError('this audit has been submitted; the link no longer works', 'submitted');
  if (state === 'revoked') throw new GoneError('this link was revoked by the workspace', 'revoked');
  if (state === 'expired')
    throw new GoneError(`this link expired on ${found.link.expiresAt.toISOString()}`, 'expired');
  return found;
}

const shopperPhotoUrl =
  (token: string): PhotoUrl =>
  (p: PhotoRow) =>
    `/api/shopper/${token}/photos/${p.id}`;

/** What the shopper sees of the audit: no ids of other objects, no notes of the workspace. */
async function shopperView(db: Db, scope: ShopperScope, token: string, detail?: AuditDetailDto) {
  const d = detail ?? (await auditDetail(db, scope.audit, shopperPhotoUrl(token)));
  const [checklist] = await db
    .select({ name: auditChecklists.name, description: auditChecklists.description })
    .from(auditChecklists)
    .where(eq(auditChecklists.id, scope.audit.checklistId));
  const [brand] = await db
    .select({ name: brands.name })
    .from(brands)
    .where(eq(brands.id, scope.audit.brandId));
  const criteria = (await criteriaOf(db, [scope.audit.checklistId])).get(scope.audit.checklistId) ?? [];
  return {
    checklistName: checklist?.name ?? '',
    checklistDescription: checklist?.description ?? '',
    brandName: brand?.name ?? '',
    auditDate: d.auditDate,
    status: d.status,
    auditorName: d.auditorName,
    expiresAt: scope.link.expiresAt.toISOString(),
    criteria: criteria.map(({ touchpointId: _omit, ...c }) => c),
    answers: d.answers.map((a) => ({
      criterionId: a.criterionId,
      value: a.value,
      note: a.note,
      answeredAt: a.answeredAt,
    })),
    photos: d.photos,
  };
}
export type ShopperView = Awaited<ReturnType<typeof shopperView>>;

export async function getShopperAudit(db: Db, token: string): Promise<ShopperView> {
  const scope = await resolveShopperToken(db, token);
  return shopperView(db, scope, token);
}

export async function saveShopperAnswers(
  db: Db,
  token: string,
  answers: AnswerInput[],
): Promise<ShopperView> {
  const scope = await resolveShopperToken(db, token);
  const detail = await saveAnswers(
    db,
    SYSTEM_ACTOR,
    scope.audit.workspaceId,
    scope.audit.id,
    answers,
    shopperPhotoUrl(token),
  );
  return shopperView(db, scope, token, detail);
}

/** Submits the audit through the link, with the shopper's name; the link is used from then on. */
export async function submitShopperAudit(db: Db, token: string, auditorName: string): Promise<ShopperView> {
  const scope = await resolveShopperToken(db, token);
  const detail = await submitAudit(
    db,
    SYSTEM_ACTOR,
    scope.audit.workspaceId,
    scope.audit.id,
    { auditorName },
    shopperPhotoUrl(token),
    async (tx) => {
      await tx.update(auditLinks).set({ usedAt: new Date() }).where(eq(auditLinks.id, scope.link.id));
    },
  );
  return shopperView(db, { ...scope, audit: { ...scope.audit, status: 'submitted' } }, token, detail);
}

export { shopperPhotoUrl };
