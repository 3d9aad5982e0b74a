/**
 * Webhooks of a workspace and their deliveries (the log and the retry queue).
 *
 * - The signing secret is made by the server (`whsec_` + 32 random bytes), kept sealed with the
 *   secret box (bound to the hook's id) and answered only on creation and on rotation.
 * - A delivery is one event for one hook. It is sent only after a claim: one conditional UPDATE
 *   that takes a due, unclaimed, pending delivery, counts the attempt and sets `claimed_until`,
 *   so two processes never send the same attempt. The outcome is written only by the holder of
 *   that attempt (`attempts` still the claimed number).
 */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AlertEvent, DeliveryStatus } from '../../domain/alert-rules.js';
import { invalid, NotFoundError } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import type { Page } from './paging.js';
import { webhookDeliveries, webhooks } from './schema.js';
import type { SecretBox } from './secret-box.js';
import { findOne, updateVersioned } from './versioned.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface WebhookDto {
  id: string;
  url: string;
  description: string;
  enabled: boolean;
  lastDelivery: { status: DeliveryStatus; statusCode: number | null; at: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  ms: number;
}

export interface DeliveryDto {
  id: string;
  webhookId: string;
  event: AlertEvent;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  log: DeliveryAttempt[];
  createdAt: string;
  deliveredAt: string | null;
}

/** The associated data of a hook's sealed secret. */
export function webhookSecretContext(hookId: string): string {
  return `webhooks.secret_sealed:${hookId}`;
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Only http(s) URLs with a host; loopback and private addresses are allowed (self-hosted receivers). */
export function checkWebhookUrl(url: string, field = 'url'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(field, 'must be an http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid(field, `must be an http:// or https:// URL, not ${parsed.protocol}`);
  if (parsed.hostname === '') throw invalid(field, 'must name a host');
  if (parsed.username || parsed.password) throw invalid(field, 'must not carry a user name or password');
}

export function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event as AlertEvent,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    log: row.log as unknown as DeliveryAttempt[],
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt ? row.deliveredAt.toISOString() : null,
  };
}

async function lastDeliveries(db: Db, hookIds: string[]): Promise<Map<string, WebhookDto['lastDelivery']>> {
  if (hookIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([webhookDeliveries.webhookId], {
      webhookId: webhookDeliveries.webhookId,
      status: webhookDeliveries.status,
      statusCode: webhookDeliveries.lastStatusCode,
      at: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, hookIds))
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.createdAt));
  return new Map(
    rows.map((r) => [
      r.webhookId,
      { status: r.status as DeliveryStatus, statusCode: r.statusCode, at: r.at.toISOString() },
    ]),
  );
}

function toWebhookDto(row: WebhookRow, last: WebhookDto['lastDelivery'] = null): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    enabled: row.enabled,
    lastDelivery: last,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createWebhook(
  db: Db,
  box: SecretBox,
  actor: Actor,
  workspaceId: string,
  input: { url: string; description?: string | undefined; enabled?: boolean | undefined },
): Promise<WebhookDto & { secret: string }> {
  checkWebhookUrl(input.url);
  const id = crypto.randomUUID();
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({
        id,
        workspaceId,
        url: input.url,
        description: input.description ?? '',
        enabled: input.enabled ?? true,
        secretSealed: box.seal(secret, webhookSecretContext(id)),
      })
      .returning();
    if (!row) throw new Error('webhook not inserted');
    const dto = toWebhookDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'webhook',
      entityId: id,
      after: dto,
    });
    return { ...dto, secret };
  });
}

export async function getWebhook(db: Db, workspaceId: string, hookId: string): Promise<WebhookDto> {
  const row = await findOne(db, webhooks, 'webhook', workspaceId, hookId);
  return toWebhookDto(row, (await lastDeliveries(db, [row.id])).get(row.id) ?? null);
}

