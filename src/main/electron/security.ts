/**
 * The Electron side of the security checklist, applying the Electron-free policies of
 * src/shared/security and src/main/core/security: the player1:// scheme (registered before the
 * app is ready, served by protocol.handle, never file://), web permissions (all denied), and
 * shell.openExternal through the allow-list.
 */
import { protocol, session, shell, type Session } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from '../../shared/security/csp.ts';
import { isAllowedExternalUrl } from '../../shared/security/external-urls.ts';
import { isPermissionAllowed } from '../../shared/security/permissions.ts';
import { serveAppProtocol, type ProtocolRoots } from '../core/security/app-protocol.ts';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(roots: ProtocolRoots): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const a = await serveAppProtocol(request.url, roots, request.method);
    const body = typeof a.body === 'string' ? a.body : new Uint8Array(a.body);
    return new Response(body, { status: a.status, headers: a.headers });
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Every permission the app does not use is denied, asked (request) or checked (check), for every page. */
export function denyPermissions(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, originOf(details.requestingUrl), APP_ORIGIN));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, originOf(requestingOrigin), APP_ORIGIN));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
}

/** shell.openExternal only for allow-listed URLs (the docs site, the club server). */
export function openExternalIfAllowed(url: string, clubServerOrigin: () => string | null): boolean {
  if (!isAllowedExternalUrl(url, clubServerOrigin())) {
    console.warn(`[security] refused to open ${url.slice(0, 200)} outside the app (not on the allow-list)`);
    return false;
  }
  void shell.openExternal(url);
  return true;
}
