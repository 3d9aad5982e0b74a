/**
 * `touchpoints backup` and `touchpoints restore`, run as a user runs them: a data directory with
 * the demo workspace and thousands of interactions and feedback answers is backed up, restored
 * into a fresh directory, and both are opened and compared table by table (counts and sampled
 * rows, read here with plain SQL). The refusals: a non-empty target without --force, a backup
 * that no longer matches its manifest, a restore into the directory the running server holds.
 * While the server runs, the backup is its own consistent copy, asked for with its key.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/store/catalog/db.js';
import { startServerProcess } from '../fixtures/server-process.js';

const bin = join(import.meta.dirname, '../../bin/touchpoints.js');
const root = mkdtempSync(join(tmpdir(), 'touchpoints-backup-'));
const source = join(root, 'data');
const backup = join(root, 'backup');
const restored = join(root, 'restored');
const running: ChildProcess[] = [];

const INTERACTIONS = 4000;
/** Interactions per batch sent while the server makes a backup. */
const BATCH = 500;
const EMAIL = 'ann@example.com';
const PASSWORD = 'correct horse battery';

function envFor(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir, PORT: '0' };
  delete env.DATABASE_URL;
  delete env.TOUCHPOINTS_ADMIN_EMAIL;
  delete env.TOUCHPOINTS_ADMIN_PASSWORD;
  return env;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function touchpoints(dataDir: string, ...args: string[]): Promise<Run> {
  return run(envFor(dataDir), args);
}

function run(env: NodeJS.ProcessEnv, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  return startServerProcess(envFor(dataDir), running);
}

function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Every catalog table's row count, and every row of a few tables, from a PGlite directory. */
async function readCatalog(dataDir: string) {
  const catalog = await openCatalog({ dataDir: join(dataDir, 'catalog') });
  try {
    const rows = async <T>(query: ReturnType<typeof sql.raw>) =>
      ((await catalog.db.execute(query)) as unknown as { rows: T[] }).rows;
    const tables = await rows<{ name: string }>(
      sql.raw(
        "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE' ORDER BY 1",
      ),
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await rows<{ n: number | string }>(sql.raw(`SELECT count(*) AS n FROM ${name}`));
      counts[name] = Number(row?.n);
    }
    const sample = {
      users: await rows(sql.raw('SELECT id, email, name, password_hash FROM users ORDER BY id')),
      touchpoints: await rows(sql.raw('SELECT * FROM touchpoints ORDER BY id')),
      chainLinks: await rows(sql.raw('SELECT * FROM chain_links ORDER BY id')),
      journeyItems: await rows(sql.raw('SELECT * FROM journey_items ORDER BY id')),
    };
    return { counts, sample };
  } finally {
    await catalog.close();
  }
}

