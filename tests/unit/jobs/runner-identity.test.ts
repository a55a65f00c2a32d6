import { describe, expect, it } from 'vitest';
import { isRunLive, processExists, STALE_AFTER_MS } from '../../../src/main/core/jobs/runner-identity.ts';

const self = { pid: 100, host: 'pitch-laptop' };
const NOW = 1_000_000;
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('is a run still live?', () => {
  it('same host: live while its process exists and its heartbeat is recent', () => {
    expect(isRunLive({ pid: 200, host: 'pitch-laptop', seenAt: NOW - 1000 }, self, NOW, alive([200]))).toBe(true);
    expect(isRunLive({ pid: 200, host: 'pitch-laptop', seenAt: NOW - 1000 }, self, NOW, alive([]))).toBe(false); // crashed
  });
  it('a stale heartbeat means gone, whatever the pid (reused after a crash)', () => {
    expect(isRunLive({ pid: 200, host: 'pitch-laptop', seenAt: NOW - STALE_AFTER_MS - 1 }, self, NOW, alive([200]))).toBe(false);
    expect(isRunLive({ pid: 200, host: 'pitch-laptop', seenAt: NOW - STALE_AFTER_MS }, self, NOW, alive([200]))).toBe(true);
  });
  it('another host: only the heartbeat can tell', () => {
    expect(isRunLive({ pid: 200, host: 'other', seenAt: NOW - 1000 }, self, NOW, alive([]))).toBe(true);
    expect(isRunLive({ pid: 200, host: 'other', seenAt: NOW - STALE_AFTER_MS - 1 }, self, NOW, alive([200]))).toBe(false);
  });
  it('a run claimed without an owner (older database) is gone', () => {
    expect(isRunLive({ pid: null, host: null, seenAt: null }, self, NOW, alive([200]))).toBe(false);
  });
  it('processExists sees this process and not a pid that cannot exist', () => {
    expect(processExists(process.pid)).toBe(true);
    expect(processExists(2 ** 22 + 12345)).toBe(false);
  });
});
