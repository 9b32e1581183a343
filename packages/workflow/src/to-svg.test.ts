import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { toSvg } from './to-svg.js';
import { loadExample } from '@civicflow/test-support';
import { tinyProgram } from './test-support/tiny-program.js';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The texts of an SVG, unescaped, in document order: a state's wrapped lines joined with spaces. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<(text|title|desc)[^>]*>(.*?)<\/\1>/g)].map((m) => unescape(m[2]!.replace(/<tspan[^>]*>/g, ' ').replace(/<\/tspan>/g, '')).trim());
}

/** The label lines of an SVG's edge labels, unescaped, one string per label box. */
function labelTexts(svg: string): string[] {
  return [...svg.matchAll(/<text class="label"[^>]*>(.*?)<\/text>/g)].map((m) => unescape(m[1]!.replace(/<tspan[^>]*>/g, ' ').replace(/<\/tspan>/g, '')).trim());
}

interface Box {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The boxes an SVG draws for states and edge labels (a final state's inner border is part of its box). */
function boxes(svg: string): Box[] {
  return [...svg.matchAll(/<rect( class="label-bg")? x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    what: m[1] ? 'label' : 'state',
    x: Number(m[2]),
    y: Number(m[3]),
    w: Number(m[4]),
    h: Number(m[5]),
  }));
}

const EXAMPLES = ['gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis', 'zweite-chance'] as const;
/** A 1280 px window less the page's margins (64 px each side). */
const FITS = 1280 - 2 * 64;

describe('toSvg', () => {
  const program = loadExample('zweite-chance');

  it('draws every state once with its title, and every transition with its event title', () => {
    const svg = toSvg(program, { locale: 'en' });
    const shown = texts(svg);
    for (const title of ['First contact', 'Sign-up', 'Profiling', 'Coaching', 'Placement', 'Follow-up', 'Paused', 'Closed', 'Dropped out', 'Any open state']) {
      expect(shown.filter((t) => t === title), title).toHaveLength(1);
    }
    const labels = labelTexts(svg);
    expect(labels).toContain('Agree coaching plan');
    expect(labels).toContain('after 6 months: Six months in work');
    expect(svg).not.toMatch(/P6M|P3M/);
    expect(svg.match(/<g class="state final">/g)).toHaveLength(2);
    expect(svg.match(/<g class="start"><circle/g)).toHaveLength(1);
  });

  for (const example of EXAMPLES) {
    for (const locale of ['de', 'en']) {
      it(`draws ${example} (${locale}) with no two boxes overlapping, narrow enough for a 1280 px window`, () => {
        const svg = toSvg(loadExample(example), { locale });
        const drawn = boxes(svg);
        expect(drawn.filter((b) => b.what === 'label').length).toBeGreaterThan(3);
        const clashes: string[] = [];
        for (let i = 0; i < drawn.length; i++) {
          for (let j = i + 1; j < drawn.length; j++) {
            const [a, b] = [drawn[i]!, drawn[j]!];
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) clashes.push(`${a.what}@${a.x},${a.y} × ${b.what}@${b.x},${b.y}`);
          }
        }
        expect(clashes).toEqual([]);
        const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
        expect(width).toBeLessThanOrEqual(FITS);
        for (const b of drawn) expect(b.x + b.w).toBeLessThanOrEqual(width);
      });
    }
  }

  it('says when timers come in words of the locale, never as ISO text', () => {
    const de = labelTexts(toSvg(loadExample('wir-vielfalt'), { locale: 'de' }));
    expect(de.some((l) => l.startsWith('nach 4 Wochen:'))).toBe(true);
    expect(de.some((l) => l.startsWith('am 30. November 2019, 23:59:'))).toBe(true);
    const en = labelTexts(toSvg(loadExample('wir-vielfalt'), { locale: 'en' }));
    expect(en.some((l) => l.startsWith('on November 30, 2019, 23:59:'))).toBe(true);
    expect(en.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}|\bP\d/);
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
