/**
 * Where the laptop's sync token is kept. The core sees only this interface; the Electron adapter
 * (src/main/electron/safe-token-store.ts) encrypts it with safeStorage, never in plain text. The
 * dev bridge and the tests keep it in memory; the CLI reads it from an environment variable.
 */
export interface TokenStore {
  readonly kind: string;
  get(): Promise<string | null>;
  /** null clears it. Throws when the token cannot be kept safely. */
  set(token: string | null): Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  readonly kind = 'memory';
  private token: string | null;
  constructor(token: string | null = null) {
    this.token = token;
  }
  async get(): Promise<string | null> {
    return this.token;
  }
  async set(token: string | null): Promise<void> {
    this.token = token;
  }
}
