import { describe, expect, it } from 'vitest';
import { createStreamPair } from '../../../src/main/core/devices/transport/stream-pair.transport.ts';
import { UnitEmulator } from '../../../src/main/core/devices/sim/unit-emulator.ts';
import { deterministicBytes, sha256Hex } from '../../../src/main/core/devices/sim/scenario.ts';
import type { SimUnitSpec } from '../../../src/main/core/devices/sim/scenario.ts';
import { player1Driver } from '../../../src/main/core/devices/drivers/player1.driver.ts';
import type { AttachedUnit, DriverContext } from '../../../src/main/core/devices/drivers/driver.ts';
import { DeviceError } from '../../../src/main/core/devices/device-error.ts';

/** A driver context whose every port opens a fresh link to an emulator of `spec` (the unit's flash is shared). */
function emulatedUnit(spec: SimUnitSpec): DriverContext {
  return {
    openTransport: async () => {
      const { host, unit } = createStreamPair(spec.unitId);
      new UnitEmulator(spec, unit);
      return host;
    },
    now: Date.now,
  } as unknown as DriverContext;
}

describe('Player1 erase of several recordings', () => {
  it('when one is refused after others were erased, the error says which were erased and which were not', async () => {
    const now = Date.now();
    const recs = [1, 2, 3, 4].map((id) => ({ id, startMs: now, endMs: now + 1000, bytes: deterministicBytes(`r${id}`, 1000) }));
    const spec = { unitId: 'E1', firmware: 't', batteryPct: 50, batteryMv: 3800, clockOffsetMs: 0, recordings: [...recs] };
    const ctx = emulatedUnit(spec);
    const unit = { location: 'sim://erase', unitId: 'E1' } as AttachedUnit;
    const items = [
      { recordingId: '1', sha256: sha256Hex(recs[0].bytes) },
      { recordingId: '2', sha256: sha256Hex(recs[1].bytes) },
      // The host's copy of 3 does not match the unit's: the unit refuses (CHECKSUM_MISMATCH).
      { recordingId: '3', sha256: sha256Hex(new Uint8Array([1])) },
      { recordingId: '4', sha256: sha256Hex(recs[3].bytes) },
    ];
    const err = await player1Driver.erase!(unit, items, ctx).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    const de = err as DeviceError;
    expect(de.message).toMatch(/^E1: recordings 1, 2 were erased; recording 3 was not: unit refused ERASE: CHECKSUM_MISMATCH: .+ \(nor 4, not tried\)$/);
    expect(de.details).toMatchObject({ erased: ['1', '2'], notErased: ['3', '4'] });
    // What the unit holds now agrees with the message.
    expect(spec.recordings.map((r) => r.id)).toEqual([3, 4]);
  });

  it('when the first is refused, nothing was erased and the error is the unit\'s own', async () => {
    const now = Date.now();
    const spec = { unitId: 'E2', firmware: 't', batteryPct: 50, batteryMv: 3800, clockOffsetMs: 0, recordings: [{ id: 1, startMs: now, endMs: now + 1, bytes: new Uint8Array(10) }] };
    const ctx = emulatedUnit(spec);
    const err = await player1Driver.erase!({ location: 'sim://e2', unitId: 'E2' } as AttachedUnit, [{ recordingId: '1', sha256: sha256Hex(new Uint8Array([9])) }], ctx).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toMatch(/^E2: unit refused ERASE: CHECKSUM_MISMATCH/);
    expect(spec.recordings).toHaveLength(1);
  });
});
