// The build's minifier of Lit's css`` and html`` templates (scripts/build-embed.mjs): what it takes away and what it
// must leave, since a space between two inline elements shows and an expression is never its to touch.
import { describe, expect, it } from 'vitest';
import { minifyCss, minifyHtml } from './build-embed.mjs';

describe('minifyCss', () => {
  it('drops what CSS reads the same without', () => {
    expect(minifyCss(`/* a note */\n  :host {\n    color: #FFFFFF;\n    margin: 0 0 calc(var(--x) * 0.75);\n  }\n  .a + .b, [type='radio'] ~ .c { color: #ffbf47; }\n`).trim()).toBe(
      ':host{color:#FFF;margin:0 0 calc(var(--x)*.75)}.a+.b,[type=radio]~.c{color:#ffbf47}',
    );
  });

  it('keeps the spaces calc() needs around + and -, a descendant after *, and quotes around a value that is no name', () => {
    expect(minifyCss('.a { padding: calc(1px + .5rem) calc(var(--x) - 2px); }')).toBe('.a{padding:calc(1px + .5rem) calc(var(--x) - 2px)}');
    expect(minifyCss('* .x { margin: 0 }')).toBe('* .x{margin:0}');
    expect(minifyCss("[tabindex='-1']:focus { outline: none }")).toBe("[tabindex='-1']:focus{outline:none}");
  });
});

describe('minifyHtml', () => {
  it('drops white space between block tags and the slash of a void element, and keeps one space elsewhere', () => {
    expect(minifyHtml(['<div class="a">\n  <p>', '</p>\n  <label>x</label> <input id=', '\n  />\n</div>\n<fieldset>\n  <legend>', '</legend>\n  ', '\n</fieldset>'])).toEqual([
      '<div class="a"><p>',
      '</p> <label>x</label> <input id=',
      '> </div><fieldset><legend>',
      '</legend> ',
      ' </fieldset>',
    ]);
  });

  it('keeps the space between two buttons and next to an expression, and the slash of an element that is not void', () => {
    expect(minifyHtml(['<button>a</button>\n  <button>b</button> ', ' <svg><path d="M0 0"/></svg>'])).toEqual([
      '<button>a</button> <button>b</button> ',
      ' <svg><path d="M0 0"/></svg>',
    ]);
  });
});
