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
