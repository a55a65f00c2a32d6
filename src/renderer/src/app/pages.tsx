/**
 * The app's pages, listed explicitly: a new page is one component plus one entry here.
 * `nav` pages appear in the navigation, in this order; the first is the start page.
 */
import type { ReactNode } from 'react';
import { SessionsPage } from '../features/sessions/SessionsPage.tsx';
import { SessionPage } from '../features/sessions/SessionPage.tsx';
import { RosterPage } from '../features/roster/RosterPage.tsx';
import { DevicesPage } from '../features/devices/DevicesPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { FeedbackPage } from '../features/feedback/FeedbackPage.tsx';
import { PlayerPage } from '../features/players/PlayerPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { ReportPage } from '../features/reports/ReportPage.tsx';
import { SharedReportPage } from '../features/reports/SharedReportPage.tsx';

export interface PageDef {
  /** First segment of the hash route (#/<segment>[/<param>]). */
  segment: string;
  /** Shown in the navigation when set. */
  nav?: string;
  /** Renders the page; `param` is the second route segment, if any. */
  render: (param: string | null) => ReactNode;
}

export const PAGES: readonly PageDef[] = [
  {
    segment: 'sessions',
    nav: 'Sessions',
    render: (id) => (id ? <SessionPage id={id} key={id} /> : <SessionsPage />),
  },
  { segment: 'devices', nav: 'Devices', render: (sessionId) => <DevicesPage initialSessionId={sessionId} key={sessionId ?? ''} /> },
  { segment: 'feedback', nav: 'Feedback', render: (sessionId) => <FeedbackPage sessionId={sessionId} key={sessionId ?? ''} /> },
  { segment: 'roster', nav: 'Roster', render: () => <RosterPage /> },
  { segment: 'player', render: (id) => (id ? <PlayerPage id={id} key={id} /> : <RosterPage />) },
  { segment: 'settings', nav: 'Settings', render: () => <SettingsPage /> },
  { segment: 'sync', nav: 'Sync', render: () => <SyncPage /> },
  { segment: 'report', render: (sessionId) => (sessionId ? <ReportPage sessionId={sessionId} key={sessionId} /> : <SessionsPage />) },
  { segment: 'shared', render: (token) => (token ? <SharedReportPage token={token} key={token} /> : <SessionsPage />) },
];
