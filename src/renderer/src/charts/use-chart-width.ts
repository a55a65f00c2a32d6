/**
 * A chart's width: the fixed one when given (the report draws at a fixed size so it prints as it
 * shows), else its container's, followed as the window is resized (the session page).
 */
import { useCallback, useState } from 'react';

/** Until the container has been measured (one layout): a width that fits a laptop's page. */
const FIRST_WIDTH = 900;

export function useChartWidth(fixed: number | undefined): { ref: (el: HTMLElement | null) => (() => void) | undefined; width: number } {
  const [measured, setMeasured] = useState<number | null>(null);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      if (fixed != null || !el) return undefined;
      const read = () => {
        const w = Math.floor(el.clientWidth);
        if (w > 0) setMeasured(w);
      };
      read();
      const ro = new ResizeObserver(read);
      ro.observe(el);
      return () => ro.disconnect();
    },
    [fixed],
  );
  return { ref, width: fixed ?? measured ?? FIRST_WIDTH };
}
