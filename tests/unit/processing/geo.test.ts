import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../src/main/core/processing/geo.ts';

// Along a meridian, haversine reduces to R·Δφ. With R = 6 371 008.8 m and Δφ = 1e-5° = 1.745329252e-7 rad,
// one step is 6 371 008.8 × 1.745329252e-7 = 1.111950802 m.
const STEP = 1.111950802;

describe('haversine', () => {
  it('is R·Δφ along a meridian', () => {
    expect(haversineM(0, 0, 1e-5, 0)).toBeCloseTo(STEP, 8);
  });
  it('is R·Δλ·cos(φ) for a short east-west step (within 1e-9 relative)', () => {
    // 60°N: cos = 0.5, so 1e-5° of longitude is STEP/2 = 0.555975401 m
    expect(haversineM(60, 0, 60, 1e-5)).toBeCloseTo(0.555975401, 8);
  });
});
