/**
 * The sync token in the app: encrypted with Electron's safeStorage (the OS keychain / libsecret /
 * DPAPI key) into `<userData>/sync-token.bin`, written atomically. Never in plain text: where the
 * system offers no encryption (safeStorage unavailable, or Linux's 'basic_text' fallback) the
 * token is refused with a message rather than stored readable.
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenStore } from '../core/sync/token-store.ts';
import { writeFileAtomic } from '../core/util/atomic-write.ts';

export class SafeTokenStore implements TokenStore {
  readonly kind = 'safeStorage';
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'sync-token.bin');
  }

  private usable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring Electron falls back to a fixed key: that is plain text in all but name.
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : null;
    return backend !== 'basic_text';
  }

  async get(): Promise<string | null> {
    if (!existsSync(this.file) || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch {
      // Encrypted under another user's or machine's key (a restored backup): ask for the token again.
      return null;
    }
  }

  async set(token: string | null): Promise<void> {
    if (token === null) {
      rmSync(this.file, { force: true });
      return;
    }
    if (!this.usable()) {
      throw new Error('this computer offers no secure storage for the token (no keyring is unlocked); unlock or install one, then enter the token again');
    }
    writeFileAtomic(this.file, safeStorage.encryptString(token));
  }
}
