import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the SMTP server in this test received: the envelope, who logged in, and the mail. */
export interface ReceivedMail {
  readonly envelope: { readonly from: string; readonly to: string[] };
  readonly user: unknown;
  readonly mail: ParsedMail;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port of 127.0.0.1: it requires a
 * login (`alerts` / `s3cret`), refuses `nobody@...` with 550, and keeps what it receives.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}): Promise<{
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    // No certificate here: plain SMTP, with the login allowed over it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts' && auth.password === 's3cret') {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (!address.address.startsWith('nobody@')) return callback();
      callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(async (mail) => {
        // A slow server keeps the sending job active: lets a test kill a worker mid-job.
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          envelope: {
            from: mailFrom ? mailFrom.address : '',
            to: rcptTo.map((rcpt) => rcpt.address),
          },
          user: session.user,
          mail,
        });
        callback();
      }, callback);
    },
  });
  // A client that dies mid-conversation (a worker killed with SIGKILL) resets its socket; the
  // server reports that as an 'error' event, which must not crash the test process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://alerts:s3cret@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
