import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const USER = 'alerts';
const PASSWORD = 'bench';

/**
 * A real SMTP server (the `smtp-server` package) on a free port of 127.0.0.1 that takes every
 * mail at once and only counts it: the error worker's alerts cost it the SMTP conversation,
 * not the sink's parsing. It wants a login, as a real relay would.
 */
export interface SmtpSink {
  readonly url: string;
  /** Mails taken so far. */
  received(): number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let received = 0;
  const server = new SMTPServer({
    // No certificate here: plain SMTP, with the login allowed over it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
