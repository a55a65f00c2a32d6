/**
 * A test hook for the crash tests, off unless P1_SERVER_FAULT_PAUSE is set: at the named stage
 * ('intake' or 'apply'), just before COMMIT, the server writes `FAULT-PAUSE <stage> <bundle id>`
 * to stderr and waits forever, so a test can kill -9 it with a transaction open. A club never
 * sets it.
 */
export type FaultStage = 'intake' | 'apply';

export async function faultPause(stage: FaultStage, bundleId: string): Promise<void> {
  if (process.env.P1_SERVER_FAULT_PAUSE !== stage) return;
  process.stderr.write(`FAULT-PAUSE ${stage} ${bundleId}\n`);
  await new Promise(() => {});
}
