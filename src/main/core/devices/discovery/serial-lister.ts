/**
 * The serial port listing: the source of truth for which serial units are plugged in.
 * Wraps serialport's SerialPort.list() into our PortInfo; injectable so tests and demo mode
 * can list pseudo-terminals (which the OS listing never shows) with the VID/PID of a unit.
 */
import { SerialPort } from 'serialport';
import type { PortInfo } from '../types.ts';

export type ListPorts = () => Promise<PortInfo[]>;

export const listSerialPorts: ListPorts = async () => {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    vendorId: p.vendorId?.toLowerCase(),
    productId: p.productId?.toLowerCase(),
    serialNumber: p.serialNumber,
    manufacturer: p.manufacturer,
  }));
};

/** Concatenates listings (e.g. the OS's plus demo mode's simulated units). */
export function combineListers(...listers: ListPorts[]): ListPorts {
  return async () => {
    const all = await Promise.all(listers.map((l) => l().catch(() => [] as PortInfo[])));
    return all.flat();
  };
}
