/**
 * `touchpoints import` on files made to hurt: props nested 10,000 levels deep in a CSV cell or an
 * NDJSON line, and bytes that are not UTF-8. The bad row is refused with its field and reason,
 * every other row is stored, and the summary is printed — by the command as a user runs it
 * (whose CSV import of interactions goes through DuckDB first) and by the JavaScript reader.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoStore } from '../../src/cli/import.js';
import { loadConfig } from '../../src/config.js';
import { createDemoWorkspace } from '../../src/demo/demo-workspace.js';
import { openStore } from '../../src/server.js';
import { SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createUser } from '../../src/store/catalog/users.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-import-hostile-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
let workspaceId = '';

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The stored interactions whose id starts with `prefix`: id, customer and props, by id. */
async function stored(prefix: string): Promise<{ id: string; customer: string; props: string | null }[]> {
  const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
  try {
    return await store.events.query({
      sql: `SELECT id, customer, props FROM interactions WHERE workspace_id = $ws AND starts_with(id, $prefix)
            ORDER BY id`,
      params: { ws: workspaceId, prefix },
    });
  } finally {
    await store.close();
  }
}

// Props 10,000 levels deep, as JSON text (JSON.stringify itself cannot write it).
const DEEP = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
const DEPTH_REASON = 'must be nested at most 32 levels deep';
const AT = '2024-05-01T09:30:00Z';

/** A CSV of interactions: `rows` plain rows, row 3 replaced by `bad`. */
function csv(prefix: string, rows: number, bad: string | Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from('id,customer,touchpoint,at,props\n')];
  for (let i = 1; i <= rows; i++)
    parts.push(
      i === 3
        ? Buffer.concat([typeof bad === 'string' ? Buffer.from(bad) : bad, Buffer.from('\n')])
        : Buffer.from(`${prefix}-${String(i).padStart(2, '0')},c${i},clinic-website,${AT},\n`),
    );
  return Buffer.concat(parts);
}

/** An NDJSON file of interactions: `rows` plain lines, line 3 replaced by `bad`. */
function ndjson(prefix: string, rows: number, bad: string | Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 1; i <= rows; i++) {
    const id = `${prefix}-${String(i).padStart(2, '0')}`;
    const line = JSON.stringify({ id, customer: `c${i}`, touchpoint: 'clinic-website', at: AT });
    parts.push(
      i === 3 ? (typeof bad === 'string' ? Buffer.from(bad) : bad) : Buffer.from(line),
      Buffer.from('\n'),
    );
  }
  return Buffer.concat(parts);
}

const ids = (prefix: string, rows: number) =>
  Array.from({ length: rows }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`).filter(
    (id) => !id.endsWith('-03'),
  );

beforeAll(async () => {
  const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
  try {
    const user = await createUser(store.catalog.db, { email: 'ann@example.com', password: 'correct horse' });
    workspaceId = (await createDemoWorkspace(store.catalog.db, SYSTEM_ACTOR, user)).workspace.id;
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints import of deeply nested props', () => {
  it('refuses the row of a CSV file (DuckDB first) and stores the rest', async () => {
    const file = join(dataDir, 'deep.csv');
    writeFileSync(file, csv('dc', 12, `dc-03,c3,clinic-website,${AT},"${DEEP.replaceAll('"', '""')}"`));
    const run = await touchpoints('import', 'interactions', file, '--workspace', workspaceId);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/12 rows/);
    expect(run.stdout).toMatch(/accepted +11\n/);
    expect(run.stdout).toMatch(/rejected +1 /);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe(`row,field,reason\n3,props,${DEPTH_REASON}\n`);
    expect((await stored('dc-')).map((r) => r.id)).toEqual(ids('dc', 12));
  }, 60_000);

  it('refuses the line of an NDJSON file and stores the rest', async () => {
    const file = join(dataDir, 'deep.ndjson');
    const bad = `{"id":"dn-03","customer":"c3","touchpoint":"clinic-website","at":"${AT}","props":${DEEP}}`;
    writeFileSync(file, ndjson('dn', 6, bad));
    const run = await touchpoints('import', 'interactions', file, '--workspace', workspaceId);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/accepted +5\n/);
    expect(run.stdout).toMatch(/rejected +1 /);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe(`row,field,reason\n3,props,${DEPTH_REASON}\n`);
    expect((await stored('dn-')).map((r) => r.id)).toEqual(ids('dn', 6));
  }, 60_000);

  it('refuses the row with the JavaScript reader too, and a deep value in any field', async () => {
    const file = join(dataDir, 'deep-js.csv');
    writeFileSync(file, csv('dj', 6, `dj-03,c3,clinic-website,${AT},"${DEEP.replaceAll('"', '""')}"`));
    const feedback = join(dataDir, 'deep-feedback.ndjson');
    writeFileSync(
      feedback,
      [
        `{"id":"df-1","touchpoint":"clinic-website","at":"${AT}","kind":"csat","score":4,"comment":${DEEP}}`,
        `{"id":"df-2","touchpoint":"clinic-website","at":"${AT}","kind":"csat","score":4,"colour":${DEEP}}`,
        JSON.stringify({ id: 'df-3', touchpoint: 'clinic-website', at: AT, kind: 'csat', score: 4 }),
      ].join('\n'),
    );
    const store = await openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }), 'test');
    try {
      const csvRun = await importIntoStore(
        store.catalog.db,
        store.events,
        workspaceId,
        'interactions',
        file,
        {
          format: 'csv',
          reader: 'javascript',
          rejectsFile: `${file}.rejects.csv`,
        },
      );
      expect(csvRun).toMatchObject({ rows: 6, accepted: 5, rejected: 1 });
      expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe(`row,field,reason\n3,props,${DEPTH_REASON}\n`);
      const answers = await importIntoStore(
        store.catalog.db,
        store.events,
        workspaceId,
        'feedback',
        feedback,
        {
          format: 'ndjson',
          rejectsFile: `${feedback}.rejects.csv`,
        },
      );
      expect(answers).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
      expect(readFileSync(`${feedback}.rejects.csv`, 'utf8')).toBe(
        `row,field,reason\n1,comment,${DEPTH_REASON}\n2,colour,${DEPTH_REASON}\n`,
      );
    } finally {
      await store.close();
    }
    expect((await stored('dj-')).map((r) => r.id)).toEqual(ids('dj', 6));
  }, 60_000);
});

