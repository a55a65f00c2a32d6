import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { EventName, EventPayloads, Player1Api } from '../../../shared/api/contract.ts';
import { errorMessage } from './api.ts';

const ApiContext = createContext<Player1Api | null>(null);

export const ApiProvider = ApiContext.Provider;

export function useApi(): Player1Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** Subscribe to a push event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (p: EventPayloads[E]) => void): void {
  const api = useApi();
  useEffect(() => api.on(event, listener), [api, event, listener]);
}

/** Load data with an async function; reload() re-runs it. Errors are kept for display. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
} {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `deps` say when its result changes.
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
}
