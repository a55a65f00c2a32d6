export function engineNote(userAgent: string | undefined, runningVersion: string): string | null;
