import { z } from 'zod';
import { ZName, ZTimestamp } from './common.schemas.js';

export const ZEmail = z.string().trim().max(320).email('must be an e-mail address');
export const ZPassword = z.string().min(8, 'must be at least 8 characters').max(200);

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  totpEnabled: z.boolean(),
  createdAt: ZTimestamp,
});

export const ZLogin = z.strictObject({
  email: ZEmail,
  password: z.string().min(1, 'must not be empty').max(200),
  totp: z.string().max(12).optional().describe('current code of the authenticator app, when 2FA is enabled'),
});

export const ZSetup = z.strictObject({
  token: z.string().min(1).max(200).describe('the secret of the setup link printed on first start'),
  email: ZEmail,
  password: ZPassword,
  name: z.string().trim().max(200).optional(),
  workspaceName: ZName.optional().describe('name of the first workspace (default "My company")'),
});

export const ZSetupStateQuery = z.strictObject({
  token: z.string().max(200).optional().describe('the secret of the setup link'),
});
export const ZSetupState = z.object({
  state: z
    .enum(['open', 'done', 'invalid'])
    .describe(
      'open: the form can be sent; done: an account exists, sign in; invalid: the link is unknown, used or expired',
    ),
});

export const ZProfilePatch = z.strictObject({
  name: z.string().trim().max(200).optional(),
  locale: z.enum(['en', 'de', 'ru', 'cs', 'sk', 'ro']).optional(),
});

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});
export const ZTotpCode = z.strictObject({ code: z.string().min(6).max(12) });
export const ZTotpEnrolment = z.object({ secret: z.string(), uri: z.string() });

export const ZSession = z.object({
  id: z.string().describe('handle of the session (not its cookie or the cookie hash), for DELETE'),
  current: z.boolean().describe('true for the session this request is made with'),
  browser: z.string().nullable().describe('browser named from the User-Agent; null when not recognised'),
  os: z.string().nullable().describe('operating system named from the User-Agent; null when not recognised'),
  address: z.string().nullable().describe('client address at the last recorded use'),
  createdAt: ZTimestamp.describe('when the user signed in'),
  lastSeenAt: ZTimestamp.describe('last request, recorded at most once a minute'),
  expiresAt: ZTimestamp.describe('when it ends unless used again (idle timeout or fixed lifetime)'),
});
export const ZSessionList = z.object({ items: z.array(ZSession) });
export const ZSessionParams = z.strictObject({ id: z.string().min(1).max(100).describe('session handle') });
export const ZSessionsEnded = z.object({ ended: z.number().int().describe('how many sessions ended') });
