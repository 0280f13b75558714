/*
 * Preloaded (`node -r`) into every process the event-hub benchmark starts: on the bench's
 * request over the IPC channel, profiles this process's CPU with bench/common/profile.ts
 * until asked to stop, so a profile covers one load and nothing of the start-up around it.
 * Without an IPC channel (a process started by hand) it does nothing.
 */
import { profiled } from '../common/profile';
import { isProfileRequest, type ProfileReply } from './profile-messages';

const send = process.send?.bind(process);

if (send) {
  let stop: (() => void) | undefined;
  const reply = (message: ProfileReply) => send(message);
  process.on('message', (message: unknown) => {
    if (!isProfileRequest(message)) return;
    if (message.profile === 'stop') {
      stop?.();
      stop = undefined;
      return;
    }
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    profiled(message.file, async () => {
      reply({ profile: 'started' });
      await stopped;
    }).then(
      () => reply({ profile: 'written' }),
      (error: unknown) => reply({ profile: 'written', error: String(error) }),
    );
  });
  // The channel must not keep the process alive: the app exits on SIGTERM as deployed.
  process.channel?.unref();
}
