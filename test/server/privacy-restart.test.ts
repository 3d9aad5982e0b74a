/**
 * Personal data across restarts, on a data directory (PGlite and DuckDB files): a workspace
 * deleted through the running server has no event left after the store is opened again, and a
 * purge promised before a crash (an `event_purges` row left behind) is finished on the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore, startServer } from '../../src/server.js';
import { listAudit, SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { listEventPurges } from '../../src/store/catalog/event-purges.js';
import { eventPurges, workspaces } from '../../src/store/catalog/schema.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';
import { anInteraction, rowsPerWorkspaceTable } from '../fixtures/event-rows.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshConfig() {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-privacy-'));
  dirs.push(dir);
  return loadConfig({
    TOUCHPOINTS_DATA_DIR: dir,
    PORT: '0',
    TOUCHPOINTS_ADMIN_EMAIL: 'owner@example.com',
    TOUCHPOINTS_ADMIN_PASSWORD: 'correct horse battery',
  });
}

describe('personal data across restarts', () => {
  it('keeps a workspace deleted through the server deleted after the store opens again', async () => {
    const config = freshConfig();
    const server = await startServer(config);
    let workspaceId = '';
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}/api${path}`, {
          method,
          headers: {
            cookie,
            origin: server.url,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, body: res.status === 204 ? null : await res.json() };
      };
      const ws = await call('POST', '/workspaces', { name: 'Doomed' });
      workspaceId = ws.body.id;
      const base = `/workspaces/${workspaceId}`;
      expect(
        (await call('POST', `${base}/touchpoints`, { key: 'desk', name: 'Desk', direction: 'in' })).status,
      ).toBe(201);
      const sent = await call('POST', `${base}/interactions`, {
        interactions: [
          { id: 'i1', customer: 'ann', touchpoint: 'desk', at: '2024-05-01T10:00:00Z' },
          { id: 'i2', customer: 'ann', touchpoint: 'kiosk', at: '2024-05-01T11:00:00Z' },
        ],
      });
      expect(sent.body).toMatchObject({ accepted: 1, quarantined: 1 });
      const answers = await call('POST', `${base}/feedback`, {
        answers: [
          {
            id: 'f1',
            customer: 'ann',
            touchpoint: 'desk',
            at: '2024-05-01T10:05:00Z',
            kind: 'csat',
            score: 4,
            comment: 'fine',
          },
        ],
      });
      expect(answers.body).toMatchObject({ accepted: 1 });
      expect((await call('DELETE', base)).status).toBe(204);
    } finally {
      await server.close();
    }
    const store = await openStore(config, 'test');
    try {
      const rows = await rowsPerWorkspaceTable(store.events, workspaceId);
      expect(rows).toMatchObject({ interactions: 0, feedback: 0, quarantine: 0 });
      expect(Object.values(rows).every((n) => n === 0)).toBe(true);
      expect(await listEventPurges(store.catalog.db)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('finishes on the next start the purges a crash left behind', async () => {
    const config = freshConfig();
    let kept = '';
    let gone = '';
    let store = await openStore(config, 'test');
    try {
      const { db } = store.catalog;
      kept = (await createWorkspace(db, SYSTEM_ACTOR, { name: 'Kept' }, null)).id;
      gone = (await createWorkspace(db, SYSTEM_ACTOR, { name: 'Gone' }, null)).id;
      const tp = crypto.randomUUID();
      for (const ws of [kept, gone]) {
        await store.events.insertInteractions([
          anInteraction(ws, 'a', 'ann', Date.UTC(2024, 4, 1) + 1000, { touchpointId: tp }),
          anInteraction(ws, 'bb', 'ann', Date.UTC(2024, 4, 1) + 2000, { touchpointId: tp }),
          anInteraction(ws, 'ccc', 'bob', Date.UTC(2024, 4, 1) + 3000, { touchpointId: tp }),
        ]);
        await store.events.insertFeedback([
          {
            workspaceId: ws,
            id: 'f',
            touchpointId: tp,
            customer: 'ann',
            at: Date.UTC(2024, 4, 2),
            kind: 'csat',
            score: 5,
            comment: 'hi',
          },
        ]);
      }
      // A crash after the catalog's transactions, before the event store was purged: the
      // workspace row is gone and both promises are still in the outbox.
      await db.delete(workspaces).where(eq(workspaces.id, gone));
      await db.insert(eventPurges).values([
        { id: crypto.randomUUID(), workspaceId: kept, kind: 'customers', customers: ['ann'] },
        { id: crypto.randomUUID(), workspaceId: gone, kind: 'workspace' },
      ]);
      expect((await rowsPerWorkspaceTable(store.events, gone)).interactions).toBe(3);
    } finally {
      await store.close();
    }

    store = await openStore(config, 'test');
    try {
      expect(await listEventPurges(store.catalog.db)).toEqual([]);
      expect(Object.values(await rowsPerWorkspaceTable(store.events, gone)).every((n) => n === 0)).toBe(true);
      const customers = await store.events.query<{ customer: string }>({
        sql: `SELECT customer FROM interactions WHERE workspace_id = $ws
              UNION ALL SELECT customer FROM feedback WHERE workspace_id = $ws`,
        params: { ws: kept },
      });
      expect(customers).toEqual([{ customer: 'bob' }]);
      // The erasure is audited when done: by the system, with counts and no key.
      const [entry] = await listAudit(store.catalog.db, kept, { limit: 10, entityType: 'customer' });
      expect(entry).toMatchObject({
        action: 'erase',
        actorUserId: null,
        actorTokenId: null,
        after: { customers: 1, interactions: 2, feedback: 1, quarantined: 0 },
      });
      expect(JSON.stringify(entry)).not.toContain('ann');
    } finally {
      await store.close();
    }
  }, 120_000);
});
