/**
 * Unsaved edits are never lost by leaving a page without being asked. A page with edits not yet
 * saved registers a guard (useLeaveGuard); while one is registered, in-app navigation (a link, the
 * navigation bar, Back) is held and a dialog asks: save and leave, discard and leave, or stay.
 * Closing or reloading the window asks too: in a browser (the dev bridge) with the browser's own
 * question, in Electron with the main process's dialog ('will-prevent-unload', electron/window.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { forceNavigate, setNavigationBlocker } from './router.ts';

export interface LeaveGuard {
  /** What is unsaved, as the dialog says it: "threshold changes on the Settings page". */
  what: string;
  /** Saves the edits; false when they could not be saved (the page shows why, and the user stays). */
  save?: () => Promise<boolean>;
  /** Drops the edits (the page goes back to what is stored). */
  discard?: () => void;
}

const guards = new Set<{ current: LeaveGuard | null }>();

/**
 * A guard slot registered for the component's lifetime: the component sets `.current` to its guard
 * while edits are unsaved, null otherwise (set during render, so a page with early returns can
 * fill it once its save and discard exist).
 */
export function useLeaveGuardSlot(): { current: LeaveGuard | null } {
  const ref = useRef<LeaveGuard | null>(null);
  useEffect(() => {
    guards.add(ref);
    return () => {
      guards.delete(ref);
    };
  }, []);
  return ref;
}

/** Registers `guard` while it is not null (pass null when nothing is unsaved). */
export function useLeaveGuard(guard: LeaveGuard | null): void {
  const ref = useLeaveGuardSlot();
  useEffect(() => {
    ref.current = guard;
  });
}

function pending(): LeaveGuard[] {
  return [...guards].map((g) => g.current).filter((g): g is LeaveGuard => g !== null);
}

/** The dialog, and the hooks into navigation and the window's unload. Rendered once, in the shell. */
export function LeaveGuardHost() {
  const [ask, setAsk] = useState<{ to: string; what: string[]; canSave: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const hold = (to: string): boolean => {
      const p = pending();
      if (p.length === 0) return false;
      setAsk({ to, what: p.map((g) => g.what), canSave: p.every((g) => g.save) });
      return true;
    };
    setNavigationBlocker(hold);
    // A link clicked is held before the address changes (no extra history entry to step back over).
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!a) return;
      const to = a.getAttribute('href')!;
      if (to === window.location.hash) return;
      if (hold(to)) e.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    // The window's close or reload asks: a browser with its own dialog; Electron's main process
    // asks in 'will-prevent-unload' (src/main/electron/window.ts).
    const onUnload = (e: BeforeUnloadEvent) => {
      if (pending().length === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setNavigationBlocker(null);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  useEffect(() => {
    if (ask) stay.current?.focus();
  }, [ask]);

  if (!ask) return null;
  const leave = () => {
    setAsk(null);
    forceNavigate(ask.to);
  };
  const save = async () => {
    setSaving(true);
    try {
      for (const g of pending()) {
        if (g.save && !(await g.save())) {
          setAsk(null);
          return;
        }
      }
      leave();
    } finally {
      setSaving(false);
    }
  };
  const discard = () => {
    for (const g of pending()) g.discard?.();
    leave();
  };
  // On the body: over every layer of the page, the save bar included.
  return createPortal(
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && setAsk(null)}>
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="leave-h" aria-describedby="leave-d">
        <h2 id="leave-h">Unsaved changes</h2>
        <p id="leave-d">
          You have unsaved {ask.what.join(' and ')}. Save them before leaving this page?
        </p>
        <div className="inline-form">
          {ask.canSave && (
            <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
              Save and leave
            </button>
          )}
          <button type="button" className="danger" onClick={discard} disabled={saving}>
            Discard changes and leave
          </button>
          <button type="button" ref={stay} onClick={() => setAsk(null)} disabled={saving}>
            Stay on this page
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
