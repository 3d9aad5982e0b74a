import { z } from 'zod';
import { ZEmail, ZPassword } from './auth.schemas.js';
import { ZTimestamp } from './common.schemas.js';

export const ZPasswordResetRequest = z.strictObject({ email: ZEmail });
export const ZPasswordResetAccepted = z.object({
  message: z.string().describe('the same whatever the e-mail: whether an account has it is not told'),
});

export const ZPasswordResetParams = z.strictObject({
  resetToken: z.string().min(16, 'is not a password-reset link').max(128, 'is not a password-reset link'),
});
export const ZPasswordResetView = z.object({ email: z.string(), expiresAt: ZTimestamp });
export const ZPasswordResetComplete = z.strictObject({ password: ZPassword });
