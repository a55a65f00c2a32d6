/**
 * The self-test the packaged app runs with --self-test, here under Node with the same core:
 * real SQLite, the real serialport and usb bindings, the real piscina pool, a real report.
 * A failing step makes it fail, naming the step.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runSelfTest } from '../../../src/main/core/self-test.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../../../src/main/core/node-paths.ts';

// serialport lists ports through udevadm on Linux: every desktop has it, this container may not.
const HAS_UDEVADM = spawnSync('udevadm', ['--version']).status === 0;

describe('self-test', () => {
  it('passes every step on this machine', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const r = await runSelfTest({ workerPath: NODE_WORKER_PATH, reportViewerPath: REPORT_VIEWER_PATH, log: (l) => lines.push(l) });
    console.log(lines.join('\n'));
    if (!HAS_UDEVADM) {
      console.log('serial ports: udevadm is not installed here, so serialport cannot list ports; that step is expected to fail naming it');
      expect(r.steps.find((s) => s.name === 'serial ports')?.detail).toMatch(/udevadm/);
    }
    expect(r.steps.map((s) => [s.name, s.ok])).toEqual([
      ['sqlite', true],
      ['serial ports', HAS_UDEVADM],
      ['usb', true],
      ['worker', true],
      ['report', true],
    ]);
    expect(r.ok).toBe(HAS_UDEVADM);
    if (HAS_UDEVADM) expect(lines.at(-1)).toBe('self-test passed');
  });

  it('fails naming the step that failed', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const r = await runSelfTest({
      workerPath: NODE_WORKER_PATH,
      reportViewerPath: '/nonexistent/report-viewer.js',
      listSerialPorts: async () => [],
      listUsbDevices: async () => {
        throw new Error('LIBUSB_ERROR_ACCESS');
      },
      log: (l) => lines.push(l),
    });
    expect(r.ok).toBe(false);
    // No report viewer: the run fails writing its report, so the worker step says so.
    expect(r.steps.filter((s) => !s.ok).map((s) => s.name)).toEqual(['usb', 'worker', 'report']);
    expect(r.steps.find((s) => s.name === 'usb')?.detail).toBe('LIBUSB_ERROR_ACCESS');
    expect(lines.at(-1)).toBe('self-test FAILED: usb, worker, report');
  });
});
