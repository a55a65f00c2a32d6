/**
 * A tiny hash router: #/<segment> or #/<segment>/<param> (e.g. #/sessions, #/sessions/<id>).
 * Works from file:// (Electron) and from the dev bridge alike. Pages are listed in pages.tsx.
 *
 * A page with unsaved edits can hold navigation (leave-guard.tsx sets `blocker`): a hash change
 * it holds is put back (the page stays, edits and all) and the blocker asks what to do.
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

/** Asked before the route changes to `to` (a hash); true = held (it asks the user, then goes on or not). */
let blocker: ((to: string) => boolean) | null = null;
export function setNavigationBlocker(b: ((to: string) => boolean) | null): void {
  blocker = b;
}

/** Goes to `to` (a hash) without asking the blocker: after the user chose to leave. */
export function forceNavigate(to: string): void {
  shown = to;
  window.location.hash = to;
}

/** The hash the page on screen was routed from (what a held change is put back to). */
let shown = window.location.hash;

export function navigate(segment: string, param?: string): void {
  const to = href(segment, param);
  if (blocker && to !== shown && blocker(to)) return;
  window.location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => {
      const to = window.location.hash;
      if (to !== shown && blocker && blocker(to)) {
        // Back/forward or a typed address while edits are unsaved: the address goes back to the page on screen.
        history.replaceState(history.state, '', shown || window.location.pathname + window.location.search);
        return;
      }
      shown = to;
      setRoute(parseRoute(to));
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
