/**
 * `touchpoints import reviews` as a user runs it: a workspace with one touchpoint is made
 * in-process, then the fixture export of a rating site is imported twice by a child process:
 * bad rows go to the rejects file, the second run stores nothing new.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { listReviews } from '../../src/store/catalog/reviews.js';
import { createTouchpoint } from '../../src/store/catalog/touchpoints.js';
import { createUser } from '../../src/store/catalog/users.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-reviews-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const file = join(dataDir, 'google.csv');

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let workspaceId = '';

beforeAll(async () => {
  copyFileSync(new URL('../fixtures/reviews-google.csv', import.meta.url), file);
  const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
  try {
    const user = await createUser(store.catalog.db, { email: 'ann@example.com', password: 'correct horse' });
    const ws = await createWorkspace(store.catalog.db, SYSTEM_ACTOR, { name: 'Clinic' }, user.id);
    workspaceId = ws.id;
    await createTouchpoint(store.catalog.db, SYSTEM_ACTOR, ws.id, { key: 'clinic-reviews', name: 'Reviews' });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints import reviews', () => {
  it('imports a rating site export, writes the rejects, and a re-run stores nothing new', async () => {
    const args = ['import', 'reviews', file, '--workspace', workspaceId, '--touchpoint', 'clinic-reviews'];
    const missing = await touchpoints(...args);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--site: is required');
    expect(missing.stderr).toContain('--rating-max: is required');

    const full = [...args, '--site', 'Google', '--rating-max', '5', '--map', 'text=Review,author=Reviewer'];
    const first = await touchpoints(...full);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/7 rows/);
    expect(first.stdout).toMatch(/accepted +4\n/);
    expect(first.stdout).toMatch(/new +4\n/);
    expect(first.stdout).toMatch(/complaints +1\n/);
    expect(first.stdout).toMatch(/rejected +3 /);
    expect(first.stdout).toContain('row 4  rating: "six" is not a number');
    expect(readFileSync(`${file}.rejects.csv`, 'utf8').split('\n')).toEqual([
      'row,field,reason',
      '4,rating,"""six"" is not a number"',
      "5,reply_date,2026-10-03 is before the review's date 2026-10-04",
      '6,date,is empty',
      '',
    ]);

    const second = await touchpoints(...full);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/new +0\n/);
    expect(second.stdout).toMatch(/unchanged +4\n/);
    expect(second.stdout).toMatch(/complaints +0\n/);

    const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
    try {
      const page = await listReviews(store.catalog.db, workspaceId, { limit: 50, offset: 0 });
      expect(page.total).toBe(4);
      expect(page.items.map((r) => [r.externalId, r.score])).toEqual([
        ['g-7', 0.9],
        ['g-3', 0.8],
        ['g-2', 0.4],
        ['g-1', 1],
      ]);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dataDir, 'events.duckdb'))).toBe(true);
  }, 180_000);
});