export async function listWebhooks(
  db: Db,
  workspaceId: string,
  q: { limit: number; offset: number },
): Promise<Page<WebhookDto>> {
  const where = eq(webhooks.workspaceId, workspaceId);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(webhooks)
      .where(where)
      .orderBy(webhooks.createdAt, webhooks.id)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(webhooks).where(where),
  ]);
  const last = await lastDeliveries(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toWebhookDto(r, last.get(r.id) ?? null)),
    total: Number(totals[0]?.n ?? 0),
    limit: q.limit,
    offset: q.offset,
  };
}

export async function updateWebhook(
  db: Db,
  actor: Actor,
  workspaceId: string,
  hookId: string,
  patch: {
    version: number;
    url?: string | undefined;
    description?: string | undefined;
    enabled?: boolean | undefined;
  },
): Promise<WebhookDto> {
  const current = await findOne(db, webhooks, 'webhook', workspaceId, hookId);
  const values: Partial<typeof webhooks.$inferInsert> = {};
  if (patch.url !== undefined) {
    checkWebhookUrl(patch.url);
    values.url = patch.url;
  }
  if (patch.description !== undefined) values.description = patch.description;
  if (patch.enabled !== undefined) values.enabled = patch.enabled;
  return db.transaction(async (tx) => {
    const row = await updateVersioned(tx, webhooks, 'webhook', workspaceId, hookId, patch.version, values);
    const after = toWebhookDto(row, (await lastDeliveries(tx, [row.id])).get(row.id) ?? null);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'webhook',
      entityId: hookId,
      before: toWebhookDto(current),
      after,
    });
    return after;
  });
}

