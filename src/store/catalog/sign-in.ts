/** Signing in: the per-account limit, the password, the TOTP code (used once), the new session. */
import { UnauthorizedError } from '../../domain/errors.js';
import type { Db } from './db.js';
import { checkSignInThrottle, clearSignInFailures, recordSignInFailure } from './login-throttle.js';
import type { SecretBox } from './secret-box.js';
import { createSession, type Device } from './sessions.js';
import { acceptTotp, normalizeEmail, type UserRow, verifyPassword } from './users.js';

export interface SignInInput {
  email: string;
  password: string;
  totp?: string | undefined;
}

/**
 * Checks the credentials and opens a session; returns the user and the raw cookie value. While
 * the account's wait lasts the password is not even checked (429). A wrong password, a wrong or
 * replayed TOTP code counts as a failure of the account; a missing code does not (the password
 * was right, and the app asks for the code next).
 */
export async function signIn(
  db: Db,
  box: SecretBox,
  input: SignInInput,
  device: Device,
): Promise<{ user: UserRow; cookie: string }> {
  const email = normalizeEmail(input.email);
  await checkSignInThrottle(db, email);
  const user = await verifyPassword(db, email, input.password);
  if (!user) {
    await recordSignInFailure(db, email);
    throw new UnauthorizedError('wrong e-mail or password', 'bad_credentials');
  }
  if (user.totpEnabled) {
    if (!input.totp) throw new UnauthorizedError('enter the code of your authenticator app', 'totp_required');
    const check = await acceptTotp(db, box, user, input.totp);
    if (check !== 'accepted') {
      await recordSignInFailure(db, email);
      throw check === 'wrong'
        ? new UnauthorizedError('the two-factor code is wrong', 'totp_invalid')
        : new UnauthorizedError(
            'this two-factor code was already used; wait for the next code of your authenticator app',
            'totp_replayed',
          );
    }
  }
  await clearSignInFailures(db, email);
  return { user, cookie: await createSession(db, user.id, device) };
}
