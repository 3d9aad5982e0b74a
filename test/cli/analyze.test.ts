/**
 * `touchpoints analyze` as a user runs it: the data directory is filled in-process (a workspace
 * with a chain ad → site and three customers), then the command runs as a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createChain } from '../../src/store/catalog/chains.js';
import { createTouchpoint } from '../../src/store/catalog/touchpoints.js';
import { createUser } from '../../src/store/catalog/users.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';
import type { Interaction } from '../../src/store/events/event-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-analyze-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const T = Date.UTC(2024, 4, 1);
const DAY = 86_400_000;
let workspaceId = '';
let chainId = '';

beforeAll(async () => {
  const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
  try {
    const db = store.catalog.db;
    const user = await createUser(db, { email: 'ann@example.com', password: 'correct horse', name: 'Ann' });
    workspaceId = (await createWorkspace(db, SYSTEM_ACTOR, { name: 'Shop' }, user.id)).id;
    const ad = await createTouchpoint(db, SYSTEM_ACTOR, workspaceId, { key: 'ad', name: 'Banner' });
    const site = await createTouchpoint(db, SYSTEM_ACTOR, workspaceId, { key: 'site', name: 'Website' });
    const chain = await createChain(db, SYSTEM_ACTOR, workspaceId, {
      name: 'Lead',
      windowDays: 7,
      links: [
        { touchpointId: ad.id, role: 'initial' },
        { touchpointId: site.id, role: 'final' },
      ],
    });
    chainId = chain.id;
    const ix = (id: string, customer: string, touchpointId: string, at: number): Interaction => ({
      workspaceId,
      id,
      customer,
      touchpointId,
      at,
      direction: 'in',
      sentiment: null,
      outcome: null,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
      props: null,
    });
    await store.events.insertInteractions([
      ix('1', 'c1', ad.id, T + DAY),
      ix('2', 'c1', site.id, T + 2 * DAY),
      ix('3', 'c2', ad.id, T + DAY),
      ix('4', 'c2', site.id, T + 4 * DAY),
      ix('5', 'c3', ad.id, T + DAY),
    ]);
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints analyze', () => {
  it('prints a chain conversion table, JSON, and one-line errors', async () => {
    const period = ['--from', '2024-05-01', '--to', '2024-06-01'];
    const text = await touchpoints(
      'analyze',
      'chain-conversion',
      '--workspace',
      workspaceId,
      '--chain',
      chainId,
      ...period,
      '--min-entrants',
      '2',
    );
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'Chain "Lead" (2 links, window 7 days), 2024-05-01 – 2024-06-01 (UTC)',
        '',
        'link  touchpoint      role     reached  from prev  from L1  dropped  broken by −1  median time  p90 time',
        '   1  ad (Banner)     initial        3          –   100.0%        1             0            –         –',
        '   2  site (Website)  final          2      66.7%    66.7%        –             –        2.0 d     2.8 d',
        '',
        'Weak link: 1 → 2, 66.7% of 3 entrants',
        '',
      ].join('\n'),
    );

    const json = await touchpoints('analyze', 'touches', '--workspace', workspaceId, ...period, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      conversions: 0,
      period: { from: '2024-05-01T00:00:00.000Z' },
    });

    const bad = await touchpoints(
      'analyze',
      'paths',
      '--workspace',
      workspaceId,
      '--from',
      'soon',
      '--steps',
      '0',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'touchpoints: --from: must be an ISO 8601 date (2024-05-01, midnight UTC), a date-time with offset ' +
        '(2024-05-01T09:30:00+02:00) or epoch milliseconds; --steps: must be at least 1\n',
    );

    const stage = await touchpoints(
      'analyze',
      'touches',
      '--workspace',
      workspaceId,
      ...period,
      '--stage',
      'purchase,later',
    );
    expect(stage.code).toBe(1);
    expect(stage.stderr).toBe(
      'touchpoints: --stage: "later" is not a stage; stages are need_recognition, information_search, ' +
        'comparison, purchase, post_purchase\n',
    );
  });
});
