import { useEffect } from 'react';
import { useRoute, href } from './router.ts';
import { PAGES } from './pages.tsx';
import { localZoneName } from '../lib/local-time.ts';
import { SyncIndicator } from '../features/sync/SyncIndicator.tsx';
import { LeaveGuardHost } from './leave-guard.tsx';

/** The app shell: navigation on the left, one page on the right. */
export function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.segment === route.segment) ?? PAGES[0];
  // A new page opens at its top (a session opened from far down the list opens on its head and
  // results, not mid-page where the list was scrolled to).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route.segment, route.param]);
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          Player1
          <br />
          <span>Pitchside</span>
        </div>
        {PAGES.filter((p) => p.nav).map((p) => (
          <a key={p.segment} href={href(p.segment)} aria-current={p === page ? 'page' : undefined}>
            {p.nav}
          </a>
        ))}
        <SyncIndicator />
        <div className="nav-foot" title="Times are shown in this time zone and stored in UTC">
          Times: {localZoneName()}
        </div>
      </nav>
      <main className="page">{page.render(page.segment === route.segment ? route.param : null)}</main>
      <LeaveGuardHost />
    </div>
  );
}
