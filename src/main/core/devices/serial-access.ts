/**
 * A unit's serial port that this account may not open (EACCES on Linux: /dev/ttyACM* belongs to
 * root:dialout): the reason says how to let the logged-in user reach Player1 units, with Player1's
 * udev rule (build/linux/70-player1-units.rules, which the .deb installs). The AppImage installs
 * nothing, so the message gives the exact commands that write the rule and reload udev.
 */
/** The rule's file name and lines: the same as build/linux/70-player1-units.rules (a test compares them). */
export const UDEV_RULE_FILE = '70-player1-units.rules';
export const UDEV_RULE_LINES: readonly string[] = [
  'SUBSYSTEM=="tty", ATTRS{idVendor}=="1209", ATTRS{idProduct}=="5031", TAG+="uaccess", ENV{ID_MM_DEVICE_IGNORE}="1"',
  'SUBSYSTEM=="usb", ATTR{idVendor}=="1209", ATTR{idProduct}=="5031", TAG+="uaccess", ENV{ID_MM_DEVICE_IGNORE}="1"',
];

/** The shell commands that install the rule on any Linux (one line, for a terminal). */
export function udevInstallCommands(): string {
  const lines = UDEV_RULE_LINES.map((l) => `'${l}'`).join(' ');
  return `printf '%s\\n' ${lines} | sudo tee /etc/udev/rules.d/${UDEV_RULE_FILE} && sudo udevadm control --reload-rules && sudo udevadm trigger`;
}

/** Did opening fail because this account may not use the port? (serialport's text or a Node error code) */
export function isAccessDenied(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return true;
  const message = err instanceof Error ? err.message : String(err);
  return /\b(EACCES|EPERM)\b|permission denied|access denied/i.test(message);
}

/**
 * Why `location` could not be opened, in the user's words: on Linux, a refused port explains how
 * to install the udev rule; anything else keeps the system's reason.
 */
export function serialOpenReason(location: string, err: unknown, platform: NodeJS.Platform = process.platform): string {
  const why = err instanceof Error ? err.message : String(err);
  if (!isAccessDenied(err)) return `cannot open ${location}: ${why}`;
  if (platform !== 'linux') {
    return `cannot open ${location}: this account is not allowed to use the port (another program may hold it, or the system refused it). Close other programs that use the unit, unplug and replug it, and try again`;
  }
  return (
    `cannot open ${location}: this account is not allowed to use the unit's serial port, because Player1's udev rule is not installed. ` +
    `With the .deb package it is installed for you (reinstall the package if it was removed). With the AppImage, install it once from a terminal: ` +
    `${udevInstallCommands()} ` +
    `(this writes /etc/udev/rules.d/${UDEV_RULE_FILE}, which lets the logged-in user use Player1 units and keeps ModemManager off them), then unplug and replug the unit. ` +
    `(Adding yourself to the dialout group and logging in again also works.)`
  );
}
