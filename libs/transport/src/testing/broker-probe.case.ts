import type { BrokerProbe } from '../ports/broker-probe.port';

/**
 * The contract case both port suites run: an adapter shared across processes has a broker,
 * a dependency that `/health/ready` must check, and it answers a ping; in memory there is
 * none to check.
 */
export function brokerProbeCase(
  sharedAcrossProcesses: boolean,
  open: () => Promise<{ readonly broker?: BrokerProbe }>,
  timeoutMs?: number,
): void {
  it(
    sharedAcrossProcesses
      ? 'names its broker and answers a readiness ping through it'
      : 'has no broker for readiness to check',
    async () => {
      const { broker } = await open();
      if (!sharedAcrossProcesses) {
        expect(broker).toBeUndefined();
        return;
      }
      expect(broker?.name).toMatch(/^[a-z]+$/);
      await expect(broker?.ping()).resolves.toBeUndefined();
    },
    timeoutMs,
  );
}
