import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, isStartable, sourcesOf } from '../../../src/main/core/jobs/state-machine.ts';
import { PROCESSING_STATUSES } from '../../../src/shared/domain/session.ts';

describe('session processing state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = new Set([
      'PENDING>QUEUED',
      'QUEUED>PROCESSING',
      'QUEUED>FAILED',
      'PROCESSING>COMPLETED',
      'PROCESSING>FAILED',
      'COMPLETED>QUEUED',
      'FAILED>QUEUED',
    ]);
    for (const a of PROCESSING_STATUSES) {
      for (const b of PROCESSING_STATUSES) expect(canTransition(a, b), `${a} → ${b}`).toBe(allowed.has(`${a}>${b}`));
    }
  });
  it('never starts a session that is queued or processing', () => {
    expect(isStartable('QUEUED')).toBe(false);
    expect(isStartable('PROCESSING')).toBe(false);
    expect(sourcesOf('QUEUED').sort()).toEqual(['COMPLETED', 'FAILED', 'PENDING']);
    expect(() => assertTransition('PENDING', 'COMPLETED')).toThrowError(/PENDING → COMPLETED/);
  });
});
