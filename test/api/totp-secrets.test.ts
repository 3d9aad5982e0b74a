/**
 * TOTP secrets at rest: encrypted under the current key (never the base32 secret in the
 * column), bound to their user, re-encrypted under a new key with the old one kept for reading,
 * plain secrets of earlier versions encrypted, and a clear error for a key that cannot open them.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { expect, it } from 'vitest';
import { users } from '../../src/store/catalog/schema.js';
import {
  createSecretBox,
  resealSecrets,
  SecretKeyError,
  totpContext,
} from '../../src/store/catalog/secret-box.js';
import { acceptTotp, findUser } from '../../src/store/catalog/users.js';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('TOTP secrets at rest', (h) => {
  const storedSecret = async (userId: string) =>
    (await h().catalog.db.select().from(users).where(eq(users.id, userId)))[0]?.totpSecret ?? null;

  it('stores the secret encrypted under the current key, never as its base32 text', async () => {
    const ann = await h().signUp('ann');
    const enrol = await ann.post('/api/me/totp');
    expect(enrol.status).toBe(200);
    const stored = await storedSecret(ann.userId);
    expect(stored).toMatch(new RegExp(`^v1:${h().secrets.keyId}:[\\w-]{16}:[\\w-]{22}:[\\w-]+$`));
    expect(stored).not.toContain(enrol.body.secret);
    expect(h().secrets.open(stored ?? '', totpContext(ann.userId))).toBe(enrol.body.secret);
    // Bound to its user: the value copied to another user's row does not open.
    expect(() => h().secrets.open(stored ?? '', totpContext(crypto.randomUUID()))).toThrow(SecretKeyError);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrol.body.secret) });
    expect((await ann.post('/api/me/totp/enable', { code: totp.generate() })).status).toBe(204);
  });

  it('re-encrypts under a new key, encrypts plain secrets, and names a key it lacks', async () => {
    const { db } = h().catalog;
    const bob = await h().signUp('bob');
    const enrol = await bob.post('/api/me/totp');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrol.body.secret) });
    // A secret stored in plain text by an earlier version.
    const carol = await h().signUp('carol');
    const plain = new OTPAuth.Secret({ size: 20 }).base32;
    await db.update(users).set({ totpSecret: plain }).where(eq(users.id, carol.userId));

    const newKey = randomBytes(32);
    const unrelated = createSecretBox(randomBytes(32));
    await expect(resealSecrets(db, unrelated)).rejects.toThrow(SecretKeyError);
    await expect(resealSecrets(db, unrelated)).rejects.toThrow(
      `a stored secret was encrypted with key ${h().secrets.keyId}, which is neither TOUCHPOINTS_SECRET_KEY (nor the key file) nor in TOUCHPOINTS_SECRET_KEY_PREVIOUS`,
    );

    // The harness's key becomes the previous one: its secrets are read and sealed again.
    const rotated = createSecretBox(newKey, [randomBytes(32), h().secretKey]);
    const first = await resealSecrets(db, rotated);
    expect(first.resealed).toBeGreaterThanOrEqual(2);
    for (const userId of [bob.userId, carol.userId]) {
      const stored = (await storedSecret(userId)) ?? '';
      expect(stored.startsWith(`v1:${rotated.keyId}:`)).toBe(true);
    }
    expect(await storedSecret(carol.userId)).not.toContain(plain);
    expect(rotated.open((await storedSecret(carol.userId)) ?? '', totpContext(carol.userId))).toBe(plain);
    // Nothing left to do a second time; the new key alone now opens everything.
    expect(await resealSecrets(db, rotated)).toEqual({ resealed: 0 });
    const newOnly = createSecretBox(newKey);
    expect(await resealSecrets(db, newOnly)).toEqual({ resealed: 0 });
    const user = await findUser(db, bob.userId);
    if (!user) throw new Error('bob vanished');
    expect(await acceptTotp(db, newOnly, user, totp.generate())).toBe('accepted');
    // The old key alone no longer opens it (this block's last test: the app keeps the old key).
    const resealed = (await storedSecret(bob.userId)) ?? '';
    expect(() => h().secrets.open(resealed, totpContext(bob.userId))).toThrow(SecretKeyError);
  });
});
