/**
 * What web permissions the app's pages may have: none. The app uses no camera, microphone,
 * geolocation, notifications, MIDI, HID/serial/USB from the page (units are reached by the main
 * process), clipboard reads, fullscreen requests, pointer lock or persistent storage prompts.
 * The Electron adapter answers every setPermissionRequestHandler / setPermissionCheckHandler /
 * setDevicePermissionHandler question with this.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = [];

export function isPermissionAllowed(permission: string, requestingOrigin: string, appOrigin: string): boolean {
  return requestingOrigin === appOrigin && ALLOWED_PERMISSIONS.includes(permission);
}
