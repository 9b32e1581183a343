// A real SMTP server for tests (smtp-server), which parses what arrives (mailparser) so tests read back the mails.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every mail accepted so far, in order. */
  mails: ParsedMail[];
  /** While true, a mail's data is read but never answered: the sender waits (a hung or slow server). */
  hold: boolean;
  /** How many mails were begun while holding. */
  held: number;
  /** Resolves once `count` mails have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free port of 127.0.0.1, without TLS or authentication. With `port`, on that port. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink = { mails: [] as ParsedMail[], hold: false, held: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (sink.hold) {
        sink.held++;
        stream.resume();
        return; // never answered
      }
      simpleParser(stream)
        .then((mail) => {
          sink.mails.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    async waitFor(count: number, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (sink.mails.length < count) {
        if (Date.now() > until) throw new Error(`${sink.mails.length} of ${count} mails arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return sink.mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
