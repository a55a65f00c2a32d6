/**
 * A `<select>` that saves a choice only once it is confirmed, not at every keyboard step. Arrowing
 * (or typing a letter) through a closed select fires a change for every option passed on the way;
 * saving each one would store choices nobody made (and, on the session page, mark results out of
 * date and back again as the user goes by). Here those steps only move what the select shows; the
 * choice is saved when it is confirmed:
 *  - Enter, or leaving the select (Tab, a click elsewhere): the option shown is saved;
 *  - a pick with the mouse, or Enter in the opened list: saved at once (no keyboard step before it);
 *  - Escape: back to the saved choice, nothing saved.
 * `pending` says an option is shown but not saved yet, for a hint beside the select.
 */
import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';

/** Keys with which a closed select steps through its options by itself (printable keys: type-ahead). */
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export interface ConfirmedChoice {
  /** Spread on the `<select>`. */
  props: {
    value: string;
    onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLSelectElement>) => void;
    onBlur: () => void;
  };
  /** An option is shown that is not saved yet (Enter or leaving saves it, Escape goes back). */
  pending: boolean;
}

export function useConfirmedChoice(saved: string, save: (value: string) => void): ConfirmedChoice {
  const [draft, setDraft] = useState<string | null>(null);
  // Set by a stepping key; the change it causes comes in the same task, before this is cleared.
  const stepping = useRef(false);
  const commit = (value: string) => {
    setDraft(null);
    if (value !== saved) save(value);
  };
  return {
    props: {
      value: draft ?? saved,
      onChange: (e) => {
        if (stepping.current) setDraft(e.target.value === saved ? null : e.target.value);
        else commit(e.target.value);
      },
      onKeyDown: (e) => {
        if (e.key === 'Enter') {
          if (draft !== null) {
            e.preventDefault();
            commit(draft);
          }
          return;
        }
        if (e.key === 'Escape') {
          if (draft !== null) {
            e.preventDefault();
            setDraft(null);
          }
          return;
        }
        if (e.altKey || e.ctrlKey || e.metaKey) return; // Alt+Down opens the list: a pick there is a confirmed choice
        if (STEP_KEYS.has(e.key) || e.key.length === 1) {
          stepping.current = true;
          setTimeout(() => {
            stepping.current = false;
          }, 0);
        }
      },
      onBlur: () => {
        if (draft !== null) commit(draft);
      },
    },
    pending: draft !== null,
  };
}
