/**
 * A deterministic, plausible team-sport session: players moving on a 105 x 68 m pitch through
 * standing, walking, jogging, running, high-speed running and sprinting bouts, seen by a 10 Hz
 * GNSS unit (Doppler speed, HDOP, satellites, heart rate) and a 100 Hz accelerometer.
 *
 * It feeds the demo, the tests and the benchmarks. It is a simulation, not physiology: speeds,
 * accelerations and heart rates stay in realistic ranges so every metric has something to count.
 */
import type { GnssStream, HrStream, ImuStream } from '../formats/canonical.ts';
import { f64 } from '../util/scratch.ts';
import { gaussian, mulberry32 } from './prng.ts';
import { EARTH_RADIUS_M } from '../processing/geo.ts';

export interface ScenarioPlayer {
  deviceId: string;
  playerName: string;
  position: string;
}

export interface ScenarioOptions {
  players: number;
  minutes: number;
  startMs: number;
  seed: number;
  /** Pitch centre; defaults to a ground in London. */
  originLat?: number;
  originLon?: number;
  /**
   * Harder signal, for testing distance through gaps: per 90 minutes about 5 poor-signal stretches
   * of 20-60 s (3-5 satellites, HDOP 2-6, so the quality gate drops them; the Doppler speed stays
   * good) and about 12 dropouts of 1-5 s (no fix written). Drawn from a PRNG of their own, so the
   * rest of the session is the same as without.
   */
  poorSignal?: boolean;
}

/** What the unit's wearer really did: the path the simulation moved along, at 100 Hz. */
export interface UnitTruth {
  /** Length of the true path, m. */
  pathM: number;
  /** The true position and speed at each GNSS epoch (every fix the unit would write at 10 Hz, dropouts included). */
  t: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  speedMs: Float64Array;
}

export interface SimulatedUnit {
  player: ScenarioPlayer;
  gnss: GnssStream;
  hr: HrStream;
  imu: ImuStream;
  truth: UnitTruth;
}

export const DEFAULT_SAMPLE: ScenarioOptions = {
  players: 5,
  minutes: 10,
  startMs: Date.UTC(2026, 2, 14, 10, 0, 0),
  seed: 20260314,
};

const FIRST = ['Alex', 'Sam', 'Jordan', 'Casey', 'Robin', 'Jamie', 'Morgan', 'Charlie', 'Taylor', 'Drew', 'Kai', 'Rowan', 'Ellis'];
const LAST = ['Okafor', 'Silva', 'Novak', 'Murphy', 'Haddad', 'Kowalski', 'Lindqvist', 'Mensah', 'Tanaka', 'Byrne', 'Costa', 'Duarte', 'Ishii'];
const POSITIONS = ['GK', 'CB', 'CB', 'FB', 'FB', 'CM', 'CM', 'CM', 'WM', 'WM', 'FW'];

/** Activity bouts: target speed (m/s) and typical duration (s). */
const BOUTS = [
  { v: 0.2, s: 12 },
  { v: 1.4, s: 20 },
  { v: 2.8, s: 15 },
  { v: 4.2, s: 8 },
  { v: 6.0, s: 4 },
  { v: 7.6, s: 3 },
];
const BOUT_WEIGHTS = [0.16, 0.34, 0.26, 0.14, 0.06, 0.04];


