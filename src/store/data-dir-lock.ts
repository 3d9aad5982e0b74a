/**
 * PGlite lets one process hold a data directory. The process that opens it writes a lock file
 * (pid, what it is, where it listens); a second process sees it and stops with a clear message.
 * A lock left by a process that no longer runs is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  /** `server` or the CLI command holding the directory. */
  holder: string;
  url?: string | undefined;
  startedAt: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    const who =
      holder.holder === 'server'
        ? `the Touchpoints server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''})`
        : `"touchpoints ${holder.holder}" (pid ${holder.pid})`;
    super(
      `${dataDir} is in use by ${who}. Stop it first, or while the server runs use its HTTP API ` +
        '(see /docs) with an API token.',
    );
  }
}

function lockPath(dataDir: string): string {
  return join(dataDir, 'touchpoints.lock');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Takes the data directory for this process; throws DataDirBusyError when another live process has it. */
export function acquireLock(dataDir: string, holder: string, url?: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const info: LockInfo = { pid: process.pid, holder, url, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath(dataDir), JSON.stringify(info), { flag: 'wx' });
      return () => releaseLock(dataDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(dataDir);
      if (current && current.pid !== process.pid && isRunning(current.pid))
        throw new DataDirBusyError(dataDir, current);
      rmSync(lockPath(dataDir), { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

/** Updates the URL in our own lock once the server listens. */
export function updateLockUrl(dataDir: string, url: string): void {
  const current = readLock(dataDir);
  if (current?.pid === process.pid) writeFileSync(lockPath(dataDir), JSON.stringify({ ...current, url }));
}

export function releaseLock(dataDir: string): void {
  if (readLock(dataDir)?.pid === process.pid) rmSync(lockPath(dataDir), { force: true });
}
