import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: envelope recipients, headers (unfolded), decoded text. */
export interface Received {
  to: string[];
  subject: string;
  text: string;
  header(name: string): string;
}

function decodeWords(value: string): string {
  // Adjacent encoded words join without the space between them; their bytes join before UTF-8 decoding.
  const words = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
  return value.replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes: number[] = [];
    for (const m of run.matchAll(words)) {
      const data = m[2]!;
      if (m[1]!.toLowerCase() === 'b') bytes.push(...Buffer.from(data, 'base64'));
      else bytes.push(...Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1'));
    }
    return Buffer.from(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  }).trim();
}

/** A small MIME reader for nodemailer's single-part text messages. */
function parseMessage(raw: string, rcpt: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { to: rcpt, subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n'), header };
}

/** A real SMTP server on an ephemeral port; `reject` makes it refuse every recipient (a broken relay). */
export async function startSmtp() {
  const received: Received[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.reject) {
        const err = new Error('Hộp thư tạm thời không nhận thư') as Error & { responseCode: number };
        err.responseCode = 451;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(parseMessage(Buffer.concat(chunks).toString('latin1'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
