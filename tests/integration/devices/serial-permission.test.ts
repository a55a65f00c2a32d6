/**
 * A unit's serial port this account may not open (Linux EACCES): a real pty (socat) whose mode is
 * set to deny others, opened through the app's SerialTransport by an unprivileged user (root
 * ignores file modes, so the opener runs as `nobody` through runuser). The reason the driver gives
 * must explain the udev rule with the exact commands; the same port opened with access granted
 * opens. The rule in the message is build/linux/70-player1-units.rules, line for line.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/shared-data.ts';
import { createPtyPair } from '../../../src/main/core/devices/sim/pty-pair.ts';
import { serialOpenReason, UDEV_RULE_FILE, UDEV_RULE_LINES, udevInstallCommands } from '../../../src/main/core/devices/serial-access.ts';
import { hasSocat, SKIP_REASON } from './helpers.ts';
import { startTestCore } from '../../support/core.ts';
import { FakeUsbAdapter } from '../../../src/main/core/devices/discovery/fake-usb.adapter.ts';
import type { EventPayloads } from '../../../src/shared/api/contract.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const OPENER = join(REPO_ROOT, 'tests', 'integration', 'devices', 'fixtures', 'open-port.ts');
const asRoot = process.getuid?.() === 0;
const canDrop = asRoot && spawnSync('runuser', ['-u', 'nobody', '--', NODE, '-e', '0']).status === 0;

describe("the udev rule's text", () => {
  it('is the rule file the .deb installs, line for line', () => {
    const file = readFileSync(join(REPO_ROOT, 'build', 'linux', UDEV_RULE_FILE), 'utf8');
    const rules = file.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(rules).toEqual(UDEV_RULE_LINES);
    // The commands are shell-safe: the rule lines hold no single quote.
    for (const l of UDEV_RULE_LINES) expect(l).not.toContain("'");
    expect(udevInstallCommands()).toContain(`sudo tee /etc/udev/rules.d/${UDEV_RULE_FILE} && sudo udevadm control --reload-rules && sudo udevadm trigger`);
  });

  it('is only offered for a refusal on Linux', () => {
    const denied = Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyACM0'), {});
    expect(serialOpenReason('/dev/ttyACM0', denied, 'linux')).toContain('udevadm control --reload-rules');
    expect(serialOpenReason('/dev/ttyACM0', denied, 'win32')).not.toContain('udev');
    expect(serialOpenReason('/dev/ttyACM0', new Error('Error: No such file or directory, cannot open /dev/ttyACM0'), 'linux')).toBe(
      'cannot open /dev/ttyACM0: Error: No such file or directory, cannot open /dev/ttyACM0',
    );
  });
});

const skip = !hasSocat || !canDrop;
describe.skipIf(skip)(`a refused serial port${skip ? ` (skipped: ${!hasSocat ? SKIP_REASON : 'needs root to run the opener as nobody'})` : ''}`, () => {
  it('an unprivileged user refused a pty is told how to install the udev rule; granted, it opens', async () => {
    const pair = await createPtyPair();
    try {
      const dev = realpathSync(pair.hostPath);
      const open = () => spawnSync('runuser', ['-u', 'nobody', '--', NODE, OPENER, dev], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 30_000 });
      chmodSync(dev, 0o600);
      const refused = open();
      expect(refused.stdout, refused.stderr).toMatch(/^REFUSED /);
      const reason = refused.stdout.slice('REFUSED '.length).trim();
      expect(reason).toContain(`cannot open ${dev}: this account is not allowed to use the unit's serial port, because Player1's udev rule is not installed`);
      expect(reason).toContain(udevInstallCommands());
      expect(reason).not.toMatch(/EACCES/);
      chmodSync(dev, 0o666);
      const opened = open();
      expect(opened.stdout.trim(), opened.stderr).toBe('OPENED');
    } finally {
      await pair.close();
    }
  });
});

describe.skipIf(process.platform !== 'linux')('a refused port on the Devices page', () => {
  it('the core lists it with the udev explanation and pushes devices:problem (a real EACCES from the serial binding)', async () => {
    // /proc/sys/kernel/osrelease refuses to be opened read-write even to root (EACCES): a port
    // listed with a Player1 unit's VID/PID there is refused the way a tty without the rule is.
    const refused = '/proc/sys/kernel/osrelease';
    const t = startTestCore({
      devices: { demo: false, debounceMs: 20, pollMs: 50, hardware: { listPorts: async () => [{ path: refused, vendorId: '1209', productId: '5031' }], usb: new FakeUsbAdapter(), volumeRoots: [] } },
    });
    const seen: EventPayloads['devices:problem'][] = [];
    t.core.events.on('devices:problem', (p) => seen.push(p));
    try {
      await t.call('devices:list');
      for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(seen[0]?.path).toBe(refused);
      expect(seen[0].message).toContain("this account is not allowed to use the unit's serial port, because Player1's udev rule is not installed");
      expect(seen[0].message).toContain(udevInstallCommands());
      const list = await t.call('devices:list');
      expect(list.devices).toEqual([]);
      expect(list.discovery.problems?.map((p) => p.path)).toEqual([refused]);
    } finally {
      await t.close();
    }
  });
});