/** A new secret for the hook, answered once; the old one stops signing at once. */
export async function rotateWebhookSecret(
  db: Db,
  box: SecretBox,
  actor: Actor,
  workspaceId: string,
  hookId: string,
): Promise<WebhookDto & { secret: string }> {
  await findOne(db, webhooks, 'webhook', workspaceId, hookId);
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({
        secretSealed: box.seal(secret, webhookSecretContext(hookId)),
        version: sql`${webhooks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(webhooks.id, hookId), eq(webhooks.workspaceId, workspaceId)))
      .returning();
    if (!row) throw new NotFoundError('webhook', hookId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'rotate_secret',
      entityType: 'webhook',
      entityId: hookId,
    });
    return { ...toWebhookDto(row, (await lastDeliveries(tx, [row.id])).get(row.id) ?? null), secret };
  });
}

export async function deleteWebhook(
  db: Db,
  actor: Actor,
  workspaceId: string,
  hookId: string,
): Promise<void> {
  const current = await findOne(db, webhooks, 'webhook', workspaceId, hookId);
  await db.transaction(async (tx) => {
    await tx.delete(webhooks).where(and(eq(webhooks.id, hookId), eq(webhooks.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'webhook',
      entityId: hookId,
      before: toWebhookDto(current),
    });
  });
}

/** The hook's signing secret in clear, for the sender. */
export function openWebhookSecret(box: SecretBox, hook: Pick<WebhookRow, 'id' | 'secretSealed'>): string {
  return box.open(hook.secretSealed, webhookSecretContext(hook.id));
}

export async function findWebhookRow(db: Db, hookId: string): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, hookId));
  return row;
}

/** The deliveries of one hook, newest first. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  hookId: string,
  q: { limit: number; offset: number; status?: DeliveryStatus | undefined },
): Promise<Page<DeliveryDto>> {
  await findOne(db, webhooks, 'webhook', workspaceId, hookId);
  const conditions: (SQL | undefined)[] = [
    eq(webhookDeliveries.webhookId, hookId),
    eq(webhookDeliveries.workspaceId, workspaceId),
  ];
  if (q.status) conditions.push(eq(webhookDeliveries.status, q.status));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return {
    items: rows.map(toDeliveryDto),
    total: Number(totals[0]?.n ?? 0),
    limit: q.limit,
    offset: q.offset,
  };
}

export async function getDelivery(db: Db, deliveryId: string): Promise<DeliveryDto> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!row) throw new NotFoundError('delivery', deliveryId);
  return toDeliveryDto(row);
}

/**
 * Queues `event` for every enabled hook of the workspace (or only `hookId`); call inside the
 * transaction that made the news, so the event is queued exactly when the news is kept.
 * Answers the delivery ids.
 */
export async function enqueueDeliveries(
  db: Db,
  workspaceId: string,
  event: AlertEvent,
  payload: (deliveryId: string) => Record<string, unknown>,
  options: { hookId?: string } = {},
): Promise<string[]> {
  const hooks = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.workspaceId, workspaceId),
        options.hookId ? eq(webhooks.id, options.hookId) : eq(webhooks.enabled, true),
      ),
    );
  if (hooks.length === 0) return [];
  const rows = hooks.map((h) => {
    const id = crypto.randomUUID();
    return { id, workspaceId, webhookId: h.id, event, payload: payload(id) };
  });
  await db.insert(webhookDeliveries).values(rows);
  return rows.map((r) => r.id);
}

/** A claimed attempt: the delivery (its `attempts` already counts this one) and its hook. */
export interface ClaimedDelivery {
  delivery: DeliveryRow;
  hook: WebhookRow;
}

/**
 * Claims up to `limit` due deliveries (or the one `deliveryId`, due or not) for `leaseMs`: one
 * conditional UPDATE per batch, so of several processes each delivery's attempt goes to one.
 */
export async function claimDeliveries(
  db: Db,
  options: { leaseMs: number; limit?: number; deliveryId?: string },
): Promise<ClaimedDelivery[]> {
  const free = or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, sql`now()`));
  const pick = options.deliveryId
    ? sql`${webhookDeliveries.id} = ${options.deliveryId}`
    : sql`${webhookDeliveries.id} IN (
        SELECT d.id FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.claimed_until IS NULL OR d.claimed_until <= now())
        ORDER BY d.next_attempt_at
        LIMIT ${options.limit ?? 20}
        FOR UPDATE SKIP LOCKED)`;
  const claimed = await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      claimedUntil: sql`now() + ${`${Math.ceil(options.leaseMs)} milliseconds`}::interval`,
    })
    .where(
      and(
        pick,
        eq(webhookDeliveries.status, 'pending'),
        free,
        options.deliveryId ? undefined : lte(webhookDeliveries.nextAttemptAt, sql`now()`),
      ),
    )
    .returning();
  if (claimed.length === 0) return [];
  const hooks = await db
    .select()
    .from(webhooks)
    .where(inArray(webhooks.id, [...new Set(claimed.map((d) => d.webhookId))]));
  const byId = new Map(hooks.map((h) => [h.id, h]));
  return claimed.flatMap((delivery) => {
    const hook = byId.get(delivery.webhookId);
    return hook ? [{ delivery, hook }] : [];
  });
}

/**
 * Writes the outcome of a claimed attempt and releases the claim: delivered, failed (no retry
 * left) or pending again at `nextAttemptAt`. False when the claim was lost (another process took
 * the delivery over after the lease ran out).
 */
export async function finishDeliveryAttempt(
  db: Db,
  claimed: DeliveryRow,
  attempt: DeliveryAttempt,
  outcome: { status: DeliveryStatus; nextAttemptAt: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      claimedUntil: null,
      lastStatusCode: attempt.statusCode,
      lastError: attempt.error,
      log: sql`${webhookDeliveries.log} || ${JSON.stringify([attempt])}::jsonb`,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      ...(outcome.status === 'delivered' ? { deliveredAt: sql`now()` } : {}),
    })
    .where(
      and(
        eq(webhookDeliveries.id, claimed.id),
        eq(webhookDeliveries.attempts, claimed.attempts),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
