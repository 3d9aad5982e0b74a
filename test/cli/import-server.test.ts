/**
 * `touchpoints import … --server URL --token T` against the real server process: the file goes
 * through the ingestion API (validation, quarantine, idempotent re-run, rejects in row order);
 * without --server, the command stops with one line naming the server and the command to use.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbEventStore } from '../../src/store/events/duckdb/duckdb-event-store.js';

const bin = join(import.meta.dirname, '../../bin/touchpoints.js');
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-import-server-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TOUCHPOINTS_DATA_DIR: dataDir,
  PORT: '0',
  TOUCHPOINTS_ADMIN_EMAIL: 'owner@example.com',
  TOUCHPOINTS_ADMIN_PASSWORD: 'correct horse battery',
};
delete env.DATABASE_URL;
delete env.TOUCHPOINTS_TOKEN;

let server: ChildProcess | undefined;
let url = '';
let workspaceId = '';
let token = '';
let cookie = '';

function touchpoints(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const post = async (path: string, body: unknown) =>
    json(
      await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie, origin: url, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const demo = (await post('/api/workspaces/demo', {})) as { workspace: { id: string } };
  workspaceId = demo.workspace.id;
  ({ token } = (await post(`/api/workspaces/${workspaceId}/tokens`, {
    name: 'importer',
    scopes: ['ingest'],
  })) as { token: string });
}, 120_000);

afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('touchpoints import through a running server', () => {
  it('sends the file through the API: accepted, rejected in row order, quarantined, idempotent', async () => {
    const file = join(dataDir, 'visits.csv');
    const rows = ['id,customer,touchpoint,at,sentiment,value'];
    for (let i = 1; i <= 30; i++) {
      const at = `2024-05-01T09:${String(i).padStart(2, '0')}:00+02:00`;
      if (i === 4) rows.push(`sv-${i},c${i},clinic-website,${at},2,`);
      else if (i === 5) rows.push(`sv-${i},c${i}`);
      else if (i === 17) rows.push(`sv-${i},c${i},clinic-website,not a date,,`);
      else if (i === 23) rows.push(`sv-${i},c${i},walk-in-kiosk,${at},,`);
      else rows.push(`sv-${i},c${i % 7},${i % 2 ? 'clinic-website' : 'clinic-reception'},${at},1,${i}`);
    }
    writeFileSync(file, `${rows.join('\n')}\n`);
    const args = [
      'import',
      'interactions',
      file,
      '--workspace',
      workspaceId,
      '--server',
      url,
      '--token',
      token,
      '--batch',
      '8',
    ];

    const first = await touchpoints(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/30 rows/);
    expect(first.stdout).toMatch(/accepted +26\n/);
    expect(first.stdout).toMatch(/rejected +3 /);
    expect(first.stdout).toMatch(/quarantined +1 /);
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n');
    expect(rejects.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'row,field',
      '4,sentiment',
      '5,',
      '17,at',
    ]);

    const second = await touchpoints(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/accepted +0\n/);
    expect(second.stdout).toMatch(/duplicates +27\n/);

    const unmapped = await fetch(`${url}/api/workspaces/${workspaceId}/unmapped-touchpoints`, {
      headers: { cookie },
    });
    expect(unmapped.status).toBe(200);
    expect(await unmapped.json()).toMatchObject({ items: [{ touchpointKey: 'walk-in-kiosk', count: 1 }] });

    // Feedback too, with the token from the environment.
    const answers = join(dataDir, 'answers.ndjson');
    writeFileSync(
      answers,
      [
        { id: 'fb-1', touchpoint: 'clinic-reception', at: '2024-05-02T10:00:00Z', kind: 'csat', score: 5 },
        { id: 'fb-2', touchpoint: 'clinic-reception', at: '2024-05-02T11:00:00Z', kind: 'nps', score: 11 },
        { id: 'fb-3', touchpoint: 'clinic-website', at: '2024-05-02T12:00:00Z', kind: 'ces', score: 2 },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const feedback = await touchpoints(
      ['import', 'feedback', answers, '--workspace', workspaceId, '--server', url],
      { TOUCHPOINTS_TOKEN: token },
    );
    expect(feedback.stderr).toBe('');
    expect(feedback.stdout).toMatch(/accepted +2\n/);
    expect(feedback.stdout).toMatch(/rejected +1 /);
  }, 120_000);

  it('refuses props nested too deep and bytes that are not UTF-8 before sending; the rest goes through', async () => {
    const file = join(dataDir, 'hostile.ndjson');
    const line = (id: string) =>
      JSON.stringify({ id, customer: 'c', touchpoint: 'clinic-website', at: '2024-05-01T09:00:00Z' });
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${line('hx-1')}\n${line('hx-2').replace('}', `,"props":${deep}}`)}\n`),
        Buffer.from(line('hx-3').replace('"c"', '"c\u00ff"'), 'latin1'),
        Buffer.from(`\n${line('hx-4')}\n`),
      ]),
    );
    const run = await touchpoints([
      'import',
      'interactions',
      file,
      '--workspace',
      workspaceId,
      '--server',
      url,
      '--token',
      token,
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/accepted +2\n/);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe(
      'row,field,reason\n2,props,must be nested at most 32 levels deep\n3,customer,invalid UTF-8\n',
    );
  }, 60_000);

  it('says in one line what is wrong: a bad token, a server that is not there', async () => {
    const file = join(dataDir, 'one.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'x1', customer: 'c', touchpoint: 'clinic-website', at: 1714550400000 })}\n`,
    );
    const base = ['import', 'interactions', file, '--workspace', workspaceId];
    const [badToken, noToken, unreachable] = await Promise.all([
      touchpoints([...base, '--server', url, '--token', 'tp_not-a-token']),
      touchpoints([...base, '--server', url]),
      touchpoints([...base, '--server', 'http://127.0.0.1:9', '--token', token]),
    ]);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr.trim().split('\n')).toHaveLength(1);
    expect(badToken.stderr).toMatch(/^touchpoints: the server answered 401: /);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr.trim()).toBe(
      'touchpoints: --server needs --token <API token with scope ingest> (or TOUCHPOINTS_TOKEN)',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim()).toMatch(/^touchpoints: cannot reach http:\/\/127\.0\.0\.1:9: /);
  }, 60_000);

  it('without --server, names the server that holds the data directory and how to import through it', async () => {
    const file = join(dataDir, 'direct.csv');
    writeFileSync(file, 'id,customer,touchpoint,at\nd1,c1,clinic-website,2024-05-01T09:00:00Z\n');
    const direct = await touchpoints(['import', 'interactions', file, '--workspace', workspaceId]);
    expect(direct.code).toBe(1);
    expect(direct.stdout).toBe('');
    const lines = direct.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `touchpoints: ${dataDir} is in use by the Touchpoints server (pid ${server?.pid}). Stop it, or import ` +
        `through it: touchpoints import interactions ${file} --workspace ${workspaceId} ` +
        `--server ${url} --token <API token with scope ingest>`,
    );
  }, 60_000);

  it('stored every accepted record exactly once', async () => {
    await stopServer();
    const events = await openDuckDbEventStore({ file: join(dataDir, 'events.duckdb') });
    try {
      const [row] = await events.query<{ n: number; ids: number }>({
        sql: `SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids FROM interactions
              WHERE workspace_id = $ws AND id LIKE 'sv-%'`,
        params: { ws: workspaceId },
      });
      expect(row).toEqual({ n: 26, ids: 26 });
      const [fb] = await events.query<{ n: number }>({
        // The imported answers: the demo's own survey answers and review scores carry a survey or are reviews.
        sql: `SELECT count(*)::INTEGER AS n FROM feedback
              WHERE workspace_id = $ws AND survey_id IS NULL AND kind <> 'review'`,
        params: { ws: workspaceId },
      });
      expect(fb).toEqual({ n: 2 });
    } finally {
      await events.close();
    }
  }, 60_000);
});
