import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateWorkspaceAlerts } from '../../src/alerts/evaluate-alerts.js';
import { deliverDue, sendTestDelivery } from '../../src/alerts/webhook-sender.js';
import { createSecretBox, resealSecrets } from '../../src/store/catalog/secret-box.js';
import { findWebhookRow, openWebhookSecret } from '../../src/store/catalog/webhooks.js';
import { describeCatalog, type Harness, type Reply } from '../catalog-harness.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: answers each request with the next status of `plan` (the last repeats; 0 = never answer). */
class Receiver {
  readonly received: Received[] = [];
  plan: number[] = [200];
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        const status = this.plan.length > 1 ? (this.plan.shift() as number) : (this.plan[0] as number);
        if (status === 0) return; // never answers
        res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

/** How a receiver checks a delivery: HMAC-SHA256 of "<timestamp>.<body>" with the secret. */
function verify(secret: string, received: Received): boolean {
  const timestamp = String(received.headers['x-touchpoints-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`;
  const given = String(received.headers['x-touchpoints-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

/** A workspace with an overdue task and a rule on it: evaluating fires one alert. */
async function firingWorkspace(h: () => Harness) {
  const owner = await h().signUp('owner');
  const { id: workspaceId, base } = await h().newWorkspace(owner);
  const shop = (await created(owner.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
  await created(
    owner.post(`${base}/tasks`, {
      title: 'Late task',
      lever: 'business_processes',
      dueDate: '2020-01-01',
      targets: { touchpointId: shop },
    }),
  );
  await created(owner.post(`${base}/alert-rules`, { name: 'Overdue', kind: 'task_overdue' }));
  return { owner, workspaceId, base };
}

describeCatalog('webhooks', (h) => {
  it('lets owners manage hooks, shows the secret once, signs deliveries and rotates the secret', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });

    const ftp = await owner.post(`${base}/webhooks`, { url: 'ftp://example.com/x' });
    expect(ftp.status).toBe(400);
    expect(ftp.body.issues.map((i: { field: string }) => i.field)).toEqual(['url']);
    expect((await owner.post(`${base}/webhooks`, { url: 'not a url' })).status).toBe(400);
    expect((await editor.post(`${base}/webhooks`, { url: receiver.url })).status).toBe(403);
    expect((await editor.get(`${base}/webhooks`)).status).toBe(403);

    const hook = await created(
      owner.post(`${base}/webhooks`, { url: receiver.url, description: 'Ops chat' }),
    );
    const secret = hook.body.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const shown = await owner.get(`${base}/webhooks/${hook.body.id}`);
    expect(shown.body).toMatchObject({
      url: receiver.url,
      description: 'Ops chat',
      enabled: true,
      lastDelivery: null,
    });
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify((await owner.get(`${base}/webhooks`)).body)).not.toContain(secret);

    receiver.plan = [200];
    const before = receiver.received.length;
    const test = await owner.post(`${base}/webhooks/${hook.body.id}/test`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      event: 'webhook.test',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(test.body.log).toEqual([
      { at: expect.any(String), statusCode: 200, error: null, ms: expect.any(Number) },
    ]);
    const got = receiver.received[before] as Received;
    expect(got.headers['x-touchpoints-event']).toBe('webhook.test');
    expect(got.headers['x-touchpoints-delivery']).toBe(test.body.id);
    expect(got.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(got.headers['x-touchpoints-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verify(secret, got)).toBe(true);
    expect(verify('whsec_wrong', got)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ id: test.body.id, event: 'webhook.test' });

    const rotated = await owner.post(`${base}/webhooks/${hook.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    await owner.post(`${base}/webhooks/${hook.body.id}/test`);
    const next = receiver.received.at(-1) as Received;
    expect(verify(rotated.body.secret, next)).toBe(true);
    expect(verify(secret, next)).toBe(false);

    const patched = await owner.patch(`${base}/webhooks/${hook.body.id}`, {
      version: rotated.body.version,
      enabled: false,
    });
    expect(patched.body).toMatchObject({
      enabled: false,
      lastDelivery: { status: 'delivered', statusCode: 200 },
    });
    const log = await owner.get(`${base}/webhooks/${hook.body.id}/deliveries`);
    expect(log.body.total).toBe(2);
    expect(
      (await owner.patch(`${base}/webhooks/${hook.body.id}`, { version: 1, url: 'gopher://x' })).status,
    ).toBe(400);
    expect((await owner.delete(`${base}/webhooks/${hook.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/webhooks/${hook.body.id}/deliveries`)).status).toBe(404);
  });

  it('retries a failed delivery with backoff and logs every attempt', async () => {
    const { owner, workspaceId, base } = await firingWorkspace(h);
    const hook = await created(owner.post(`${base}/webhooks`, { url: receiver.url }));
    const db = h().catalog.db;
    await evaluateWorkspaceAlerts({ db, events: h().events }, workspaceId);
    const options = { db, secrets: h().secrets, retryDelaysMs: [300, 300] };

    receiver.plan = [500, 200];
    const start = receiver.received.length;
    expect(await deliverDue(options)).toBe(1);
    let [delivery] = (await owner.get(`${base}/webhooks/${hook.body.id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({
      event: 'alert.fired',
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(Date.parse(delivery.nextAttemptAt) - Date.parse(delivery.log[0].at)).toBeGreaterThanOrEqual(300);
    // Not due yet: nothing is sent.
    expect(await deliverDue(options)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await deliverDue(options)).toBe(1);
    [delivery] = (await owner.get(`${base}/webhooks/${hook.body.id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivery.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    expect(delivery.deliveredAt).not.toBeNull();
    // Both attempts carried the same delivery id, each signed.
    const attempts = receiver.received.slice(start);
    expect(attempts.map((r) => r.headers['x-touchpoints-delivery'])).toEqual([delivery.id, delivery.id]);
    expect(attempts.every((r) => verify(hook.body.secret, r))).toBe(true);
    expect(JSON.parse(attempts[0]?.body ?? '{}')).toMatchObject({
      event: 'alert.fired',
      data: {
        rule: { name: 'Overdue', kind: 'task_overdue' },
        episode: { subjectName: 'Late task', state: 'open' },
      },
    });

    // A receiver that keeps failing: after the last delay the delivery is failed.
    receiver.plan = [503];
    const test = await sendTestDelivery(options, workspaceId, hook.body.id);
    expect(test).toMatchObject({ status: 'pending', lastStatusCode: 503 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await deliverDue(options)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await deliverDue(options)).toBe(1);
    const failed = (await owner.get(`${base}/webhooks/${hook.body.id}/deliveries?status=failed`)).body.items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: test.id, attempts: 3, nextAttemptAt: null });
    expect(failed[0].log).toHaveLength(3);
    expect(await deliverDue(options)).toBe(0);
  });

  it('logs a timeout when the receiver never answers, and refused connections', async () => {
    const { owner, base } = await firingWorkspace(h);
    const hook = await created(owner.post(`${base}/webhooks`, { url: receiver.url }));
    receiver.plan = [0];
    const started = Date.now();
    const [workspaceId] = base.split('/').slice(-1);
    const delivery = await sendTestDelivery(
      { db: h().catalog.db, secrets: h().secrets, timeoutMs: 300, retryDelaysMs: [60_000] },
      workspaceId as string,
      hook.body.id,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(delivery).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: 'timeout after 300 ms',
    });
    expect(delivery.log[0]?.ms).toBeGreaterThanOrEqual(290);
    receiver.plan = [200];

    // A port nothing listens on: a server opened and closed again.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const closed = await created(
      owner.post(`${base}/webhooks`, { url: `http://127.0.0.1:${port}/nothing-listens` }),
    );
    const refused = await owner.post(`${base}/webhooks/${closed.body.id}/test`);
    expect(refused.body.status).toBe('pending');
    expect(refused.body.lastStatusCode).toBeNull();
    expect(refused.body.lastError).toMatch(/ECONNREFUSED/);
  });

  it('sends each delivery once when two senders claim at the same time', async () => {
    const { owner, workspaceId, base } = await firingWorkspace(h);
    await created(owner.post(`${base}/webhooks`, { url: receiver.url }));
    await created(owner.post(`${base}/webhooks`, { url: `${receiver.url}?second` }));
    const db = h().catalog.db;
    await evaluateWorkspaceAlerts({ db, events: h().events }, workspaceId);
    receiver.plan = [200];
    const start = receiver.received.length;
    const options = { db, secrets: h().secrets };
    const sent = await Promise.all([deliverDue(options), deliverDue(options), deliverDue(options)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2);
    const ids = receiver.received.slice(start).map((r) => r.headers['x-touchpoints-delivery']);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('moves webhook secrets to a new key on start, as TOTP secrets', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const hook = await created(owner.post(`${base}/webhooks`, { url: receiver.url }));
    const db = h().catalog.db;
    const newKey = randomBytes(32);
    const rotated = createSecretBox(newKey, [h().secretKey]);
    expect((await resealSecrets(db, rotated)).resealed).toBeGreaterThanOrEqual(1);
    const row = await findWebhookRow(db, hook.body.id);
    if (!row) throw new Error('hook vanished');
    expect(row.secretSealed.startsWith(`v1:${rotated.keyId}:`)).toBe(true);
    expect(openWebhookSecret(createSecretBox(newKey), row)).toBe(hook.body.secret);
    expect(await resealSecrets(db, createSecretBox(newKey))).toEqual({ resealed: 0 });
  });
});
