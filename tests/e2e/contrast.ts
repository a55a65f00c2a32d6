/** Colour checks for the e2e suites (DOM types: this folder is type-checked with the DOM lib). */
import type { Locator } from 'playwright-core';

/**
 * WCAG contrast ratio between an element's text colour and its own background colour (opaque
 * backgrounds only, as buttons have): 1 = invisible, 21 = black on white.
 */
export async function textContrast(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const s = getComputedStyle(el);
    const lum = (css: string): number => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  });
}
