/**
 * The driver registry: every driver, in one list, in the order discovery tries them.
 * Adding a unit type = one new file in drivers/ plus one line here.
 */
import type { Driver } from './drivers/driver.ts';
import { massStorageDriver } from './drivers/mass-storage.driver.ts';
import { nmeaSerialDriver } from './drivers/nmea-serial.driver.ts';
import { player1Driver } from './drivers/player1.driver.ts';
import type { DriverId, PortInfo } from './types.ts';

export const drivers: readonly Driver[] = [player1Driver, nmeaSerialDriver, massStorageDriver];

export function driverById(id: DriverId, list: readonly Driver[] = drivers): Driver {
  const d = list.find((x) => x.id === id);
  if (!d) throw new Error(`no driver '${id}'`);
  return d;
}

/**
 * Serial drivers worth probing on a port, best first: those whose VID/PID is theirs ('yes'),
 * then those for which the port is a plausible generic bridge ('maybe'). Empty = leave it alone.
 */
export function serialDriversFor(port: PortInfo, list: readonly Driver[] = drivers): Driver[] {
  const yes: Driver[] = [];
  const maybe: Driver[] = [];
  for (const d of list) {
    if (d.kind !== 'serial' || !d.match || !d.probe) continue;
    const m = d.match(port);
    if (m === 'yes') yes.push(d);
    else if (m === 'maybe') maybe.push(d);
  }
  return [...yes, ...maybe];
}

export function volumeDrivers(list: readonly Driver[] = drivers): Driver[] {
  return list.filter((d) => d.kind === 'volume' && d.identifyVolume);
}
