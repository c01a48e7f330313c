import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra headers (List-Unsubscribe on citizens' letters). */
  headers?: Record<string, string>;
}

/** Sends one e-mail or throws. `configured: false` means nothing can be sent: rows stay queued. */
export interface Mailer {
  readonly configured: boolean;
  /** Where mail goes, safe for logs (no password). */
  readonly label: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailConfig {
  /** `smtp://host:port`, `smtps://user:pass@host:465`… (nodemailer URL); null: no e-mail. */
  smtpUrl: string | null;
  from: string;
  /** The public address of this Dondoc, for links in e-mails. */
  publicUrl: string;
}

export const DEFAULT_MAIL_FROM = 'Dondoc <khong-tra-loi@dondoc.example.vn>';

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
  };
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** SMTP through nodemailer; one pooled connection reused for a pass's messages (settings in the URL win). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 1 });
  return {
    configured: true,
    label: redact(smtpUrl),
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, ...(message.headers ? { headers: message.headers } : {}) });
    },
    close: () => transport.close(),
  };
}

/** No SMTP configured: nothing is sent, the outbox keeps every message until one is. */
export const unconfiguredMailer: Mailer = {
  configured: false,
  label: 'none',
  send: () => Promise.reject(new Error('Chưa cấu hình máy chủ thư (SMTP_URL).')),
  close: () => undefined,
};

export function mailerFromConfig(config: MailConfig): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.from) : unconfiguredMailer;
}
