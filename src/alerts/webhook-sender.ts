/**
 * Sends webhook deliveries: a POST of the delivery's JSON body with
 * - `X-Touchpoints-Event`: alert.fired | alert.resolved | webhook.test
 * - `X-Touchpoints-Delivery`: the delivery id (the same on every retry: the receiver's idempotency key)
 * - `X-Touchpoints-Timestamp`: seconds since 1970 at this attempt
 * - `X-Touchpoints-Signature`: `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>` with the hook's secret
 *
 * A 2xx answer within the timeout (10 s) delivers it; anything else (another status, a refused
 * connection, the timeout) is logged on the delivery and retried after the next delay of the
 * backoff (30 s, 2 min, 8 min, 30 min, 2 h); once those are spent the delivery is `failed`.
 * Each attempt is claimed first (store/catalog/webhooks.ts), so several processes on one catalog
 * never send the same attempt. Redirects are not followed (a 3xx is a failed attempt).
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../store/catalog/db.js';
import type { SecretBox } from '../store/catalog/secret-box.js';
import {
  type ClaimedDelivery,
  claimDeliveries,
  type DeliveryAttempt,
  type DeliveryDto,
  enqueueDeliveries,
  finishDeliveryAttempt,
  getDelivery,
  getWebhook,
  openWebhookSecret,
} from '../store/catalog/webhooks.js';

/** Delays before the 2nd, 3rd, … attempt. */
export const DEFAULT_RETRY_DELAYS_MS = [30_000, 2 * 60_000, 8 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** How often the server looks for due deliveries (new events also wake it). */
const POLL_EVERY_MS = 5_000;

export interface WebhookSenderOptions {
  db: Db;
  secrets: SecretBox;
  timeoutMs?: number | undefined;
  retryDelaysMs?: readonly number[] | undefined;
}

/** The signature header's value for a body sent at `timestamp` (seconds). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function describeError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  // fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is in its causes.
  let current: unknown = error;
  let innermost = error.message;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const e = current as Error & { code?: string; cause?: unknown; errors?: unknown[] };
    if (e.code) return e.message.includes(e.code) ? e.message : `${e.code}: ${e.message}`;
    if (e.message) innermost = e.message;
    current = e.cause ?? e.errors?.[0];
  }
  return innermost === error.message ? error.message : `${error.message}: ${innermost}`;
}

/** One attempt of a claimed delivery: sends it and writes the outcome. */
export async function attemptDelivery(
  options: WebhookSenderOptions,
  { delivery, hook }: ClaimedDelivery,
): Promise<DeliveryAttempt & { status: 'delivered' | 'pending' | 'failed' }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const body = JSON.stringify(delivery.payload);
  const started = Date.now();
  const timestamp = String(Math.floor(started / 1000));
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const secret = openWebhookSecret(options.secrets, hook);
    const response = await fetch(hook.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Touchpoints-Webhooks/1',
        'x-touchpoints-event': delivery.event,
        'x-touchpoints-delivery': delivery.id,
        'x-touchpoints-timestamp': timestamp,
        'x-touchpoints-signature': signWebhook(secret, timestamp, body),
      },
    });
    statusCode = response.status;
    // The answer's body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (caught) {
    error = describeError(caught, timeoutMs);
  }
  const attempt: DeliveryAttempt = {
    at: new Date(started).toISOString(),
    statusCode,
    error,
    ms: Date.now() - started,
  };
  // `attempts` already counts this one; delays[attempts - 1] is the wait before the next.
  const delay = delays[delivery.attempts - 1];
  const status = error === null ? 'delivered' : delay === undefined ? 'failed' : 'pending';
  await finishDeliveryAttempt(options.db, delivery, attempt, {
    status,
    nextAttemptAt: status === 'pending' ? new Date(Date.now() + (delay ?? 0)) : null,
  });
  return { ...attempt, status };
}

function leaseOf(options: WebhookSenderOptions): number {
  return (options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS) + 30_000;
}

/** Claims and sends the due deliveries, a batch at a time; answers how many attempts were made. */
export async function deliverDue(options: WebhookSenderOptions, limit = 20): Promise<number> {
  let attempts = 0;
  for (;;) {
    const claimed = await claimDeliveries(options.db, { leaseMs: leaseOf(options), limit });
    if (claimed.length === 0) return attempts;
    await Promise.all(claimed.map((c) => attemptDelivery(options, c)));
    attempts += claimed.length;
    if (claimed.length < limit) return attempts;
  }
}

/** The test button: queues a `webhook.test` for the hook, sends it now, answers the delivery. */
export async function sendTestDelivery(
  options: WebhookSenderOptions,
  workspaceId: string,
  hookId: string,
): Promise<DeliveryDto> {
  const hook = await getWebhook(options.db, workspaceId, hookId);
  const [id] = await enqueueDeliveries(
    options.db,
    workspaceId,
    'webhook.test',
    (deliveryId) => ({
      id: deliveryId,
      event: 'webhook.test',
      workspaceId,
      createdAt: new Date().toISOString(),
      data: { webhookId: hook.id, message: 'A test delivery from Touchpoints' },
    }),
    { hookId },
  );
  if (!id) throw new Error('test delivery not queued');
  const [claimed] = await claimDeliveries(options.db, { leaseMs: leaseOf(options), deliveryId: id });
  if (claimed) await attemptDelivery(options, claimed);
  return getDelivery(options.db, id);
}

export interface WebhookSender {
  /** Looks for due deliveries now (after an evaluation queued some). */
  kick(): void;
  stop(): Promise<void>;
}

/** Starts sending due deliveries: at once, every few seconds, and whenever kicked. */
export function startWebhookSender(
  options: WebhookSenderOptions,
  onError: (error: unknown) => void = () => {},
  everyMs = POLL_EVERY_MS,
): WebhookSender {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let again = false;
  let busy = false;
  const run = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    clearTimeout(timer);
    running = deliverDue(options)
      .catch(onError)
      .finally(() => {
        busy = false;
        if (stopped) return;
        if (again) {
          again = false;
          run();
        } else timer = setTimeout(run, everyMs).unref();
      });
  };
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
