import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { toSvg } from './to-svg.js';
import { loadExample } from '@civicflow/test-support';
import { tinyProgram } from './test-support/tiny-program.js';

/** The texts of an SVG, unescaped, in document order. */
function texts(svg: string): string[] {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<(?:text|tspan|title|desc)[^>]*>([^<]+)</g)].map((m) => unescape(m[1]!));
}

describe('toSvg', () => {
  const program = loadExample('zweite-chance');

  it('draws every state once with its title, and every transition with its event title', () => {
    const svg = toSvg(program, { locale: 'en' });
    const shown = texts(svg);
    for (const title of ['First contact', 'Sign-up', 'Profiling', 'Coaching', 'Placement', 'Follow-up', 'Paused', 'Closed', 'Dropped out', 'Any open state']) {
      expect(shown.filter((t) => t === title), title).toHaveLength(1);
    }
    expect(shown).toContain('Agree coaching plan');
    expect(shown).toContain('after P6M: Six months in work');
    expect(svg.match(/<g class="state final">/g)).toHaveLength(2);
    expect(svg.match(/<circle class="start"/g)).toHaveLength(1);
  });

  it('is well-formed SVG with a title and description for assistive technology', () => {
    const svg = toSvg(program, { locale: 'de' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title id="cf-title">Zweite Chance</title>');
    expect(svg).toContain('role="img"');
    const opened = (svg.match(/<g[ >]/g) ?? []).length;
    expect((svg.match(/<\/g>/g) ?? []).length).toBe(opened);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('escapes the program texts', () => {
    const svg = toSvg(loadProgram(tinyProgram({ 'workflow.states.open.title': '<script>alert("x")</script> & more' })));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
  });
});
