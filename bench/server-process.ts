/**
 * The real server as a user starts it (`touchpoints serve` in a child process on a fresh data
 * directory), for benchmarks that measure it from outside: its URL, its peak resident memory,
 * and a workspace with the synthetic touchpoints and an ingest token.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticTouchpoints } from './synthetic-records.js';

const bin = join(import.meta.dirname, '../bin/touchpoints.js');
export const ADMIN = { email: 'bench@example.com', password: 'bench password 1' };

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Peak resident set size of the server process so far (Linux VmHWM), in bytes. */
  peakRss(): number;
  /** Its resident set size now (Linux VmRSS), in bytes. */
  rss(): number;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number;
  /** The part of it spent on the main thread (JavaScript's event loop), in ms. */
  mainThreadCpuMs(): number;
  /** Stops it with SIGTERM and waits for the exit (the store is closed cleanly). */
  stop(): Promise<void>;
}

/** User + system time of a process or thread from its /proc stat file, in ms. */
function cpuMsOf(statFile: string): number {
  // Fields 14 and 15: user and system time in clock ticks (100 a second).
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `touchpoints serve` on a free port over `dataDir`; `nodeArgs` go to its node. */
export async function startServerProcess(dataDir: string, nodeArgs: string[] = []): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOUCHPOINTS_DATA_DIR: dataDir,
    PORT: '0',
    TOUCHPOINTS_ADMIN_EMAIL: ADMIN.email,
    TOUCHPOINTS_ADMIN_PASSWORD: ADMIN.password,
  };
  delete env.DATABASE_URL;
  delete env.LOG_LEVEL;
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a busy 2-core machine can take a minute to open and migrate the stores.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in 3 minutes:\n${output}`));
    }, 180_000);
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return {
    url,
    child,
    peakRss() {
      const kb = /VmHWM:\s+(\d+) kB/.exec(status())?.[1];
      return Number(kb ?? Number.NaN) * 1024;
    },
    rss() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(status())?.[1];
      return Number(kb ?? Number.NaN) * 1024;
    },
    cpuMs() {
      return cpuMsOf(`/proc/${child.pid}/stat`);
    },
    mainThreadCpuMs() {
      return cpuMsOf(`/proc/${child.pid}/task/${child.pid}/stat`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Signs in as the owner created on first start, adds the synthetic touchpoints to the first
 * workspace and issues an ingest token.
 */
export async function prepareWorkspace(url: string): Promise<{ workspaceId: string; token: string }> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  await json(login.clone());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await json(await fetch(`${url}/api/me`, { headers: { cookie } }))) as {
    workspaces: { id: string }[];
  };
  const workspaceId = me.workspaces[0]?.id;
  if (!workspaceId) throw new Error('the owner has no workspace');
  const base = `${url}/api/workspaces/${workspaceId}`;
  const post = async (path: string, body: unknown) =>
    json(
      await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: url },
        body: JSON.stringify(body),
      }),
    );
  const ids = new Map<string, string>();
  for (const t of syntheticTouchpoints) {
    const created = await post('/touchpoints', {
      key: t.id,
      name: t.id,
      direction: t.id === 'tp-sms' || t.id === 'tp-email' ? 'out' : 'in',
      ...(t.parentId ? { parentId: ids.get(t.parentId) } : {}),
    });
    ids.set(t.id, String(created.id));
  }
  const { token } = (await post('/tokens', { name: 'bench', scopes: ['ingest'] })) as { token: string };
  return { workspaceId, token };
}
