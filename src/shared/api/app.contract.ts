import { z } from 'zod';
import { method, none } from './method.ts';

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  /** Which host serves the API: the Electron main process, the dev/test bridge, or the CLI. */
  host: 'electron' | 'bridge' | 'cli';
  algorithmVersion: string;
}

export const appContract = {
  'app:info': method<AppInfo>()(none),
  /** Opens the host's folder picker. Hosts without one answer UNAVAILABLE; the UI then asks for a typed path. */
  'app:pickFolder': method<{ path: string | null }>()(
    z.object({ title: z.string().max(120).optional() }).strict().default({}),
  ),
  /** Opens the host's file picker (several files). Hosts without one answer UNAVAILABLE. */
  'app:pickFiles': method<{ paths: string[] }>()(
    z.object({ title: z.string().max(120).optional() }).strict().default({}),
  ),
};
