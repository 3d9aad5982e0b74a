/** The SMTP mailer of the account e-mails (invitations, password resets), when SMTP is configured. */
import type { FastifyInstance } from 'fastify';
import { createMailer, type Mailer } from '../alerts/mailer.js';
import type { Config } from '../config.js';

/** A mailer closed with the app, or null without TOUCHPOINTS_SMTP_URL. */
export function accountMailer(app: FastifyInstance, config: Config): Mailer | null {
  const mailer = createMailer(config, (error, message) => app.log.error(error, message));
  if (mailer) app.addHook('onClose', async () => mailer.close());
  return mailer;
}

/** Rate limit of a public account route: `max` requests per client address and minute, in its own bucket. */
export function perAddressLimit(bucket: string, max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      keyGenerator: (request: { ip: string }) => `${bucket}:${request.ip}`,
    },
  };
}
