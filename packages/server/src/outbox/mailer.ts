import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';
import type { Deliver } from './outbox-worker.js';
import type { ClaimedMessage } from './outbox-store.js';
import type { EmailPayload } from './notices.js';

export interface MailerOptions {
  /** `smtp://user:password@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  smtpUrl: string;
  /** The sender, such as `WIR-Förderung <foerderung@example.org>`. */
  from: string;
  /** Milliseconds to wait for the server at each step. Default 20,000 (below the outbox's lease). */
  timeoutMs?: number;
}

/** The Message-ID of an outbox message: its id at the sender's domain, the same in every attempt. */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'civicflow.invalid';
  return `<${id}@${domain}>`;
}

function emailOf(m: ClaimedMessage): EmailPayload {
  const p = m.payload as Partial<EmailPayload>;
  if (typeof p.to !== 'string' || typeof p.subject !== 'string' || typeof p.text !== 'string') throw Object.assign(new Error('the message holds no e-mail'), { permanent: true });
  return p as EmailPayload;
}

/**
 * Sends outbox e-mails over SMTP with nodemailer. Each mail carries the message's id as its Message-ID, so a receiver
 * can drop a repeat; an SMTP answer in the 500s (the server refuses the mail for good) ends its attempts.
 */
export function createMailer(options: MailerOptions): Deliver & { close(): void } {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const deliver = async (m: ClaimedMessage) => {
    const mail = emailOf(m);
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        messageId: messageIdOf(m.id, options.from),
        headers: { 'Content-Language': mail.locale },
      });
    } catch (err) {
      const code = (err as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500) Object.assign(err as object, { permanent: true });
      throw err;
    }
  };
  return Object.assign(deliver, { close: () => transport.close() });
}

/**
 * For demos and development: writes each e-mail to the log instead of sending it. The log then holds personal data,
 * so never use it where the log is kept.
 */
export function createMailLog(logger: Logger, from: string): Deliver {
  return async (m) => {
    const mail = emailOf(m);
    logger.log({ level: 'info', msg: 'e-mail (logged, not sent)', messageId: messageIdOf(m.id, from), from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}
