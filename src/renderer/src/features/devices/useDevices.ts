/**
 * The Devices page's live state: connected units, each unit's last download and demo mode,
 * loaded once and then kept current by the devices:* push events (never polled). Events that
 * arrive while the first load is in flight win over its (older) answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoStatus, DeviceView, DevicesOverview, DownloadStatus, PortProblem } from '../../../../shared/api/devices.contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';

export interface DevicesState {
  devices: DeviceView[];
  downloads: Map<string, DownloadStatus>;
  demo: DemoStatus | null;
  discovery: DevicesOverview['discovery'] | null;
  problems: PortProblem[];
  error: string | null;
  loaded: boolean;
  setDemo: (d: DemoStatus) => void;
}

export function useDevices(): DevicesState {
  const api = useApi();
  const [devices, setDevices] = useState<Map<string, DeviceView>>(() => new Map());
  const [downloads, setDownloads] = useState<Map<string, DownloadStatus>>(() => new Map());
  const [demo, setDemo] = useState<DemoStatus | null>(null);
  const [discovery, setDiscovery] = useState<DevicesOverview['discovery'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Ports refused or not identified, the latest per port; a unit found on the port clears its own.
  const [problems, setProblems] = useState<Map<string, PortProblem>>(() => new Map());
  const [loaded, setLoaded] = useState(false);
  // Ids touched by events since the first load was asked for: its answer must not undo them.
  const touched = useRef<Set<string> | null>(new Set());

  const touch = (id: string) => touched.current?.add(id);
  const upsert = useCallback((d: DeviceView) => {
    touch(d.deviceId);
    setDevices((m) => new Map(m).set(d.deviceId, d));
  }, []);
  const remove = useCallback((id: string) => {
    touch(id);
    setDevices((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
  }, []);
  const setStatus = useCallback((s: DownloadStatus) => {
    touch(`dl:${s.deviceId}`);
    setDownloads((m) => new Map(m).set(s.deviceId, s));
  }, []);

  useEffect(() => {
    const offs = [
      api.on('devices:attached', (d) => {
        upsert(d);
        // A unit found on a port clears that port's problem (the core keeps the current ones).
        api['devices:list']().then(
          (o) => live && setProblems(new Map((o.discovery.problems ?? []).map((p) => [p.path ?? '', p]))),
          () => {},
        );
      }),
      api.on('devices:problem', (p) => setProblems((m) => new Map(m).set(p.path ?? '', p))),
      api.on('devices:detached', (p) => remove(p.deviceId)),
      api.on('devices:progress', (p) => setStatus({ state: 'running', ...p })),
      api.on('devices:done', (p) => setStatus({ state: 'done', ...p })),
      api.on('devices:failed', (p) => setStatus({ state: 'failed', ...p })),
    ];
    let live = true;
    api['devices:list']().then(
      (o) => {
        if (!live) return;
        const seen = touched.current ?? new Set<string>();
        touched.current = null;
        setDevices((m) => {
          const next = new Map<string, DeviceView>();
          for (const d of o.devices) if (!seen.has(d.deviceId)) next.set(d.deviceId, d);
          for (const [id, d] of m) next.set(id, d);
          return next;
        });
        setDownloads((m) => {
          const next = new Map<string, DownloadStatus>();
          for (const s of o.downloads) if (!seen.has(`dl:${s.deviceId}`)) next.set(s.deviceId, s);
          for (const [id, s] of m) next.set(id, s);
          return next;
        });
        setDemo(o.demo);
        setDiscovery(o.discovery);
        setProblems((m) => {
          const next = new Map<string, PortProblem>();
          for (const p of o.discovery.problems ?? []) next.set(p.path ?? '', p);
          for (const [k, p] of m) next.set(k, p);
          return next;
        });
        setLoaded(true);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoaded(true);
      },
    );
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [api, upsert, remove, setStatus]);

  const list = [...devices.values()].sort((a, b) => a.unitId.localeCompare(b.unitId, undefined, { numeric: true }));
  return { devices: list, downloads, demo, discovery, problems: [...problems.values()], error, loaded, setDemo };
}
