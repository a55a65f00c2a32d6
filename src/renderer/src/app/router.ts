/**
 * A tiny hash router: #/<segment> or #/<segment>/<param> (e.g. #/sessions, #/sessions/<id>).
 * Works from file:// (Electron) and from the dev bridge alike. Pages are listed in pages.tsx.
 */
import { useEffect, useState } from 'react';

export interface Route {
  segment: string;
  param: string | null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return { segment: parts[0] ?? '', param: parts[1] ? decodeURIComponent(parts[1]) : null };
}

export function href(segment: string, param?: string): string {
  return param ? `#/${segment}/${encodeURIComponent(param)}` : `#/${segment}`;
}

export function navigate(segment: string, param?: string): void {
  window.location.hash = href(segment, param);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
