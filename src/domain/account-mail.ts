/** The texts of the account e-mails: an invitation to a workspace and a password-reset link. */

export interface AccountMail {
  to: string[];
  subject: string;
  lines: string[];
  link: string;
  footer: string;
}

const FOOTER = 'Touchpoints';

/** The e-mail carrying an invitation link. */
export function invitationMail(input: {
  to: string;
  workspaceName: string;
  inviterName: string | null;
  role: string;
  link: string;
  expiresAt: Date;
}): AccountMail {
  const who = input.inviterName ?? 'An owner';
  return {
    to: [input.to],
    subject: `Invitation to ${input.workspaceName} on Touchpoints`,
    lines: [
      `${who} invited you to the workspace "${input.workspaceName}" as ${input.role}.`,
      `Open the link to join; if you have no account yet, you choose your password there. The link works once and until ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    ],
    link: input.link,
    footer: FOOTER,
  };
}

/** The e-mail carrying a password-reset link. */
export function passwordResetMail(input: { to: string; link: string; hours: number }): AccountMail {
  return {
    to: [input.to],
    subject: 'Reset your Touchpoints password',
    lines: [
      'Someone (hopefully you) asked to reset the password of your Touchpoints account.',
      `Open the link within ${input.hours} hour${input.hours === 1 ? '' : 's'} to choose a new password; it works once, and every session of the account is signed out. If you did not ask for it, ignore this e-mail: your password stays as it is.`,
    ],
    link: input.link,
    footer: FOOTER,
  };
}
