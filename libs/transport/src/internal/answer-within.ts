/**
 * `work`, or a rejection saying `no answer within <ms> ms` once `ms` have passed: for a
 * lookup on a broker that may not answer (a readiness check, a metrics scrape), which must
 * not hold its caller. The work itself goes on; its late result is dropped.
 */
export function answerWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
