/**
 * `touchpoints import interactions` as a user runs it: a demo workspace is created in-process,
 * then a CSV of 20 rows (2 invalid, 1 for an unknown touchpoint key) is imported twice by a
 * child process: the second run adds nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDemoWorkspace } from '../../src/demo/demo-workspace.js';
import { openStore } from '../../src/server.js';
import { SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createUser } from '../../src/store/catalog/users.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-import-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const file = join(dataDir, 'visits.csv');

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let workspaceId = '';

beforeAll(async () => {
  const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
  try {
    const user = await createUser(store.catalog.db, { email: 'ann@example.com', password: 'correct horse' });
    const demo = await createDemoWorkspace(store.catalog.db, SYSTEM_ACTOR, user);
    workspaceId = demo.workspace.id;
  } finally {
    await store.close();
  }
  const keys = ['clinic-website', 'clinic-reception', 'clinic-doctor-visit'];
  const rows = ['Kunde,id,touchpoint,at,sentiment,outcome,value,props'];
  for (let i = 1; i <= 20; i++) {
    const at = `2024-05-${String(i).padStart(2, '0')}T09:30:00+02:00`;
    if (i === 5) rows.push(`c5,ix-5,clinic-website,2024-02-30T09:00:00Z,,,,`);
    else if (i === 9) rows.push(`c9,ix-9,clinic-website,${at},5,,,`);
    else if (i === 14) rows.push(`c14,ix-14,no-such-touchpoint,${at},,,,`);
    else if (i === 20)
      rows.push(`"Doe, Jane",ix-20,clinic-doctor-visit,${at},1,converted,120.5,"{""plan"":""pro""}"`);
    else rows.push(`c${i},ix-${i},${keys[i % 3]},${at},,,,`);
  }
  writeFileSync(file, `${rows.join('\r\n')}\r\n`);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints import interactions', () => {
  it('imports a CSV, writes the rejects, and a re-run finds only duplicates', async () => {
    const args = [
      'import',
      'interactions',
      file,
      '--workspace',
      workspaceId,
      '--map',
      'Kunde=customer',
      '--batch',
      '7',
    ];
    const first = await touchpoints(...args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/20 rows/);
    expect(first.stdout).toMatch(/accepted +17\n/);
    expect(first.stdout).toMatch(/duplicates +0\n/);
    expect(first.stdout).toMatch(/rejected +2 /);
    expect(first.stdout).toMatch(/quarantined +1 /);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8').split('\n')).toEqual([
      'row,field,reason',
      '5,at,must be an ISO-8601 date-time with offset (2024-05-01T09:30:00+02:00) or epoch milliseconds',
      '9,sentiment,"must be -1, 0 or 1"',
      '',
    ]);

    rmSync(`${file}.rejects.csv`);
    const second = await touchpoints(...args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/accepted +0\n/);
    expect(second.stdout).toMatch(/duplicates +18\n/);
    expect(second.stdout).toMatch(/quarantined +0\n/);
    expect(existsSync(`${file}.rejects.csv`)).toBe(true);
  }, 60_000);

  it('writes the rejects file in row order across batches and read errors', async () => {
    // Rows 3, 7 and 13 cannot be read (wrong cell count); rows 2, 6 and 12 are refused by the
    // ingestion after their batch (of 4) was sent: both kinds interleave by row number.
    const mixed = join(dataDir, 'mixed.csv');
    const rows = ['customer,id,touchpoint,at,sentiment'];
    for (let i = 1; i <= 20; i++) {
      if (i === 3 || i === 7 || i === 13) rows.push(`c${i},mx-${i}`);
      else if (i === 2 || i === 12) rows.push(`c${i},mx-${i},clinic-website,2024-05-01T09:00:00Z,${i}`);
      else if (i === 6) rows.push(`c${i},mx-${i},clinic-website,yesterday,`);
      else rows.push(`c${i},mx-${i},clinic-website,2024-05-01T09:00:00Z,1`);
    }
    writeFileSync(mixed, `${rows.join('\n')}\n`);
    const run = await touchpoints(
      'import',
      'interactions',
      mixed,
      '--workspace',
      workspaceId,
      '--batch',
      '4',
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/accepted +14\n/);
    expect(run.stdout).toMatch(/rejected +6 /);
    const written = readFileSync(`${mixed}.rejects.csv`, 'utf8').trim().split('\n');
    expect(written.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'row,field',
      '2,sentiment',
      '3,',
      '6,at',
      '7,',
      '12,sentiment',
      '13,',
    ]);
  }, 60_000);

  it('says in one line what is wrong: bad --map, unknown workspace, missing file', async () => {
    const [badMap, unknown, missing] = await Promise.all([
      touchpoints('import', 'interactions', file, '--workspace', workspaceId, '--map', 'Kunde=client'),
      touchpoints(
        'import',
        'interactions',
        file,
        '--workspace',
        '00000000-0000-4000-8000-000000000000',
        '--map',
        'Kunde=customer',
      ),
      touchpoints('import', 'feedback', join(dataDir, 'nope.csv'), '--workspace', workspaceId),
    ]);
    expect(badMap).toMatchObject({ code: 1, stdout: '' });
    expect(badMap.stderr).toMatch(
      /^touchpoints: --map "Kunde=client": "client" is not a field of interactions/,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/workspace/);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`touchpoints: cannot read ${join(dataDir, 'nope.csv')}: no such file`);
  }, 60_000);
});