export function scenarioPlayers(n: number): ScenarioPlayer[] {
  const out: ScenarioPlayer[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      deviceId: `P1-${String(1001 + i)}`,
      playerName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / LAST.length)) % LAST.length]}`,
      position: POSITIONS[i % POSITIONS.length],
    });
  }
  return out;
}

/** Simulate one player's unit. Deterministic in (options.seed, index). */
export function simulateUnit(opts: ScenarioOptions, index: number, player: ScenarioPlayer): SimulatedUnit {
  const rand = mulberry32((opts.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const originLat = opts.originLat ?? 51.5560;
  const originLon = opts.originLon ?? -0.2796;
  const mPerDegLat = (Math.PI / 180) * EARTH_RADIUS_M;
  const mPerDegLon = mPerDegLat * Math.cos((originLat * Math.PI) / 180);
  const keeper = player.position === 'GK';

  const nImu = Math.round(opts.minutes * 60 * 100);
  const nGps = Math.floor(nImu / 10);
  // Inside a pool task (a demo unit's recording) these ~25 MB for 100 minutes come from the
  // thread's reused memory (util/scratch.ts) and are void once the task has encoded them;
  // elsewhere they are plain typed arrays.
  const gnss: GnssStream = { t: f64(nGps), lat: f64(nGps), lon: f64(nGps), speed: f64(nGps), hdop: f64(nGps), sats: f64(nGps), alt: f64(nGps).fill(NaN) }; // no altitude
  const hr: HrStream = { t: gnss.t, bpm: f64(nGps) };
  const truth: UnitTruth = { pathM: 0, t: gnss.t, lat: f64(nGps), lon: f64(nGps), speedMs: f64(nGps) };
  const signal = opts.poorSignal ? signalPlan(opts, index, nGps) : null;
  const imu: ImuStream = { t: f64(nImu), ax: f64(nImu), ay: f64(nImu), az: f64(nImu) };

  // State at 100 Hz
  let x = (rand() - 0.5) * 60;
  let y = (rand() - 0.5) * 40;
  let heading = rand() * 2 * Math.PI;
  let v = 0;
  let target = 0;
  let boutLeft = 0;
  let hrNow = 70 + rand() * 10;
  const hrRest = 55 + rand() * 10;
  const hrMax = 185 + rand() * 15;
  let stepPhase = 0;
  let sats = 11;
  let hdop = 0.9;
  let strapLostFor = 0;
  // GNSS position error is strongly correlated from fix to fix (a slow wander, not white noise):
  // an AR(1) process per axis with ~0.15 m standard deviation at good HDOP.
  let errX = 0;
  let errY = 0;
  const dt = 0.01;

  for (let i = 0; i < nImu; i++) {
    if (boutLeft <= 0) {
      const b = pickBout(rand, keeper);
      target = Math.max(0, b.v + gaussian(rand) * 0.25);
      boutLeft = b.s * (0.5 + rand());
      if (rand() < 0.5) heading += (rand() - 0.5) * 2.2;
    }
    boutLeft -= dt;
    // First-order approach to the target speed, limited to ±4 m/s² (plausible team-sport accelerations).
    const a = Math.max(-4, Math.min(4, (target - v) * 1.6));
    v = Math.max(0, v + a * dt);
    heading += gaussian(rand) * 0.01;
    const x0 = x;
    const y0 = y;
    x += v * Math.cos(heading) * dt;
    y += v * Math.sin(heading) * dt;
    if (x > 52 || x < -52) {
      heading = Math.PI - heading;
      x = Math.max(-52, Math.min(52, x));
    }
    if (y > 33 || y < -33) {
      heading = -heading;
      y = Math.max(-33, Math.min(33, y));
    }
    truth.pathM += Math.hypot(x - x0, y - y0);

    // 100 Hz accelerometer: gravity on z, step impacts whose size and cadence grow with speed.
    const cadence = v < 0.3 ? 0 : 1.6 + Math.min(v, 8) * 0.28; // steps per second
    stepPhase += cadence * dt;
    const impact = cadence === 0 ? 0 : Math.max(0, Math.sin(2 * Math.PI * stepPhase)) ** 6 * (0.4 + v * 0.32);
    imu.t[i] = opts.startMs + i * 10;
    imu.ax[i] = a / 9.80665 + gaussian(rand) * 0.02 + impact * 0.25;
    imu.ay[i] = gaussian(rand) * 0.02 + impact * 0.15 * Math.sin(2 * Math.PI * stepPhase * 0.5);
    imu.az[i] = 1 + impact + gaussian(rand) * 0.02;

    const intensity = Math.min(1, v / 7.5);
    const hrTarget = hrRest + (hrMax - hrRest) * (0.25 + 0.7 * intensity);
    hrNow += (hrTarget - hrNow) * dt * 0.08;

    if (i % 10 === 0) {
      const k = i / 10;
      // Satellite geometry drifts slowly; a few seconds of poor fixes now and then.
      if (rand() < 0.002) sats = 5 + Math.floor(rand() * 3);
      else if (rand() < 0.02) sats = 9 + Math.floor(rand() * 6);
      hdop = sats < 7 ? 2.2 + rand() : 0.7 + rand() * 0.5;
      const poor = signal !== null && signal.poor[k] !== 0;
      // A poor-signal stretch: 3-5 satellites, HDOP 2-6 (its own draws, see signalPlan).
      const h = poor ? signal.hdop[k] : hdop;
      errX = 0.995 * errX + gaussian(rand) * 0.015 * h;
      errY = 0.995 * errY + gaussian(rand) * 0.015 * h;
      gnss.t[k] = opts.startMs + k * 100;
      gnss.lat[k] = originLat + (y + errY) / mPerDegLat;
      gnss.lon[k] = originLon + (x + errX) / mPerDegLon;
      gnss.speed[k] = Math.max(0, v + gaussian(rand) * 0.06);
      gnss.hdop[k] = h;
      gnss.sats[k] = poor ? signal.sats[k] : sats;
      truth.lat[k] = originLat + y / mPerDegLat;
      truth.lon[k] = originLon + x / mPerDegLon;
      truth.speedMs[k] = v;
      if (strapLostFor > 0) strapLostFor--;
      else if (rand() < 0.0005) strapLostFor = 20 + Math.floor(rand() * 50);
      hr.bpm[k] = strapLostFor > 0 ? 0 : Math.round(hrNow + gaussian(rand) * 1.5);
    }
  }
  if (signal) return dropFixes({ player, gnss, hr, imu, truth }, signal.drop);
  return { player, gnss, hr, imu, truth };
}

/** The poor-signal stretches and dropouts of one unit (SignalOptions.poorSignal), per GNSS epoch. */
function signalPlan(opts: ScenarioOptions, index: number, n: number): { poor: Uint8Array; hdop: Float64Array; sats: Float64Array; drop: Uint8Array } {
  const rand = mulberry32((opts.seed ^ 0x5eed5 ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const poor = new Uint8Array(n);
  const hdop = new Float64Array(n);
  const sats = new Float64Array(n);
  const drop = new Uint8Array(n);
  const per90 = n / 54_000;
  const stretches = Math.max(1, Math.round(5 * per90));
  for (let s = 0; s < stretches; s++) {
    const len = Math.round((20 + rand() * 40) * 10);
    const at = Math.floor(rand() * Math.max(1, n - len));
    const h = 2.2 + rand() * 3.8; // HDOP 2.2-6 (over the gate's 2)
    const sv = 3 + Math.floor(rand() * 3); // 3-5 satellites
    for (let k = at; k < at + len && k < n; k++) {
      poor[k] = 1;
      hdop[k] = h;
      sats[k] = sv;
    }
  }
  const dropouts = Math.max(1, Math.round(12 * per90));
  for (let d = 0; d < dropouts; d++) {
    const len = Math.round((1 + rand() * 4) * 10);
    const at = 1 + Math.floor(rand() * Math.max(1, n - len - 2));
    for (let k = at; k < at + len && k < n - 1; k++) drop[k] = 1;
  }
  return { poor, hdop, sats, drop };
}

/** The unit without the fixes it never wrote (dropouts): GNSS and its heart rate lose those epochs; the truth keeps them. */
function dropFixes(u: SimulatedUnit, drop: Uint8Array): SimulatedUnit {
  const keep: number[] = [];
  for (let k = 0; k < drop.length; k++) if (drop[k] === 0) keep.push(k);
  const pick = (a: Float64Array) => Float64Array.from(keep, (k) => a[k]);
  const g = u.gnss;
  const gnss: GnssStream = { t: pick(g.t), lat: pick(g.lat), lon: pick(g.lon), speed: pick(g.speed), hdop: pick(g.hdop), sats: pick(g.sats), alt: pick(g.alt) };
  return { ...u, gnss, hr: { t: gnss.t, bpm: pick(u.hr.bpm) } };
}

function pickBout(rand: () => number, keeper: boolean): { v: number; s: number } {
  if (keeper) return rand() < 0.7 ? BOUTS[0] : rand() < 0.8 ? BOUTS[1] : BOUTS[3];
  let r = rand();
  for (let i = 0; i < BOUTS.length; i++) {
    r -= BOUT_WEIGHTS[i];
    if (r <= 0) return BOUTS[i];
  }
  return BOUTS[1];
}
