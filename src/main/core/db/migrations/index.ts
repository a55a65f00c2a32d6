/** The migration registry: append a new numbered file here; never edit or reorder applied ones. */
import type { Migration } from '../migrate.ts';
import { m001Init } from './001_init.ts';
import { m002Devices } from './002_devices.ts';

export const MIGRATIONS: readonly Migration[] = [m001Init, m002Devices];
