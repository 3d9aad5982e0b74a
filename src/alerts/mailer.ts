/**
 * Alert e-mail over SMTP (nodemailer), when TOUCHPOINTS_SMTP_URL is set: plain text with a simple
 * HTML twin. A failure is logged and answered, never thrown: e-mail must not stop an evaluation
 * (the in-app notifications and webhooks are already kept when it is sent).
 */
import nodemailer from 'nodemailer';

export interface AlertMail {
  to: readonly string[];
  subject: string;
  /** Paragraphs of plain text. */
  lines: readonly string[];
  /** An absolute link to the object in the web app, when known. */
  link?: string | undefined;
  /** The small print at the end of the HTML body (default: "Touchpoints alerts"). */
  footer?: string | undefined;
}

export interface Mailer {
  /** Sends one message to all recipients; false (and logged) on failure. */
  send(mail: AlertMail): Promise<boolean>;
  close(): void;
}

export type MailLog = (error: unknown, message: string) => void;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The text and HTML bodies of a message. */
export function renderMail(mail: AlertMail): { text: string; html: string } {
  const text = [...mail.lines, ...(mail.link ? [mail.link] : [])].join('\n\n');
  const paragraphs = mail.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const link = mail.link ? `\n<p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.link)}</a></p>` : '';
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; font-size: 14px; color: #222">
<h2 style="font-size: 16px">${escapeHtml(mail.subject)}</h2>
${paragraphs}${link}
<p style="color: #777; font-size: 12px">${escapeHtml(mail.footer ?? 'Touchpoints alerts')}</p>
</body></html>`;
  return { text, html };
}

/** A mailer over `smtpUrl`, or null when no SMTP is configured. */
export function createMailer(
  config: { smtpUrl: string | undefined; smtpFrom: string },
  log: MailLog = () => {},
): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(mail) {
      if (mail.to.length === 0) return true;
      try {
        await transport.sendMail({
          from: config.smtpFrom,
          to: [...mail.to],
          subject: mail.subject,
          ...renderMail(mail),
        });
        return true;
      } catch (error) {
        log(error, `alert e-mail "${mail.subject}" to ${mail.to.length} recipient(s) failed`);
        return false;
      }
    },
    close() {
      transport.close();
    },
  };
}
