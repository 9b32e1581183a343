// The program designer in real headless Chromium with a generated 500-field program: how long it takes to open,
// and how long from a change in the editor (a label typed) to the preview painted with it.
//
// Rows are rates for bench/run.mjs (opens or changes per second, 1000 / median ms; more is better); the names carry
// the plain milliseconds. Baselines in the same run: opening the same program in <cf-form> alone (what the preview
// costs by itself), and the next painted frame with nothing changed (the floor a change cannot beat).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { buildDesignerBundle, designerBundleFile } from '../scripts/build-embed.mjs';
import { generatedProgram } from './elements.bench.mjs';

const OPENS = Number(process.env.BENCH_DESIGNER_OPENS ?? 5);
const CHANGES = Number(process.env.BENCH_DESIGNER_CHANGES ?? 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const perSec = (ms) => 1000 / ms;

function serve(files) {
  const server = createServer((req, res) => {
    const body = files[new URL(req.url, 'http://x').pathname];
    if (body === undefined) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': req.url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function run() {
  await buildDesignerBundle();
  const bundleCode = await readFile(designerBundleFile, 'utf8');
  const text = JSON.stringify(generatedProgram(500), null, 2);
  const server = await serve({ '/': '<!doctype html><html lang="en"><body></body></html>', '/designer.js': bundleCode });
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const result = await page.evaluate(
      async (programText, opens, changes) => {
        await import('/designer.js');
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))));
        const preview = (el) => el.shadowRoot.querySelector('cf-form');
        const openTimes = [];
        const formTimes = [];
        let el;
        for (let i = 0; i < opens; i++) {
          document.body.replaceChildren();
          await frame();
          const t0 = performance.now();
          el = document.createElement('cf-program-designer');
          el.setAttribute('locale', 'en');
          el.text = programText;
          document.body.append(el);
          await el.updateComplete;
          await preview(el).updateComplete;
          await frame();
          if (!preview(el).shadowRoot.textContent.includes('Field 500')) throw new Error('the preview does not show the program');
          openTimes.push(performance.now() - t0);
          // The baseline: the same program in the widget alone, with the compiled program the designer made.
          document.body.replaceChildren();
          await frame();
          const compiled = { program: preview(el).program.program, validators: preview(el).program.validators };
          const t1 = performance.now();
          const form = document.createElement('cf-form');
          form.setAttribute('locale', 'en');
          form.setAttribute('form-id', 'big');
          form.program = compiled;
          document.body.append(form);
          await form.updateComplete;
          await frame();
          formTimes.push(performance.now() - t1);
        }
        document.body.replaceChildren(el);
        await el.updateComplete;
        await frame();
        // Select the second field, then type its English label again and again.
        el.shadowRoot.querySelector('[id="field:big:f1"]').click();
        await el.updateComplete;
        const changeTimes = [];
        const idleTimes = [];
        for (let i = 0; i < changes; i++) {
          const input = el.shadowRoot.querySelector('#label-en');
          const label = `Changed ${i}`;
          input.value = label;
          const t0 = performance.now();
          input.dispatchEvent(new Event('change'));
          await el.updateComplete;
          await preview(el).updateComplete;
          await frame();
          const t = performance.now() - t0;
          if (!preview(el).shadowRoot.textContent.includes(label)) throw new Error('the preview does not show the change');
          changeTimes.push(t);
          const t1 = performance.now();
          await frame();
          idleTimes.push(performance.now() - t1);
        }
        return { openTimes, formTimes, changeTimes, idleTimes };
      },
      text,
      OPENS,
      CHANGES,
    );
    const open = median(result.openTimes);
    const form = median(result.formTimes);
    const change = median(result.changeTimes);
    const idle = median(result.idleTimes);
    const formRow = `open: the same program in <cf-form> alone: median ${form.toFixed(0)} ms (opens/s)`;
    const idleRow = `next painted frame, nothing changed: median ${idle.toFixed(1)} ms (frames/s)`;
    return [
      { name: `open: 500-field program in the designer: median ${open.toFixed(0)} ms (opens/s)`, opsPerSec: perSec(open), value: open, unit: 'ms', baseline: formRow },
      { name: formRow, opsPerSec: perSec(form), value: form, unit: 'ms' },
      { name: `change to painted preview, 500-field program: median ${change.toFixed(1)} ms (target <= 50 ms; changes/s)`, opsPerSec: perSec(change), value: change, unit: 'ms', baseline: idleRow, target: { minOpsPerSec: perSec(50) } },
      { name: idleRow, opsPerSec: perSec(idle), value: idle, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
