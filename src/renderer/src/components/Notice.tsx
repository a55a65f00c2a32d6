import type { ReactNode } from 'react';

export function Notice({ kind, title, children }: { kind: 'error' | 'warning' | 'info' | 'success'; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <strong className="notice-title">{title}</strong>}
      {children}
    </div>
  );
}
