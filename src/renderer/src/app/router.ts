/** A tiny hash router: #/sessions, #/sessions/<id>, #/roster. Works from file:// and from the bridge. */
import { useEffect, useState } from 'react';

export type Route = { page: 'sessions' } | { page: 'session'; id: string } | { page: 'roster' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'roster') return { page: 'roster' };
  if (parts[0] === 'sessions' && parts[1]) return { page: 'session', id: decodeURIComponent(parts[1]) };
  return { page: 'sessions' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'roster':
      return '#/roster';
    case 'session':
      return `#/sessions/${encodeURIComponent(route.id)}`;
    default:
      return '#/sessions';
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
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
