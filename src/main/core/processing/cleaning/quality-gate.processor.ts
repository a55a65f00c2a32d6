/**
 * Quality gate: drop fixes the receiver itself marks as poor (HDOP above the limit, too few
 * satellites) and fixes without a position. Unknown HDOP or satellite counts (NaN) are kept:
 * many formats do not carry them. (0, 0) is a receiver's "no fix", not a place.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { DROP_NO_POSITION, DROP_QUALITY } from '../track.ts';

export const qualityGate: CleaningProcessor = {
  id: 'quality-gate',
  label: 'Quality gate',
  rule: (s) => `drop fixes with HDOP > ${s.quality.maxHdop} or fewer than ${s.quality.minSatellites} satellites, and fixes without a position; unknown HDOP or satellite counts are kept`,
  run({ fixes, settings }) {
    const { n, lat, lon, hdop, sats, drop } = fixes;
    const maxHdop = settings.quality.maxHdop;
    const minSats = settings.quality.minSatellites;
    let quality = 0;
    let noPosition = 0;
    let hdopUnknown = 0;
    let satsUnknown = 0;
    for (let i = 0; i < n; i++) {
      const h = hdop[i];
      const s = sats[i];
      if (h !== h) hdopUnknown++;
      if (s !== s) satsUnknown++;
      if (drop[i] !== 0) continue;
      const la = lat[i];
      const lo = lon[i];
      if (!(la === la && lo === lo) || (la === 0 && lo === 0)) {
        drop[i] = DROP_NO_POSITION;
        noPosition++;
      } else if (h > maxHdop || s < minSats) {
        drop[i] = DROP_QUALITY;
        quality++;
      }
    }
    return {
      changes: { droppedQuality: quality, droppedNoPosition: noPosition, hdopUnknown, satellitesUnknown: satsUnknown },
      summary:
        `${quality} fix(es) dropped for HDOP or satellites, ${noPosition} without a position` +
        (hdopUnknown === n && n > 0 ? '; the unit reports no HDOP' : '') +
        (satsUnknown === n && n > 0 ? '; the unit reports no satellite count' : ''),
    };
  },
};