/** Every event-store table's row count and every 97th interaction and feedback answer. */
async function readEvents(dataDir: string) {
  const instance = await DuckDBInstance.create(join(dataDir, 'events.duckdb'));
  try {
    const connection = await instance.connect();
    const rows = async (query: string) => (await connection.runAndReadAll(query)).getRowObjectsJS();
    const counts: Record<string, number> = {};
    for (const { table_name: name } of (await rows(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1",
    )) as { table_name: string }[])
      counts[name] = Number((await rows(`SELECT count(*) AS n FROM ${name}`))[0]?.n);
    const sample = {
      interactions: await rows(
        'SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (ORDER BY workspace_id, id) AS rn FROM interactions) WHERE rn % 97 = 1 ORDER BY workspace_id, id',
      ),
      feedback: await rows('SELECT * FROM feedback ORDER BY workspace_id, id'),
    };
    connection.closeSync();
    return { counts, sample };
  } finally {
    instance.closeSync();
  }
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('touchpoints backup and restore', () => {
  it('documents both commands', async () => {
    const backupHelp = await touchpoints(source, 'backup', '--help');
    expect(backupHelp.code).toBe(0);
    expect(backupHelp.stdout).toMatch(/Usage: touchpoints backup \[options\] <dir>/);
    expect(backupHelp.stdout).toMatch(/pg_dump/);
    const restoreHelp = await touchpoints(source, 'restore', '--help');
    expect(restoreHelp.code).toBe(0);
    expect(restoreHelp.stdout).toMatch(/--force/);
  });

  it('restores a copy equal to the original, table by table', async () => {
    expect((await touchpoints(source, 'user', 'create', '-e', EMAIL, '--password', PASSWORD)).code).toBe(0);
    const demo = await touchpoints(source, 'demo', '--interactions', String(INTERACTIONS));
    expect(demo.code).toBe(0);

    const made = await touchpoints(source, 'backup', backup);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /event store \(DuckDB\): \d+ tables, 4,000 interactions, [1-9][\d,]* feedback answers/,
    );
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe(1);
    expect(manifest.events.tables.interactions.rows).toBe(INTERACTIONS);
    expect(manifest.catalog.tables['public.touchpoints'].rows).toBe(57);

    const again = await touchpoints(source, 'backup', backup);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^touchpoints: .*backup is not empty: back up into a new or empty directory\n$/,
    );

    const restore = await touchpoints(restored, 'restore', backup);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/every table matches its manifest/);

    const [catalogBefore, catalogAfter] = [await readCatalog(source), await readCatalog(restored)];
    expect(catalogAfter.counts).toEqual(catalogBefore.counts);
    expect(Object.keys(catalogAfter.counts).length).toBeGreaterThan(15);
    expect(catalogAfter.counts['public.touchpoints']).toBe(57);
    expect(catalogAfter.sample).toEqual(catalogBefore.sample);
    expect(catalogAfter.sample.users).toHaveLength(1);

    const [eventsBefore, eventsAfter] = [await readEvents(source), await readEvents(restored)];
    expect(eventsAfter.counts).toEqual(eventsBefore.counts);
    expect(eventsAfter.counts.interactions).toBe(INTERACTIONS);
    expect(eventsAfter.counts.feedback).toBeGreaterThan(0);
    expect(eventsAfter.sample).toEqual(eventsBefore.sample);
    expect(eventsAfter.sample.interactions.length).toBe(Math.ceil(INTERACTIONS / 97));
  }, 300_000);

  it('refuses a data directory with data, and a backup that no longer matches its manifest', async () => {
    const refused = await touchpoints(restored, 'restore', backup);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /already holds data \(catalog, events\.duckdb, secret\.key\).*run with --force/,
    );

    // One interaction count off in the manifest: the restore stops before replacing anything.
    const manifestFile = join(backup, 'manifest.json');
    const original = readFileSync(manifestFile, 'utf8');
    const manifest = JSON.parse(original);
    manifest.events.tables.interactions.rows += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const tampered = await touchpoints(restored, 'restore', backup, '--force');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(
      new RegExp(
        `does not match its manifest, nothing restored: event store table interactions has ${INTERACTIONS} rows, the manifest ${INTERACTIONS + 1}`,
      ),
    );
    writeFileSync(manifestFile, original);
    expect((await readEvents(restored)).counts.interactions).toBe(INTERACTIONS);

    const forced = await touchpoints(restored, 'restore', backup, '--force');
    expect(forced.code).toBe(0);

    const notABackup = await touchpoints(join(root, 'elsewhere'), 'restore', root);
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toMatch(/is not a Touchpoints backup \(no readable manifest\.json\)/);
  }, 300_000);

  it('copies only the event store when the catalog is on PostgreSQL', async () => {
    // The backup does not connect to PostgreSQL: the catalog there is pg_dump's to back up.
    const onPostgres = (dataDir: string) => ({
      ...envFor(dataDir),
      DATABASE_URL: 'postgres://touchpoints@127.0.0.1:1/touchpoints',
    });
    const eventsOnly = join(root, 'events-only');
    const made = await run(onPostgres(source), ['backup', eventsOnly]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /catalog: on PostgreSQL \(DATABASE_URL\), not included: back it up with pg_dump/,
    );
    const manifest = JSON.parse(readFileSync(join(eventsOnly, 'manifest.json'), 'utf8'));
    expect(manifest.catalog).toEqual({ engine: 'postgres' });
    expect(existsSync(join(eventsOnly, 'catalog'))).toBe(false);

    const target = join(root, 'events-restored');
    const refused = await touchpoints(target, 'restore', eventsOnly);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds only the event store: set DATABASE_URL/);
    const restore = await run(onPostgres(target), ['restore', eventsOnly]);
    expect(restore.code).toBe(0);
    expect(existsSync(join(target, 'catalog'))).toBe(false);
    expect((await readEvents(target)).sample).toEqual((await readEvents(source)).sample);
  }, 300_000);

  it('backs up through the running server, which serves the restored data', async () => {
    const server = await serve(restored);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as {
      workspaces: { id: string; name: string }[];
    };
    expect(me.workspaces.map((w) => w.name)).toEqual(['Demo: Brightside Group']);
    // A change made while the server runs is in its backup.
    const created = await fetch(`${server.url}/api/workspaces/${me.workspaces[0]?.id}/subjects`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'location', name: 'Opened while serving' }),
    });
    expect(created.status).toBe(201);

    // The server's backup key: readable by the data directory's owner only, and required.
    const keyFile = join(restored, 'backup.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const wrongKey = await fetch(`${server.url}/api/backup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-touchpoints-backup-key': 'f'.repeat(64) },
      body: JSON.stringify({ dir: join(root, 'stolen') }),
    });
    expect(wrongKey.status).toBe(401);
    expect(existsSync(join(root, 'stolen'))).toBe(false);
    const key = readFileSync(keyFile, 'utf8');
    const askWithKey = (body: unknown) =>
      fetch(`${server.url}/api/backup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-touchpoints-backup-key': key },
        body: JSON.stringify(body),
      });
    for (const [body, message] of [
      [{ dir: 'relative/dir' }, /must be an absolute path/],
      [{ dir: join(restored, 'inside') }, /must be outside the data directory/],
      [{ dir: backup }, /is not empty/],
      [{}, /dir/],
    ] as const) {
      const refused = await askWithKey(body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(message);
    }
    const notInDocs = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(notInDocs.paths)).not.toContain('/api/backup');

    // Batches keep arriving during the backup: each is in the copy whole or not at all.
    const workspaceBase = `${server.url}/api/workspaces/${me.workspaces[0]?.id}`;
    const firstTouchpoint = (await (
      await fetch(`${workspaceBase}/touchpoints?limit=1`, { headers: { cookie } })
    ).json()) as {
      items: { key: string }[];
    };
    const touchpointKey = firstTouchpoint.items[0]?.key ?? '';
    let sending = true;
    let batches = 0;
    const ingesting = (async () => {
      while (sending) {
        const n = batches++;
        const interactions = Array.from({ length: BATCH }, (_, i) => ({
          id: `during-backup-${n}-${i}`,
          customer: `c-${i % 50}`,
          touchpoint: touchpointKey,
          at: Date.now() - i,
        }));
        const res = await fetch(`${workspaceBase}/interactions`, {
          method: 'POST',
          headers: { cookie, origin: server.url, 'content-type': 'application/json' },
          body: JSON.stringify({ interactions }),
        });
        expect(res.status).toBe(200);
      }
    })();
    const hot = join(root, 'hot');
    const whileServing = await touchpoints(restored, 'backup', hot);
    sending = false;
    await ingesting;
    expect(batches).toBeGreaterThan(1);
    expect(whileServing.stderr).toBe('');
    expect(whileServing.code).toBe(0);
    expect(whileServing.stdout).toMatch(/copied by the running server/);
    const inBackup = JSON.parse(readFileSync(join(hot, 'manifest.json'), 'utf8')).events.tables.interactions
      .rows;
    expect((inBackup - INTERACTIONS) % BATCH).toBe(0);
    // Batches landed both before the snapshot and after it (while the command read the copy).
    expect(inBackup).toBeGreaterThan(INTERACTIONS);
    expect(inBackup).toBeLessThan(INTERACTIONS + batches * BATCH);
    expect(statSync(join(hot, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(hot, 'secret.key'))).toEqual(readFileSync(join(restored, 'secret.key')));

    const restoreWhileServing = await touchpoints(restored, 'restore', backup, '--force');
    expect(restoreWhileServing.code).toBe(1);
    expect(restoreWhileServing.stderr).toMatch(
      /^touchpoints: .* is in use by the Touchpoints server \(pid \d+, http:\/\/.*\)\. Stop it before a restore: .*not be consistent\.\n$/,
    );

    expect(await stop(server.child)).toBe(0);
    expect(existsSync(keyFile)).toBe(false);

    // The server's copy restored equals what it held (the catalog did not change after it).
    const fromHot = join(root, 'from-hot');
    expect((await touchpoints(fromHot, 'restore', hot)).code).toBe(0);
    const [served, copied] = [await readCatalog(restored), await readCatalog(fromHot)];
    expect(copied.counts).toEqual(served.counts);
    expect(copied.sample).toEqual(served.sample);
    expect((await readEvents(fromHot)).counts.interactions).toBe(inBackup);
    expect(copied.counts['public.subjects']).toBe(
      ((await readCatalog(source)).counts['public.subjects'] ?? 0) + 1,
    );
  }, 300_000);
});
