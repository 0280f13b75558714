/** What the bench asks a process under test over its IPC channel (profile-hook.ts). */
export interface ProfileRequest {
  readonly profile: 'start' | 'stop';
  /** Where the profile goes (`.cpuprofile`, JSON). */
  readonly file: string;
}

/** What the process answers: the profiler runs, or the profile is written (or failed). */
export interface ProfileReply {
  readonly profile: 'started' | 'written';
  readonly error?: string;
}

export function isProfileRequest(message: unknown): message is ProfileRequest {
  const candidate = message as Partial<ProfileRequest> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    (candidate.profile === 'start' || candidate.profile === 'stop') &&
    typeof candidate.file === 'string'
  );
}

export function isProfileReply(message: unknown): message is ProfileReply {
  const candidate = message as Partial<ProfileReply> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    (candidate.profile === 'started' || candidate.profile === 'written')
  );
}
