/**
 * Starts the real server process (`touchpoints serve`) on a fresh data directory, writes data,
 * restarts it and finds the data again; checks that a CLI command refuses the held directory.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/touchpoints.js');
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-restart-'));
const env = {
  ...process.env,
  TOUCHPOINTS_DATA_DIR: dataDir,
  PORT: '0',
  TOUCHPOINTS_ADMIN_EMAIL: 'owner@example.com',
  TOUCHPOINTS_ADMIN_PASSWORD: 'correct horse battery',
};
const running: ChildProcess[] = [];

async function start(): Promise<{ url: string; output: () => string; child: ChildProcess }> {
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, output: () => output, child };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('keeps its data across a restart and guards its data directory', async () => {
    const first = await start();
    expect(first.output()).toMatch(/Created owner owner@example.com/);
    const cookie = await signIn(first.url);
    const me = (await (await fetch(`${first.url}/api/me`, { headers: { cookie } })).json()) as {
      workspaces: { id: string }[];
    };
    const workspaceId = me.workspaces[0]?.id;
    expect(workspaceId).toBeDefined();
    const created = await fetch(`${first.url}/api/workspaces/${workspaceId}/subjects`, {
      method: 'POST',
      headers: { cookie, origin: first.url, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'location', name: 'Flagship store' }),
    });
    expect(created.status).toBe(201);

    // A second process must not open the held PGlite directory.
    const cli = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/in use by the Touchpoints server/);

    expect(await stop(first.child)).toBe(0);

    const second = await start();
    expect(second.output()).not.toMatch(/Created owner/);
    const cookie2 = await signIn(second.url);
    const list = (await (
      await fetch(`${second.url}/api/workspaces/${workspaceId}/subjects`, { headers: { cookie: cookie2 } })
    ).json()) as { items: { name: string }[] };
    expect(list.items.map((s) => s.name)).toEqual(['Flagship store']);
    expect(await stop(second.child)).toBe(0);

    // Once stopped, the CLI can use the directory.
    const migrate = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(migrate.stdout).toMatch(/migrations applied \(pglite\)/);
    expect(migrate.status).toBe(0);
  }, 180_000);

  it('prints a one-time setup link on a first start without admin variables', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'touchpoints-setup-'));
    try {
      const child = spawn(process.execPath, [bin, 'serve'], {
        env: { ...process.env, TOUCHPOINTS_DATA_DIR: fresh, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.push(child);
      let output = '';
      child.stdout?.on('data', (d) => {
        output += d;
      });
      const link = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(output)), 60_000);
        child.stdout?.on('data', () => {
          const match = /create the owner account at (\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const token = new URL(link).searchParams.get('token');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const page = await fetch(`${url}/setup?token=${token}`);
      // The web app's page (its form is tested in the browser, test/e2e).
      expect(await page.text()).toMatch(/<div id="root">|web app is not built/);
      const setup = await fetch(`${url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, email: 'first@example.com', password: 'correct horse battery' }),
      });
      expect(setup.status).toBe(201);
      expect(await stop(child)).toBe(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);
});
