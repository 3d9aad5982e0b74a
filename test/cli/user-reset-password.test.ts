/**
 * `touchpoints user reset-password EMAIL`: the administrator's way to a password-reset link when
 * the server sends no e-mail. Run as a child process on a PGlite data directory; the printed link
 * is then checked against the catalog.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/store/catalog/db.js';
import { completePasswordReset, describePasswordReset } from '../../src/store/catalog/password-resets.js';
import { verifyPassword } from '../../src/store/catalog/users.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-cli-reset-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TOUCHPOINTS_DATA_DIR: dataDir,
  TOUCHPOINTS_PUBLIC_URL: 'https://tp.example.com',
};
delete env.DATABASE_URL;

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints user reset-password', () => {
  it('prints a one-time link on the public URL, and refuses an unknown e-mail', async () => {
    const created = await touchpoints(
      'user',
      'create',
      '-e',
      'ann@example.com',
      '--password',
      'old password 1',
    );
    expect(created.code).toBe(0);
    const unknown = await touchpoints('user', 'reset-password', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('touchpoints: no user has the e-mail nobody@example.com');
    const run = await touchpoints('user', 'reset-password', 'ANN@example.com');
    expect(run.code).toBe(0);
    const token = /^https:\/\/tp\.example\.com\/reset-password\/(tpr_[\w-]+)$/m.exec(run.stdout)?.[1];
    expect(token, run.stdout).toBeDefined();

    const catalog = await openCatalog({ dataDir: join(dataDir, 'catalog') });
    try {
      expect((await describePasswordReset(catalog.db, token as string)).email).toBe('ann@example.com');
      await completePasswordReset(catalog.db, token as string, 'new password 2');
      expect(await verifyPassword(catalog.db, 'ann@example.com', 'new password 2')).toBeDefined();
      expect(await verifyPassword(catalog.db, 'ann@example.com', 'old password 1')).toBeUndefined();
    } finally {
      await catalog.close();
    }
  }, 120_000);
});
