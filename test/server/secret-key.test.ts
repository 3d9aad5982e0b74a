/**
 * The key that encrypts secrets at rest: the key file the first start creates in the data
 * directory (mode 0600), TOUCHPOINTS_SECRET_KEY taking over from it, and the start-up error of a
 * key that cannot open what the catalog holds (the real CLI, not a crash on the first sign-in).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { KEY_FILE, keyIdOf, loadSecretBox, SecretKeyError } from '../../src/store/catalog/secret-box.js';
import { beginTotpEnrolment, createUser, findUser } from '../../src/store/catalog/users.js';

const bin = join(import.meta.dirname, '../../bin/touchpoints.js');
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoints-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('secret key', () => {
  it('creates the key file on first start, readable by its owner only, and keeps using it', () => {
    const dataDir = freshDir();
    const box = loadSecretBox({ dataDir, secretKey: undefined, previousSecretKeys: [] });
    const file = join(dataDir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    expect(key).toHaveLength(32);
    expect(box.keyId).toBe(keyIdOf(key));
    expect(loadSecretBox({ dataDir, secretKey: undefined, previousSecretKeys: [] }).keyId).toBe(box.keyId);

    chmodSync(file, 0o644);
    expect(() => loadSecretBox({ dataDir, secretKey: undefined, previousSecretKeys: [] })).toThrow(
      `${file} can be read by other users; run: chmod 600 ${file}`,
    );
  });

  it('refuses malformed keys in the environment, naming the variable', () => {
    expect(() => loadConfig({ TOUCHPOINTS_SECRET_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOUCHPOINTS_SECRET_KEY: 'too-short' })).toThrow(
      /^TOUCHPOINTS_SECRET_KEY must be 32/,
    );
    const good = randomBytes(32).toString('base64');
    expect(() =>
      loadConfig({ TOUCHPOINTS_SECRET_KEY: good, TOUCHPOINTS_SECRET_KEY_PREVIOUS: `${good}, nope` }),
    ).toThrow(/^TOUCHPOINTS_SECRET_KEY_PREVIOUS: key 2 must be 32/);
    expect(loadConfig({ TOUCHPOINTS_SECRET_KEY: good }).secretKey).toBe(good);
  });

  it('moves from the key file to TOUCHPOINTS_SECRET_KEY, and a start with a wrong key stops with a clear error', async () => {
    const dataDir = freshDir();
    const config = { ...loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir }) };
    let store = await openStore(config, 'test');
    let userId = '';
    try {
      const user = await createUser(store.catalog.db, {
        email: 'ann@example.com',
        password: 'correct horse battery',
      });
      userId = user.id;
      await beginTotpEnrolment(store.catalog.db, store.secrets, user);
    } finally {
      await store.close();
    }
    const fileKeyId = keyIdOf(Buffer.from(readFileSync(join(dataDir, KEY_FILE), 'utf8').trim(), 'base64url'));

    // The variable's key takes over; the key file's still reads, and the start re-encrypts.
    const newKey = randomBytes(32).toString('base64');
    store = await openStore(
      loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir, TOUCHPOINTS_SECRET_KEY: newKey }),
      'test',
    );
    try {
      const stored = (await findUser(store.catalog.db, userId))?.totpSecret ?? '';
      expect(stored.startsWith(`v1:${store.secrets.keyId}:`)).toBe(true);
      expect(store.secrets.keyId).not.toBe(fileKeyId);
    } finally {
      await store.close();
    }

    // Without the key file the new key alone opens everything.
    rmSync(join(dataDir, KEY_FILE));
    const ok = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir, TOUCHPOINTS_SECRET_KEY: newKey },
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);

    // A wrong key: the command stops at once, saying which key the secrets need.
    const wrongKey = randomBytes(32).toString('hex');
    const wrong = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir, TOUCHPOINTS_SECRET_KEY: wrongKey },
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe(
      `touchpoints: a stored secret was encrypted with key ${keyIdOf(Buffer.from(newKey, 'base64'))}, which is neither TOUCHPOINTS_SECRET_KEY (nor the key file) nor in TOUCHPOINTS_SECRET_KEY_PREVIOUS`,
    );
    await expect(
      openStore(loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir, TOUCHPOINTS_SECRET_KEY: wrongKey }), 'test'),
    ).rejects.toThrow(SecretKeyError);
  }, 120_000);
});
