import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe secret with a recognisable prefix (e.g. `tp_` for API tokens). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** Secrets are stored only as their SHA-256 (they are long and random, so no salt is needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
