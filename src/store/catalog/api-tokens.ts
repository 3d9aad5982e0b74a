import { and, desc, eq, isNull } from 'drizzle-orm';
import { NotFoundError, UnauthorizedError } from '../../domain/errors.js';
import type { TokenScope } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { apiTokens } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function toApiTokenDto(t: ApiTokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes as TokenScope[],
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Creates an API token; the raw token is returned once and stored only as a hash. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { name: string; scopes: TokenScope[]; expiresAt?: Date | undefined },
) {
  const token = newSecret('tp_');
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: crypto.randomUUID(),
      workspaceId,
      name: input.name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 8),
      scopes: [...new Set(input.scopes)],
      createdBy: actor.userId,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await recordAudit(db, actor, workspaceId, {
    action: 'create',
    entityType: 'api_token',
    entityId: row.id,
    after: toApiTokenDto(row),
  });
  return { token, record: toApiTokenDto(row) };
}

export async function listApiTokens(db: Db, workspaceId: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiTokenDto);
}

export async function revokeApiToken(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw new NotFoundError('api token', id);
  await recordAudit(db, actor, workspaceId, { action: 'revoke', entityType: 'api_token', entityId: id });
}

/** Resolves a raw bearer token; 401 with the reason when unknown, revoked or expired. */
export async function resolveApiToken(db: Db, raw: string): Promise<ApiTokenRow> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashSecret(raw)));
  if (!row) throw new UnauthorizedError('unknown API token', 'invalid_token');
  if (row.revokedAt) throw new UnauthorizedError('this API token was revoked', 'invalid_token');
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
    throw new UnauthorizedError('this API token has expired', 'invalid_token');
  }
  // Recording last use is best effort and need not be exact to the millisecond.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return row;
}