describe('touchpoints import of bytes that are not UTF-8', () => {
  const bad = Buffer.from([0x43, 0xff, 0x33]); // "C", a byte no UTF-8 text holds, "3"

  it('refuses the row of a CSV file, naming the field; with --accept-invalid-utf8 stores U+FFFD', async () => {
    const file = join(dataDir, 'latin.csv');
    writeFileSync(
      file,
      csv('uc', 12, Buffer.concat([Buffer.from('uc-03,'), bad, Buffer.from(`,clinic-website,${AT},`)])),
    );
    const run = await touchpoints('import', 'interactions', file, '--workspace', workspaceId);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/12 rows/);
    expect(run.stdout).toMatch(/accepted +11\n/);
    expect(run.stdout).toMatch(/rejected +1 /);
    expect(run.stdout).toMatch(/--accept-invalid-utf8/);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe('row,field,reason\n3,customer,invalid UTF-8\n');
    const before = await stored('uc-');
    expect(before.map((r) => r.id)).toEqual(ids('uc', 12));
    expect(before.some((r) => r.customer.includes('\uFFFD'))).toBe(false);

    const accepting = await touchpoints(
      'import',
      'interactions',
      file,
      '--workspace',
      workspaceId,
      '--accept-invalid-utf8',
      '--rejects',
      join(dataDir, 'latin-accepted.rejects.csv'),
    );
    expect(accepting.stderr).toBe('');
    expect(accepting.stdout).toMatch(/accepted +1\n/);
    expect(accepting.stdout).toMatch(/duplicates +11\n/);
    expect(accepting.stdout).toMatch(/rejected +0\n/);
    expect((await stored('uc-03'))[0]?.customer).toBe('C\uFFFD3');
  }, 60_000);

  it('refuses the line of an NDJSON file, naming the field; with --accept-invalid-utf8 stores U+FFFD', async () => {
    const file = join(dataDir, 'latin.ndjson');
    const line = Buffer.concat([
      Buffer.from(`{"id":"un-03","touchpoint":"clinic-website","at":"${AT}","customer":"`),
      bad,
      Buffer.from('"}'),
    ]);
    // A U+FFFD written as UTF-8 is text like any other.
    const genuine = JSON.stringify({
      id: 'un-09',
      customer: 'C\uFFFD9',
      touchpoint: 'clinic-website',
      at: AT,
    });
    writeFileSync(file, Buffer.concat([ndjson('un', 8, line), Buffer.from(`${genuine}\n`)]));
    const run = await touchpoints('import', 'interactions', file, '--workspace', workspaceId);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/accepted +8\n/);
    expect(run.stdout).toMatch(/rejected +1 /);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe('row,field,reason\n3,customer,invalid UTF-8\n');
    expect((await stored('un-')).map((r) => r.customer)).toEqual([
      'c1',
      'c2',
      'c4',
      'c5',
      'c6',
      'c7',
      'c8',
      'C\uFFFD9',
    ]);

    const accepting = await touchpoints(
      'import',
      'interactions',
      file,
      '--workspace',
      workspaceId,
      '--accept-invalid-utf8',
    );
    expect(accepting.stdout).toMatch(/accepted +1\n/);
    expect((await stored('un-03'))[0]?.customer).toBe('C\uFFFD3');
  }, 60_000);
});
