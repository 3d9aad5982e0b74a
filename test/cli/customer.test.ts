/**
 * `touchpoints customer export` and `erase` as a user runs them: a child process on a PGlite data
 * directory whose workspace holds the records of four customers, written in-process first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { listAudit, SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';
import { anInteraction } from '../fixtures/event-rows.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-customer-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const config = loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir });
const T = Date.UTC(2024, 4, 1);

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let workspaceId = '';
const touchpointId = crypto.randomUUID();

beforeAll(async () => {
  const store = await openStore(config, 'test');
  try {
    workspaceId = (await createWorkspace(store.catalog.db, SYSTEM_ACTOR, { name: 'Shop' }, null)).id;
    await store.events.insertInteractions([
      anInteraction(workspaceId, 'a1', 'ann', T + 1000, { touchpointId }),
      anInteraction(workspaceId, 'a2', 'ann', T, { touchpointId }),
      anInteraction(workspaceId, 'b1', 'bob', T, { touchpointId }),
      anInteraction(workspaceId, 'c1', 'cid', T, { touchpointId }),
      anInteraction(workspaceId, 'd1', 'dan', T, { touchpointId }),
    ]);
    await store.events.insertFeedback([
      {
        workspaceId,
        id: 'fa',
        touchpointId,
        customer: 'ann',
        at: T,
        kind: 'csat',
        score: 4,
        comment: 'friendly',
      },
    ]);
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints customer', () => {
  it('documents its commands and refuses bad arguments in one line', async () => {
    const help = await touchpoints('customer', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/export/);
    expect(help.stdout).toMatch(/erase/);
    const erase = await touchpoints('customer', 'erase', '--help');
    expect(erase.stdout).toMatch(/--file <file>/);
    expect(erase.stdout).toMatch(/--workspace <id>/);

    const both = await touchpoints('customer', 'erase', 'ann', '--file', 'x.txt', '--workspace', workspaceId);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('touchpoints: give either a customer key or --file <file>, not both\n');
    const neither = await touchpoints('customer', 'erase', '--workspace', workspaceId);
    expect(neither.stderr).toBe('touchpoints: give either a customer key or --file <file>, not both\n');
    const badId = await touchpoints('customer', 'export', 'ann', '--workspace', 'shop');
    expect(badId.stderr).toBe('touchpoints: the workspace id must be a UUID, got "shop"\n');
    const unknown = await touchpoints(
      'customer',
      'export',
      'ann',
      '--workspace',
      '00000000-0000-4000-8000-000000000001',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('touchpoints: workspace 00000000-0000-4000-8000-000000000001 not found\n');
  }, 300_000);

  it('exports a customer, erases one key and then a file of keys', async () => {
    const exported = await touchpoints('customer', 'export', 'ann', '--workspace', workspaceId);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.customer).toBe('ann');
    expect(doc.interactions.map((i: { id: string }) => i.id)).toEqual(['a2', 'a1']);
    expect(doc.feedback).toMatchObject([{ id: 'fa', comment: 'friendly' }]);

    const file = join(dataDir, 'ann.json');
    const written = await touchpoints('customer', 'export', 'ann', '--workspace', workspaceId, '-o', file);
    expect(written.stdout).toBe(
      `exported 2 interactions, 1 feedback answers and 0 quarantined records to ${file}\n`,
    );
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(2);

    const one = await touchpoints('customer', 'erase', 'ann', '--workspace', workspaceId);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(
      'erased 1 customer keys: 2 interactions, 1 feedback answers, 0 quarantined records, 0 complaints, 0 reviews, 0 survey contacts deleted\n',
    );

    const keys = join(dataDir, 'deletion-requests.txt');
    writeFileSync(keys, 'bob\r\n\n   cid  \nbob\nnever-seen\n\n');
    const batch = await touchpoints('customer', 'erase', '--file', keys, '--workspace', workspaceId);
    expect(batch.code).toBe(0);
    expect(batch.stdout).toBe(
      'erased 3 customer keys: 2 interactions, 0 feedback answers, 0 quarantined records, 0 complaints, 0 reviews, 0 survey contacts deleted\n',
    );

    const store = await openStore(config, 'test');
    try {
      const left = await store.events.query<{ customer: string }>({
        sql: 'SELECT customer FROM interactions WHERE workspace_id = $workspaceId ORDER BY customer',
        params: { workspaceId },
      });
      expect(left).toEqual([{ customer: 'dan' }]);
      const audit = await listAudit(store.catalog.db, workspaceId, { limit: 10, entityType: 'customer' });
      // Newest first; the two exports are audited by their counts too, never the key.
      expect(audit.map((e) => [e.action, e.after])).toEqual([
        ['erase', { customers: 3, interactions: 2, feedback: 0, quarantined: 0 }],
        ['erase', { customers: 1, interactions: 2, feedback: 1, quarantined: 0 }],
        [
          'export',
          { interactions: 2, feedback: 1, quarantined: 0, complaints: 0, reviews: 0, surveyContacts: 0 },
        ],
        [
          'export',
          { interactions: 2, feedback: 1, quarantined: 0, complaints: 0, reviews: 0, surveyContacts: 0 },
        ],
      ]);
      expect(JSON.stringify(audit)).not.toContain('ann');
    } finally {
      await store.close();
    }
  }, 300_000);
});
