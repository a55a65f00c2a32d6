import { useRoute, href } from './router.ts';
import { SessionsPage } from '../features/sessions/SessionsPage.tsx';
import { SessionPage } from '../features/sessions/SessionPage.tsx';
import { RosterPage } from '../features/roster/RosterPage.tsx';
import { localZoneName } from '../lib/local-time.ts';

/** The app shell: navigation on the left, one page on the right. */
export function App() {
  const route = useRoute();
  const section = route.page === 'roster' ? 'roster' : 'sessions';
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          Player1
          <br />
          <span>Pitchside</span>
        </div>
        <a href={href({ page: 'sessions' })} aria-current={section === 'sessions' ? 'page' : undefined}>
          Sessions
        </a>
        <a href={href({ page: 'roster' })} aria-current={section === 'roster' ? 'page' : undefined}>
          Roster
        </a>
        <div className="nav-foot" title="Times are shown in this time zone and stored in UTC">
          Times: {localZoneName()}
        </div>
      </nav>
      <main className="page">
        {route.page === 'roster' && <RosterPage />}
        {route.page === 'sessions' && <SessionsPage />}
        {route.page === 'session' && <SessionPage id={route.id} key={route.id} />}
      </main>
    </div>
  );
}
