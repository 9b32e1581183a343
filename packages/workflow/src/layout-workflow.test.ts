import { describe, expect, it } from 'vitest';
import { loadExample } from '@civicflow/test-support';
import { DIAGRAM, layoutWorkflow, wrap, type Rect } from './layout-workflow.js';

const EXAMPLES = ['gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis', 'zweite-chance'] as const;

/** Whether two rectangles share any area (touching edges do not count). */
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layoutWorkflow', () => {
  for (const example of EXAMPLES) {
    for (const locale of ['de', 'en']) {
      it(`lays out ${example} (${locale}) with no two boxes overlapping, no wider than a 1280 px window allows`, () => {
        const layout = layoutWorkflow(loadExample(example), locale);
        const boxes: { name: string; rect: Rect }[] = [
          ...layout.states.map((s) => ({ name: `state ${s.node.id}`, rect: s })),
          ...layout.labels.map((l) => ({ name: `label ${l.edge.labels.join(' / ')}`, rect: l })),
        ];
        if (layout.start) boxes.push({ name: 'start', rect: { x: layout.start.x - DIAGRAM.startRadius, y: layout.start.y - DIAGRAM.startRadius, w: 2 * DIAGRAM.startRadius, h: 2 * DIAGRAM.startRadius } });
        expect(layout.states.length).toBeGreaterThan(3);
        const clashes: string[] = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!.rect, boxes[j]!.rect)) clashes.push(`${boxes[i]!.name} × ${boxes[j]!.name}`);
        expect(clashes).toEqual([]);
        for (const b of boxes) {
          expect(b.rect.x, b.name).toBeGreaterThanOrEqual(0);
          expect(b.rect.x + b.rect.w, b.name).toBeLessThanOrEqual(layout.width);
          expect(b.rect.y + b.rect.h, b.name).toBeLessThanOrEqual(layout.height);
        }
        expect(layout.width).toBeLessThanOrEqual(DIAGRAM.maxWidth);
      });
    }
  }
});

describe('wrap', () => {
  it('breaks at spaces into lines of at most the length given, a longer word on a line of its own', () => {
    expect(wrap('Nachweis der Verwendung überfällig', 18)).toEqual(['Nachweis der', 'Verwendung', 'überfällig']);
    expect(wrap('Zuwendungsbescheidsänderung erteilt', 18)).toEqual(['Zuwendungsbescheidsänderung', 'erteilt']);
    expect(wrap('', 18)).toEqual(['']);
  });
});

describe('layoutWorkflow of a definition being edited', () => {
  it('lays out nothing, without failing, for a definition without states', () => {
    const program = loadExample('zweite-chance');
    const layout = layoutWorkflow({ locales: program.locales, definition: { ...program.definition, workflow: undefined } }, 'de');
    expect(layout.states).toEqual([]);
    expect(layout.start).toBeUndefined();
    expect([layout.width, layout.height]).toEqual([0, 0]);
  });
});
