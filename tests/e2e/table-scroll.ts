/** Sideways scrolling of wide tables, for the e2e suites (DOM types: this folder is type-checked with the DOM lib). */
import type { Page } from 'playwright-core';

/**
 * Scrolls the box around `table` to its far end and reads where, relative to the box's left edge,
 * the first row's header cell and its first data cell now stand (scroll put back after).
 */
export async function scrolledEdges(page: Page, table: string): Promise<{ scrolled: number; rowHeader: number; firstData: number }> {
  return page.evaluate((sel) => {
    const t = document.querySelector(sel)!;
    const box = t.closest('.table-scroll')!;
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    const r = {
      scrolled: box.scrollLeft,
      rowHeader: t.querySelector('tbody tr th')!.getBoundingClientRect().left - left,
      firstData: t.querySelector('tbody tr td')!.getBoundingClientRect().left - left,
    };
    box.scrollLeft = 0;
    return r;
  }, table);
}
