import { describe, expect, it } from 'vitest';
import { esc } from '../../../src/main/core/report/html-escape.ts';

describe('esc', () => {
  it('writes the five characters that could end HTML content or an attribute as entities, and nothing else', () => {
    expect(esc(`<td class="x">Tom & Jerry's</td>`)).toBe('&lt;td class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/td&gt;');
    expect(esc('&&<<>>""\'\'')).toBe('&amp;&amp;&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;');
    expect(esc('Müller — 10.5 km/h, 95 %')).toBe('Müller — 10.5 km/h, 95 %');
    expect(esc('')).toBe('');
    // Twice in a row (a global pattern's state must not carry over from one call to the next).
    expect(esc('a<b')).toBe('a&lt;b');
    expect(esc('a<b')).toBe('a&lt;b');
  });
});
