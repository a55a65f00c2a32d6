/**
 * The engine's algorithm version, stored with every result and printed in every report. Bump it
 * whenever a definition, a cleaning rule or a default changes a number, so results computed
 * differently are never compared as if they were the same (docs/metrics.md lists the changes).
 *   0.1.0  skeleton: duration, distance, max Doppler speed, HSR distance, PlayerLoad
 *   0.2.0  cleaning steps, velocity bands, efforts, metabolic power, heart rate, peaks, periods
 *   0.2.1  a period the GNSS does not reach is covered by the accelerometer (else HR) span
 *   0.2.2  the smoothing filter in second-order sections (sound at every order and cut-off);
 *          accelerometer readings beyond imu.maxAbsG left out of PlayerLoad; a negative Doppler
 *          speed is a spike; max acceleration / deceleration 0 when there is none; the first
 *          peak window counts when it ends in a gap; % time dropped by the time each fix stood for
 *   0.2.3  PlayerLoad on 100 Hz samples (a faster accelerometer's 10 ms means); no Banister TRIMP
 *          when the HRmax used is not above the resting HR
 *   0.3.0  distance through gaps: estimated across longer gaps and dropped stretches (Doppler
 *          speed × time where plausible, else the straight line) and counted in the total, with
 *          measured / interpolated / estimated metres and seconds apart; sampling regime (a watch's
 *          smart recording is its sampling, not gaps); the unit's odometer beside ours;
 *          time-weighted heart-rate mean (and zones/TRIMP on the same weights)
 *   0.3.1  speed from positions filtered at a cut-off suited to the rate (the team's cut-off or
 *          0.2 × Nyquist, the lower: 0.1 Hz at 1 Hz, where it was left unfiltered); a positional
 *          stretch too short to filter takes its mean speed
 *   0.3.2  a gap across a period's edge counts in each period for its part inside it (estimated
 *          distance and time, band 1), not whole in the period of the fix after it
 *   0.3.3  a position jump that persists (no Doppler speed) restarts the track after the dropped
 *          fix instead of reading as a burst of speed, an acceleration effort and a max
 */
export const ALGORITHM_VERSION = '0.3.3';
