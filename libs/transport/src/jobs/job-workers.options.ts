export interface JobWorkersOptions {
  /**
   * The queues this process works: `'all'` (the default) or a list, e.g. from a `QUEUES=...`
   * setting, so each queue's workers can run as processes of their own and scale apart.
   * An empty list works none (an API-only process).
   */
  readonly queues?: 'all' | readonly string[];
}

export const JOB_WORKERS_OPTIONS = Symbol('JOB_WORKERS_OPTIONS');
