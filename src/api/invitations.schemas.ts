import { z } from 'zod';
import { ROLES } from '../domain/vocabulary.js';
import { ZEmail, ZPassword, ZUser } from './auth.schemas.js';
import { ZId, ZTimestamp } from './common.schemas.js';

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  state: z
    .enum(['pending', 'accepted', 'revoked', 'expired'])
    .describe('pending: the link works; expired: renew it by inviting the e-mail again'),
  invitedByUserId: z.string().nullable(),
  invitedByName: z.string().nullable(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp,
});

export const ZInvitationCreate = z.strictObject({
  email: ZEmail,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

export const ZInvitationCreated = z.object({
  invitation: ZInvitation,
  token: z.string().describe('the secret of the link; shown only in this answer'),
  url: z.string().describe("the invitation link on the server's public URL; shown only in this answer"),
  emailSent: z
    .boolean()
    .describe('whether the link was e-mailed to the invitee (SMTP configured and the send succeeded)'),
});

export const ZInvitationParams = z.strictObject({ workspaceId: ZId, invitationId: ZId });

export const ZInvitationTokenParams = z.strictObject({
  invitationToken: z.string().min(16, 'is not an invitation link').max(128, 'is not an invitation link'),
});

export const ZInvitationView = z.object({
  workspaceName: z.string(),
  inviterName: z.string().nullable(),
  email: z.string().describe('the invited e-mail: the account joins or is created with it'),
  role: z.enum(ROLES),
  expiresAt: ZTimestamp,
  hasAccount: z.boolean().describe('true: sign in with this e-mail and join; false: set a name and password'),
});

export const ZInvitationAccept = z.strictObject({
  name: z.string().trim().max(200).optional().describe('for a new account'),
  password: ZPassword.optional().describe('for a new account (the invitee chooses it)'),
});

export const ZInvitationAccepted = z.object({
  user: ZUser,
  workspaceId: z.string(),
  role: z.enum(ROLES),
  createdAccount: z.boolean().describe('true when the account was made now (the caller is then signed in)'),
});
