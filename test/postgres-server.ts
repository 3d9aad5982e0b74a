/**
 * Starts a throw-away PostgreSQL server for the test run: initdb in a temporary directory, a
 * free loopback port, trust auth; stopped and removed at the end. Used as Vitest globalSetup.
 * Under CI=true a missing or failing PostgreSQL fails the run instead of skipping its tests.
 * `startPostgres` is also what the benchmarks use.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or '' when none could be started (never in CI). */
    postgresUrl: string;
  }
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = join(root, v, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A throw-away PostgreSQL server: its admin URL and how to stop and remove it. */
export interface PostgresServer {
  url: string;
  stop(): void;
}

/**
 * Starts a PostgreSQL server in a temporary directory (initdb, free loopback port, trust auth,
 * fsync off); undefined when no PostgreSQL binaries are installed. `settings` are extra
 * `-c name=value` server settings.
 */
export async function startPostgres(settings: string[] = []): Promise<PostgresServer | undefined> {
  const bin = findBinDir();
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-pg-'));
  const dataDir = join(dir, 'data');
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (file: string, args: string[]) =>
    execFileSync(runAs[0] ?? file, [...runAs.slice(1), ...(runAs.length ? [file] : []), ...args], {
      stdio: 'pipe',
    });
  run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'touchpoints', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`,
    ...settings.map((s) => `-c ${s}`),
  ].join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  run(pgCtl, ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  return {
    url: `postgres://touchpoints@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export default async function setup(project: TestProject) {
  const isCi = process.env.CI === 'true';
  const server = await startPostgres();
  if (!server) {
    if (isCi)
      throw new Error(
        'PostgreSQL is not installed (apt-get install -y postgresql); CI must run the PostgreSQL suite',
      );
    console.warn(
      'PostgreSQL binaries not found: the PostgreSQL variant of the catalog suite is skipped (never in CI)',
    );
    project.provide('postgresUrl', '');
    return;
  }
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
