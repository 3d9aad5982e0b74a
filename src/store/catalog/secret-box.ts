/**
 * Encryption at rest of the secrets the catalog must be able to read back (TOTP secrets):
 * AES-256-GCM, stored as `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), bound to the row it
 * belongs to (associated data), so a value copied to another user's row does not open.
 *
 * The key is TOUCHPOINTS_SECRET_KEY, else the key file `secret.key` in the data directory
 * (created with mode 0600 on first start). Rotation: the new key goes in TOUCHPOINTS_SECRET_KEY,
 * the old ones in TOUCHPOINTS_SECRET_KEY_PREVIOUS; `resealSecrets` on start writes everything under
 * the new key (and encrypts secrets stored in plain text by earlier versions).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { ConfigError } from '../../config.js';
import type { Db } from './db.js';
import { users, webhooks } from './schema.js';
import { webhookSecretContext } from './webhooks.js';

/** The key file's name in the data directory. */
export const KEY_FILE = 'secret.key';

const VERSION = 'v1';

/** The configured keys cannot open what the catalog holds, or a key is unusable: a start-up error. */
export class SecretKeyError extends ConfigError {}

export interface SecretBox {
  /** Short hash of the current key, written into every sealed value. */
  readonly keyId: string;
  /** Encrypts `plain` under the current key, bound to `context` (e.g. the row's id). */
  seal(plain: string, context: string): string;
  /** Decrypts a sealed value; SecretKeyError when no configured key made it or it was altered. */
  open(sealed: string, context: string): string;
  /** True when `stored` is sealed under the current key (false for older keys and plain text). */
  isCurrent(stored: string): boolean;
}

/** A key given as 64 hex digits or as base64 / base64url of 32 bytes. */
export function decodeKey(text: string, name: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new SecretKeyError(`${name} must be 32 bytes (base64 or 64 hex digits)`);
  return key;
}

/** A key's id: 8 base64url characters of a hash, enough to tell a handful of keys apart. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('touchpoints secret key id').update(key).digest('base64url').slice(0, 8);
}

/** A secret box over the current key and earlier ones (these only decrypt). */
export function createSecretBox(current: Buffer, previous: Buffer[] = []): SecretBox {
  const keyId = keyIdOf(current);
  const keys = new Map<string, Buffer>([[keyId, current]]);
  for (const key of previous) if (!keys.has(keyIdOf(key))) keys.set(keyIdOf(key), key);
  return {
    keyId,
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv, cipher.getAuthTag(), data]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join(':');
    },
    open(sealed, context) {
      const [version, id, iv, tag, data] = sealed.split(':');
      if (version !== VERSION || !id || iv === undefined || tag === undefined || data === undefined)
        throw new SecretKeyError('a stored secret is not in the v1 format');
      const key = keys.get(id);
      if (!key)
        throw new SecretKeyError(
          `a stored secret was encrypted with key ${id}, which is neither TOUCHPOINTS_SECRET_KEY (nor the key file) nor in TOUCHPOINTS_SECRET_KEY_PREVIOUS`,
        );
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretKeyError(`a stored secret under key ${id} does not decrypt: it was altered or moved`);
      }
    },
    isCurrent(stored) {
      return stored.startsWith(`${VERSION}:${keyId}:`);
    },
  };
}

/**
 * The secret box of a server or command: TOUCHPOINTS_SECRET_KEY when set, else the key file in
 * the data directory, created (mode 0600) when missing. A key file that others can read is
 * refused. With both, the key file's key still decrypts (moving from the file to the variable).
 */
export function loadSecretBox(options: {
  dataDir: string;
  secretKey: string | undefined;
  previousSecretKeys: string[];
}): SecretBox {
  const previous = options.previousSecretKeys.map((key, i) =>
    decodeKey(key, `TOUCHPOINTS_SECRET_KEY_PREVIOUS key ${i + 1}`),
  );
  const file = join(options.dataDir, KEY_FILE);
  const fileKey = readKeyFile(file, options.secretKey === undefined);
  if (options.secretKey !== undefined) {
    if (fileKey) previous.push(fileKey);
    return createSecretBox(decodeKey(options.secretKey, 'TOUCHPOINTS_SECRET_KEY'), previous);
  }
  if (!fileKey) throw new Error('key file was not created');
  return createSecretBox(fileKey, previous);
}

/** Reads the key file (undefined when missing), creating it first when `create`. */
function readKeyFile(file: string, create: boolean): Buffer | undefined {
  if (create) {
    mkdirSync(join(file, '..'), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
    throw new SecretKeyError(`${file} can be read by other users; run: chmod 600 ${file}`);
  return decodeKey(text, file);
}

/** The associated data of a user's TOTP secret. */
export function totpContext(userId: string): string {
  return `users.totp_secret:${userId}`;
}

/**
 * Brings every stored secret under the current key (TOTP secrets, webhook signing secrets): plain
 * ones (earlier versions) and those of previous keys are sealed again. Fails with SecretKeyError, before the server takes requests,
 * when a secret was made with a key that is not configured. Safe with several processes: each
 * row is only replaced if it still holds what was read.
 */
export async function resealSecrets(db: Db, box: SecretBox): Promise<{ resealed: number }> {
  const rows = await db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(isNotNull(users.totpSecret));
  let resealed = 0;
  for (const row of rows) {
    const stored = row.totpSecret;
    if (stored === null) continue;
    const context = totpContext(row.id);
    const isPlain = !stored.startsWith(`${VERSION}:`);
    const plain = isPlain ? stored : box.open(stored, context);
    if (!isPlain && box.isCurrent(stored)) continue;
    await db
      .update(users)
      .set({ totpSecret: box.seal(plain, context) })
      .where(and(eq(users.id, row.id), eq(users.totpSecret, stored)));
    resealed++;
  }
  // Webhook signing secrets (always sealed) follow the key too.
  const hooks = await db.select({ id: webhooks.id, sealed: webhooks.secretSealed }).from(webhooks);
  for (const hook of hooks) {
    if (box.isCurrent(hook.sealed)) continue;
    const context = webhookSecretContext(hook.id);
    await db
      .update(webhooks)
      .set({ secretSealed: box.seal(box.open(hook.sealed, context), context) })
      .where(and(eq(webhooks.id, hook.id), eq(webhooks.secretSealed, hook.sealed)));
    resealed++;
  }
  return { resealed };
}
